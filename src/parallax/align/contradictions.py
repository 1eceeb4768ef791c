"""Contradictions: claims about the same fact that cannot both be true."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Contradiction, Fact, Quote


def find_contradictions(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
) -> list[Contradiction]:
    """Claims about the same fact that cannot both be true."""
    return []
