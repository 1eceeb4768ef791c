"""The cross-outlet planted set's construction (benchmarks/basil_contradictions.py): a weekday is
changed only where both outlets' weekdays date the same event."""

from __future__ import annotations

from benchmarks.basil_contradictions import _edit
from spacy.tokens import Span

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


def _first(text: str) -> Span:
    return next(iter(parse_many([text])[0].sents))


def test_another_person_of_the_story_is_planted_as_the_doer_of_one_act() -> None:
    mine = _first(
        "Helen Marsh vetoed the water bill on Friday after a long debate. Paul Ortega had urged her to sign."
    )
    (theirs,) = _sentences("Helen Marsh vetoed the water bill on Friday, citing its cost.")
    edit = _edit(mine, "actor", theirs)
    assert edit is not None and edit[0].startswith("Paul Ortega vetoed")
    # Near miss: another act of the same person.
    (other,) = _sentences("Helen Marsh signed the school bill on Friday, citing its cost.")
    assert _edit(mine, "actor", other) is None


def test_a_figure_is_planted_inside_a_quotation_both_outlets_quote() -> None:
    mine, theirs = _sentences(
        "“We lost eight neighbours in this flood,” Ruiz said.",
        "Ruiz said: “We lost eight neighbours in the flood.”",
    )
    edit = _edit(mine, "misquote", theirs)
    assert edit is not None and "eight" not in edit[0]
    # Near miss: the other outlet gives the figure in its own words.
    (reported,) = _sentences("Ruiz said they lost eight neighbours in the flood.")
    assert _edit(mine, "misquote", reported) is None
