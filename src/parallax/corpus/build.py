"""From a pile of inputs to a stored corpus: read → clean → features → dedupe → cluster → store.

Streaming in batches of ``CorpusConfig.batch_size`` raw items: cleaning and features (the costly,
order-free part) run through an executor — in-process or on Dask workers — while duplicate
detection and clustering (cheap, order-dependent) run here in arrival order, so every executor
gives the same stories. Each batch is committed in one transaction; items whose content key is
already stored are skipped, so re-running an ingest adds nothing twice and an interrupted one
resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np

from parallax import clean, ingest
from parallax.config import DEFAULT, Config, CorpusConfig, IngestConfig
from parallax.corpus.clustering import StoryClusterer, StoryState
from parallax.corpus.dedupe import DuplicateIndex, Match, lineage
from parallax.corpus.features import Features, extract
from parallax.corpus.feeds import is_feed, read_feed
from parallax.corpus.warc import is_warc, read_warc
from parallax.isolation import cap_bodies, each
from parallax.models import Article, Lineage, Outlet, RawArticle, Skipped
from parallax.scale import Executor, LocalExecutor
from parallax.store import ArticleRecord, Store, StoryRecord

Progress = Callable[[str], None]

# Write the clusterer's corpus statistics every this many batches (and at the end): they are
# the one large value, and a resumed run only needs them approximately.
_STATE_EVERY = 20


@dataclass
class Prepared:
    """One cleaned article with its content key, features and optional lead embedding."""

    key: str
    article: Article
    features: Features
    embedding: np.ndarray | None = None


@dataclass
class BuildSummary:
    """What one ingest did, for the user and for tests."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    duplicates: int = 0
    stories: set[str] = field(default_factory=set)
    # The first ``corpus.skipped_sample`` skipped items (all are counted, and stored).
    skipped: list[Skipped] = field(default_factory=list)
    skipped_count: int = 0


# --- reading ----------------------------------------------------------------------------------


def content_key(raw: RawArticle) -> str:
    """The key of an input item: what it says and what was given about it (URL, outlet, title,
    date, language), never where it was read from: the same records read by another path, from
    a renamed file or with lines moved have the same keys, so a re-run adds nothing twice. An
    exact copy published by another outlet (or at another URL or date) is its own item."""
    fields = [raw.text, raw.html, raw.url, raw.outlet, raw.title, raw.published, raw.language]
    payload = json.dumps(fields, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _guarded(
    items: Iterable[RawArticle | Skipped], source: str, limit: int
) -> Iterator[RawArticle | Skipped]:
    """Items of one input; a reader that fails midway costs the rest of that input, nothing more."""
    try:
        for item in items:
            if isinstance(item, RawArticle) and len(item.text or item.html or "") > limit:
                yield Skipped(
                    source=item.source,
                    reason=f"item longer than {limit} characters: not a news article (split it or drop it)",
                )
            else:
                yield item
    except Exception as error:  # a damaged file must not stop the batch
        message = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        yield Skipped(source=source, reason=f"unreadable from here on ({type(error).__name__}: {message})")


def _ingest_config(config: Config) -> IngestConfig:
    """Ingest settings for corpus mode: copies are kept, since clustering reports them (`duplicate_of`)."""
    return config.ingest.model_copy(update={"skip_duplicates": False})


def _read_path(path: Path, config: Config) -> Iterator[RawArticle | Skipped]:
    limit = config.corpus.max_article_chars
    if is_warc(path):
        yield from _guarded(read_warc(path, config.corpus), str(path), limit)
    elif is_feed(path):
        yield from _guarded(read_feed(path, config.corpus), str(path), limit)
    else:
        yield from _guarded(ingest.read_inputs([str(path)], _ingest_config(config)), str(path), limit)


def read_corpus(inputs: Iterable[str], config: Config = DEFAULT) -> Iterator[RawArticle | Skipped]:
    """Every input the contract accepts, plus WARC files and RSS/Atom feeds, one item at a time."""
    limit = config.corpus.max_article_chars
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _read_path(child, config)
        elif path.is_file():
            yield from _read_path(path, config)
        else:
            yield from _guarded(ingest.read_inputs([item], _ingest_config(config)), item, limit)


# --- the order-free part: runs on any worker --------------------------------------------------


def prepare(raws: list[RawArticle], config: Config = DEFAULT) -> tuple[list[Prepared], list[Skipped]]:
    """Clean one batch and compute its features (a pure function: same batch, same result)."""
    keys = {(raw.id, raw.source): content_key(raw) for raw in raws}
    given = {(raw.id, raw.source): raw.outlet for raw in raws if raw.outlet}
    # Copies stay: clustering reports them (`duplicate_of`) instead of dropping them.
    articles, dropped = clean.clean_articles(raws, config.clean.model_copy(update={"skip_duplicates": False}))
    # The contract: a given outlet wins over detection (kept here whatever cleaning did).
    articles = [
        a.model_copy(update={"outlet": Outlet(name=given[(a.id, a.source)], detected_by="given")})
        if (a.id, a.source) in given and a.outlet.name is None
        else a
        for a in articles
    ]
    skipped: list[Skipped] = list(dropped)
    # The same length rule as a story's analysis: a runaway body is cut, with a warning.
    articles = cap_bodies(
        [a for a in articles if (a.id, a.source) in keys], config.corpus.max_body_chars, skipped
    )
    # An article whose features cannot be computed is skipped with the reason, not the batch.
    prepared = [
        Prepared(key=keys[(a.id, a.source)], article=a, features=features)
        for a, features in each(
            "corpus features", articles, lambda a: extract(a, config.corpus), lambda a: a.source, skipped
        )
    ]
    if config.corpus.use_embeddings and prepared:
        from parallax.embed import embed

        vectors = embed([p.features.lead for p in prepared])
        for item, vector in zip(prepared, vectors, strict=True):
            item.embedding = vector
    return prepared, skipped


# --- the order-dependent part: runs here ------------------------------------------------------


def _batches(
    items: Iterable[RawArticle | Skipped], store: Store, size: int, summary: BuildSummary
) -> Iterator[tuple[list[RawArticle], list[Skipped]]]:
    """Groups of new raw items (already stored ones dropped) with the skipped items read among them."""
    seen: set[str] = set()
    raws: list[RawArticle] = []
    skipped: list[Skipped] = []

    def flush() -> tuple[list[RawArticle], list[Skipped]]:
        keys = [content_key(r) for r in raws]
        known = store.known_keys(keys) | seen
        fresh = []
        for raw, key in zip(raws, keys, strict=True):
            if key in known:
                summary.already_stored += 1
            else:
                fresh.append(raw)
                seen.add(key)
        return fresh, list(skipped)

    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        summary.read += 1
        raws.append(item)
        if len(raws) >= size:
            yield flush()
            raws, skipped = [], []
    if raws or skipped:
        yield flush()


class CorpusBuilder:
    """Holds the duplicate index and the clusterer across batches of one ingest."""

    def __init__(self, store: Store, config: Config = DEFAULT) -> None:
        self.store = store
        self.config = config
        self.duplicates: DuplicateIndex = load_duplicates(store, config.corpus)
        self.clusterer: StoryClusterer = load_clusterer(store, config.corpus)

    def add_batch(self, prepared: list[Prepared], skipped: list[Skipped], save_state: bool) -> BuildSummary:
        """Deduplicate, cluster and store one prepared batch (one transaction)."""
        summary = BuildSummary(skipped=list(skipped), skipped_count=len(skipped))
        corpus: CorpusConfig = self.config.corpus
        self.clusterer.observe([p.features for p in prepared])
        records: dict[str, ArticleRecord] = {}
        changed_groups: set[str] = set()
        new_copies: set[str] = set()
        # First pass in arrival order: copies are found (their story waits for their origin's),
        # other articles get a first story.
        matches: list[Match | None] = []
        originals: list[tuple[Features, np.ndarray | None, str]] = []
        for item in prepared:
            features = item.features
            match = self.duplicates.find(features.body_hash, features.minhash, features.published)
            matches.append(match)
            story = ""
            if match is None:
                story = self.clusterer.assign(features, item.embedding)
                originals.append((features, item.embedding, story))
            rewired = self.duplicates.add(
                item.key, features.body_hash, features.minhash, features.published, story, match
            )
            if rewired:
                changed_groups.add(self.duplicates.origin(item.key))
            elif match is not None:
                new_copies.add(item.key)
        # Then originals are re-assigned, and copies follow their origin's final story. Stories
        # an article left are rewritten too (their centroid changed).
        touched: set[str] = {story for _, _, story in originals}
        final = iter(self.clusterer.refine(originals))
        for item, match in zip(prepared, matches, strict=True):
            features = item.features
            if match is None:
                story = next(final)
            else:
                summary.duplicates += 1
                copied = self.duplicates.story(match.key)
                # A reprint long after its story closed is a new telling: clustered like any article.
                if self.clusterer.accepts(copied, features.published):
                    story = copied
                    self.clusterer.join(story, features, item.embedding)
                else:
                    story = self.clusterer.assign(features, item.embedding)
            self.duplicates.set_story(item.key, story)
            touched.add(story)
            records[item.key] = ArticleRecord(
                key=item.key,
                article=item.article,
                body_hash=features.body_hash,
                minhash=features.minhash,
                story_id=story,
            )
        rewired_rows = self._lineage(records, changed_groups, new_copies, corpus)
        self.store.write_batch(
            list(records.values()),
            [story_record(self.clusterer.stories[s]) for s in sorted(touched & set(self.clusterer.stories))],
            skipped,
            rewired_rows,
            self.clusterer.to_json() if save_state else None,
        )
        touched &= set(self.clusterer.stories)
        summary.added = len(records)
        summary.stories = touched
        return summary

    def _lineage(
        self,
        records: dict[str, ArticleRecord],
        rewired_groups: set[str],
        new_copies: set[str],
        corpus: CorpusConfig,
    ) -> dict[str, tuple[str | None, Lineage | None]]:
        """Set ``duplicate_of`` and the diff of each new copy, and of every member of a group whose
        origin changed; return the updates for members stored by earlier batches."""
        work: dict[str, str] = {}  # copy or member key -> origin key
        for origin in rewired_groups:
            current = self.duplicates.origin(origin)
            work.update({key: current for key in self.duplicates.group(current)})
        for key in new_copies:
            work.setdefault(key, self.duplicates.origin(key))
        needed = set(work) | set(work.values())
        stored = self.store.bodies(k for k in needed if k not in records)
        articles = {k: r.article for k, r in records.items()} | stored
        updates: dict[str, tuple[str | None, Lineage | None]] = {}
        for key, origin in sorted(work.items()):
            value: tuple[str | None, Lineage | None] = (None, None)
            if key != origin:
                source, copy = articles[origin], articles[key]
                similarity = self.duplicates.similarity(origin, key)
                value = (
                    origin,
                    lineage(source.id, source.body, source.title, copy.body, copy.title, similarity, corpus),
                )
            if key in records:
                records[key].duplicate_of, records[key].lineage = value
            else:
                updates[key] = value
        return updates

    def finish(self) -> None:
        self.store.save_clusterer(self.clusterer.to_json())


def load_duplicates(store: Store, config: CorpusConfig = DEFAULT.corpus) -> DuplicateIndex:
    """The duplicate index of every stored article, rebuilt in arrival order."""
    index = DuplicateIndex(config)
    for row in store.duplicate_rows():
        index.restore(row.key, row.body_hash, row.signature, row.published, row.origin, row.story_id)
    return index


def load_clusterer(store: Store, config: CorpusConfig = DEFAULT.corpus) -> StoryClusterer:
    """The clusterer as the last run left it (a fresh one for an empty database)."""
    saved = store.clusterer_state(config.max_open_stories)
    if saved is None:
        return StoryClusterer(config)
    data, states = saved
    return StoryClusterer.from_json(data, [StoryState.from_json(state) for state in states], config)


def story_record(story: StoryState) -> StoryRecord:
    """What the store keeps of a story: its JSON state and the columns read without it."""
    return StoryRecord(story.id, story.to_json(), story.first, story.last, story.size)


def build_corpus(
    inputs: Iterable[str],
    store: Store,
    config: Config = DEFAULT,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Ingest ``inputs`` into ``store``: new articles deduplicated, clustered and committed in batches."""
    executor = executor or LocalExecutor()
    total = BuildSummary()
    builder = CorpusBuilder(store, config)
    batches = _batches(read_corpus(inputs, config), store, config.corpus.batch_size, total)
    pending_skipped: list[list[Skipped]] = []

    def raws_only() -> Iterator[list[RawArticle]]:
        for raws, skipped in batches:
            pending_skipped.append(skipped)
            yield raws

    work = partial(prepare, config=config)
    for number, (prepared, dropped) in enumerate(executor.map(work, raws_only()), start=1):
        skipped = pending_skipped.pop(0) + dropped
        summary = builder.add_batch(prepared, skipped, save_state=number % _STATE_EVERY == 0)
        total.added += summary.added
        total.duplicates += summary.duplicates
        total.stories |= summary.stories
        total.skipped_count += len(summary.skipped)
        total.skipped.extend(summary.skipped[: max(0, config.corpus.skipped_sample - len(total.skipped))])
        if progress is not None:
            progress(f"{total.added} articles stored, {len(total.stories)} stories")
    builder.finish()
    return total
