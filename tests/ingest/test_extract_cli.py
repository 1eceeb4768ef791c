"""`parallax extract` over mixed good and bad input: good articles on stdout, reasons on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app


def test_extract_skips_bad_items_and_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Talks resumed on Tuesday, the minister said.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "rec", "text": "A second article from a batch."}) + "\n{broken\n"
    )
    result = CliRunner().invoke(
        app,
        ["extract", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "batch.jsonl")],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["good", "rec"]
    assert records[0]["source"] == str(tmp_path / "good.txt")
    errors = result.stderr.splitlines()
    assert f"skipped {tmp_path / 'empty.txt'}: empty file: give a file with the article's text" in errors
    assert any(e.startswith(f"skipped {tmp_path / 'batch.jsonl'}:2: line 2: invalid JSON") for e in errors)
    assert "Traceback" not in result.output


def test_extract_reads_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "-"], input='{"id": "p", "text": "Piped article."}\n')
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["p"]
