"""Quotes: direct, partial, indirect and unmarked speech, with cue and speaker as written."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AnnotateConfig
from parallax.models import Article, Quote


def find_quotes(articles: Sequence[Article], config: AnnotateConfig = DEFAULT.annotate) -> list[Quote]:
    """Quotes of every article, speakers as written and resolved within the article (``speaker_name``)."""
    return []
