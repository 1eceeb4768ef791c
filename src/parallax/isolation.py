"""One bad article never loses the others: per-article steps run under a guard that turns that
article's exception into a ``Skipped`` with a one-line reason, and the run goes on.

A batch step (spaCy's ``nlp.pipe``, the cross-article alignment) runs on the whole batch first;
only when it raises is it run article by article to find the one that fails, so the guard costs
nothing while every article is well. A body over the length limit is cut (``cap_bodies``) so
that one runaway text cannot stall the analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from parallax.errors import article_cut, step_failed
from parallax.models import Article, Skipped

Item = TypeVar("Item")
Result = TypeVar("Result")


def each(
    step: str,
    items: Iterable[Item],
    run: Callable[[Item], Result],
    source: Callable[[Item], str],
    skipped: list[Skipped],
) -> Iterator[tuple[Item, Result]]:
    """``(item, run(item))`` for every item whose step succeeds; a failing one goes to ``skipped``."""
    for item in items:
        try:
            result = run(item)
        except Exception as error:  # any failure of one article's step costs that article only
            skipped.append(Skipped(source=source(item), reason=step_failed(step, error)))
            continue
        yield item, result


def batch_or_each(
    step: str,
    articles: Sequence[Article],
    run: Callable[[Sequence[Article]], list[Result]],
    skipped: list[Skipped],
) -> tuple[list[Article], list[Result]]:
    """``run`` (one result per article) on the whole batch; when it raises, article by article,
    the failing ones skipped. Returns the articles kept and their results, in order."""
    try:
        return list(articles), run(articles)
    except Exception:  # find the article that fails; the others are analysed
        pairs = list(each(step, articles, lambda article: run([article])[0], _source, skipped))
        return [a for a, _ in pairs], [r for _, r in pairs]


def culprits(
    step: str, articles: Sequence[Article], run: Callable[[Sequence[Article]], object]
) -> tuple[list[Article], list[Skipped]]:
    """After ``run`` failed on the whole story: the articles on which it passes alone, and the
    others as ``Skipped`` with the reason."""
    failed: list[Skipped] = []
    kept = [article for article, _ in each(step, articles, lambda article: run([article]), _source, failed)]
    return kept, failed


def cap_bodies(articles: Sequence[Article], limit: int, skipped: list[Skipped]) -> list[Article]:
    """Articles whose body is over ``limit`` characters cut at the last line break before it (a
    warning for each goes to ``skipped``): one runaway text cannot stall the analysis."""
    out = []
    for article in articles:
        if len(article.body) > limit:
            cut = article.body.rfind("\n", 0, limit + 1)
            body = article.body[: cut if cut > 0 else limit].rstrip()
            skipped.append(Skipped(source=article.source, reason=article_cut(len(article.body), len(body))))
            article = article.model_copy(update={"body": body})
        out.append(article)
    return out


def _source(article: Article) -> str:
    return article.source
