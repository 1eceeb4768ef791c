"""The example story end to end through `parallax.analyze`: what the issues' "done when" promise a reader."""

from __future__ import annotations

from pathlib import Path

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
