"""Slots of one thing told in other words by two outlets (issue 13): each rule flagged on a pair
that the code before it missed, beside a near miss of its guard that is not flagged."""

from __future__ import annotations

from tests.align.helpers import contradiction_kinds, contradictions_in

_contradictions = contradictions_in
_kinds = contradiction_kinds


_FOUND = (
    "The paper found three other women who said they had been "
    "pursued by Judge Roy Dunn when they were teenagers."
)


def test_a_count_of_one_qualified_noun_under_other_verbs_is_compared() -> None:
    assert _kinds(
        "The Post interviewed six other women who said Judge Roy Dunn pursued them when they were teenagers.",
        _FOUND,
    ) == ["number"]


def test_a_count_of_the_noun_qualified_otherwise_is_no_conflict() -> None:
    assert not _contradictions(
        "The Post interviewed six female students who said Judge Roy "
        "Dunn pursued them when they were teenagers.",
        _FOUND,
    )


def test_counts_of_two_known_acts_stay_apart_when_qualified_alike() -> None:
    assert not _contradictions(
        "The blast at the chemical plant killed four other workers on Monday, the company said.",
        "The blast at the chemical plant injured nine other workers on Monday, the company said.",
    )
    assert _kinds(
        "The blast at the chemical plant killed four other workers on Monday, the company said.",
        "Nine other workers died in the blast at the chemical plant on Monday, the company said.",
    ) == ["number"]


_DAMAGE = (
    "The fire, which broke out when several people were inside the "
    "church, did an estimated $1 million damage."
)


def test_an_amount_of_one_thing_under_other_verbs_is_compared() -> None:
    assert _kinds(
        "The Riverside church received an estimated $5 million in "
        "damage from a fire that was set Friday night.",
        _DAMAGE,
    ) == ["number"]


def test_an_amount_of_another_thing_is_no_conflict() -> None:
    assert not _contradictions(
        "The Riverside church received an estimated $5 million in donations after a fire set Friday night.",
        _DAMAGE,
    )


_FIRED = (
    "The Hornets fired coach Dan Miller on Monday, one day after the "
    "team lost its sixth game, the agency reported."
)


def test_the_day_of_one_act_outside_the_main_clause_is_compared() -> None:
    assert _kinds(
        _FIRED,
        "Team owners lost patience with the losing streak and fired head coach Dan Miller on Saturday.",
    ) == ["date"]


def test_the_same_act_done_to_another_person_on_another_day_is_no_conflict() -> None:
    assert not _contradictions(
        _FIRED, "Team owners lost patience with the losing streak and fired trainer Bob Stone on Saturday."
    )


_LAW = (
    "The Clean Rivers Act is our nation's most important law for protecting wildlife like wolves and salmon."
)


def test_is_and_is_not_of_other_complements_are_no_negation() -> None:
    assert not _contradictions(
        _LAW,
        "Though the salmon deserves protection, the Clean Rivers Act "
        "is not the means to fight global warming.",
    )
    assert _kinds(
        _LAW,
        "The Clean Rivers Act is not our nation's most important law "
        "for protecting wildlife like wolves and salmon.",
    ) == ["negation"]


_ESTIMATED = "Damage to the Riverside church was estimated at $1 million, authorities said on Saturday."


def test_an_amount_converted_in_parentheses_is_no_value_of_its_own() -> None:
    assert not _contradictions(
        "Damage to the Riverside church was estimated at $US1 million ($1.52 million), authorities said.",
        _ESTIMATED,
    )
    assert _kinds(
        "Damage to the Riverside church was estimated at $3 million, authorities said.", _ESTIMATED
    ) == ["number"]


def test_a_claim_naming_both_days_does_not_deny_either() -> None:
    disputed = (
        "The special counsel disputed on Friday a newspaper report that said the mayor lied to the council."
    )
    assert not _contradictions(
        disputed,
        "In a statement issued Friday night, the special counsel disputed the newspaper's report "
        "Thursday that said the mayor lied to the council.",
    )
    assert _kinds(
        disputed,
        "The special counsel's team disputed the newspaper's report on Thursday, saying the mayor "
        "never lied to the council.",
    ) == ["date"]


def test_the_whole_a_part_is_taken_from_is_not_the_count() -> None:
    # Unseen-story check (ECB+ DEV 18_ecbplus, reworded): "two of the three victims died" counts
    # the dead as two, not three; three is no conflict with "one victim died".
    one = "One victim died in the Monday morning attack on the office, police said."
    assert not _contradictions(
        one,
        "Police originally reported that two of the three victims died in the Monday morning attack"
        " on the office.",
    )
    assert _kinds(one, "Two victims died in the Monday morning attack on the office, police said.") == [
        "number"
    ]
