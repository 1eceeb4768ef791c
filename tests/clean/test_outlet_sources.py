"""Outlet and publication date from every source an input offers, each saying where it came from.

Fixture texts are written for these tests (no real article text).
"""

from __future__ import annotations

from datetime import date

import pytest

from parallax.clean import clean_articles, metadata
from parallax.models import RawArticle

PARAGRAPHS = [
    "The river authority opened the new flood barrier on Thursday after four years of building work.",
    "Engineers said the barrier would protect about nine thousand homes along the lower valley.",
    "Some farmers upstream said the works had changed how their fields drained in winter.",
]
BODY = "\n\n".join(PARAGRAPHS)


def page(site: str | None, published: str | None, text: str = BODY) -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    meta += f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>Flood barrier opens</title>{meta}</head>"
        f"<body><article><h1>Flood barrier opens</h1>{paragraphs}</article></body></html>"
    )


def one(raw: RawArticle) -> tuple[str | None, str | None, date | None, str | None]:
    [article], skipped = clean_articles([raw])
    assert skipped == []
    return article.outlet.name, article.outlet.detected_by, article.published, article.published_detected_by


def test_registered_domain_not_the_host() -> None:
    assert metadata.outlet_from_url("https://english.valley-news.co.uk/a/b") == "valley-news.co.uk"
    assert metadata.outlet_from_url("https://news.valley.example.org/x") == "example.org"
    assert metadata.outlet_from_url("https://www.harbour.example/a") == "harbour.example"  # no public suffix
    assert metadata.outlet_from_url(None) is None


def test_url_domain_is_named_as_the_batch_pages_name_the_site() -> None:
    html = RawArticle(
        id="h", source="h.html", html=page("Valley News", None), url="https://www.valleynews.com/1"
    )
    text = RawArticle(
        id="t",
        source="t.txt",
        text="Barrier works continue\n\n" + BODY.replace("Thursday", "Friday"),
        url="https://news.valleynews.com/2",
    )
    other = RawArticle(id="o", source="o.txt", text=BODY.replace("river", "canal"), url="https://hill.com/3")
    articles, _ = clean_articles([html, text, other])
    by_id = {a.id: (a.outlet.name, a.outlet.detected_by) for a in articles}
    assert by_id == {"h": ("Valley News", "html"), "t": ("Valley News", "url"), "o": ("hill.com", "url")}


def test_html_metadata_gives_outlet_and_date() -> None:
    raw = RawArticle(id="p", source="p.html", html=page("Valley News", "2022-11-03T08:00:00Z"))
    assert one(raw) == ("Valley News", "html", date(2022, 11, 3), "html")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://valleynews.com/2022/11/03/barrier-opens", date(2022, 11, 3)),
        ("https://valleynews.com/news/2022-11-03-barrier", date(2022, 11, 3)),
        ("https://valleynews.com/news/20221103/barrier", date(2022, 11, 3)),
        ("https://valleynews.com/news/barrier-opens-4821", None),
        ("https://valleynews.com/id/20221399/", None),  # no 99th day
        # ECB+ DEV 18_1ecbplus: a section name between the year and the month
        ("http://edition.cnn.com/2007/US/04/09/michigan.shooting/", date(2007, 4, 9)),
        ("https://valleynews.com/2007/US/04/story", None),  # no day after the month
        ("https://valleynews.com/2007/us/politics/04/09/", None),  # two sections: not one date
    ],
)
def test_date_from_url(url: str, expected: date | None) -> None:
    assert metadata.date_from_url(url) == expected


def test_url_date_when_the_text_gives_none() -> None:
    raw = RawArticle(id="t", source="t.txt", text=BODY, url="https://valleynews.com/2022/11/03/barrier")
    assert one(raw) == ("valleynews.com", "url", date(2022, 11, 3), "url")


@pytest.mark.parametrize(
    ("opening", "outlet"),
    [
        ("LONDON (Reuters) — ", "Reuters"),
        ("CAIRO, Nov. 3 (AP) - ", "AP"),
        ("(AFP) – ", "AFP"),
    ],
)
def test_wire_credit_opening_the_story(opening: str, outlet: str) -> None:
    raw = RawArticle(id="w", source="w.txt", text=opening + BODY)
    name, by, _, _ = one(raw)
    assert (name, by) == (outlet, "credit")


def test_wire_credit_closing_the_story_is_the_outlet_and_leaves_the_body() -> None:
    raw = RawArticle(id="w", source="w.txt", text=BODY + "\n\n— AP")
    [article], _ = clean_articles([raw])
    assert (article.outlet.name, article.outlet.detected_by) == ("AP", "credit")
    assert not article.body.rstrip().endswith("AP")
    assert [(r.text, r.reason) for r in article.removed] == [("— AP", "credit")]


@pytest.mark.parametrize(
    "text",
    [
        BODY + "\n\n— John Marsh",  # an author's sign-off, not an outlet
        "Officials said (on Thursday) — after a delay — that it works.\n\n" + BODY,
        BODY,
    ],
)
def test_no_credit_where_none_is_given(text: str) -> None:
    name, by, _, _ = one(RawArticle(id="n", source="n.txt", text=text))
    assert (name, by) == (None, None)


def test_dateline_with_a_full_date_dates_the_story() -> None:
    raw = RawArticle(id="d", source="d.txt", text="LONDON, November 3, 2022 (Reuters) — " + BODY)
    assert one(raw) == ("Reuters", "credit", date(2022, 11, 3), "text")


def test_manifest_fields_say_they_came_from_the_manifest() -> None:
    raw = RawArticle(
        id="m", source="m.html", html=page("Valley News", "2022-11-03"), outlet="The Valley",
        published=date(2022, 11, 4), given_by="manifest",
    )  # fmt: skip
    assert one(raw) == ("The Valley", "manifest", date(2022, 11, 4), "manifest")


def test_a_reprint_page_stamp_is_still_not_the_article_date() -> None:
    body = BODY.replace("four", "2019 and four")
    reprint = "Tuesday , 7 May 2024\n\nBarrier opens on the lower river\n\n" + body
    assert one(RawArticle(id="r", source="r.txt", text=reprint))[2:] == (None, None)
    dated = "Barrier opens on the lower river\n\nPublished: 3 November 2022\n\n" + body
    assert one(RawArticle(id="d", source="d.txt", text=dated))[2:] == (date(2022, 11, 3), "text")


def test_feed_title_and_warc_header_say_where_they_came_from() -> None:
    fed = RawArticle(id="f", source="f.xml#1", html=page(None, None), outlet="Valley Feed", given_by="feed")
    assert one(fed)[:2] == ("Valley Feed", "feed")
    # A WARC header dates the capture: the page's own date comes first, the header only without it.
    captured = RawArticle(
        id="w",
        source="c.warc",
        html=page("Valley News", "2022-11-03"),
        published=date(2024, 5, 7),
        given_by="warc",
    )
    assert one(captured)[2:] == (date(2022, 11, 3), "html")
    undated = captured.model_copy(update={"html": page("Valley News", None)})
    assert one(undated)[2:] == (date(2024, 5, 7), "warc")


def test_json_ld_publisher_names_the_outlet_and_dates_the_page() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Flood barrier opens", "datePublished": "2022-11-03T08:00:00Z",'
        ' "publisher": {"@type": "Organization", "name": "Valley Chronicle"}}</script>'
    )
    html = page(None, None).replace("</head>", ld + "</head>")
    assert one(RawArticle(id="j", source="j.html", html=html)) == (
        "Valley Chronicle",
        "html",
        date(2022, 11, 3),
        "html",
    )
    # Without it, the same page names no outlet (no URL either).
    assert one(RawArticle(id="k", source="k.html", html=page(None, None)))[:2] == (None, None)
