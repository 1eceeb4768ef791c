"""The eval gate (benchmarks/eval.py): a committed number that drops beyond its tolerance fails it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from benchmarks import eval as gate
from benchmarks.common import RESULTS


def _row(
    metrics: dict[str, float], baseline: bool = False, tuned: dict[str, float] | None = None
) -> dict[str, Any]:
    row: dict[str, Any] = {"task": "t", "system": "s", "baseline": baseline, "metrics": metrics}
    if tuned is not None:
        row["tuned"] = tuned
    return row


def test_a_drop_beyond_tolerance_fails_and_noise_does_not() -> None:
    before = _row({"f1": 0.900, "tp": 30})
    assert gate.drops(_row({"f1": 0.880, "tp": 10}), before) == ["f1 0.9 -> 0.88"]
    assert gate.drops(_row({"f1": 0.897, "tp": 10}), before) == []  # within 0.005; counts not gated
    assert gate.drops(_row({"f1": 0.950, "tp": 40}), before) == []  # better is fine


def test_lower_is_better_metrics_and_missing_numbers() -> None:
    assert gate.drops(_row({"false": 1.0}), _row({"false": 0.0})) == ["false 0.0 -> 1.0"]
    assert gate.drops(_row({"removed_share": 0.0004}), _row({"removed_share": 0.0004})) == []
    assert gate.drops(_row({}), _row({"recall": 0.8})) == ["recall missing (was 0.8)"]


def test_the_tuned_half_is_gated_too_and_baselines_are_not() -> None:
    before = _row({"f1": 0.9}, tuned={"f1": 0.95})
    assert gate.drops(_row({"f1": 0.9}, tuned={"f1": 0.90}), before) == ["tuned f1 0.95 -> 0.9"]
    assert gate.drops(_row({"f1": 0.1}, baseline=True), _row({"f1": 0.9}, baseline=True)) == []


def test_the_gate_skips_in_one_line_without_data(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARALLAX_DATA", "/nonexistent/parallax-data")
    assert gate.main(["--gate"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("eval gate skipped: no evaluation data at /nonexistent")
    assert gate.main(["extraction"]) == 1  # a full run without data is an error


def test_committed_rows_are_found_for_every_gated_stage() -> None:
    # the gate compares against these: each gated stage has committed results with gated numbers
    for stage, _ in gate.GATE:
        rows = json.loads((RESULTS / f"eval_{stage}.json").read_text())["rows"]
        assert any(not r["baseline"] and any(gate.HIGHER.match(m) for m in r["metrics"]) for r in rows), stage


def test_a_regressed_stage_fails_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    # end to end on the committed extraction results, with the stage replaced by a worse one
    from benchmarks.common import Row

    committed = json.loads((RESULTS / "eval_extraction.json").read_text())["rows"]
    ours = next(r for r in committed if r["system"] == "ours")
    worse = Row(ours["task"], "ours", {**ours["metrics"], "f1": ours["metrics"]["f1"] - 0.05})
    same = Row(ours["task"], "ours", dict(ours["metrics"]))
    monkeypatch.setattr(gate, "data_dir", lambda: RESULTS)  # any folder that exists
    monkeypatch.setattr(gate, "GATE", [("extraction", lambda data: [worse])])
    assert gate.main(["--gate"]) == 1
    monkeypatch.setattr(gate, "GATE", [("extraction", lambda data: [same])])
    assert gate.main(["--gate"]) == 0


def test_one_part_of_a_stage_runs_alone_against_the_committed_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    # `python -m benchmarks.eval interpret:framing`: only that part's rows, compared with the
    # committed interpret rows; the rows it does not produce are not "lost", and it writes no results
    from benchmarks import eval_interpret
    from benchmarks.common import Row

    committed = json.loads((RESULTS / "eval_interpret.json").read_text())["rows"]
    ours = next(r for r in committed if not r["baseline"] and "span_recall" in r["metrics"])
    same = Row(ours["task"], ours["system"], dict(ours["metrics"]))
    lower = {**ours["metrics"], "precision": ours["metrics"]["precision"] - 0.05}
    worse = Row(ours["task"], ours["system"], lower)
    monkeypatch.setattr(gate, "data_dir", lambda: RESULTS)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setitem(eval_interpret.PARTS, "framing", lambda data: [same])
    assert gate.main(["interpret:framing"]) == 0
    monkeypatch.setitem(eval_interpret.PARTS, "framing", lambda data: [worse])
    assert gate.main(["interpret:framing"]) == 1
    assert gate.main(["interpret:framing", "--update"]) == 2  # a part never rewrites the results
    with pytest.raises(SystemExit, match="no part 'nope'"):
        gate.main(["interpret:nope"])
    assert set(eval_interpret.PARTS) == {"timeline", "framing", "stories", "summary"}
