"""`make bench` for corpus analysis (issue 17): `parallax analyze --db DB --all` over the 150 BASIL
DEV articles (50 stories of three outlets), in articles per second, whole processes.

The corpus database is built once with `parallax cluster` (not timed); each timed run analyses a
fresh copy of it, so no run finds reports already stored. The baseline is the same command run
by another source tree in the same run (``PARALLAX_BENCH_BEFORE=/path/to/other/src``, e.g. a
worktree of the commit before a change), alternating with ours, median of
``PARALLAX_BENCH_REPEATS`` runs each. Without it, only our rate is reported. Beside the wall-clock
rate, the CPU seconds per article (the processes' user + system time, workers included) and the
machine's load average during the runs: on a shared machine the wall clock measures the other
users as much as the code, and only a side-by-side ratio means anything.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, BenchRow, data_dir, read_jsonl_gz

BEFORE = os.environ.get("PARALLAX_BENCH_BEFORE")
REPEATS = int(os.environ.get("PARALLAX_BENCH_REPEATS", "1"))


def _write_corpus(path: Path) -> int:
    """The BASIL DEV articles as one JSONL of records with their outlet, title and date."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for event in read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz"):
            for article in event["articles"]:
                record = {
                    "id": f"{event['event_id']}-{article['outlet']}",
                    "text": article["text"],
                    "title": article["title"],
                    "outlet": article["outlet"],
                    "published": article.get("date"),
                }
                out.write(json.dumps(record) + "\n")
                count += 1
    return count


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _parallax(src: str, *args: str) -> float:
    """Seconds of one `parallax` process run with ``src`` first on the path."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, str(ROOT)]))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "parallax", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _analysis_s(src: str, db: Path, scratch: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `analyze --db --all` on a fresh copy of ``db``."""
    copy = scratch / f"run-{time.monotonic_ns()}.db"
    shutil.copy(db, copy)
    cpu = _cpu_s()
    try:
        wall = _parallax(src, "analyze", "--db", str(copy), "--all", "-o", str(scratch / "all.json"))
        return wall, _cpu_s() - cpu
    finally:
        copy.unlink(missing_ok=True)


def run() -> list[BenchRow]:
    ours = str(ROOT / "src")
    with tempfile.TemporaryDirectory(prefix="parallax-bench-corpus-analysis-") as tmp:
        scratch = Path(tmp)
        corpus, db = scratch / "basil.jsonl", scratch / "corpus.db"
        count = _write_corpus(corpus)
        _parallax(ours, "cluster", str(corpus), "--db", str(db), "-o", str(scratch / "stories.jsonl"))
        times: dict[str, list[tuple[float, float]]] = {"ours": [], "before": []}
        loads = [os.getloadavg()[0]]
        for _ in range(REPEATS):
            if BEFORE:
                times["before"].append(_analysis_s(BEFORE, db, scratch))
                loads.append(os.getloadavg()[0])
            times["ours"].append(_analysis_s(ours, db, scratch))
            loads.append(os.getloadavg()[0])

    def median(side: str, part: int) -> float:
        return statistics.median(run[part] for run in times[side])

    rate = count / median("ours", 0)
    before = count / median("before", 0) if BEFORE else None
    task = f"corpus: analyze --db --all, {count} BASIL articles"
    runs = "; ".join(
        f"{side} " + ", ".join(f"{wall:.0f} s ({cpu:.0f} s CPU)" for wall, cpu in times[side])
        for side in ("before", "ours")
        if times[side]
    )
    note = (
        f"median of {REPEATS}, alternating; whole processes on {os.cpu_count()} cores; 1-min load "
        f"average {min(loads):.1f}-{max(loads):.1f} during the runs; {runs}"
        + (f"; baseline: {BEFORE}" if BEFORE else "")
    )
    rows = [BenchRow(task, "throughput", rate, "articles/s", before, note)]
    cpu_before = median("before", 1) / count if BEFORE else None
    rows.append(BenchRow(task, "CPU per article", median("ours", 1) / count, "s", cpu_before, note))
    return rows
