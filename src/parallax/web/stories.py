"""The read side of a story store, as the web app needs it: a filtered list and each story's report.

``StoryStore`` is the seam: the web app calls only ``list_stories`` and ``get_story_report``.
``CorpusStories`` serves a corpus database built by ``parallax cluster --db`` (SQLite or
PostgreSQL, through ``parallax.store``); ``SQLiteStories`` serves a plain archive of reports kept
in one SQLite table. ``open_store`` picks by what the database holds.

The table, ``story_reports`` (one row per story, written by ``add_story``)::

    id              TEXT PRIMARY KEY   -- the story id shown in URLs
    title           TEXT               -- report.story.title
    outlets         TEXT               -- JSON array of outlet names (report.story.outlets)
    first_published TEXT               -- ISO date or NULL
    last_published  TEXT               -- ISO date or NULL
    article_count   INTEGER
    search_text     TEXT               -- lower-cased title, outlets, article titles and bodies
    report          TEXT               -- the JSON report (schema_version 1)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from parallax.errors import NotADatabaseError, UsageError
from parallax.interpret.disagreement import combine, outlet_divergence
from parallax.models import OutletDivergence, Report

SORTS = ("default", "disagreement")
# The archive's disagreement, read from each stored report (SQLite JSON1).
_DISAGREEMENT_SQL = (
    "(json_array_length(report, '$.contradictions') + (SELECT count(*) FROM json_each(report, '$.facts') "
    "WHERE json_extract(value, '$.status') = 'disputed'))"
)


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise UsageError(f"sort: give one of {', '.join(SORTS)}, not {sort!r}")


SCHEMA = """
CREATE TABLE IF NOT EXISTS story_reports (
    id TEXT PRIMARY KEY,
    title TEXT,
    outlets TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    article_count INTEGER NOT NULL,
    search_text TEXT NOT NULL,
    report TEXT NOT NULL
)
"""


class StoryItem(BaseModel):
    """One story in the list (``GET /api/stories``)."""

    id: str
    title: str | None
    outlets: list[str]
    first_published: date | None
    last_published: date | None
    article_count: int
    contradictions: int = 0
    disputed: int = 0


class StoryPage(BaseModel):
    """A page of the filtered list and how many stories match in all."""

    stories: list[StoryItem]
    total: int


class StoryStore(Protocol):
    """What the web app reads from a story store."""

    def list_stories(
        self,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: str = "default",
    ) -> StoryPage:
        """Stories with every word of ``q``, told by ``outlet``, overlapping [since, until]; newest first
        (``sort="disagreement"``: the most contradictions and disputed facts first)."""
        ...

    def outlet_divergence(self) -> list[OutletDivergence]:
        """Per outlet over the stored reports: unique claims, omissions, contradictions."""
        ...

    def get_story_report(self, story_id: str) -> Report | None:
        """The report of one story, or None when there is no such story."""
        ...


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SQLiteStories:
    """``StoryStore`` over the ``story_reports`` table, opened read-only: the web app never writes it."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise UsageError(f"no story database at {path}: give an existing file to --db")
        self.uri = path.resolve().as_uri() + "?mode=ro"
        with self._connect() as db:
            try:
                db.execute("SELECT 1 FROM story_reports LIMIT 1")
            except sqlite3.DatabaseError as error:
                raise UsageError(f"{path} is not a parallax story database ({error})") from error

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.uri, uri=True)) as db:
            yield db

    def list_stories(
        self,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: str = "default",
    ) -> StoryPage:
        _check_sort(sort)
        where: list[str] = []
        params: list[Any] = []
        for word in (q or "").lower().split():
            where.append("search_text LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(word)}%")
        if outlet:
            where.append("EXISTS (SELECT 1 FROM json_each(outlets) WHERE lower(value) = lower(?))")
            params.append(outlet)
        if since:
            where.append("coalesce(last_published, first_published) >= ?")
            params.append(since.isoformat())
        if until:
            where.append("coalesce(first_published, last_published) <= ?")
            params.append(until.isoformat())
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._connect() as db:
            total = db.execute(f"SELECT count(*) FROM story_reports {clause}", params).fetchone()[0]
            first = f"{_DISAGREEMENT_SQL} DESC, " if sort == "disagreement" else ""
            rows = db.execute(
                "SELECT id, title, outlets, first_published, last_published, article_count, "
                f"json_array_length(report, '$.contradictions'), {_DISAGREEMENT_SQL} "
                f"FROM story_reports {clause} "
                f"ORDER BY {first}last_published IS NULL, last_published DESC, id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        stories = [
            StoryItem(
                id=row[0],
                title=row[1],
                outlets=json.loads(row[2]),
                first_published=row[3],
                last_published=row[4],
                article_count=row[5],
                contradictions=row[6] or 0,
                disputed=(row[7] or 0) - (row[6] or 0),
            )
            for row in rows
        ]
        return StoryPage(stories=stories, total=total)

    def outlet_divergence(self) -> list[OutletDivergence]:
        with self._connect() as db:
            reports = (
                Report.model_validate_json(r[0]) for r in db.execute("SELECT report FROM story_reports")
            )
            return combine(outlet_divergence(r) for r in reports)

    def get_story_report(self, story_id: str) -> Report | None:
        with self._connect() as db:
            row = db.execute("SELECT report FROM story_reports WHERE id = ?", (story_id,)).fetchone()
        return Report.model_validate_json(row[0]) if row else None


def add_story(path: Path, story_id: str, report: Report) -> None:
    """Store one story's report in the ``story_reports`` table (created when missing)."""
    story = report.story
    words = [story.title or "", *story.outlets]
    words += [f"{a.title or ''}\n{a.body}" for a in report.articles]
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(SCHEMA)
        db.execute(
            "INSERT OR REPLACE INTO story_reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                story.title,
                json.dumps(story.outlets),
                story.first_published.isoformat() if story.first_published else None,
                story.last_published.isoformat() if story.last_published else None,
                story.article_count,
                "\n".join(words).lower(),
                report.model_dump_json(),
            ),
        )


class CorpusStories:
    """``StoryStore`` over corpus mode's database: a story without a stored report is analysed once
    on first request, and its report saved."""

    def __init__(self, db: str) -> None:
        from parallax.store import Store

        self.store = Store(db)

    def list_stories(
        self,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: str = "default",
    ) -> StoryPage:
        _check_sort(sort)
        order = "disagreement" if sort == "disagreement" else "size"
        stories, total = self.store.list_stories(q, outlet, since, until, limit, offset, sort=order)
        items = [
            StoryItem(
                id=s.id,
                title=s.title,
                outlets=s.outlets,
                first_published=s.first_published,
                last_published=s.last_published,
                article_count=s.article_count,
                contradictions=s.contradictions,
                disputed=s.disputed,
            )
            for s in stories
        ]
        return StoryPage(stories=items, total=total)

    def outlet_divergence(self) -> list[OutletDivergence]:
        return combine(self.store.divergence())

    def get_story_report(self, story_id: str) -> Report | None:
        from parallax.corpus.analysis import save_report
        from parallax.pipeline import analyze_articles

        report = self.store.load_report(story_id)
        if report is not None:
            return report
        try:
            articles = self.store.story_articles(story_id, include_duplicates=False)
        except UsageError:
            return None
        report = analyze_articles(articles)
        save_report(self.store, story_id, report)
        return report


def _is_report_archive(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='story_reports'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(str(path), str(error)) from None
    return found is not None


def open_store(db: str) -> StoryStore:
    """The story store behind ``parallax serve --db``: a report archive file, else a corpus database."""
    if "://" not in db and _is_report_archive(Path(db)):
        return SQLiteStories(Path(db))
    if "://" not in db and not Path(db).is_file():
        raise UsageError(f"no story database at {db}: build one with `parallax cluster ... --db {db}`")
    return CorpusStories(db)
