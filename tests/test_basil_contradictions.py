"""The cross-outlet planted set's construction (benchmarks/basil_contradictions.py): a weekday is
changed only where both outlets' weekdays date the same event."""

from __future__ import annotations

from benchmarks.basil_contradictions import _edit

from parallax.annotate.nlp import parse_many


def _sentences(*texts: str) -> list:  # type: ignore[type-arg]
    return [next(iter(doc.sents)) for doc in parse_many(list(texts))]


def test_a_weekday_of_the_same_act_is_planted() -> None:
    mine, theirs = _sentences(
        "The governor appointed a former aide to the vacant seat on Wednesday in the capital.",
        "On Wednesday the governor appointed his former aide to the vacant seat.",
    )
    edit = _edit(mine, "weekday", theirs)
    assert edit is not None and edit[1] == "wednesday" and "Friday" in edit[0]


def test_a_weekday_of_another_act_is_not_planted() -> None:
    # Near miss: the same day and the same governor, but a statement and an appointment.
    mine, theirs = _sentences(
        "The governor appointed a former aide to the vacant seat on Wednesday in the capital.",
        "The governor said on Wednesday that his former aide would be a fine choice for the vacant seat.",
    )
    assert _edit(mine, "weekday", theirs) is None


def test_two_speakers_statements_on_one_day_are_not_planted() -> None:
    mine, theirs = _sentences(
        "The union said on Friday that it was open to modest cuts in pensions for new workers.",
        "The minister said on Friday that the government would not cut pensions for new workers.",
    )
    assert _edit(mine, "weekday", theirs) is None
    same = _sentences("The union said on Friday that it was open to modest cuts in pensions for new workers.")
    assert _edit(mine, "weekday", same[0]) is not None


def test_a_weekday_in_a_name_is_not_planted() -> None:
    mine, theirs = _sentences(
        'The senator said on "Fox News Sunday" that the talks on the budget would resume soon.',
        'The senator told "Fox News Sunday" that the budget talks would resume within days.',
    )
    assert _edit(mine, "weekday", theirs) is None
