"""The example story end to end through `parallax.analyze`: what the issues' "done when" promise a reader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from parallax import Report, analyze


@pytest.fixture(scope="module")
def report(example_dir: Path) -> Report:
    return analyze([str(example_dir)])


def test_timeline_has_the_meeting_day_the_january_killing_and_earlier_years(report: Report) -> None:
    days = {(e.date, e.precision) for e in report.timeline}
    assert ("2020-07-21", "day") in days
    assert ("2020-01-03", "day") in days
    assert {"1980", "1988", "2015", "2016", "2018"} <= {e.date for e in report.timeline}
    meeting = max((e for e in report.timeline if e.date == "2020-07-21"), key=lambda e: len(e.support))
    assert len({r.article for r in meeting.support}) >= 4


def test_every_summary_sentence_is_cited_and_every_citation_exists(report: Report) -> None:
    sentences = {(a.id, s.id) for a in report.articles for s in a.sentences}
    assert report.summary
    for item in report.summary:
        assert item.citations
        assert all((c.article, c.sentence) in sentences for c in item.citations)


def test_the_temporal_order_disagreement_is_the_one_contradiction(report: Report) -> None:
    assert [c.kind for c in report.contradictions] == ["temporal-order"]
    assert len({c.article for c in report.contradictions[0].claims}) >= 3


# --- what a reader sees: outlets, dates, and never an article or fact id -------------------------

_STEM = re.compile(r"\b\d{3}_[0-9a-f]{6,}\b")
_FACT_ID = re.compile(r"\bf\d+\b")


def _html_text(page: str) -> str:
    """The text a reader of the HTML report sees: element text and the tooltips (title, alt)."""
    doc = lxml.html.fromstring(page)
    for hidden in doc.xpath("//script|//style"):
        hidden.drop_tree()
    tips = " ".join(
        v for el in doc.iter() for k, v in el.attrib.items() if k in {"title", "alt", "aria-label"}
    )
    return doc.text_content() + "\n" + tips


def _ids_seen(report: Report, text: str) -> set[str]:
    ids = {a.id for a in report.articles} | {f.id for f in report.facts}
    words = set(re.findall(r"[\w-]+", text))
    return (ids & words) | set(_STEM.findall(text)) | set(_FACT_ID.findall(text))


def test_the_manifest_names_and_dates_at_least_four_of_five_outlets(report: Report) -> None:
    named = [a for a in report.articles if a.outlet.name and a.published]
    assert len(named) >= 4
    assert {a.outlet.detected_by for a in named} == {"manifest"}
    assert report.story.first_published is not None and report.story.last_published is not None


def test_no_article_or_fact_id_anywhere_a_reader_sees(report: Report) -> None:
    from parallax.report.html import render_html
    from parallax.report.markdown import render_markdown

    assert report.facts and report.framing.context and report.per_outlet  # the lists are there to scan
    html, markdown = _html_text(render_html(report)), render_markdown(report)
    assert _ids_seen(report, html) == set()
    assert _ids_seen(report, markdown) == set()
    assert _ids_seen(report, " ".join(s.text for s in report.summary)) == set()
    # Background items are shown as their claim's text.
    context_fact = {f.id: f.text for f in report.facts}[report.framing.context[0].fact]
    assert " ".join(context_fact.split())[:60] in " ".join(html.split())


def test_positive_control_the_scan_finds_an_id_when_one_is_shown(report: Report) -> None:
    article, fact = report.articles[0], report.facts[0]
    assert _ids_seen(report, f"Only {article.id} reports {fact.id}") == {article.id, fact.id}


@pytest.fixture(scope="module")
def bare_report(example_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The seed files alone, without the manifest: nothing names four of the five outlets."""
    folder = tmp_path_factory.mktemp("bare")
    for path in example_files:
        shutil.copy(path, folder / path.name)
    return analyze([str(folder)])


def test_bare_seed_files_read_as_labels_not_ids(bare_report: Report) -> None:
    from parallax.report.html import render_html
    from parallax.report.markdown import render_markdown

    assert sum(a.outlet.name is None for a in bare_report.articles) >= 3
    for text in (render_markdown(bare_report), _html_text(render_html(bare_report))):
        assert _ids_seen(bare_report, text) == set()
        assert "Article 1" in text
