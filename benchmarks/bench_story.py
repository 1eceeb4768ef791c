"""One story's analysis at 10 / 100 / 1,000 articles (issue 16): time and peak memory of
``pipeline.analyze_articles``, as a ratio to plain spaCy parsing of the same texts (the baseline).

Articles are synthetic but real text: BASIL articles (DEV), each made distinct by rotating its
paragraphs and appending one paragraph of another article, so no parse is a cache hit. Each size
runs in a fresh process, so its peak memory (``ru_maxrss``) is its own.
``PARALLAX_BENCH_STORY_SIZES=10,100`` picks the sizes (default 10,100,1000).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from typing import Any

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz

SIZES = tuple(int(n) for n in os.environ.get("PARALLAX_BENCH_STORY_SIZES", "10,100,1000").split(","))


def _texts() -> list[tuple[str, str]]:
    return [
        (a.get("outlet") or "outlet", a["text"])
        for e in read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz")
        for a in e["articles"]
        if a.get("text")
    ]


def _articles(count: int) -> list[Any]:
    from parallax.models import Article, Outlet

    texts = _texts()
    out = []
    for i in range(count):
        outlet, text = texts[i % len(texts)]
        paragraphs = [p for p in text.split("\n") if p.strip()]
        turn = (i // len(texts)) % max(1, len(paragraphs))
        donor = [p for p in texts[(i * 7 + 3) % len(texts)][1].split("\n") if p.strip()]
        body = "\n".join(paragraphs[turn:] + paragraphs[:turn] + donor[-1:])
        out.append(Article(id=f"a{i}", source=f"basil/{i}", outlet=Outlet(name=outlet), body=body))
    return out


def _measure(count: int, queue: Any) -> None:
    from parallax import pipeline
    from parallax.annotate import nlp

    articles = _articles(count)
    nlp.load()
    start = time.perf_counter()
    list(nlp.load().pipe([a.body for a in articles], batch_size=16))
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    report = pipeline.analyze_articles(articles)
    analysis_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(a.body) for a in articles)
    queue.put((analysis_s, parse_s, peak_mb, chars, len(report.facts), len(report.quotes)))


def run() -> list[BenchRow]:
    """Time and peak memory of one story's analysis at each size, against spaCy parsing alone."""
    context = multiprocessing.get_context("spawn")
    rows = []
    for count in SIZES:
        queue = context.Queue()
        worker = context.Process(target=_measure, args=(count, queue))
        worker.start()
        analysis_s, parse_s, peak_mb, chars, facts, quotes = queue.get()
        worker.join()
        task = f"story: {count} articles"
        note = f"{chars / 1e6:.2f}M chars, {facts} facts, {quotes} quotes"
        rows.append(BenchRow(task, "analysis time", analysis_s, "s", parse_s, "baseline: spaCy parse alone"))
        rows.append(BenchRow(task, "peak memory (process)", peak_mb, "MB", None, note))
    return rows
