"""`parallax quotes`: one JSON line per article, offsets into the text as given."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()
FIELDS = {
    "text", "start", "end", "kind", "speaker_text", "speaker_start", "speaker_end",
    "speaker", "cue", "cue_start", "cue_end",
}  # fmt: skip


def test_quotes_writes_one_line_per_article_with_offsets_into_the_input(tmp_path: Path) -> None:
    text = (
        "Mayor Ann Ruiz opened the bridge on Sunday.\n"
        "“It took ten years,” she said, “and it was worth it.”\n"
        "Engineers said that the bridge would last a century.\n"
    )
    source = tmp_path / "bridge.txt"
    source.write_text(text, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "quotes.jsonl"
    result = runner.invoke(app, ["quotes", str(source), str(missing), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "missing.txt" in result.output
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == "bridge"
    assert record["quotes"]
    for quote in record["quotes"]:
        assert set(quote) >= FIELDS
        assert text[quote["start"] : quote["end"]] == quote["text"]
    direct = next(q for q in record["quotes"] if "ten years" in q["text"])
    assert direct["kind"] == "direct"
    assert text[direct["speaker_start"] : direct["speaker_end"]] == "she"
    assert direct["speaker"] == "Ann Ruiz"
    indirect = next(q for q in record["quotes"] if "last a century" in q["text"])
    assert indirect["kind"] == "indirect"
    assert indirect["speaker_text"] == "Engineers"


def test_quotes_with_nothing_readable_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["quotes", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
