"""`make bench`: throughput and memory of each stage, as ratios to a baseline run in the same process.

Usage: python -m benchmarks.bench [STAGE ...]   (stages: the NAME of each benchmarks/bench_NAME.py)
"""

from __future__ import annotations

import importlib
import json
import sys
import time

from benchmarks.common import RESULTS, ROOT, BenchRow


def _stages() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in (ROOT / "benchmarks").glob("bench_*.py"))


def main(argv: list[str]) -> int:
    stages = argv or _stages()
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"{'task':<34} {'metric':<26} {'value':>12} {'unit':<10} {'baseline':>12} {'ratio':>7}")
    for stage in stages:
        module = importlib.import_module(f"benchmarks.bench_{stage}")
        started = time.perf_counter()
        rows: list[BenchRow] = module.run()
        for r in rows:
            base = f"{r.baseline_value:12.2f}" if r.baseline_value is not None else f"{'-':>12}"
            ratio = f"{r.ratio:7.2f}" if r.ratio is not None else f"{'-':>7}"
            print(f"{r.task:<34} {r.metric:<26} {r.value:12.2f} {r.unit:<10} {base} {ratio}  {r.note}")
        record = {
            "command": f"make bench  (python -m benchmarks.bench {stage})",
            "seconds": round(time.perf_counter() - started, 1),
            "rows": [r.__dict__ | {"ratio": r.ratio} for r in rows],
        }
        (RESULTS / f"bench_{stage}.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
