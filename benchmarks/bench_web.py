"""`make bench` for the web app: a bounded load test against a local `parallax serve`.

The bench starts the server (127.0.0.1, a free port, a story database of the 50 BASIL DEV events,
or of copies of the example story when the shared data is missing), warms the analysis worker
with one request, then measures:

* the story list alone: sequential `GET /api/stories` requests (the baseline: its idle p50);
* 20 concurrent `POST /api/analyze` uploads of the five example files, while a client keeps
  asking for the story list: latency p50/p95 and error rate of both;
* `GET /` while 5 MB uploads are read and the accepted one is analysed (issue 16: under a
  second): a JSONL of 370k tiny records (refused at `web.max_records`), a JSONL of 900
  articles of about 5.5 kB each (accepted: its job starts in the worker) and 5 MB of one
  plain-text article; the page is asked for until every upload is answered and for
  `UPLOAD_TAIL_S` seconds after, while the worker analyses the accepted batch.

The story list's p95 during the analyses over its idle p50 is the "ratio to baseline": analyses
run in worker processes, off the event loop, so the list stays responsive (goal: under 10).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

from benchmarks.common import ROOT, BenchRow, data_dir, read_jsonl_gz
from parallax import clean
from parallax.corpus.analysis import store_story
from parallax.models import Generator, RawArticle, Report
from parallax.pipeline import describe_story
from parallax.store import Store

EXAMPLE = ROOT / "examples" / "khamenei-kadhimi-2020"
CONCURRENT = 20
IDLE_REQUESTS = 200
LIST_URL = "/api/stories?limit=20"
UPLOAD_TAIL_S = 20.0


def _seed(db: Path) -> int:
    """A story database: the BASIL DEV events (cleaned articles, no analysis), else example copies."""
    basil = data_dir() / "basil" / "basil.jsonl.gz"
    events: list[tuple[str, list[RawArticle]]] = []
    if basil.is_file():
        for event in read_jsonl_gz(basil):
            raws = [
                RawArticle(
                    id=f"{a['outlet']}-{n}",
                    source=a["url"] or a["uuid"],
                    text=a["text"],
                    title=a["title"],
                    outlet=a["outlet"],
                    published=date.fromisoformat(a["date"]) if a.get("date") else None,
                )
                for n, a in enumerate(event["articles"], start=1)
            ]
            events.append((event["event_id"], raws))
    else:
        texts = [
            RawArticle(id=p.stem, source=str(p), text=p.read_text()) for p in sorted(EXAMPLE.glob("*.txt"))
        ]
        events = [(f"example-{n}", texts) for n in range(50)]
    with Store(str(db)) as store:
        for story_id, raws in events:
            articles, _ = clean.clean_articles(raws)
            report = Report(
                generator=Generator(version="bench"), story=describe_story(articles), articles=articles
            )
            store_story(store, story_id, articles, report)
    return len(events)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(db: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    command = [
        sys.executable,
        "-m",
        "parallax",
        "serve",
        "--port",
        str(port),
        "--db",
        str(db),
        "--data-dir",
        str(data),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


def _percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def _timed(client: httpx.AsyncClient, method: str, url: str, **kwargs: object) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
        ok = response.status_code == 200
    except httpx.HTTPError:
        ok = False
    return time.perf_counter() - started, ok


async def _measure(base: str) -> dict[str, list[tuple[float, bool]]]:
    files = [(p.name, p.read_bytes()) for p in sorted(EXAMPLE.glob("*.txt"))]

    def upload(copy: int = 0) -> list[tuple[str, tuple[str, bytes, str]]]:
        # A different last line per request, so no analysis is served from a parse cache.
        marker = f"\n\nCopy {copy} of this article.\n".encode()
        return [("files", (name, data + marker, "text/plain")) for name, data in files]

    limits = httpx.Limits(max_connections=CONCURRENT + 5)
    async with httpx.AsyncClient(base_url=base, timeout=900, limits=limits) as client:
        warm, ok = await _timed(client, "POST", "/api/analyze", files=upload())
        if not ok:
            raise RuntimeError("the warm-up analysis failed")
        idle = [await _timed(client, "GET", LIST_URL) for _ in range(IDLE_REQUESTS)]
        done = asyncio.Event()
        during: list[tuple[float, bool]] = []

        async def lister() -> None:
            while not done.is_set():
                during.append(await _timed(client, "GET", LIST_URL))
                await asyncio.sleep(0.05)

        listing = asyncio.create_task(lister())
        analyses = await asyncio.gather(
            *(_timed(client, "POST", "/api/analyze", files=upload(n)) for n in range(1, CONCURRENT + 1))
        )
        done.set()
        await listing
    return {"warm": [(warm, ok)], "idle": idle, "during": during, "analyses": list(analyses)}


def _five_mb_uploads() -> list[tuple[str, bytes]]:
    """Three uploads just under `web.max_file_bytes`: tiny records, article records, one text."""
    limit = 5_000_000 - 1
    tiny = json.dumps({"text": "Hi."}).encode() + b"\n"
    texts = [p.read_text() for p in sorted(EXAMPLE.glob("*.txt"))]
    records: list[bytes] = []
    while sum(map(len, records)) < limit - 6_000 and len(records) < 900:
        n = len(records)
        text = f"{texts[n % len(texts)]}\n\nCopy {n} of this article."
        records.append(json.dumps({"id": f"a{n}", "text": text[:5_400]}).encode() + b"\n")
    paragraph = texts[0].encode() + b"\n\n"
    return [
        ("tiny.jsonl", tiny * (limit // len(tiny))),
        ("articles.jsonl", b"".join(records)),
        ("one.txt", paragraph * (limit // len(paragraph))),
    ]


async def _measure_uploads(base: str) -> dict[str, list[tuple[float, bool]]]:
    """`GET /` latency while the 5 MB uploads are read, and while the accepted one is analysed."""
    async with httpx.AsyncClient(base_url=base, timeout=900) as client:
        idle = [await _timed(client, "GET", "/") for _ in range(20)]

        async def upload(item: tuple[str, bytes]) -> tuple[float, bool]:
            started = time.perf_counter()
            answer = await client.post("/api/jobs", files={"files": item})
            return time.perf_counter() - started, answer.status_code == 202

        uploads = [asyncio.create_task(upload(item)) for item in _five_mb_uploads()]
        during: list[tuple[float, bool]] = []
        while not all(u.done() for u in uploads):
            during.append(await _timed(client, "GET", "/"))
            await asyncio.sleep(0.02)
        tail_end = time.perf_counter() + UPLOAD_TAIL_S
        while time.perf_counter() < tail_end:
            during.append(await _timed(client, "GET", "/"))
            await asyncio.sleep(0.05)
        answered = [await u for u in uploads]
    return {"page idle": idle, "page during uploads": during, "uploads": answered}


def run() -> list[BenchRow]:
    with tempfile.TemporaryDirectory(prefix="parallax-bench-web-") as tmp:
        db = Path(tmp) / "stories.sqlite"
        stories = _seed(db)
        port = _free_port()
        server = _start(db, Path(tmp) / "data", port)
        try:
            started = time.perf_counter()
            timings = asyncio.run(_measure(f"http://127.0.0.1:{port}"))
            wall = time.perf_counter() - started
            timings |= asyncio.run(_measure_uploads(f"http://127.0.0.1:{port}"))
        finally:
            server.terminate()
            server.wait(timeout=30)

    def ms(kind: str) -> list[float]:
        return [t * 1000 for t, _ in timings[kind]]

    def errors(kind: str) -> float:
        return 100 * sum(1 for _, ok in timings[kind] if not ok) / len(timings[kind])

    idle_p50 = _percentile(ms("idle"), 50)
    analyses = [t for t, _ in timings["analyses"]]
    note = f"{CONCURRENT} concurrent uploads of the 5 example files; {stories} stories in the list"
    return [
        BenchRow(
            "web: story list, idle",
            "p50 latency",
            idle_p50,
            "ms",
            note=f"{IDLE_REQUESTS} sequential requests",
        ),
        BenchRow("web: story list, idle", "p95 latency", _percentile(ms("idle"), 95), "ms", idle_p50),
        BenchRow(
            "web: story list, during analyses",
            "p50 latency",
            _percentile(ms("during"), 50),
            "ms",
            idle_p50,
            note=f"{len(timings['during'])} requests",
        ),
        BenchRow(
            "web: story list, during analyses",
            "p95 latency",
            _percentile(ms("during"), 95),
            "ms",
            idle_p50,
            note="goal: ratio to the idle p50 under 10",
        ),
        BenchRow("web: story list, during analyses", "error rate", errors("during"), "%"),
        BenchRow("web: analyse, 20 concurrent", "p50 latency", _percentile(analyses, 50), "s", note=note),
        BenchRow("web: analyse, 20 concurrent", "p95 latency", _percentile(analyses, 95), "s"),
        BenchRow("web: analyse, 20 concurrent", "error rate", errors("analyses"), "%", note="goal: 0"),
        BenchRow(
            "web: analyse, warm-up", "latency", timings["warm"][0][0], "s", note="first request, one worker"
        ),
        BenchRow("web: whole load test", "wall time", wall, "s"),
        *_upload_rows(timings),
    ]


def _upload_rows(timings: dict[str, list[tuple[float, bool]]]) -> list[BenchRow]:
    idle = [t * 1000 for t, _ in timings["page idle"]]
    during = [t * 1000 for t, _ in timings["page during uploads"]]
    answered = sum(1 for _, ok in timings["uploads"] if ok)
    kinds = "tiny records, 900 articles, one text"
    note = f"{len(during)} requests; 3 uploads of 5 MB ({kinds}), {answered} accepted"
    task = "web: GET / during 5 MB uploads"
    return [
        BenchRow(
            "web: GET /, idle", "p50 latency", _percentile(idle, 50), "ms", note="20 sequential requests"
        ),
        BenchRow(task, "p95 latency", _percentile(during, 95), "ms", _percentile(idle, 50), note=note),
        BenchRow(task, "max latency", max(during), "ms", _percentile(idle, 50), note="goal: under 1,000 ms"),
        BenchRow(
            task,
            "error rate",
            100 * sum(1 for _, ok in timings["page during uploads"] if not ok) / len(during),
            "%",
        ),
    ]
