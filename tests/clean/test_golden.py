"""`parallax extract` on the example story, compared with the reviewed output in tests/golden/.

After a deliberate change, regenerate with ``PARALLAX_UPDATE_GOLDEN=1 pytest tests/clean/test_golden.py``
and review the diff of ``tests/golden/extract_seeds.jsonl`` before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "extract_seeds.jsonl"


def test_extract_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", "examples/khamenei-kadhimi-2020"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 5
    if os.environ.get("PARALLAX_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    golden = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    for produced, expected in zip(lines, golden, strict=True):
        assert produced == expected, f"{produced['id']} differs from {GOLDEN.name}"
