"""Summary: a neutral, extractive summary in which every sentence cites its support."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Contradiction, Fact, SummarySentence


def summarize(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    articles: Sequence[Article],
    config: InterpretConfig = DEFAULT.interpret,
) -> list[SummarySentence]:
    """A neutral summary in which every sentence cites its support."""
    return []
