"""Tables of the corpus database (SQLAlchemy 2), identical on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    """One row: the number of migrations applied (see ``migrations.MIGRATIONS``)."""

    __tablename__ = "schema_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[date | None] = mapped_column(Date, index=True)
    last_published: Mapped[date | None] = mapped_column(Date, index=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    outlet_count: Mapped[int] = mapped_column(Integer, default=0)
    # JSON text rather than a JSON column type: byte-identical on both databases.
    outlets: Mapped[str] = mapped_column(Text, default="[]")
    state: Mapped[str] = mapped_column(Text, default="{}")
    report: Mapped[str | None] = mapped_column(Text)
    # Order of the last update (a counter): which stories a resumed clusterer keeps in memory.
    updated: Mapped[int] = mapped_column(Integer, default=0, index=True)
    # From the stored report (migration 2): what `--sort disagreement` orders by, and each outlet's
    # divergence in this story as JSON (summed across stories for the per-outlet view).
    contradictions: Mapped[int | None] = mapped_column(Integer)
    disputed: Mapped[int | None] = mapped_column(Integer)
    disagreement: Mapped[int | None] = mapped_column(Integer, index=True)
    divergence: Mapped[str | None] = mapped_column(Text)


class ArticleRow(Base):
    __tablename__ = "articles"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    article_id: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    body_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(64), index=True)
    lineage: Mapped[str | None] = mapped_column(Text)
    article: Mapped[str] = mapped_column(Text)


class SkippedRow(Base):
    __tablename__ = "skipped"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class StateRow(Base):
    """Corpus-wide state kept between runs (the clusterer's statistics), one JSON value per name."""

    __tablename__ = "corpus_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_articles_story_seq", ArticleRow.story_id, ArticleRow.seq)
