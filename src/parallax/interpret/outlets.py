"""Per-outlet view: each article's unique facts and the consensus it leaves out."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Fact, OutletView


def per_outlet(
    facts: Sequence[Fact], articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret
) -> list[OutletView]:
    """Each article's unique facts and the consensus facts it leaves out."""
    return []
