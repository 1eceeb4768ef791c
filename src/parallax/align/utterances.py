"""Utterances: one statement by one speaker, as each outlet reported it."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Entity, Quote, Utterance


def group_utterances(
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    articles: Sequence[Article],
    config: AlignConfig = DEFAULT.align,
) -> list[Utterance]:
    """Group quotes across articles that report the same statement by the same speaker."""
    return []
