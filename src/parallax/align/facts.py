"""Facts: claims aligned across articles, with support and status."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Fact, Quote


def align_facts(
    articles: Sequence[Article], quotes: Sequence[Quote], config: AlignConfig = DEFAULT.align
) -> list[Fact]:
    """Claims aligned across articles into facts with support and status."""
    return []
