"""Interpret: framing, timeline, per-outlet view and the cited summary."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import (
    Article,
    Contradiction,
    Entity,
    Fact,
    Framing,
    OutletView,
    Quote,
    SummarySentence,
    TimelineEvent,
)


def analyze_framing(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    facts: Sequence[Fact],
    config: InterpretConfig = DEFAULT.interpret,
) -> Framing:
    """Terms, titles, attribution verbs and added context, per article."""
    return Framing()


def build_timeline(
    articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret
) -> list[TimelineEvent]:
    """Dated events normalised against each article's publication date, merged across articles."""
    return []


def per_outlet(
    facts: Sequence[Fact], articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret
) -> list[OutletView]:
    """Each article's unique facts and the consensus facts it leaves out."""
    return []


def summarize(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    articles: Sequence[Article],
    config: InterpretConfig = DEFAULT.interpret,
) -> list[SummarySentence]:
    """A neutral summary in which every sentence cites its support."""
    return []
