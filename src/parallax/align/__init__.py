"""Align: entities across articles, utterances, facts and contradictions."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Contradiction, Entity, Fact, Quote, Utterance


def link_entities(articles: Sequence[Article], config: AlignConfig = DEFAULT.align) -> list[Entity]:
    """One entity per real-world referent across all articles."""
    return []


def attach_speakers(
    quotes: Sequence[Quote], entities: Sequence[Entity], config: AlignConfig = DEFAULT.align
) -> list[Quote]:
    """Set each quote's ``speaker`` to the id of the entity its speaker resolves to."""
    return list(quotes)


def group_utterances(
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    articles: Sequence[Article],
    config: AlignConfig = DEFAULT.align,
) -> list[Utterance]:
    """Group quotes across articles that report the same statement by the same speaker."""
    return []


def align_facts(
    articles: Sequence[Article], quotes: Sequence[Quote], config: AlignConfig = DEFAULT.align
) -> list[Fact]:
    """Claims aligned across articles into facts with support and status."""
    return []


def find_contradictions(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
) -> list[Contradiction]:
    """Claims about the same fact that cannot both be true."""
    return []
