"""Added context: the background one outlet gives that the others do not.

Background is a fact only one article states (``unique``) that is about something other than
the main event: it carries a figure (money, a percentage, a count of three or more), points to
the past (a year before the article's, "earlier", "later", "since", "ago", "history"), or is far
in meaning from every fact most outlets report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parallax.align.claims import AFTER_WORDS, BEFORE_WORDS, dates, quantities
from parallax.align.facts import claim_vectors
from parallax.annotate.nlp import parse
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, ContextItem, Fact

_PAST_WORDS = BEFORE_WORDS | AFTER_WORDS | {"ago", "since", "history", "former", "once", "last"}


def added_context(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    config: InterpretConfig = DEFAULT.interpret,
    texts: Texts | None = None,
) -> list[ContextItem]:
    """The unique facts that are background (history, earlier incidents, figures), per article.

    Parses and vectors come from ``texts`` (the analysis' table; the default model when not given)."""
    # A quote is its speaker's claim: background is what the outlet itself adds.
    unique = [f for f in facts if f.status == "unique" and f.speaker is None]
    if not unique or len(articles) < 2:
        return []
    shared = [f for f in facts if f.status in {"consensus", "majority"}] or [
        f for f in facts if len(f.support) > 1
    ]
    published = {a.id: a.published for a in articles}
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    main = claim_vectors([f.text for f in shared], texts) if shared else np.zeros((0, 0), dtype=np.float32)
    own = claim_vectors([f.text for f in unique], texts)
    closeness = (own @ main.T).max(axis=1) if len(shared) else np.zeros(len(unique))
    # The claims that are near the main event are read word by word: parsed in one batch.
    texts.parse_many(
        [
            f.text
            for f, c in zip(unique, closeness.tolist(), strict=True)
            if c >= config.context_main_event_similarity
        ]
    )
    items = []
    for fact, close in zip(unique, closeness.tolist(), strict=True):
        article = fact.support[0].article
        day = published.get(article)
        year = day.year if day else None
        if close < config.context_main_event_similarity or is_background(fact.text, year, texts):
            items.append(ContextItem(article=article, fact=fact.id))
    return items


def is_background(text: str, year: int | None = None, texts: Texts | None = None) -> bool:
    """Whether a claim gives a figure or points to the past (a year before ``year``, 'earlier')."""
    tokens = list(texts.parse(text) if texts is not None else parse(text))
    if any(t.lower_ in _PAST_WORDS for t in tokens):
        return True
    years = {int(y) for y in dates(tokens).years}
    if years and (year is None or min(years) < year):
        return True
    for q in quantities(tokens):
        if "old" in q.text.lower():  # an age ("81-year-old") describes a person, not background
            continue
        if q.unit in {"percent"} or not q.unit.isalpha() or q.value >= 3:
            return True
    return False
