"""A real Dask cluster (one scheduler, two worker processes on localhost) gives the local results."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus
from parallax.scale import DaskExecutor, LocalExecutor, executor_for
from parallax.store import Store

ROOT = Path(__file__).resolve().parents[2]
FAST = Config(corpus=CorpusConfig(use_embeddings=False, batch_size=2))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dask = Path(sys.executable).parent / "dask"
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    logs = tmp_path_factory.mktemp("dask")
    common = {"env": env, "stdout": subprocess.DEVNULL, "cwd": logs}
    processes = [
        subprocess.Popen(
            [str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stderr=(logs / "scheduler.log").open("w"),
            **common,  # type: ignore[arg-type]
        )
    ]
    for number in range(2):
        processes.append(
            subprocess.Popen(
                [str(dask), "worker", address, "--nthreads", "1", "--no-dashboard", "--memory-limit", "1GB"],
                stderr=(logs / f"worker{number}.log").open("w"),
                **common,  # type: ignore[arg-type]
            )
        )
    try:
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_dask_run_equals_local_run(scheduler: str, tmp_path: Path, example_files: list[Path]) -> None:
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in example_files]
    records.append({"id": "copy", "text": records[0]["text"] + "\nNo further details were given."})
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    results = []
    for name, executor in (("local", LocalExecutor()), ("dask", DaskExecutor(scheduler))):
        with Store(str(tmp_path / f"{name}.db")) as store:
            try:
                build_corpus([str(corpus)], store, FAST, executor)
            finally:
                executor.close()
            results.append([a.model_dump(mode="json") for a in store.assignments()])
    assert results[0] == results[1]
    assert len(results[0]) == len(records)


def test_scheduler_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, scheduler: str) -> None:
    monkeypatch.setenv("PARALLAX_SCHEDULER", scheduler)
    executor = executor_for(None)
    try:
        assert isinstance(executor, DaskExecutor)
        assert list(executor.map(len, ["ab", "c"])) == [2, 1]
    finally:
        executor.close()


def test_no_scheduler_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARALLAX_SCHEDULER", raising=False)
    assert isinstance(executor_for(None), LocalExecutor)


def test_unreachable_scheduler_is_a_usage_error() -> None:
    from parallax.errors import UsageError

    with pytest.raises(UsageError, match="dask scheduler"):
        DaskExecutor(f"tcp://127.0.0.1:{_free_port()}", timeout="1s")
