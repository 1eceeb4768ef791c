"""The loaded-word experiment's candidates and features (``benchmarks/fit_loaded``)."""

from __future__ import annotations

from benchmarks.fit_loaded import FEATURES, features

from parallax.annotate.nlp import parse


def _rows(text: str, *others: str) -> dict[str, dict[str, float]]:
    found = features(parse(text), [parse(o) for o in others])
    return {t.text: dict(zip(FEATURES, row, strict=True)) for t, row in found}


def test_candidates_are_the_lists_flags_and_strongly_valenced_words() -> None:
    rows = _rows("The senator gave a hopeful speech about the horrible deal.")
    assert rows["horrible"]["listed"] == 1.0 and rows["horrible"]["negative"] == 1.0  # list and VADER
    assert rows["hopeful"]["listed"] == 0.0 and rows["hopeful"]["valence_2"] == 1.0  # VADER only
    assert rows["hopeful"]["negative"] == 0.0
    assert "speech" not in rows and "deal" not in rows  # neutral words are no candidates


def test_a_word_the_other_outlets_use_is_marked() -> None:
    text = "The senator gave a hopeful speech about the horrible deal."
    alone = _rows(text, "The deal was signed on Monday.")
    shared = _rows(text, "A hopeful mood followed on Monday.")
    assert alone["hopeful"]["elsewhere"] == 0.0 and shared["hopeful"]["elsewhere"] == 1.0
    assert shared["horrible"]["elsewhere"] == 0.0  # positive control: only the shared word
