"""Issue 16 #3: more articles than the parse cache holds must all come back parsed."""

from __future__ import annotations

import pytest

from parallax.annotate import nlp


def test_parse_many_returns_every_doc_when_the_batch_outgrows_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "_CACHE_SIZE", 2)
    nlp.clear_cache()
    texts = [f"Article number {n} says the river rose." for n in range(5)]
    docs = nlp.parse_many([*texts, texts[0]])
    assert [d.text for d in docs] == [*texts, texts[0]]
    assert len(nlp._CACHE) <= 2
