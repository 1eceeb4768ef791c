"""The batch cleaner: HTML pages, metadata, and the bad input it skips with a reason."""

from __future__ import annotations

from datetime import date

from parallax.clean import clean_articles
from parallax.clean.html import page_title
from parallax.models import RawArticle

PARAGRAPHS = [
    "The harbour council approved the new ferry terminal on Monday after a year of public hearings.",
    "Construction will begin in the spring and should take about two years, the council's chair said.",
    "Residents had objected to the noise of the building works, but most supported the plan in the end.",
    "The terminal will serve three ferry lines and replace the old pier, which was closed in 2019.",
]

PAGE = f"""<!doctype html><html lang="en"><head>
<title>Council approves ferry terminal | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2021-03-02T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council approves ferry terminal</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<p>Sign up for our free newsletter to get the latest news in your inbox.</p>
</article>
<footer>Copyright Harbour Gazette</footer></body></html>"""


def text_article(article_id: str, text: str, **fields: object) -> RawArticle:
    return RawArticle(id=article_id, source=f"{article_id}.txt", text=text, **fields)  # type: ignore[arg-type]


def test_html_page_gives_body_and_metadata() -> None:
    raw = RawArticle(id="p1", source="p1.html", html=PAGE, url="https://www.harbour.example/news/1")
    [article], skipped = clean_articles([raw])
    assert skipped == []
    assert article.title == "Council approves ferry terminal"
    assert article.outlet.name == "Harbour Gazette"
    assert article.outlet.detected_by == "html"
    assert article.published == date(2021, 3, 2)
    assert article.body.split("\n") == PARAGRAPHS
    assert [r.reason for r in article.removed] == ["share-prompt"]


def test_given_fields_win() -> None:
    raw = RawArticle(
        id="p1", source="p1.html", html=PAGE, outlet="Gazette", title="Ferry", published=date(2021, 3, 1)
    )
    [article], _ = clean_articles([raw])
    assert (article.outlet.name, article.outlet.detected_by) == ("Gazette", "given")
    assert (article.title, article.published) == ("Ferry", date(2021, 3, 1))


def test_outlet_from_url_when_nothing_else() -> None:
    raw = text_article("t1", "\n\n".join(PARAGRAPHS), url="https://www.harbour.example/a")
    [article], _ = clean_articles([raw])
    assert (article.outlet.name, article.outlet.detected_by) == ("harbour.example", "url")


def test_page_without_article_is_skipped() -> None:
    raw = RawArticle(id="empty", source="empty.html", html="<html><body><nav>Home</nav></body></html>")
    articles, skipped = clean_articles([raw, text_article("t1", "\n".join(PARAGRAPHS))])
    assert [a.id for a in articles] == ["t1"]
    assert [(s.source, s.reason) for s in skipped] == [
        ("empty.html", "no article text found in the HTML page")
    ]


def test_non_english_is_skipped_with_the_detected_language() -> None:
    german = (
        "Der Hafenrat hat am Montag nach einem Jahr öffentlicher Anhörungen das neue Fährterminal "
        "genehmigt. Der Bau soll im Frühjahr beginnen und etwa zwei Jahre dauern."
    )
    articles, skipped = clean_articles(
        [text_article("de", german), text_article("en", "\n".join(PARAGRAPHS))]
    )
    assert [a.id for a in articles] == ["en"]
    assert [s.reason for s in skipped] == ["not English: detected de"]


def test_language_is_read_from_the_start_of_the_text() -> None:
    from parallax.clean.metadata import detect_language
    from parallax.config import CleanConfig

    german = (
        "Der Hafenrat hat am Montag nach einem Jahr öffentlicher Anhörungen das neue Fährterminal "
        "genehmigt. Der Bau soll im Frühjahr beginnen und etwa zwei Jahre dauern. "
    )
    text = " ".join(PARAGRAPHS)[:300] + " " + german * 3
    assert detect_language(text, CleanConfig()) == "en"
    assert detect_language(text, CleanConfig(language_detect_chars=600)) == "de"


def test_given_language_is_trusted() -> None:
    _, skipped = clean_articles([text_article("fr", "\n".join(PARAGRAPHS), language="fr")])
    assert [s.reason for s in skipped] == ["not English: given fr"]


def test_same_article_twice_is_skipped_as_duplicate() -> None:
    long = [*PARAGRAPHS, *(p.replace("ferry", "harbour") for p in PARAGRAPHS)]
    first = text_article("a", "\n\n".join(long))
    second = text_article("b", "Breaking News\n\n" + "\n\n".join(long) + "\n\nBack to top")
    other = text_article("c", "\n\n".join(reversed([p.replace("ferry", "bus") for p in PARAGRAPHS[:2]])))
    articles, skipped = clean_articles([first, second, other])
    assert [a.id for a in articles] == ["a", "c"]
    assert [(s.source, s.reason) for s in skipped] == [("b.txt", "duplicate of a")]


def test_text_left_too_short_is_skipped() -> None:
    articles, skipped = clean_articles([text_article("nav", "Breaking News\n\nBack to top\n\nShare")])
    assert articles == []
    assert skipped[0].reason == "no article text: only 3 lines of page debris (navigation, prompts)"


def test_short_briefs_alike_are_not_duplicates() -> None:
    """Two outlets' one-paragraph briefs from one wire alert read alike; they are two articles."""
    brief = "The harbour council approved the new ferry terminal on Monday, officials said."
    articles, skipped = clean_articles([text_article("a", brief), text_article("b", "Update: " + brief)])
    assert [a.id for a in articles] == ["a", "b"] and skipped == []


def test_short_text_a_person_gave_is_kept() -> None:
    [article], skipped = clean_articles([text_article("s", "Piped article.")])
    assert (article.body, skipped) == ("Piped article.", [])


def test_plain_text_date_stamp_below_headline_is_the_publication_date() -> None:
    text = "Council Approves Ferry Terminal\n\nPublished: 2 March 2021\n\n" + "\n\n".join(PARAGRAPHS)
    [article], _ = clean_articles([text_article("t", text)])
    assert article.title == "Council Approves Ferry Terminal"
    assert article.published == date(2021, 3, 2)
    assert [(r.text, r.reason) for r in article.removed] == [("Published: 2 March 2021", "dateline")]


def test_title_cased_headline_ending_in_an_initialism_is_the_title() -> None:
    text = "Ferry Terminal Gets Approval From the E.U.\n\n" + "\n\n".join(PARAGRAPHS)
    [article], _ = clean_articles([text_article("t", text)])
    assert article.title == "Ferry Terminal Gets Approval From the E.U."
    assert article.body.startswith("The harbour council approved")


def test_sentence_ending_in_an_initialism_stays_in_the_body() -> None:
    text = "The ferry terminal got its approval from the E.U.\n\n" + "\n\n".join(PARAGRAPHS)
    [article], _ = clean_articles([text_article("t", text)])
    assert article.title is None
    assert article.body.startswith("The ferry terminal got its approval from the E.U.")


def test_place_dateline_is_not_an_outlet() -> None:
    text = "Indianapolis – " + "\n\n".join(PARAGRAPHS)
    [article], _ = clean_articles([text_article("t", text)])
    assert article.outlet.name is None
    assert article.body.startswith("Indianapolis – The harbour council")


def test_page_title_loses_site_and_section() -> None:
    assert (
        page_title("Council approves ferry | Harbour Gazette", "Harbour Gazette") == "Council approves ferry"
    )
    assert page_title("Opinion | Why ferries matter", None) == "Why ferries matter"
    assert page_title("Review - a slow boat - Harbour Gazette", "Harbour Gazette") == "Review - a slow boat"


def test_labelled_stamp_above_headline_still_dates_the_story() -> None:
    text = "Posted on Thu Mar 2, 2021 08:45 AM\n\nIs The Ferry Terminal Worth It?\n\n" + "\n\n".join(
        PARAGRAPHS
    )
    [article], _ = clean_articles([text_article("t", text)])
    assert article.title == "Is The Ferry Terminal Worth It?"
    assert article.published == date(2021, 3, 2)
    assert [r.reason for r in article.removed] == ["dateline"]


def test_bare_stamp_above_headline_is_a_scrape_date() -> None:
    text = "Tuesday , 7 May 2024\n\nCouncil Approves Ferry Terminal\n\n" + "\n\n".join(PARAGRAPHS)
    [article], _ = clean_articles([text_article("t", text)])
    assert article.published is None
    assert [(r.text, r.reason) for r in article.removed] == [("Tuesday , 7 May 2024", "scrape-artifact")]


def test_copyright_line_names_the_outlet() -> None:
    text = "\n\n".join([*PARAGRAPHS, "© 2021 Harbour Gazette. All rights reserved."])
    [article], _ = clean_articles([text_article("t", text, url="https://harbour.example/a")])
    assert (article.outlet.name, article.outlet.detected_by) == ("Harbour Gazette", "signature")
    assert [r.reason for r in article.removed] == ["boilerplate"]


def test_garbage_html_is_skipped_not_raised() -> None:
    articles, skipped = clean_articles([RawArticle(id="g", source="g.html", html="<<<\x00>>> <p")])
    assert articles == []
    assert skipped[0].reason == "no article text found in the HTML page"


def test_script_language_tie_goes_to_the_script_met_first() -> None:
    # Both orders: a tie broken by a set's (hash) order fails one of them in any process.
    from parallax.clean.metadata import script_language

    assert script_language(["HANGUL", "THAI"]) == "ko"
    assert script_language(["THAI", "HANGUL"]) == "th"
    assert script_language(["THAI", "HANGUL", "HANGUL"]) == "ko"  # a majority still wins
