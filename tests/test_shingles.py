"""The shared shingle helpers give what each former copy gave."""

from __future__ import annotations

from parallax.shingles import body_hash, overlap, word_grams


def test_word_grams_of_a_long_and_a_short_text() -> None:
    assert word_grams("a b c d e f", 5) == {("a", "b", "c", "d", "e"), ("b", "c", "d", "e", "f")}
    assert word_grams("Only three, words.", 5) == {("Only", "three", "words")}
    assert word_grams("", 5) == {()}


def test_overlap_is_the_share_of_the_smaller_set() -> None:
    assert overlap({1, 2}, {2, 3, 4, 5}) == 0.5
    assert overlap({1}, {2}) == 0.0
    assert overlap(set(), set()) == 0.0


def test_body_hash_ignores_case_and_spacing_only() -> None:
    assert body_hash("The  river\nrose.") == body_hash("the river rose.")
    assert body_hash("The river rose.") != body_hash("The river fell.")
