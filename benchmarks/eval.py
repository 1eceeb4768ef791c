"""`make eval`: run every stage's evaluation, print one table beside the committed results, and fail
when a committed number drops beyond its tolerance.

Usage: python -m benchmarks.eval [STAGE ...] [--update] [--gate]
  STAGE     the NAME of a benchmarks/eval_NAME.py (default: all), or NAME:PART for one entry of
            that module's ``PARTS`` (``interpret:framing``: the loaded-word rows alone); a part's
            rows are checked against the committed ones but never written to results (no --update)
  --update  rewrite benchmarks/results/eval_STAGE.json with this run (only then are results written;
            otherwise they go to $TMPDIR/parallax-eval/ for a look)
  --gate    the fast subset of ``GATE`` only (`make eval-gate`, run by .ci/run after the tests)

Exit status: 0 when no gated number dropped beyond its tolerance, 1 otherwise (or when the data
is missing for a full run); the gate skips with one line and status 0 when the data is absent.

A row with a held-out split prints its headline (the half of the dev data its thresholds were not
tuned on) and, after ``tuned:``, the same scores on the tuned half.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, ROOT, Row, data_dir

# Gated metrics and their direction; any other metric (counts: tp, n, predicted…) is shown only.
HIGHER = re.compile(
    r"^(f1|precision|recall|accuracy|dated_accuracy|non_date_rejection|p|r|b3_[pr]|b3_f1|muc_[pr]|muc_f1|"
    r"bcubed_[pr]|bcubed_f1|ari|speaker_acc|groups_whole|apart_kept|citation_coverage|"
    r"support_similarity|cross_outlet_share|span_recall)$"
)
LOWER = re.compile(r"^(unattributed_single_source|removed_share|false)$")
# How far a gated number of a non-baseline row may move the wrong way before the gate fails, on
# scores rounded to 3 decimals. The evaluations are deterministic (fixed data, fixed seeds, rules);
# the one source of noise is the embedding model's float summation order with the thread count,
# which moved no committed number by more than 0.001 in reruns. 0.005 keeps a margin for that;
# one labelled pair more or less wrong moves a small set's scores by more (1/40 = 0.025 on the
# facts alignment), which is a regression to see.
TOLERANCE = 0.005
# Per (task, metric) where a set is so small that one item is below the default: none yet.
TOLERANCES: dict[tuple[str, str], float] = {}
# Counts whose rise is a regression: false contradictions on the real pipeline, zero tolerance.
ABSOLUTE_LOWER = {"false"}


def _extraction_gate(data: Path) -> list[Row]:
    module = importlib.import_module("benchmarks.eval_extraction")
    return list(module.gate(data))


def _timeline_gate(data: Path) -> list[Row]:
    module = importlib.import_module("benchmarks.eval_interpret")
    return list(module._timeline())


def _alignment_gate(data: Path) -> list[Row]:
    module = importlib.import_module("benchmarks.eval_facts")
    return list(module.evaluate_alignment(data))


def _story_gate(data: Path) -> list[Row]:
    module = importlib.import_module("benchmarks.eval_corpus")
    return list(module.gate(data))


# The fast subset (stage, runner): the cheap stages, measured one after the other with `nice` on
# this 2-core machine shared with other jobs (load about 10): timeline date normalisation 4 s,
# extraction of the 90 DEV pages with our cleaner 15-20 s, facts alignment on the 96 labelled
# BASIL pairs ~60 s, story clustering on ECB+ (one seed) ~20 s. Quotes (spaCy parse of 150
# articles), entities and the BASIL summaries take minutes each and stay in `make eval`.
GATE: list[tuple[str, Callable[[Path], list[Row]]]] = [
    ("interpret", _timeline_gate),
    ("extraction", _extraction_gate),
    ("corpus", _story_gate),
    ("facts", _alignment_gate),
]


def _stages() -> list[str]:
    return sorted(p.stem.removeprefix("eval_") for p in (ROOT / "benchmarks").glob("eval_*.py"))


def _fmt(metrics: dict[str, Any]) -> str:
    return "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items())


def _committed(stage: str) -> dict[tuple[str, str], dict[str, Any]]:
    path = RESULTS / f"eval_{stage.partition(':')[0]}.json"
    if not path.exists():
        return {}
    return {(r["task"], r["system"]): r for r in json.loads(path.read_text())["rows"]}


def drops(row: dict[str, Any], before: dict[str, Any]) -> list[str]:
    """The gated numbers of ``row`` (a results row as a dict) worse than ``before`` beyond tolerance."""
    if row.get("baseline"):
        return []
    found = []
    for part in ("metrics", "tuned"):
        old, new = before.get(part) or {}, row.get(part) or {}
        for name, value in old.items():
            if not isinstance(value, int | float):
                continue
            tolerance = TOLERANCES.get((row["task"], name), TOLERANCE)
            label = name if part == "metrics" else f"tuned {name}"
            if name not in new:
                if HIGHER.match(name) or LOWER.match(name):
                    found.append(f"{label} missing (was {value})")
                continue
            if HIGHER.match(name) and new[name] < value - tolerance:
                found.append(f"{label} {value} -> {new[name]}")
            elif LOWER.match(name):
                allowed = 0 if name in ABSOLUTE_LOWER else tolerance
                if new[name] > value + allowed:
                    found.append(f"{label} {value} -> {new[name]}")
    return found


def _record(row: Row) -> dict[str, Any]:
    record: dict[str, Any] = {
        "task": row.task,
        "system": row.system,
        "baseline": row.baseline,
        "metrics": row.metrics,
        "note": row.note,
    }
    if row.tuned is not None:
        record["tuned"] = row.tuned
        record["split"] = row.split
    return record


def _check(stage: str, rows: list[Row], full: bool) -> list[str]:
    """Print ``rows`` beside the committed ones; the regressions found."""
    committed = _committed(stage)
    problems = []
    seen = set()
    for row in rows:
        record = _record(row)
        before = committed.get((row.task, row.system))
        seen.add((row.task, row.system))
        marker = " (baseline)" if row.baseline else ""
        line = f"{row.task:<28} {row.system + marker:<28} {_fmt(row.metrics)}"
        if row.tuned is not None:
            line += f"  | tuned: {_fmt(row.tuned)}"
        if before:
            line += f"   [{_fmt(before['metrics'])}]"
            worse = drops(record, before)
            if worse:
                line += "   DROP: " + "; ".join(worse)
                problems += [f"{stage}: {row.task} / {row.system}: {w}" for w in worse]
        else:
            line += "   (new row)"
        print(line, flush=True)
    if full:  # a committed row the stage no longer produces is a number lost
        for key, before in committed.items():
            if key not in seen and not before.get("baseline"):
                problems.append(f"{stage}: {key[0]} / {key[1]}: row no longer produced")
    return problems


def _write(stage: str, rows: list[Row], elapsed: float, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"eval_{stage.replace(':', '-')}.json"
    record = {
        "command": f"make eval  (python -m benchmarks.eval {stage} --update)",
        "seconds": round(elapsed, 1),
        "rows": [_record(r) for r in rows],
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path


def _runner(name: str) -> tuple[str, Callable[[Path], list[Row]]]:
    """``STAGE`` -> (stage, its run); ``STAGE:PART`` -> (the name as given, that part's runner)."""
    stage, _, part = name.partition(":")
    module = importlib.import_module(f"benchmarks.eval_{stage}")
    if not part:
        return stage, module.run
    parts: dict[str, Callable[[Path], list[Row]]] = getattr(module, "PARTS", {})
    if part not in parts:
        raise SystemExit(f"{stage} has no part {part!r}; its parts: {', '.join(parts) or 'none'}")
    return name, parts[part]


def main(argv: list[str]) -> int:
    update = "--update" in argv
    gate = "--gate" in argv
    names = [a for a in argv if not a.startswith("--")]
    unknown = [a for a in argv if a.startswith("--") and a not in ("--update", "--gate")]
    parts = [n for n in names if ":" in n]
    if unknown or (gate and (update or names)) or (update and parts):
        print("usage: python -m benchmarks.eval [STAGE ...] [--update] | --gate", file=sys.stderr)
        return 2
    data = data_dir()
    if not data.exists():
        if gate:
            print(f"eval gate skipped: no evaluation data at {data} (set PARALLAX_DATA to shared/data)")
            return 0
        print(
            f"evaluation data not found at {data}: set PARALLAX_DATA to the shared/data folder",
            file=sys.stderr,
        )
        return 1
    scratch = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "parallax-eval"
    print(f"{'task':<28} {'system':<28} metrics (committed run in brackets)")
    problems: list[str] = []
    runs: list[tuple[str, Callable[[Path], list[Row]]]]
    runs = GATE if gate else [_runner(s) for s in names or _stages()]
    for stage, runner in runs:
        started = time.perf_counter()
        rows = runner(data)
        elapsed = time.perf_counter() - started
        problems += _check(stage, rows, full=not gate and stage not in parts)
        if gate:
            print(f"  ({stage}: {elapsed:.0f} s)", flush=True)
        else:
            written = _write(stage, rows, elapsed, RESULTS if update else scratch)
            print(
                f"  ({stage}: {elapsed:.0f} s, results in {written.relative_to(ROOT) if update else written})"
            )
    if problems:
        print(f"\n{len(problems)} committed number(s) dropped beyond tolerance:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        if not update:
            return 1
        print("written anyway (--update): review the diff of benchmarks/results/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
