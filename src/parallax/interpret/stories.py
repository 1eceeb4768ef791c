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
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.embed import embed
from parallax.models import Article, StoryGroup
from parallax.words import story_title

_LEAD_CHARS = 2000


def texts_to_embed(articles: Sequence[Article]) -> list[str]:
    """The texts ``story_groups`` will embed for ``articles`` (known before any step runs): each
    article's lead, when there are two articles or more to group."""
    if len(articles) < 2:
        return []
    # The embedding model truncates at 256 tokens: the body's start is the lead.
    return [" ".join(a.body[:_LEAD_CHARS].split()) for a in articles]


def group_articles(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage groups of row indices whose mean pairwise cosine stays >= ``threshold``.

    SciPy's UPGMA on cosine distances (quadratic; a hand loop over group pairs was cubic: 3 s at
    100 articles, most of an hour at 1,000): groups merge while their mean distance stays within
    ``1 - threshold``, which is their mean cosine reaching ``threshold``."""
    count = len(vectors)
    if count < 2:
        return [[i] for i in range(count)]
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, None)
    tree = linkage(squareform(distance, checks=False), method="average")
    # The cut sits a hair above 1 - threshold so that a mean exactly at the threshold still merges.
    labels = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def story_groups(
    articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret, texts: Texts | None = None
) -> list[StoryGroup]:
    """The groups of articles that tell different stories; empty when they tell one.

    Leads are embedded in ``texts`` (the analysis' vector table) when given."""
    leads = texts_to_embed(articles)
    if not leads:
        return []
    vectors = texts.embed(leads) if texts is not None else embed(leads)
    groups = group_articles(vectors, config.story_group_similarity)
    if len(groups) < 2:
        return []
    out = []
    for group in groups:
        titles = [t for i in group if (t := articles[i].title)]
        out.append(StoryGroup(articles=[articles[i].id for i in group], title=story_title(titles)))
    return out
