"""Issue 16 #10: story searches treat ``q`` as words (no LIKE wildcards) and refuse runaway lengths."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from parallax.config import Config, WebConfig
from parallax.store import Store
from parallax.store.schema import StoryRow
from parallax.web import Settings, create_app


def _store(tmp_path: Path) -> str:
    db = str(tmp_path / "corpus.db")
    with Store(db) as store, Session(store.engine) as session, session.begin():
        session.add(StoryRow(id="s1", title="Floods hit the town", outlets='["A"]', article_count=2))
        session.add(StoryRow(id="s2", title="Budget 10% up_front", outlets='["B"]', article_count=1))
    return db


def test_wildcards_in_q_match_only_themselves(tmp_path: Path) -> None:
    with Store(_store(tmp_path)) as store:
        assert [s.id for s in store.list_stories(q="%")[0]] == ["s2"]
        assert [s.id for s in store.list_stories(q="_")[0]] == ["s2"]
        assert store.list_stories(q="Flo_ds")[0] == []
        # positive control: plain words still match
        assert [s.id for s in store.list_stories(q="floods")[0]] == ["s1"]


def test_q_is_words_that_must_all_appear_in_any_order(tmp_path: Path) -> None:
    with Store(_store(tmp_path)) as store:
        assert [s.id for s in store.list_stories(q="town  FLOODS")[0]] == ["s1"]
        assert store.list_stories(q="town budget")[0] == []


def test_a_huge_q_is_a_one_line_422_not_a_500(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "d", db=_store(tmp_path), config=Config(web=WebConfig(analysis_processes=0))
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        answer = client.get("/api/stories", params={"q": "flood " * 10_000})
        assert answer.status_code == 422
        assert "q" in answer.json()["error"]
        page = client.get("/stories", params={"q": "x" * 60_000})
        assert page.status_code == 422
        assert client.get("/api/stories", params={"q": "floods"}).json()["total"] == 1
