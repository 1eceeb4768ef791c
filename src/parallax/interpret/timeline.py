"""Timeline: dated events normalised against each article's publication date."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, TimelineEvent


def build_timeline(
    articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret
) -> list[TimelineEvent]:
    """Dated events normalised against each article's publication date, merged across articles."""
    return []
