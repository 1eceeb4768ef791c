"""Local worker processes: the same stored results as the one-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus
from parallax.scale import LocalExecutor, PoolExecutor, executor_for
from parallax.store import Store

FAST = Config(corpus=CorpusConfig(use_embeddings=False, batch_size=2))


def test_pool_run_equals_local_run(tmp_path: Path, example_files: list[Path]) -> None:
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in example_files]
    records.append({"id": "copy", "text": records[0]["text"] + "\nNo further details were given."})
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    results = []
    for name, executor in (("local", LocalExecutor()), ("pool", PoolExecutor(2, in_flight=2))):
        with Store(str(tmp_path / f"{name}.db")) as store:
            try:
                build_corpus([str(corpus)], store, FAST, executor)
            finally:
                executor.close()
            results.append([a.model_dump(mode="json") for a in store.assignments()])
    assert results[0] == results[1]
    assert len(results[0]) == len(records)
    assert any(a["duplicate_of"] for a in results[1])


def test_workers_choose_the_pool_without_a_scheduler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARALLAX_SCHEDULER", raising=False)
    assert isinstance(executor_for(None, workers=1), LocalExecutor)
    executor = executor_for(None, workers=2)
    try:
        assert isinstance(executor, PoolExecutor)
        assert list(executor.map(len, ["ab", "c", "", "xyz"])) == [2, 1, 0, 3]
    finally:
        executor.close()
