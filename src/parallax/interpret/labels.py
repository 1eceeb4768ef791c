"""How a reader names an article: the one helper every sentence, table, legend and chart label uses.

An article is named by its outlet. Where nothing named the outlet, it is "Article N", N being its
place among the story's articles (the number its citations carry): never its id, which is a
file stem, a hash or a record key that means nothing to a reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from parallax.models import Article


def fallback_label(number: int) -> str:
    """The name of the ``number``-th article (from 1) when no outlet is known."""
    return f"Article {number}"


def reader_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Article id → the name a reader sees, unique within the story.

    Several articles of one outlet keep apart by their number: "Reuters (2)", "Reuters (4)".
    """
    names = {a.id: (a.outlet.name or "").strip() for a in articles}
    counts = Counter(name for name in names.values() if name)
    labels: dict[str, str] = {}
    for number, article in enumerate(articles, start=1):
        name = names[article.id]
        if not name:
            labels[article.id] = fallback_label(number)
        elif counts[name] > 1:
            labels[article.id] = f"{name} ({number})"
        else:
            labels[article.id] = name
    return labels
