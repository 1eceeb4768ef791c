"""`parallax cluster`, `parallax stories` and `parallax analyze --db` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()


def _corpus(tmp_path: Path, example_files: list[Path]) -> Path:
    records = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": f"outlet-{n}"}
        for n, p in enumerate(example_files)
    ]
    records.append({"id": "copy", "text": records[2]["text"] + "\nNo further details.", "outlet": "wire"})
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_cluster_prints_one_line_per_article_with_story_and_duplicate_of(
    tmp_path: Path, example_files: list[Path]
) -> None:
    out = tmp_path / "clusters.jsonl"
    result = runner.invoke(app, ["cluster", str(_corpus(tmp_path, example_files)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == len(example_files) + 1
    assert all({"id", "story", "duplicate_of"} <= set(line) for line in lines)
    by_id = {line["id"]: line for line in lines}
    assert by_id["copy"]["duplicate_of"] == example_files[2].stem
    assert by_id["copy"]["story"] == by_id[example_files[2].stem]["story"]


def test_stories_and_analyze_one_stored_story(tmp_path: Path, example_files: list[Path]) -> None:
    db = str(tmp_path / "corpus.db")
    corpus = _corpus(tmp_path, example_files)
    assert (
        runner.invoke(app, ["cluster", str(corpus), "--db", db, "-o", str(tmp_path / "c.jsonl")]).exit_code
        == 0
    )
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    biggest = stories[0]
    assert biggest["article_count"] >= 2 and len(biggest["outlets"]) >= 2
    report = tmp_path / "story.json"
    analyzed = runner.invoke(app, ["analyze", "--db", db, "--story", biggest["id"], "-o", str(report)])
    assert analyzed.exit_code == 0, analyzed.output
    data = json.loads(report.read_text())
    # The wire copy is left out of the analysis: it is not an independent telling.
    assert "copy" not in {a["id"] for a in data["articles"]}
    again = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert json.loads(again.stdout.splitlines()[0])["has_report"]


def test_analyze_db_without_story_or_all_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--story" in result.output


def test_unknown_story_is_one_line(tmp_path: Path) -> None:
    from parallax.store import Store

    Store(str(tmp_path / "x.db")).close()  # an existing, empty database (a missing one is refused)
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "x.db"), "--story", "s999"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "s999" in result.output


def test_cluster_with_two_worker_processes_equals_one(tmp_path: Path, example_files: list[Path]) -> None:
    corpus = _corpus(tmp_path, example_files)
    lines = []
    for workers in ("1", "2"):
        out = tmp_path / f"clusters-{workers}.jsonl"
        result = runner.invoke(app, ["cluster", str(corpus), "-o", str(out), "--workers", workers])
        assert result.exit_code == 0, result.output
        lines.append(out.read_text())
    assert lines[0] == lines[1]
