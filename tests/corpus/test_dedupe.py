"""Exact and near-duplicate detection, and the lineage of wire copies."""

from __future__ import annotations

from datetime import date

from parallax.config import CorpusConfig
from parallax.corpus.dedupe import DuplicateIndex, lineage
from parallax.shingles import body_hash, signature
from parallax.words import split_sentences

ORIGIN = (
    "The central bank raised its main interest rate by half a point on Tuesday. "
    "It was the third increase this year as inflation stayed above target. "
    "The governor said further rises could not be ruled out. "
    "Markets had expected a smaller move, and the currency rose after the announcement. "
    "Economists said the decision showed the bank's concern about wages."
)
COPY = ORIGIN.replace(
    "Economists said the decision showed the bank's concern about wages.",
    "Economists said the decision showed the bank's concern about wages. A spokesman declined to comment.",
)
OTHER = (
    "Heavy rain flooded streets in the port city overnight, closing schools and two hospitals. "
    "Rescue teams evacuated hundreds of residents from low-lying districts by boat."
)


def _add(index: DuplicateIndex, key: str, text: str, published: date | None) -> list[str]:
    sig = signature(text)
    match = index.find(body_hash(text), sig)
    return index.add(key, body_hash(text), sig, published, "s1", match)


def test_exact_copy_with_other_spacing_and_case_is_found() -> None:
    index = DuplicateIndex()
    _add(index, "a", ORIGIN, None)
    match = index.find(body_hash("  " + ORIGIN.upper()), signature(ORIGIN.upper()))
    assert match is not None and match.exact and match.key == "a"


def test_near_copy_is_found_and_unrelated_text_is_not() -> None:
    index = DuplicateIndex()
    _add(index, "a", ORIGIN, None)
    near = index.find(body_hash(COPY), signature(COPY))
    assert near is not None and not near.exact and near.key == "a"
    assert index.find(body_hash(OTHER), signature(OTHER)) is None


def test_earliest_publication_becomes_the_origin() -> None:
    index = DuplicateIndex()
    _add(index, "late", ORIGIN, date(2024, 3, 2))
    rewired = _add(index, "early", COPY, date(2024, 3, 1))
    assert index.origin("late") == "early"
    assert index.origin("early") == "early"
    assert rewired == ["late"]
    assert index.group("late")[0] == "early"


def test_lineage_lists_added_and_removed_sentences_and_new_headline() -> None:
    edited = ORIGIN.replace("The governor said further rises could not be ruled out. ", "")
    edited += " A spokesman declined to comment."
    record = lineage("a", ORIGIN, "Bank raises rates", edited, "Rates up again", 0.8)
    assert record.origin == "a"
    assert record.added == ["A spokesman declined to comment."]
    assert record.removed == ["The governor said further rises could not be ruled out."]
    assert record.title_changed
    assert not record.exact


def test_sentence_split_keeps_every_sentence() -> None:
    assert len(split_sentences(ORIGIN)) == 5


def test_sentence_split_at_marks_before_capitals_and_at_line_breaks() -> None:
    """The mark stays with its sentence, closing quotes before a break go with the break, a mark
    before a lower-case word or without a space is no end, and blank lines leave nothing."""
    text = 'He said "stop."\n"Go" now. it rained! Then 3 more… (Really) yes?\n\n  \nA.B. Smith left.'
    assert split_sentences(text) == [
        'He said "stop.',
        '"Go" now. it rained!',
        "Then 3 more…",
        "(Really) yes?",
        "A.B.",
        "Smith left.",
    ]


def test_articles_older_than_the_window_leave_the_index() -> None:
    index = DuplicateIndex(CorpusConfig(dedupe_window_days=30))
    _add(index, "old", ORIGIN, date(2020, 1, 1))
    _add(index, "new", OTHER, date(2020, 6, 1))
    assert index.find(body_hash(COPY), signature(COPY)) is None
    assert index.find(body_hash(ORIGIN), signature(ORIGIN)) is None
