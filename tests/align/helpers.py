"""Small constructed stories for the alignment tests."""

from __future__ import annotations

from parallax.annotate.nlp import add_sentences
from parallax.models import Article


def story(*bodies: str) -> list[Article]:
    """One article per body, ids a1, a2, ... with sentences filled."""
    articles = [Article(id=f"a{i}", source=f"test:{i}", body=body) for i, body in enumerate(bodies, 1)]
    return add_sentences(articles)
