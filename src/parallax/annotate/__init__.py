"""Annotate: sentences, tokens, entity mentions and quotes, with offsets into the cleaned body."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.annotate.nlp import add_sentences
from parallax.config import DEFAULT, AnnotateConfig
from parallax.models import Article, Quote

__all__ = ["add_sentences", "find_quotes"]


def find_quotes(articles: Sequence[Article], config: AnnotateConfig = DEFAULT.annotate) -> list[Quote]:
    """Quotes of every article, speakers as written and resolved within the article (``speaker_name``)."""
    return []
