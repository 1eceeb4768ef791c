"""The corpus database: articles, stories, duplicates, reports and skipped inputs.

One code path for both back ends (SQLAlchemy 2): ``--db parallax.db`` is an embedded SQLite file,
``--db postgresql://user@host/name`` a PostgreSQL server. Articles are keyed by the hash of their
content as read, so ingesting the same input twice stores it once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.orm import Session

from parallax.errors import E, NoDatabaseError, UsageError
from parallax.models import (
    Article,
    ClusterAssignment,
    Lineage,
    OutletDivergence,
    Report,
    Skipped,
    StoredStory,
)
from parallax.store.migrations import migrate
from parallax.store.schema import ArticleRow, SkippedRow, StateRow, StoryRow

__all__ = ["ArticleRecord", "DuplicateRow", "Store", "StoryRecord", "database_url"]

_CLUSTERER = "clusterer"
# Ids per `IN (...)` query: far below the bound-parameter limits of SQLite and PostgreSQL.
_IN_CHUNK = 500


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def database_url(db: str) -> str:
    """SQLAlchemy URL for a ``--db`` value: a file path means SQLite, a URL is used as given."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{db}"


@dataclass
class ArticleRecord:
    """One article ready to be written: the cleaned article plus its corpus bookkeeping."""

    key: str
    article: Article
    body_hash: str
    minhash: np.ndarray
    story_id: str
    duplicate_of: str | None = None
    lineage: Lineage | None = None


@dataclass(frozen=True)
class StoryRecord:
    """One story's state as the clusterer saves it: its JSON state and the columns read without it."""

    id: str
    state: dict[str, Any]
    first: date | None
    last: date | None
    size: int


@dataclass(frozen=True)
class DuplicateRow:
    """What the duplicate index needs of one stored article (``corpus.dedupe`` rebuilds from these)."""

    key: str
    body_hash: str
    signature: np.ndarray
    published: date | None
    origin: str
    story_id: str


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL + NORMAL sync: crash-safe commits without an fsync per row batch.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """A corpus database, created or migrated on open."""

    def __init__(self, db: str, create: bool = True) -> None:
        """Open ``db``; with ``create`` off, a SQLite path where no file exists is a ``NoDatabaseError``
        (a typo must not leave an empty database behind)."""
        if not create and "://" not in db and not Path(db).is_file():
            raise NoDatabaseError(db)
        url = database_url(db)
        try:
            self.engine: Engine = create_engine(url)
        except Exception as error:  # bad URL syntax or unknown driver
            raise UsageError(E.PX205, db=db, detail=error) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            migrate(self.engine)
        except Exception as error:
            raise UsageError(E.PX206, db=db, detail=str(error).splitlines()[0]) from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- ingest --------------------------------------------------------------------------------

    def known_keys(self, keys: Sequence[str]) -> set[str]:
        """The keys among ``keys`` that are already stored (what a resumed ingest skips)."""
        if not keys:
            return set()
        with Session(self.engine) as session:
            rows = session.scalars(select(ArticleRow.key).where(ArticleRow.key.in_(list(keys))))
            return set(rows)

    def duplicate_rows(self) -> Iterator[DuplicateRow]:
        """Every stored article's duplicate-index fields, in arrival order."""
        query = select(
            ArticleRow.key,
            ArticleRow.body_hash,
            ArticleRow.minhash,
            ArticleRow.published,
            ArticleRow.duplicate_of,
            ArticleRow.story_id,
        ).order_by(ArticleRow.seq)
        with Session(self.engine) as session:
            for key, body_hash, minhash, published, duplicate_of, story_id in session.execute(query):
                signature = np.frombuffer(minhash, dtype=np.uint64).copy()
                yield DuplicateRow(key, body_hash, signature, published, duplicate_of or key, story_id)

    def clusterer_state(self, open_stories: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The clusterer's saved JSON state and the JSON states of its ``open_stories`` most recently
        extended stories, oldest first (the clusterer's eviction order); None for an empty database."""
        with Session(self.engine) as session:
            saved = session.get(StateRow, _CLUSTERER)
            if saved is None:
                return None
            data = json.loads(saved.value)
            query = select(StoryRow.state).order_by(StoryRow.updated.desc()).limit(open_stories)
            states = list(session.scalars(query))
        return data, [json.loads(state) for state in reversed(states)]

    def write_batch(
        self,
        records: Sequence[ArticleRecord],
        stories: Iterable[StoryRecord],
        skipped: Sequence[Skipped],
        rewired: dict[str, tuple[str | None, Lineage | None]],
        clusterer: dict[str, Any] | None = None,
    ) -> None:
        """Write one batch in one transaction: an interruption loses this batch, never half of it.

        ``rewired`` maps an already stored article's key to its new ``(duplicate_of, lineage)``
        (an earlier publication of the same text arrived). The batch's articles are folded into
        their stories' title and outlets in the same transaction; ``clusterer`` is the clusterer's
        JSON state, saved with them when given.
        """
        with Session(self.engine) as session, session.begin():
            rows = self._upsert_stories(session, list(stories))
            session.flush()
            if records:
                # One executemany (ORM bulk insert), not one INSERT per mapped object: rows get
                # their ``seq`` in list order on both databases. NULLs rendered, or rows would be
                # grouped into one statement per pattern of missing values.
                session.execute(
                    insert(ArticleRow).execution_options(render_nulls=True),
                    [
                        {
                            "key": r.key,
                            "article_id": r.article.id,
                            "source": r.article.source,
                            "outlet": r.article.outlet.name,
                            "title": r.article.title,
                            "published": r.article.published,
                            "body_hash": r.body_hash,
                            "minhash": r.minhash.astype(np.uint64).tobytes(),
                            "story_id": r.story_id,
                            "duplicate_of": r.duplicate_of,
                            "lineage": r.lineage.model_dump_json() if r.lineage else None,
                            "article": r.article.model_dump_json(exclude={"sentences"}),
                        }
                        for r in records
                    ],
                )
            session.add_all(
                SkippedRow(source=s.source, reason=s.reason) for s in self._new_skipped(session, skipped)
            )
            for key, (origin, lineage) in rewired.items():
                session.execute(
                    update(ArticleRow)
                    .where(ArticleRow.key == key)
                    .values(duplicate_of=origin, lineage=lineage.model_dump_json() if lineage else None)
                )
            self._fold_metadata(session, records, rows)
            if clusterer is not None:
                self._save_state(session, _CLUSTERER, clusterer)

    @staticmethod
    def _new_skipped(session: Session, skipped: Sequence[Skipped]) -> list[Skipped]:
        """The skipped items not stored yet (a re-run or resume meets the same bad items again)."""
        wanted = {(s.source, s.reason): s for s in skipped}
        sources = sorted({source for source, _ in wanted})
        for start in range(0, len(sources), _IN_CHUNK):
            query = select(SkippedRow.source, SkippedRow.reason).where(
                SkippedRow.source.in_(sources[start : start + _IN_CHUNK])
            )
            for row in session.execute(query):
                wanted.pop((row.source, row.reason), None)
        return list(wanted.values())

    def save_clusterer(self, state: dict[str, Any]) -> None:
        """Save the clusterer's JSON state (``StoryClusterer.to_json``)."""
        with Session(self.engine) as session, session.begin():
            self._save_state(session, _CLUSTERER, state)

    @staticmethod
    def _save_state(session: Session, name: str, value: dict[str, Any]) -> None:
        text = json.dumps(value, sort_keys=True)
        row = session.get(StateRow, name)
        if row is None:
            session.add(StateRow(name=name, value=text))
        else:
            row.value = text

    @staticmethod
    def _story_rows(session: Session, ids: Sequence[str]) -> dict[str, StoryRow]:
        """The stored rows of these stories, read in a few ``IN`` queries."""
        rows: dict[str, StoryRow] = {}
        for start in range(0, len(ids), _IN_CHUNK):
            query = select(StoryRow).where(StoryRow.id.in_(ids[start : start + _IN_CHUNK]))
            rows.update((row.id, row) for row in session.scalars(query))
        return rows

    @classmethod
    def _upsert_stories(cls, session: Session, stories: Sequence[StoryRecord]) -> dict[str, StoryRow]:
        """Store each story's state, stamped with the next value of a counter that orders story
        updates (the clusterer's recency order) on any database: one read of the rows and of the
        counter per batch, not one round trip per story. Returns the rows by story id."""
        if not stories:
            return {}
        rows = cls._story_rows(session, [story.id for story in stories])
        tick = session.get(StateRow, "tick")
        value = int(tick.value) if tick is not None else 0
        for story in stories:
            row = rows.get(story.id)
            if row is None:
                row = StoryRow(id=story.id, article_count=0, outlet_count=0, outlets="[]")
                session.add(row)
                rows[story.id] = row
            value += 1
            row.state = json.dumps(story.state, sort_keys=True)
            row.updated = value
            row.first_published = story.first
            row.last_published = story.last
            row.article_count = story.size
        if tick is None:
            session.add(StateRow(name="tick", value=str(value)))
        else:
            tick.value = str(value)
        return rows

    @classmethod
    def _fold_metadata(
        cls, session: Session, records: Sequence[ArticleRecord], rows: dict[str, StoryRow]
    ) -> None:
        """Fold a batch's articles into their stories' title and outlets (cost: the batch only,
        not the size of the stories, so a story thousands of articles long stays cheap). ``rows``
        are the story rows already read in this session; the others are read in one go."""
        by_story: dict[str, list[Article]] = {}
        for record in records:
            by_story.setdefault(record.story_id, []).append(record.article)
        rows = rows | cls._story_rows(session, sorted(set(by_story) - set(rows)))
        for story_id, articles in sorted(by_story.items()):
            row = rows.get(story_id)
            if row is None:
                continue
            outlets = set(json.loads(row.outlets)) | {a.outlet.name for a in articles if a.outlet.name}
            row.outlets = json.dumps(sorted(outlets))
            row.outlet_count = len(outlets)
            if row.title is None:
                # The first titled batch names the story: its shortest headline.
                titles = [a.title for a in articles if a.title]
                row.title = min(titles, key=lambda t: (len(t), t)) if titles else None

    def bodies(self, keys: Iterable[str]) -> dict[str, Article]:
        """Stored articles by key (for lineage diffs against an origin read in an earlier batch)."""
        wanted = list(set(keys))
        if not wanted:
            return {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(ArticleRow.key, ArticleRow.article).where(ArticleRow.key.in_(wanted))
            )
            return {key: Article.model_validate_json(text) for key, text in rows}

    def article_ids(self, keys: Iterable[str]) -> dict[str, str]:
        wanted = list(set(keys))
        if not wanted:
            return {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(ArticleRow.key, ArticleRow.article_id).where(ArticleRow.key.in_(wanted))
            )
            return {k: v for k, v in rows}

    # --- reading -------------------------------------------------------------------------------

    def assignments(self) -> Iterator[ClusterAssignment]:
        """One record per stored article, in arrival order: its story and what it copies."""
        with Session(self.engine) as session:
            ids = {k: v for k, v in session.execute(select(ArticleRow.key, ArticleRow.article_id))}
            query = select(
                ArticleRow.article_id,
                ArticleRow.story_id,
                ArticleRow.duplicate_of,
                ArticleRow.source,
                ArticleRow.outlet,
                ArticleRow.title,
                ArticleRow.published,
                ArticleRow.lineage,
            ).order_by(ArticleRow.seq)
            for row in session.execute(query).yield_per(1000):
                yield ClusterAssignment(
                    id=row.article_id,
                    story=row.story_id,
                    duplicate_of=ids.get(row.duplicate_of) if row.duplicate_of else None,
                    source=row.source,
                    outlet=row.outlet,
                    title=row.title,
                    published=row.published,
                    lineage=Lineage.model_validate_json(row.lineage) if row.lineage else None,
                )

    def list_stories(
        self,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
        min_outlets: int = 0,
        sort: str = "size",
    ) -> tuple[list[StoredStory], int]:
        """Stories, largest first (``sort="disagreement"``: most contradictions and disputed facts
        first), with the total count matching the filters (for paging)."""
        conditions: list[ColumnElement[bool]] = []
        # `%` and `_` in what a user typed are characters to find, not wildcards.
        # Each word of `q` must appear in the title, in any order ("town floods" finds "Floods hit
        # the town").
        for word in (q or "").split():
            conditions.append(StoryRow.title.ilike(f"%{_escape_like(word)}%", escape="\\"))
        if outlet:
            pattern = _escape_like(json.dumps(outlet))
            conditions.append(StoryRow.outlets.like(f"%{pattern}%", escape="\\"))
        if since:
            conditions.append(StoryRow.last_published >= since)
        if until:
            conditions.append(StoryRow.first_published <= until)
        if min_outlets:
            conditions.append(StoryRow.outlet_count >= min_outlets)
        with Session(self.engine) as session:
            total = session.scalar(select(func.count()).select_from(StoryRow).where(*conditions)) or 0
            order = [StoryRow.article_count.desc(), StoryRow.id]
            if sort == "disagreement":
                order = [func.coalesce(StoryRow.disagreement, -1).desc(), *order]
            elif sort != "size":
                raise UsageError(f"sort: give 'size' or 'disagreement', not {sort!r}")
            query = select(StoryRow).where(*conditions).order_by(*order).limit(limit).offset(offset)
            stories = [
                StoredStory(
                    id=row.id,
                    title=row.title,
                    first_published=row.first_published,
                    last_published=row.last_published,
                    outlets=json.loads(row.outlets),
                    article_count=row.article_count,
                    has_report=row.report is not None,
                    contradictions=row.contradictions or 0,
                    disputed=row.disputed or 0,
                )
                for row in session.scalars(query)
            ]
        return stories, int(total)

    def story_ids(self, min_outlets: int = 0) -> list[str]:
        with Session(self.engine) as session:
            query = select(StoryRow.id).where(StoryRow.outlet_count >= min_outlets).order_by(StoryRow.id)
            return list(session.scalars(query))

    def story_articles(self, story_id: str, include_duplicates: bool = True) -> list[Article]:
        """The stored articles of one story, in arrival order."""
        with Session(self.engine) as session:
            if session.get(StoryRow, story_id) is None:
                raise UsageError(E.PX207, story=story_id)
            query = select(ArticleRow.article).where(ArticleRow.story_id == story_id).order_by(ArticleRow.seq)
            if not include_duplicates:
                query = query.where(ArticleRow.duplicate_of.is_(None))
            return [Article.model_validate_json(text) for text in session.scalars(query)]

    def save_report(
        self, story_id: str, report: Report, disputed: int, divergence: Sequence[OutletDivergence]
    ) -> None:
        """Store a story's report with its disagreement counts and per-outlet divergence, as
        ``interpret.disagreement`` measured them (see ``corpus.analysis.save_report``)."""
        contradictions = len(report.contradictions)
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(StoryRow)
                .where(StoryRow.id == story_id)
                .values(
                    report=report.model_dump_json(),
                    contradictions=contradictions,
                    disputed=disputed,
                    disagreement=contradictions + disputed,
                    divergence=json.dumps([d.model_dump() for d in divergence]),
                )
            )

    def divergence(self) -> Iterator[list[OutletDivergence]]:
        """Each analysed story's per-outlet divergence (``interpret.disagreement``), story by story."""
        with Session(self.engine) as session:
            query = select(StoryRow.divergence).where(StoryRow.divergence.is_not(None)).order_by(StoryRow.id)
            for text in session.scalars(query).yield_per(1000):
                yield [OutletDivergence.model_validate(d) for d in json.loads(text or "[]")]

    def load_report(self, story_id: str) -> Report | None:
        with Session(self.engine) as session:
            text = session.scalar(select(StoryRow.report).where(StoryRow.id == story_id))
            return Report.model_validate_json(text) if text else None

    def skipped(self) -> list[Skipped]:
        with Session(self.engine) as session:
            rows = session.execute(select(SkippedRow.source, SkippedRow.reason).order_by(SkippedRow.id))
            return [Skipped(source=s, reason=r) for s, r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, duplicates, stories, skipped."""
        with Session(self.engine) as session:
            return {
                "articles": session.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "duplicates": session.scalar(
                    select(func.count()).select_from(ArticleRow).where(ArticleRow.duplicate_of.is_not(None))
                )
                or 0,
                "stories": session.scalar(select(func.count()).select_from(StoryRow)) or 0,
                "skipped": session.scalar(select(func.count()).select_from(SkippedRow)) or 0,
            }

    def clear(self) -> None:
        """Delete every row (tests and benchmarks reuse one server)."""
        with Session(self.engine) as session, session.begin():
            for table in (ArticleRow, SkippedRow, StateRow, StoryRow):
                session.execute(delete(table))
