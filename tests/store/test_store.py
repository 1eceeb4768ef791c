"""The store on a real PostgreSQL server and on SQLite: same code, same stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus
from parallax.store import Store, database_url
from parallax.store.migrations import MIGRATIONS, current_version

FAST = Config(corpus=CorpusConfig(use_embeddings=False, batch_size=3))


@pytest.fixture()
def corpus(tmp_path: Path, example_files: list[Path]) -> Path:
    """The example story, two wire copies of one of its articles, and an unrelated report."""
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in example_files]
    base = records[1]["text"]
    records.append({"id": "wire-a", "text": base + "\nThe agency could not confirm the report."})
    records.append({"id": "wire-b", "text": base.replace("\n", " \n", 3)})
    records.append(
        {
            "id": "storm",
            "text": "A tropical storm made landfall on the coast on Sunday, cutting power to thousands "
            "of homes.\nForecasters expect heavy rain to continue through Tuesday.",
        }
    )
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.fixture()
def postgres(postgres_url: str) -> Store:
    store = Store(postgres_url)
    store.clear()
    return store


def _snapshot(store: Store) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    assignments = [a.model_dump(mode="json", exclude={"source"}) for a in store.assignments()]
    stories = [s.model_dump(mode="json") for s in store.list_stories(limit=1000)[0]]
    return assignments, stories


def test_postgres_and_sqlite_give_identical_stories(corpus: Path, tmp_path: Path, postgres: Store) -> None:
    with Store(str(tmp_path / "c.db")) as sqlite:
        build_corpus([str(corpus)], sqlite, FAST)
        expected = _snapshot(sqlite)
    with postgres:
        assert postgres.engine.dialect.name == "postgresql"
        build_corpus([str(corpus)], postgres, FAST)
        assert _snapshot(postgres) == expected
    assignments = {a["id"]: a for a in expected[0]}
    assert assignments["wire-a"]["duplicate_of"] == assignments["wire-b"]["duplicate_of"]
    assert assignments["wire-a"]["duplicate_of"] is not None


def test_rerun_on_postgres_adds_nothing_and_reports_round_trip(corpus: Path, postgres: Store) -> None:
    from parallax.models import Generator, Report, Story

    with postgres:
        build_corpus([str(corpus)], postgres, FAST)
        counts = postgres.counts()
        again = build_corpus([str(corpus)], postgres, FAST)
        assert again.added == 0 and postgres.counts() == counts
        story = postgres.list_stories()[0][0]
        report = Report(generator=Generator(version="test"), story=Story(title="t"))
        postgres.save_report(story.id, report, 0, [])
        assert postgres.load_report(story.id) == report
        assert postgres.list_stories()[0][0].has_report


def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(str(path)).close()
    store = Store(str(path))
    with store.engine.connect() as connection:
        assert current_version(connection) == len(MIGRATIONS)
        rows = connection.execute(text("select count(*) from schema_version")).scalar()
    store.close()
    assert rows == 1


def test_database_urls() -> None:
    assert database_url("corpus.db") == "sqlite:///corpus.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
