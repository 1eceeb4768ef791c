"""The CLI shell: formats, exit statuses, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()


def test_schema_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "articles" in schema["properties"]


def test_analyze_writes_json_report(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["analyze", str(example_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["schema_version"] == "1"
    assert report["story"]["article_count"] == 5


def test_missing_input_is_one_line_and_status_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nope.txt" in result.output


def test_unknown_output_extension_is_usage_error(example_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(example_dir), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert ".json, .md or .html" in result.output


def test_analyze_writes_several_formats_in_one_run(example_dir: Path, tmp_path: Path) -> None:
    paths = [tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.html"]
    args = ["analyze", str(example_dir)]
    for path in paths:
        args += ["-o", str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(paths[0].read_text())
    assert report["articles"][0]["outlet"]["name"] in paths[1].read_text()
    assert paths[2].read_text().lstrip().lower().startswith("<!doctype html")
