"""The read side of a story store, as the web app needs it: a filtered list and each story's report.

``StoryStore`` is the seam: the web app calls only ``list_stories``, ``outlet_divergence`` and
``get_story_report``. ``CorpusStories`` serves a corpus database built by ``parallax cluster --db``
(SQLite or PostgreSQL, through ``parallax.store``); a story archive is such a database too
(``corpus.analysis.store_story`` writes one without clustering).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from parallax.errors import NotADatabaseError, UsageError
from parallax.interpret.disagreement import combine
from parallax.models import OutletDivergence, Report

SORTS = ("default", "disagreement")


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise UsageError(f"sort: give one of {', '.join(SORTS)}, not {sort!r}")


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
        """Stories whose title holds ``q``, told by ``outlet``, overlapping [since, until]; largest first
        (``sort="disagreement"``: the most contradictions and disputed facts first)."""
        ...

    def outlet_divergence(self) -> list[OutletDivergence]:
        """Per outlet over the stored reports: unique claims, omissions, contradictions."""
        ...

    def get_story_report(self, story_id: str) -> Report | None:
        """The report of one story, or None when there is no such story."""
        ...


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


def _check_sqlite(path: Path) -> None:
    """A local ``--db`` file must be a SQLite database (a clear error, not a driver's message)."""
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            db.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(str(path), str(error)) from None


def open_store(db: str) -> StoryStore:
    """The story store behind ``parallax serve --db``: a corpus database."""
    if "://" not in db:
        if not Path(db).is_file():
            raise UsageError(f"no story database at {db}: build one with `parallax cluster ... --db {db}`")
        _check_sqlite(Path(db))
    return CorpusStories(db)
