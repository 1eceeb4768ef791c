"""Timeline: date normalisation against the publication date, and events merged across articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parallax.config import DEFAULT
from parallax.interpret.timeline import build_timeline, resolve_date
from parallax.models import Article

TUESDAY = date(2020, 7, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday", [(TUESDAY, "day")]),  # the weekday of publication means that day
        ("last Tuesday", [(date(2020, 7, 14), "day")]),
        ("Monday", [(date(2020, 7, 20), "day")]),
        ("in January", [(date(2020, 1, 21), "month")]),
        ("late February", [(date(2020, 2, 21), "month")]),
        ("earlier this year", [(TUESDAY, "year")]),
        ("earlier in the day", [(TUESDAY, "day")]),
        ("2018", [(date(2018, 7, 21), "year")]),
        ("January 3", [(date(2020, 1, 3), "day")]),
        ("between 1980 and 1988", [(date(1980, 7, 21), "year"), (date(1988, 7, 21), "year")]),
        ("five months", []),
        ("recent weeks", []),
        ("81-year-old", []),
    ],
)
def test_resolve_against_publication_date(text: str, expected: list[tuple[date, str]]) -> None:
    assert resolve_date(text, TUESDAY) == expected


def test_without_base_only_dates_naming_their_year_resolve() -> None:
    assert resolve_date("Tuesday", None) == []
    assert resolve_date("January 3", None) == []
    assert resolve_date("July 21, 2020", None) == [(TUESDAY, "day")]
    assert [p for _, p in resolve_date("in 2016", None)] == ["year"]


def _article(ident: str, body: str, published: date | None) -> Article:
    return Article(id=ident, source=f"{ident}.txt", body=body, published=published)


def test_relative_dates_counted_from_the_event_before() -> None:
    body = "The general was killed in an airstrike on January 3.\nIran retaliated three days later."
    events = build_timeline([_article("a", body, TUESDAY)])
    assert [(e.date, e.precision) for e in events] == [("2020-01-03", "day"), ("2020-01-06", "day")]
    assert events[1].support[0].sentence == "s2"


def test_example_story_timeline(example_files: list[Path]) -> None:
    articles = [_article(f.stem[:3], f.read_text(), TUESDAY) for f in example_files]
    events = build_timeline(articles)
    dates = {e.date: e for e in events}
    meeting = max((e for e in events if e.date == "2020-07-21"), key=lambda e: len(e.support))
    assert len({r.article for r in meeting.support}) >= 3  # merged across outlets
    assert dates["2020-01-03"].precision == "day"
    assert "killed" in dates["2020-01-03"].text
    assert "2020-01" in dates
    assert {"1980", "1988", "2015", "2016", "2018"} <= set(dates)
    assert [e.date for e in events] == sorted(e.date for e in events)


def test_undated_articles_are_read_against_the_story_date(example_files: list[Path]) -> None:
    articles = [_article(f.stem[:3], f.read_text(), None) for f in example_files]
    events = build_timeline(articles)
    # Article 000 dates itself ("July 21, 2020"); 003's raw text carries a 2024 scrape stamp. The
    # story's date is the lower median of the two, so "on Tuesday" and "January 3" in the other
    # articles resolve to 2020, and the stamp moves nothing.
    meeting = max((e for e in events if e.date == "2020-07-21"), key=lambda e: len(e.support))
    assert len({r.article for r in meeting.support}) >= 3
    assert any(e.date == "2020-01-03" and e.precision == "day" for e in events)
    assert not any(
        e.date.startswith("2024-05-0") and e.precision == "day" and "Tuesday" in e.text for e in events
    )


def test_a_story_with_no_date_resolves_only_absolute_dates() -> None:
    body = "The minister met the envoy on Tuesday.\nThe two countries fought a war between 1980 and 1988."
    events = build_timeline([_article("a", body, None), _article("b", body.replace("envoy", "king"), None)])
    assert {(e.date, e.precision) for e in events} == {("1980", "year"), ("1988", "year")}


def test_future_clause_looks_ahead() -> None:
    wednesday = date(2020, 7, 22)
    body = "The council will vote on Tuesday.\nThe mayor resigned on Tuesday after a long debate."
    events = build_timeline([_article("a", body, wednesday)])
    assert {(e.date, e.support[0].sentence) for e in events} == {("2020-07-28", "s1"), ("2020-07-21", "s2")}


def test_counts_and_ages_are_not_dates() -> None:
    assert resolve_date("59", TUESDAY) == []
    assert resolve_date("over 21", TUESDAY) == []
    assert resolve_date("5.9", TUESDAY) == []  # a magnitude or a rate the tagger took for a date
    assert resolve_date("5/9", TUESDAY) == [(date(2020, 5, 9), "day")]  # a written date still is
    assert resolve_date("an interview Tuesday", TUESDAY) == [(TUESDAY, "day")]
    assert resolve_date("nearly a month ago", TUESDAY) == [(date(2020, 6, 21), "month")]


def test_event_text_is_the_dated_clause() -> None:
    body = "Officials mourned Jane Roe, who was killed in a crash on January 3, and praised her work."
    (event,) = build_timeline([_article("a", body, TUESDAY)])
    assert event.text.startswith("Jane Roe was killed in a crash on January 3")
    assert "who" not in event.text and "praised" not in event.text


def test_a_month_and_day_without_a_year_is_the_nearest_such_day() -> None:
    # ECB+ DEV 18_10ecbplus (Fox News, 2007-04-11): "pending his next court hearing April 19"
    published = date(2007, 4, 11)
    assert resolve_date("April 19", published) == [(date(2007, 4, 19), "day")]
    assert resolve_date("Jan. 5", date(2019, 12, 20)) == [(date(2020, 1, 5), "day")]
    # controls: a day just before publication stays in the past, across the new year too
    assert resolve_date("April 3", published) == [(date(2007, 4, 3), "day")]
    assert resolve_date("Dec. 28", date(2020, 1, 3)) == [(date(2019, 12, 28), "day")]
    # a bare weekday keeps the past reading, a month alone too
    assert resolve_date("Thursday", published) == [(date(2007, 4, 5), "day")]
    assert resolve_date("in May", published) == [(date(2006, 5, 11), "month")]


def test_the_timeline_reads_how_far_ahead_from_its_config() -> None:
    body = "The judge set his next court hearing for April 19."
    article = _article("a", body, date(2007, 4, 11))
    (ahead,) = build_timeline([article])
    assert ahead.date == "2007-04-19"  # the default: up to 90 days ahead is that day
    past_only = DEFAULT.interpret.model_copy(update={"month_day_ahead_days": 0})
    (back,) = build_timeline([article], past_only)
    assert back.date == "2006-04-19"  # a user's config that reads such dates in the past


def test_an_undated_article_of_a_dated_story_is_read_against_the_story_date() -> None:
    # BASIL DEV 2018 (HuffPost, no date given): "tweeted on Thursday …", and the only full date in
    # the body is a past event's ("won Senate confirmation … on Jan. 20, 2017"); names changed
    body = (
        "The president tweeted on Thursday that the secretary would retire.\n"
        "The secretary won confirmation on Jan. 20, 2017, shortly after the inauguration."
    )
    dated = _article("a", "The secretary resigned on Thursday in protest.", date(2018, 12, 20))
    events = build_timeline([dated, _article("b", body, None)])
    tweeted = [e.date for e in events if ("b", "s1") in {(r.article, r.sentence) for r in e.support}]
    assert tweeted == ["2018-12-20"]
    # control: with no dated article in the story, the article's own full date still anchors it
    alone = build_timeline([_article("b", body, None)])
    assert [e.date for e in alone if any(r.sentence == "s1" for r in e.support)] == ["2017-01-19"]
