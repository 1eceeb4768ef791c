"""Counts told in other words by two outlets (issue 13, ECB+ tune half): each rule flagged on a
pair the code before it missed, beside the near miss of its guard that is not flagged."""

from __future__ import annotations

from parallax.align.contradictions import find_contradictions
from parallax.align.facts import align_facts
from parallax.models import Contradiction
from tests.align.helpers import story


def _contradictions(*bodies: str) -> list[Contradiction]:
    articles = story(*bodies)
    return find_contradictions(align_facts(articles, []), articles, [])


def _kinds(*bodies: str) -> list[str]:
    return [c.kind for c in _contradictions(*bodies)]


_SENTENCES = (
    "Nichols was sentenced Saturday morning to seven life sentences and four sentences of life "
    "without parole plus 485 years."
)


def test_figures_of_one_noun_paired_by_their_qualifiers() -> None:
    # The same word written twice is two figures, each with its own qualifiers.
    found = _contradictions(
        "Nichols was sentenced Saturday morning to seven life sentences and seven sentences of life "
        "without parole plus 485 years.",
        _SENTENCES,
    )
    assert [c.kind for c in found] == ["number"]
    assert found[0].values == ["seven", "four"]


def test_figures_of_one_noun_qualified_otherwise_are_not_paired() -> None:
    assert not _contradictions(
        "Nichols was sentenced Saturday morning to seven life sentences and seven other sentences "
        "plus 485 years.",
        _SENTENCES,
    )
    assert not _contradictions(_SENTENCES, _SENTENCES.replace("Saturday morning", "on Saturday"))


_KILLED = (
    "A judge on Saturday sentenced the man who killed four people in a courthouse escape to "
    "multiple life sentences."
)


def test_the_year_of_one_day_names_no_period() -> None:
    # "left seven people dead": the count of the dead, whatever the verb; the year dates the day.
    assert _kinds(
        "Judge James Bodiford sentenced Nichols to life without parole for the March 11, 2005, "
        "rampage that left seven people dead.",
        _KILLED,
    ) == ["number"]


def test_a_year_alone_is_still_the_period_of_a_figure() -> None:
    assert not _contradictions(
        "Judge James Bodiford sentenced Nichols to life without parole for the 2005 rampage that "
        "left seven people dead.",
        _KILLED,
    )


def test_a_count_left_in_another_state_is_another_act() -> None:
    assert not _contradictions(
        "Judge James Bodiford sentenced Nichols to life without parole for the March 11, 2005, "
        "rampage that left seven people injured.",
        _KILLED,
    )


_COUNTS = (
    "He was sentenced to life in prison for indecency with a child, aggravated sexual assault and "
    "two counts of aggravated assault with a deadly weapon, MyFoxHouston."
)


def test_a_count_the_parser_left_without_a_role_keeps_its_qualifiers() -> None:
    assert _kinds(
        "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault "
        "and five counts of aggravated assault with a deadly weapon, it said.",
        _COUNTS,
    ) == ["number"]


def test_counts_of_another_charge_are_no_conflict() -> None:
    assert not _contradictions(
        "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault "
        "and five counts of burglary with a deadly weapon, it said.",
        _COUNTS,
    )
