"""Fixtures for corpus tests: a few real ECB+ documents (gold event cluster in `subtopic`).

They are cut into ``tests/fixtures/ecbplus_topic1.jsonl`` (source and licence in
``tests/fixtures/README.md``) so the tests need no ``../shared`` beside the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ECB_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ecbplus_topic1.jsonl"


def ecb_documents(subtopics: tuple[str, ...], per_subtopic: int = 3) -> list[dict[str, str]]:
    """The first documents of some ECB+ event clusters (gold: ``subtopic``), from the cut fixture."""
    found: dict[str, list[dict[str, str]]] = {s: [] for s in subtopics}
    with ECB_FIXTURE.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            bucket = found.get(doc["subtopic"])
            if bucket is not None and len(bucket) < per_subtopic:
                bucket.append({"id": doc["id"], "text": doc["text"], "subtopic": doc["subtopic"]})
    missing = [s for s, docs in found.items() if len(docs) < per_subtopic]
    assert not missing, f"{ECB_FIXTURE.name} lacks documents of {missing}: cut them from ECB+ DEV"
    return [d for s in subtopics for d in found[s]]


@pytest.fixture(scope="session")
def two_events() -> list[dict[str, str]]:
    """Three reports each of two different events of the same kind (the hard case)."""
    return ecb_documents(("1_ecb", "1_ecbplus"), per_subtopic=3)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
