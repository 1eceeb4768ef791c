"""Soak test of the web app on loopback (issue 16 #1): a real ``parallax serve`` process gets
uploads at the limits while ``GET /`` is timed against a baseline measured in the same test; then
SIGTERM stops it. Bounded: 6 uploads, 40 timed requests."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from parallax.config import DEFAULT
from tests.web.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(
    os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
)
LIMIT = DEFAULT.web.max_file_bytes


def _tiny_records() -> bytes:
    """Just under the per-file limit, in records of a dozen bytes: 370k+ records."""
    line = json.dumps({"text": "Hi."}).encode() + b"\n"
    return line * ((LIMIT - 1) // len(line))


def _foreign_text() -> bytes:
    sentence = "Le conseil municipal s'est réuni lundi et a voté le nouveau budget de la ville.\n".encode()
    return sentence * ((LIMIT - 1) // len(sentence))


def _timed_get(client: httpx.Client) -> float:
    start = time.perf_counter()
    answer = client.get("/")
    assert answer.status_code == 200
    return time.perf_counter() - start


def test_uploads_at_the_limits_leave_the_server_responsive_and_sigterm_stops_it(tmp_path: Path) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "parallax",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(tmp_path / "d"),
    ]
    server = subprocess.Popen(command, env=ENV, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        client = httpx.Client(base_url=base, timeout=60)
        for _ in range(600):
            try:
                client.get("/")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        baseline = statistics.median(_timed_get(client) for _ in range(10))
        answers: list[httpx.Response] = []

        def upload(name: str, data: bytes) -> None:
            with httpx.Client(base_url=base, timeout=120) as uploader:
                answers.append(
                    uploader.post("/api/jobs", files={"files": (name, data, "application/octet-stream")})
                )

        uploads = [("tiny.jsonl", _tiny_records())] * 4 + [("foreign.txt", _foreign_text())] * 2
        threads = [threading.Thread(target=upload, args=item) for item in uploads]
        for thread in threads:
            thread.start()
        loaded = []
        while any(t.is_alive() for t in threads) or len(loaded) < 30:
            loaded.append(_timed_get(client))
        for thread in threads:
            thread.join()
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [202, 202, 400, 400, 400, 400], [a.text[:200] for a in answers]
        refusals = [a.json()["error"] for a in answers if a.status_code == 400]
        assert all("web.max_records" in r for r in refusals)
        # Responsive: a page answered while uploads are read stays within a bounded multiple of
        # the idle page (the uploads are read off the event loop, in worker threads).
        assert statistics.median(loaded) <= max(20 * baseline, 0.25), (baseline, loaded)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, stderr = server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError("the server did not stop on SIGTERM") from None
    assert "Traceback" not in stderr.decode()
