"""Framing: the terms, titles, attribution verbs and context each outlet chooses."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Entity, Fact, Framing, Quote


def analyze_framing(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    facts: Sequence[Fact],
    config: InterpretConfig = DEFAULT.interpret,
) -> Framing:
    """Terms, titles, attribution verbs and added context, per article."""
    return Framing()
