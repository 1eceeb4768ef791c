"""Small constructed stories for the alignment tests."""

from __future__ import annotations

from parallax.align.contradictions import find_contradictions
from parallax.align.facts import align_facts
from parallax.annotate.nlp import add_sentences
from parallax.models import Article, Contradiction, Quote


def story(*bodies: str) -> list[Article]:
    """One article per body, ids a1, a2, ... with sentences filled."""
    articles = [Article(id=f"a{i}", source=f"test:{i}", body=body) for i, body in enumerate(bodies, 1)]
    return add_sentences(articles)


def contradictions_in(*bodies: str, quotes: list[Quote] | None = None) -> list[Contradiction]:
    """The contradictions found between the articles of ``story(*bodies)`` (facts aligned first)."""
    articles = story(*bodies)
    return find_contradictions(align_facts(articles, quotes or []), articles, quotes or [])


def contradiction_kinds(*bodies: str) -> list[str]:
    """The kinds of ``contradictions_in(*bodies)``, in order."""
    return [c.kind for c in contradictions_in(*bodies)]
