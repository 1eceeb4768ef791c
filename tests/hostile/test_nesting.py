"""Issue 16 #6: one deeply nested JSON line is skipped with its reason; the lines around it survive."""

from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.config import DEFAULT, Config, WebConfig
from parallax.ingest.jsonl import LineError, read_jsonl
from parallax.web import Settings, create_app

DEEP = "[" * 200_000 + "]" * 200_000
GOOD = [
    json.dumps({"id": f"good-{n}", "text": f"Good record {n}: the council met on Monday."}) for n in range(3)
]


def test_a_deep_line_costs_that_line_only() -> None:
    data = "\n".join([GOOD[0], DEEP, GOOD[1], '{"a": ' * 100_000, GOOD[2]]) + "\n"
    items = list(read_jsonl(io.BytesIO(data.encode()), "deep.jsonl", DEFAULT.ingest))
    assert [i.id for i in items if not isinstance(i, LineError)] == ["good-0", "good-1", "good-2"]
    errors = [i for i in items if isinstance(i, LineError)]
    assert [e.line for e in errors] == [2, 4]
    assert all("nested" in e.reason for e in errors)


def test_a_deep_record_in_a_request_is_not_a_500(tmp_path: Path) -> None:
    config = Config(web=WebConfig(analysis_processes=0))
    with TestClient(
        create_app(Settings(data_dir=tmp_path, config=config)), base_url="http://127.0.0.1"
    ) as client:
        body = '{"articles": [' + DEEP + ', {"text": "A good one."}]}'
        answer = client.post("/api/jobs", content=body, headers={"content-type": "application/json"})
        assert answer.status_code in (400, 422)
        assert "error" in answer.json()
        lines = "\n".join([GOOD[0], DEEP, GOOD[1]]).encode()
        answer = client.post("/api/jobs", files={"files": ("deep.jsonl", lines, "application/json")})
        assert answer.status_code == 202
        skipped = answer.json()["skipped"]
        assert len(skipped) == 1 and "nested" in skipped[0]["reason"]
