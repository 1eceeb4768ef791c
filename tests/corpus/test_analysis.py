"""`parallax analyze --db --all` in worker processes stores the reports the serial run stores, and a
story that cannot be analysed costs the others nothing (issue 17, corpus analysis speed)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.config import DEFAULT, AnnotateConfig, Config, CorpusConfig
from parallax.corpus.analysis import analysis_workers, store_story, worker_config
from parallax.models import Article, Outlet
from parallax.store import Store
from tests.corpus.conftest import ecb_documents

runner = CliRunner()


def _articles(story: str, documents: list[dict[str, str]]) -> list[Article]:
    return [
        Article(
            id=doc["id"],
            source=f"ecbplus/{doc['id']}",
            outlet=Outlet(name=f"outlet-{n}", detected_by="given"),
            body=doc["text"],
        )
        for n, doc in enumerate(documents)
    ]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two stories of three ECB+ reports each (two events of one kind), plus a story whose every
    article is a copy: nothing is left to analyse, so it fails with a reason."""
    documents = ecb_documents(("1_ecb", "1_ecbplus"), per_subtopic=3)
    db = tmp_path_factory.mktemp("analysis") / "corpus.db"
    with Store(str(db)) as store:
        store_story(store, "a-first", _articles("a-first", documents[:3]))
        store_story(store, "b-copies", _articles("b-copies", documents[:2]))
        store_story(store, "c-second", _articles("c-second", documents[3:]))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET duplicate_of = 'x' WHERE story_id = 'b-copies'")
    with sqlite3.connect(db) as connection:  # into the database file itself: the tests copy it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _analyse(db: Path, copy: Path, *options: str) -> tuple[dict[str, str | None], str]:
    shutil.copy(db, copy)
    result = runner.invoke(app, ["analyze", "--db", str(copy), "--all", *options])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(copy) as connection:
        reports = dict(connection.execute("SELECT id, report FROM stories ORDER BY id").fetchall())
    return reports, result.output


def test_two_workers_store_the_reports_one_process_stores(corpus_db: Path, tmp_path: Path) -> None:
    serial, serial_output = _analyse(corpus_db, tmp_path / "serial.db", "--workers", "1")
    parallel, parallel_output = _analyse(corpus_db, tmp_path / "parallel.db", "--workers", "2")
    # Positive control: both real stories got a report with facts, the copies-only story none.
    assert serial["a-first"] and serial["c-second"] and '"facts":[{' in serial["a-first"]
    assert serial["b-copies"] is None
    assert parallel == serial
    # One line per story, in story order, either way (the progress of a long run).
    for output in (serial_output, parallel_output):
        lines = [line.split(":")[0] for line in output.splitlines() if line.startswith("story ")]
        assert lines == ["story a-first", "story b-copies", "story c-second"], output
        assert "story b-copies: report stored" not in output and "story a-first: report stored" in output


def test_the_default_is_one_worker_per_core_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert analysis_workers(DEFAULT, stories=100) == 4
    assert analysis_workers(DEFAULT, stories=3) == 3  # never more than the stories
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert analysis_workers(DEFAULT, stories=100) == DEFAULT.corpus.max_analysis_workers
    assert analysis_workers(DEFAULT, stories=100, requested=2) == 2  # asked for: given


def test_worker_count_and_their_embedding_threads() -> None:
    cores = os.cpu_count() or 1
    assert analysis_workers(DEFAULT, stories=1) == 1
    assert 1 <= analysis_workers(DEFAULT, stories=100) <= min(cores, DEFAULT.corpus.max_analysis_workers)
    assert analysis_workers(DEFAULT, stories=100, requested=3) == 3
    assert analysis_workers(Config(corpus=CorpusConfig(analysis_workers=2)), stories=100) == 2
    assert worker_config(DEFAULT, 1) is DEFAULT
    assert worker_config(DEFAULT, 2 * cores).annotate.embed_threads == 1
    chosen = Config(annotate=AnnotateConfig(embed_threads=3))
    assert worker_config(chosen, 2).annotate.embed_threads == 3
