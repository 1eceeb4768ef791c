"""The HTML report: one self-contained page, every piece of article text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from parallax.models import Report
from parallax.report.html import render_html
from parallax.report.views import word_diff


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_hostile_text_is_escaped(hostile_report: Report) -> None:
    page = render_html(hostile_report)
    parsed = _parse(page)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 1  # ours, inline, without src
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page


def test_self_contained(hostile_report: Report) -> None:
    page = render_html(hostile_report)
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert "src" not in attrs, tag
    assert "http://" not in page and "https://" not in page


def test_every_citation_points_at_a_sentence(hostile_report: Report) -> None:
    page = render_html(hostile_report)
    parsed = _parse(page)
    targets = [
        str(a["href"])[1:] for tag, a in parsed.tags if tag == "a" and str(a.get("href", "")).startswith("#a")
    ]
    assert targets
    assert set(targets) <= parsed.ids
    sections = {
        "summary",
        "facts",
        "utterances",
        "contradictions",
        "framing",
        "timeline",
        "outlets",
        "articles",
    }
    assert sections <= parsed.ids


def test_quotes_entities_and_debris_are_shown(hostile_report: Report) -> None:
    page = render_html(hostile_report)
    classes = [a.get("class") or "" for _, a in _parse(page).tags]
    assert any(c == "q" for c in classes)
    assert any(c.startswith("e ") for c in classes)
    assert "<details>" in page and "Share this!" in page
    assert "<mark>never</mark>" in page  # the word one outlet changed in the quote


def test_word_diff_marks_changed_words() -> None:
    assert word_diff("We will never go", "We will not go") == [
        ("We will", False),
        ("never", True),
        ("go", False),
    ]
    assert word_diff("same words", "same words") == [("same words", False)]


def test_only_web_addresses_become_links(hostile_report: Report) -> None:
    first, second, *rest = hostile_report.articles
    articles = [
        first.model_copy(update={"url": "javascript:alert(1)"}),
        second.model_copy(update={"url": "https://news.example/2021/story"}),
        *rest,
    ]
    page = render_html(hostile_report.model_copy(update={"articles": articles}))
    hrefs = {attrs.get("href") for tag, attrs in _parse(page).tags if tag == "a"}
    assert "https://news.example/2021/story" in hrefs
    assert not any(h and h.lower().startswith("javascript") for h in hrefs)
