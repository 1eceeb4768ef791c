"""Per-outlet view: each article's unique facts and the consensus it leaves out."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Fact, OutletView


def per_outlet(
    facts: Sequence[Fact], articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret
) -> list[OutletView]:
    """Each article's unique facts and the consensus or majority facts it leaves out.

    A fact is "left out" by an article that supports none of its claims; consensus facts are
    supported by every article by definition, so in practice these are the majority facts.
    """
    views = []
    for article in articles:
        unique = [f.id for f in facts if f.status == "unique" and f.support[0].article == article.id]
        missing = [
            f.id
            for f in facts
            if f.status in {"consensus", "majority"} and all(s.article != article.id for s in f.support)
        ]
        views.append(OutletView(article=article.id, unique_facts=unique, missing_consensus_facts=missing))
    return views
