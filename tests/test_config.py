"""`--config FILE.toml`: the settings reach the pipeline, and a wrong key is one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.config import DEFAULT, Config, load_config
from parallax.errors import ConfigError

runner = CliRunner()


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "parallax.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_sets_what_it_names_and_keeps_the_rest(tmp_path: Path) -> None:
    text = '[corpus]\njoin_threshold = 0.25\n[clean]\nlanguages = ["en", "fr"]\n'
    config = load_config(_toml(tmp_path, text))
    assert config.corpus.join_threshold == 0.25 and config.clean.languages == ("en", "fr")
    assert config.corpus.entity_weight == DEFAULT.corpus.entity_weight
    assert load_config(_toml(tmp_path, "")) == Config()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[corpus]\njoin_treshold = 0.3\n", "PX503: config {path}: unknown setting 'corpus.join_treshold'"),
        ("[corpsu]\njoin_threshold = 0.3\n", "PX503: config {path}: unknown setting 'corpsu'"),
        ('[corpus]\njoin_threshold = "high"\n', "PX504: config {path}: corpus.join_threshold: Input should"),
        ("[corpus\n", "PX502: config {path}: "),
    ],
)
def test_a_wrong_file_is_one_line_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = _toml(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    line = str(caught.value)
    assert line.startswith("error " + expected.format(path=path)) and "(fix: " in line
    assert "\n" not in line


def test_analyze_uses_the_config(example_dir: Path, tmp_path: Path) -> None:
    # a limit no article meets: every input is skipped for it, so the file was read and applied
    config = _toml(tmp_path, "[ingest]\nmax_item_bytes = 10\n")
    result = runner.invoke(app, ["analyze", str(example_dir), "--config", str(config)])
    assert result.exit_code == 1
    assert "max_item_bytes" in result.output
    # positive control: without the file the same command reads the articles
    result = runner.invoke(app, ["extract", str(example_dir)])
    assert result.exit_code == 0 and result.output.count("\n") >= 5


def test_cluster_uses_the_config(example_dir: Path, tmp_path: Path) -> None:
    config = _toml(tmp_path, "[ingest]\nmax_item_bytes = 10\n")
    result = runner.invoke(app, ["cluster", str(example_dir), "--config", str(config)])
    assert result.exit_code == 1
    assert "0 articles added" in result.output and "5 skipped" in result.output


@pytest.mark.parametrize("command", ["analyze", "cluster", "serve"])
def test_every_command_reports_a_bad_key_with_status_2(tmp_path: Path, command: str) -> None:
    config = _toml(tmp_path, "[web]\nmax_file = 3\n")
    args = [command, "--config", str(config)] + ([] if command == "serve" else [str(tmp_path)])
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error PX503: config {config}: unknown setting 'web.max_file' "
        "(fix: use a section and key of parallax.config.Config (src/parallax/config.py lists them))"
    ]
