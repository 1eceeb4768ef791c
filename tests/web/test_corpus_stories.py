"""The Stories API over a real corpus database built by corpus mode (`parallax cluster --db`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus
from parallax.store import Store
from parallax.web import Settings, create_app
from tests.web.conftest import LOCAL, thread_config


def test_stories_of_a_corpus_database_are_listed_and_analysed_on_request(
    tmp_path: Path, example_files: list[Path]
) -> None:
    corpus = tmp_path / "news.jsonl"
    records = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": f"outlet-{n}"}
        for n, p in enumerate(example_files)
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    with Store(db) as store:
        build_corpus([str(corpus)], store, Config(corpus=CorpusConfig(use_embeddings=False)))

    app = create_app(Settings(db=db, data_dir=tmp_path / "data", config=thread_config()))
    with TestClient(app, base_url=LOCAL) as client:
        listed = client.get("/api/stories").json()
        assert listed["total"] >= 1
        biggest = listed["stories"][0]
        assert biggest["article_count"] >= 2
        assert set(biggest["outlets"]) <= {f"outlet-{n}" for n in range(len(example_files))}

        report = client.get(f"/api/stories/{biggest['id']}").json()
        assert report["story"]["article_count"] == biggest["article_count"]
        assert report["summary"], "the stored story was analysed on request"
        assert client.get("/api/stories/no-such-story").status_code == 404

    with Store(db) as store:
        assert store.load_report(biggest["id"]) is not None, "the report is kept for the next request"


def test_serve_names_a_file_that_is_no_database(tmp_path: Path, story_db: Path) -> None:
    from parallax.errors import NotADatabaseError
    from parallax.web.stories import CorpusStories, open_store

    text = tmp_path / "notes.db"
    text.write_text("not a database")
    with pytest.raises(NotADatabaseError, match="is not a database"):
        open_store(str(text))
    assert isinstance(open_store(str(story_db)), CorpusStories)  # positive control: the seeded store opens
