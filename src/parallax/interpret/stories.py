"""Articles that are not one story: group the given articles by what they are about, and say so
when they fall into several groups rather than comparing unrelated reports as if they were one.

An article is the embedding of its lead (the first ~200 words, where a news article says what it
is about: on BASIL DEV this separates events far better than the mean of all its sentences,
which drowns the event in background); groups are cut by average-linkage
agglomeration at ``InterpretConfig.story_group_similarity`` (a pair of groups merges while the
mean cosine between their articles reaches it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.embed import embed
from parallax.models import Article, StoryGroup

_LEAD_CHARS = 2000


def _article_vectors(articles: Sequence[Article], texts: Texts | None) -> np.ndarray:
    # The embedding model truncates at 256 tokens: the body's start is the lead.
    leads = [" ".join(a.body[:_LEAD_CHARS].split()) for a in articles]
    return texts.embed(leads) if texts is not None else embed(leads)


def group_articles(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage groups of row indices whose mean pairwise cosine stays >= ``threshold``."""
    similarity = vectors @ vectors.T
    groups = [[i] for i in range(len(vectors))]
    while len(groups) > 1:
        best, pair = threshold, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = float(similarity[np.ix_(groups[a], groups[b])].mean())
                if mean >= best:
                    best, pair = mean, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups.pop(b))
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def story_groups(
    articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret, texts: Texts | None = None
) -> list[StoryGroup]:
    """The groups of articles that tell different stories; empty when they tell one.

    Leads are embedded in ``texts`` (the analysis' vector table) when given."""
    if len(articles) < 2:
        return []
    groups = group_articles(_article_vectors(articles, texts), config.story_group_similarity)
    if len(groups) < 2:
        return []
    out = []
    for group in groups:
        titles = [t for i in group if (t := articles[i].title)]
        out.append(
            StoryGroup(
                articles=[articles[i].id for i in group], title=min(titles, key=len) if titles else None
            )
        )
    return out
