"""Issue 16 #10/#11: command-line misuse answers one line and the contract's status, never a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()
TEXT = "The minister said the talks went well and the river rose two metres overnight in the old town.\n"


def _one_line(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_serve_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notadb.db"
    bad.write_text("just some text, not SQLite\n")
    result = runner.invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 2
    assert "not a" in _one_line(result.output) and "notadb.db" in result.output


def test_serve_on_a_port_in_use_says_so_before_claiming_to_run(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 2
    line = _one_line(result.output)
    assert f"port {port}" in line and "running" not in line


def test_stories_on_a_missing_database_does_not_create_one(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = runner.invoke(app, ["stories", "--db", str(typo)])
    assert result.exit_code == 2
    assert "typo.db" in _one_line(result.output)
    assert not typo.exists()


def test_output_under_a_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "existing_file").write_text("x")
    target = tmp_path / "existing_file" / "x.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(target)])
    assert result.exit_code == 1
    assert "existing_file" in _one_line(result.stderr)


def test_ctrl_c_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from parallax import cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 130
    assert "Traceback" not in capsys.readouterr().err
