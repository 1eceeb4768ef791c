"""Issue 16 #1: a large upload is linear work, off the event loop, and bounded by a record count."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parallax.config import Config, WebConfig
from parallax.errors import UsageError
from parallax.models import RawArticle
from parallax.web import Settings, create_app
from parallax.web.inputs import Batch

LOCAL = "http://127.0.0.1"


class _CountingList(list[Any]):
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        type(self).walks += 1
        return super().__iter__()


def test_adding_a_record_does_not_walk_the_records_already_added() -> None:
    batch = Batch()
    batch.raws = _CountingList()
    for n in range(200):
        batch.add(RawArticle(id="same" if n % 2 else f"a{n}", source=f"s{n}", text="x"))
    assert _CountingList.walks == 0
    ids = [raw.id for raw in list.__iter__(batch.raws)]
    assert len(ids) == len(set(ids)) == 200
    assert ids[:4] == ["a0", "same", "a2", "same-2"]


def test_a_batch_over_the_record_limit_is_refused_naming_the_limit() -> None:
    batch = Batch(max_records=3)
    for n in range(3):
        batch.add(RawArticle(id=f"a{n}", source="s", text="x"))
    with pytest.raises(UsageError, match=r"more than 3 articles.*web\.max_records"):
        batch.add(RawArticle(id="a4", source="s", text="x"))


def _client(tmp_path: Path, **limits: int) -> TestClient:
    config = Config(web=WebConfig(analysis_processes=0, **limits))
    return TestClient(create_app(Settings(data_dir=tmp_path / "data", config=config)), base_url=LOCAL)


def test_an_upload_with_too_many_records_is_one_line_400(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Record {n} text."}) + "\n" for n in range(50))
    with _client(tmp_path, max_records=10) as client:
        answer = client.post("/api/jobs", files={"files": ("many.jsonl", lines.encode(), "application/json")})
        assert answer.status_code == 400
        assert "more than 10 articles" in answer.json()["error"]
        records = {"articles": [{"text": f"Record {n}."} for n in range(50)]}
        answer = client.post("/api/jobs", json=records)
        assert answer.status_code == 400
        assert "web.max_records" in answer.json()["error"]
        # a positive control: within the limit the job is accepted
        answer = client.post("/api/jobs", json={"articles": records["articles"][:5]})
        assert answer.status_code == 202
