"""`make eval`: run every stage's evaluation and print one table beside the committed results.

Usage: python -m benchmarks.eval [STAGE ...]   (stages: the NAME of each benchmarks/eval_NAME.py)
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

from benchmarks.common import RESULTS, ROOT, Row, data_dir


def _stages() -> list[str]:
    return sorted(p.stem.removeprefix("eval_") for p in (ROOT / "benchmarks").glob("eval_*.py"))


def _fmt(metrics: dict[str, float]) -> str:
    return "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items())


def main(argv: list[str]) -> int:
    data = data_dir()
    if not data.exists():
        print(
            f"evaluation data not found at {data}: set PARALLAX_DATA to the shared/data folder",
            file=sys.stderr,
        )
        return 1
    stages = argv or _stages()
    RESULTS.mkdir(parents=True, exist_ok=True)
    status = 0
    print(f"{'task':<28} {'system':<28} metrics (previous committed run in brackets)")
    for stage in stages:
        module = importlib.import_module(f"benchmarks.eval_{stage}")
        started = time.perf_counter()
        rows: list[Row] = module.run(data)
        elapsed = time.perf_counter() - started
        previous_path = RESULTS / f"eval_{stage}.json"
        previous = {}
        if previous_path.exists():
            previous = {
                (r["task"], r["system"]): r["metrics"] for r in json.loads(previous_path.read_text())["rows"]
            }
        for row in rows:
            before = previous.get((row.task, row.system))
            marker = " (baseline)" if row.baseline else ""
            line = f"{row.task:<28} {row.system + marker:<28} {_fmt(row.metrics)}"
            if before:
                line += f"   [{_fmt(before)}]"
            print(line)
        record = {
            "command": f"make eval  (python -m benchmarks.eval {stage})",
            "seconds": round(elapsed, 1),
            "rows": [
                {
                    "task": r.task,
                    "system": r.system,
                    "baseline": r.baseline,
                    "metrics": r.metrics,
                    "note": r.note,
                }
                for r in rows
            ],
        }
        Path(previous_path).write_text(json.dumps(record, indent=2) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
