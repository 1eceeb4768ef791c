"""The full analysis of stored stories, one task per story (in-process or on Dask workers)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from parallax import pipeline
from parallax.config import DEFAULT, Config
from parallax.corpus.build import story_record
from parallax.corpus.clustering import StoryState
from parallax.corpus.features import extract
from parallax.errors import ParallaxError
from parallax.interpret.disagreement import disputed_facts, outlet_divergence
from parallax.models import Article, Report
from parallax.scale import Executor, LocalExecutor

if TYPE_CHECKING:
    from parallax.store import Store


def analyze_story(articles: list[Article], config: Config = DEFAULT) -> Report | str:
    """The report of one story, or the one-line reason it could not be analysed."""
    try:
        return pipeline.analyze_articles(articles, (), config)
    except ParallaxError as error:
        return str(error)


def analyze_stored(
    store: Store,
    story_ids: Sequence[str],
    config: Config = DEFAULT,
    executor: Executor | None = None,
) -> Iterator[tuple[str, Report | str]]:
    """Analyse each story, store its report, and yield ``(story id, report or reason)``.

    Copies (``duplicate_of`` set) are left out: a wire copy adds no independent telling of the
    story, and counting it would turn one agency text into a false consensus.
    """
    executor = executor or LocalExecutor()
    inputs = (store.story_articles(sid, include_duplicates=False) for sid in story_ids)
    for story_id, result in zip(
        story_ids, executor.map(partial(analyze_story, config=config), inputs), strict=True
    ):
        if isinstance(result, Report):
            save_report(store, story_id, result)
        yield story_id, result


def analysis_workers(config: Config, stories: int, requested: int | None = None) -> int:
    """How many local worker processes analyse ``stories`` stories: ``requested`` (``--workers``),
    else ``config.corpus.analysis_workers``, else one per core up to ``max_analysis_workers``;
    never more than the stories.

    On the quiet 2-core bench machine (150 BASIL articles, 50 stories) two workers ran at 2.35-2.40
    articles/s against one's 1.84 (1.3x); under a load of 10-14 from other processes they ran at
    0.93x one process with 4% more CPU (benchmarks/results/bench_corpus_analysis.json). The load
    average is no guide: it still counts the user's previous command for a minute after it ends,
    so a rule of "idle cores" chose one worker on the quiet machine."""
    wanted = requested or config.corpus.analysis_workers
    if not wanted:
        wanted = min(os.cpu_count() or 1, config.corpus.max_analysis_workers)
    return max(1, min(wanted, stories))


def worker_config(config: Config, workers: int) -> Config:
    """The config each of ``workers`` local processes analyses with: the embedding model's
    threads shared out among them (unless set), so the workers do not fight over the cores.
    Vectors, and so reports, do not depend on the thread count."""
    if workers <= 1 or config.annotate.embed_threads:
        return config
    threads = max(1, (os.cpu_count() or 1) // workers)
    annotate = config.annotate.model_copy(update={"embed_threads": threads})
    return config.model_copy(update={"annotate": annotate})


def save_report(store: Store, story_id: str, report: Report) -> None:
    """Store a story's report with the disagreement the story list sorts by (disputed facts, and
    each outlet's divergence for ``parallax stories --outlets``)."""
    store.save_report(story_id, report, disputed_facts(report), outlet_divergence(report))


def store_story(
    store: Store, story_id: str, articles: Sequence[Article], report: Report | None = None
) -> None:
    """Store articles already known to tell one story as the story ``story_id``, without duplicate
    detection or clustering, with its report when one is given (a story archive for ``parallax
    serve``; tests and the web benchmark seed their databases so)."""
    from parallax.store import ArticleRecord

    features = [extract(article) for article in articles]
    dates = [f.published for f in features if f.published]
    state = StoryState(
        id=story_id, size=len(articles), first=min(dates, default=None), last=max(dates, default=None)
    )
    records = [
        ArticleRecord(f"{story_id}/{a.id}", a, f.body_hash, f.minhash, story_id)
        for a, f in zip(articles, features, strict=True)
    ]
    store.write_batch(records, [story_record(state)], [], {})
    if report is not None:
        save_report(store, story_id, report)
