"""Issue 16 #3 and issue 17: every parsed text comes back, in order, from one analysis' table;
nothing parsed or embedded is kept in a module between analyses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from spacy.tokens import Doc

from parallax.annotate import nlp
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AnnotateConfig


def test_parse_many_returns_every_doc_in_order_with_repeats() -> None:
    texts = Texts(DEFAULT.annotate)
    bodies = [f"Article number {n} says the river rose." for n in range(5)]
    docs = texts.parse_many([*bodies, bodies[0]])
    assert [d.text for d in docs] == [*bodies, bodies[0]]
    assert docs[0] is docs[-1]  # parsed once
    assert texts.parse(bodies[3]) is docs[3]
    assert len(texts.docs) == 5


def test_each_text_is_parsed_once_per_analysis_and_never_across_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[str]] = []
    real = nlp.parse_many

    def counting(batch: Sequence[str], config: AnnotateConfig = DEFAULT.annotate) -> list[Doc]:
        calls.append(list(batch))
        return real(batch, config)

    monkeypatch.setattr(nlp, "parse_many", counting)
    first = Texts(DEFAULT.annotate)
    first.parse_many(["One river rose.", "Two rivers fell."])
    first.parse_many(["Two rivers fell.", "Three lakes froze."])
    first.parse("One river rose.")
    assert calls == [["One river rose.", "Two rivers fell."], ["Three lakes froze."]]
    Texts(DEFAULT.annotate).parse("One river rose.")  # another analysis parses for itself
    assert calls[-1] == ["One river rose."]
    assert not hasattr(nlp, "_CACHE")


def test_vectors_are_embedded_once_and_match_a_direct_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax import embed

    batches: list[list[str]] = []
    real = embed.embed

    def counting(batch: Sequence[str], threads: int = 0) -> np.ndarray:
        batches.append(list(batch))
        return real(batch, threads)

    monkeypatch.setattr(embed, "embed", counting)
    texts = Texts(DEFAULT.annotate)
    first = texts.embed(["The river rose.", "The minister resigned.", "The river rose."])
    again = texts.embed(["The minister resigned.", "A new text."])
    assert batches == [["The river rose.", "The minister resigned."], ["A new text."]]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], again[0])
    assert np.allclose(again[1], real(["A new text."])[0])
    assert texts.embed([]).shape == (0, embed.DIMENSIONS)
