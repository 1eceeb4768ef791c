"""`parallax serve`: the command starts the app on 127.0.0.1 and reports bad options in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(
    os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
)


def test_serve_binds_to_loopback_by_default(story_db: Path, tmp_path: Path, port: int) -> None:
    command = [sys.executable, "-m", "parallax", "serve", "--port", str(port), "--db", str(story_db)]
    server = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "data")], env=ENV, stderr=subprocess.PIPE
    )
    try:
        answer = None
        for _ in range(300):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer is not None and answer.json()["total"] == 4
        assert (tmp_path / "data" / "reports").is_dir()
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"running at http://127.0.0.1:{port}/" in stderr.decode()


def test_a_missing_database_is_one_line_and_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "parallax", "serve", "--db", str(missing)],
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error PX200: no story database at {missing}: build one with `parallax cluster ... --db {missing}`"
    ]
