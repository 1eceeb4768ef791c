"""Entities across articles: one entity per real-world referent, with aliases and merge evidence."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Entity


def link_entities(articles: Sequence[Article], config: AlignConfig = DEFAULT.align) -> list[Entity]:
    """One entity per real-world referent across all articles."""
    return []
