"""One story's analysis at 10 / 100 / 1,000 articles (issue 16): time and peak memory of
``pipeline.analyze_articles``, as a ratio to plain spaCy parsing of the same texts (the baseline).

Issue 17's ratio rows come first, on the example story and three BASIL DEV stories (events 1-3;
event 4 warms the models):

* ``warm analysis``: ``analyze_articles`` in a process whose models are all loaded, against one
  ``nlp.pipe`` parse of the same texts (median of ``PARALLAX_BENCH_REPEATS`` alternating runs);
* ``cold analyze``: the whole ``python -m parallax analyze INPUT -o report.json`` process against
  ``python -m benchmarks.naive_pass INPUT`` (load spaCy, NER and textacy's direct quotations),
  median of alternating pairs.

``PARALLAX_BENCH_BEFORE=/path/to/other/src`` adds the same rows for that source tree, measured
in the same run (``(before)`` rows): the comparison the renovation is judged by.
``PARALLAX_BENCH_RATIOS=0`` leaves the ratio rows out (the sizes only).

Articles are synthetic but real text: BASIL articles (DEV), each made distinct by rotating its
paragraphs and appending one paragraph of another article, so no parse is a cache hit. Each size
runs in a fresh process, so its peak memory (``ru_maxrss``) is its own.
``PARALLAX_BENCH_STORY_SIZES=10,100`` picks the sizes (default 10,100,1000);
``PARALLAX_BENCH_PROGRESS=1`` logs the start of each step of each size on stderr (long runs).
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, BenchRow, data_dir, read_jsonl_gz

SIZES = tuple(int(n) for n in os.environ.get("PARALLAX_BENCH_STORY_SIZES", "10,100,1000").split(",") if n)
REPEATS = int(os.environ.get("PARALLAX_BENCH_REPEATS", "3"))
BEFORE = os.environ.get("PARALLAX_BENCH_BEFORE")
RATIOS = os.environ.get("PARALLAX_BENCH_RATIOS", "1") != "0"  # 0: the sizes only
PROGRESS = os.environ.get("PARALLAX_BENCH_PROGRESS", "0") == "1"  # 1: log each step of each size
EXAMPLE = ROOT / "examples" / "khamenei-kadhimi-2020"


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
    pipeline.analyze_articles(_articles(count + 2)[count:])  # loads the embedding and quote models
    start = time.perf_counter()
    list(nlp.load().pipe([a.body for a in articles], batch_size=16))
    parse_s = time.perf_counter() - start
    start = time.perf_counter()

    def progress(step: str) -> None:  # PARALLAX_BENCH_PROGRESS=1: each step's start on stderr
        if PROGRESS:
            print(
                f"[{count} articles] {time.perf_counter() - start:8.1f} s  {step}",
                file=sys.stderr,
                flush=True,
            )

    report = pipeline.analyze_articles(articles, progress=progress)
    analysis_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(a.body) for a in articles)
    queue.put((analysis_s, parse_s, peak_mb, chars, len(report.facts), len(report.quotes)))


def _ratio_inputs(folder: Path) -> list[tuple[str, Path]]:
    """The example story and BASIL DEV events 1-4 (the last warms the models) as JSONL inputs."""
    inputs = [("example story (5 articles)", EXAMPLE)]
    for number, event in enumerate(read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz"), 1):
        path = folder / f"basil-{number}.jsonl"
        records = [
            {k: a.get(k) for k in ("text", "title", "outlet")}
            | {"id": a["outlet"], "published": a.get("date")}
            for a in event["articles"]
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        inputs.append((f"BASIL DEV event {number} ({len(records)} articles)", path))
        if number == 4:
            break
    return inputs


def _forget() -> None:
    """Drop what code from before issue 17 kept in modules between analyses (a ``(before)`` row
    must time the same work), and the memos of date parsing, so that every repeat does a new
    story's work."""
    import importlib

    for module, name in (("annotate.nlp", "_CACHE"), ("align.claims", "_CACHE"), ("align.facts", "_VECTORS")):
        held = getattr(importlib.import_module(f"parallax.{module}"), name, None)
        if held is not None:
            held.clear()
    # Memos of pure functions (the same answer for the same arguments) would make a repeat of one
    # story cheaper than a new story: dropped too.
    for module, name in (("align.utterances", "_topic"), ("interpret.timeline", "_parse")):
        memo = getattr(importlib.import_module(f"parallax.{module}"), name, None)
        if hasattr(memo, "cache_clear"):
            memo.cache_clear()


def _warm(src: str, inputs: list[tuple[str, Path]], queue: Any) -> None:
    sys.path.insert(0, src)
    from parallax import pipeline
    from parallax.annotate import nlp
    from parallax.config import DEFAULT

    stories = [(name, pipeline.extract([str(path)])[0]) for name, path in inputs]
    pipeline.analyze_articles(stories.pop()[1])  # the warm-up story: every model loaded
    out = []
    for name, articles in stories:
        bodies = [a.body for a in articles]
        parse, analysis = [], []
        for _ in range(REPEATS):
            _forget()
            start = time.perf_counter()
            list(nlp.load(DEFAULT.annotate.spacy_model).pipe(bodies, batch_size=DEFAULT.annotate.batch_size))
            parse.append(time.perf_counter() - start)
            _forget()
            start = time.perf_counter()
            pipeline.analyze_articles(articles)
            analysis.append(time.perf_counter() - start)
        out.append((name, statistics.median(analysis), statistics.median(parse)))
    queue.put(out)


def _process_s(command: list[str], src: str) -> float:
    env = os.environ | {"PYTHONPATH": os.pathsep.join([src, str(ROOT)])}
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def ratio_rows(src: str, label: str = "") -> list[BenchRow]:
    """Issue 17's rows for the code in ``src``: warm analysis / spaCy parse, cold analyze / naive pass."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        inputs = _ratio_inputs(Path(folder))
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        worker = context.Process(target=_warm, args=(src, inputs, queue))
        worker.start()
        warm = queue.get()
        worker.join()
        for name, analysis_s, parse_s in warm:
            rows.append(
                BenchRow(f"{name}{label}", "warm analysis", analysis_s, "s", parse_s, "baseline: spaCy parse")
            )
        report = str(Path(folder) / "report.json")
        for name, path in inputs[:-1]:
            ours, naive = [], []
            for _ in range(REPEATS):
                ours.append(
                    _process_s([sys.executable, "-m", "parallax", "analyze", str(path), "-o", report], src)
                )
                naive.append(_process_s([sys.executable, "-m", "benchmarks.naive_pass", str(path)], src))
            rows.append(
                BenchRow(
                    f"{name}{label}",
                    "cold analyze (process)",
                    statistics.median(ours),
                    "s",
                    statistics.median(naive),
                    "baseline: spaCy NER + textacy quotations process",
                )
            )
    return rows


def run() -> list[BenchRow]:
    """Issue 17's ratio rows, then time and peak memory of one story's analysis at each size."""
    rows = ratio_rows(str(ROOT / "src")) if RATIOS else []
    if BEFORE and RATIOS:
        rows += ratio_rows(BEFORE, " (before)")
    context = multiprocessing.get_context("spawn")
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
    if len(SIZES) > 1:  # growth from the smallest to the largest size, against n log n
        small, large = rows[-2 * len(SIZES)], rows[-2]
        n0, n1 = SIZES[0], SIZES[-1]
        bound = n1 * math.log(n1) / (n0 * math.log(n0))
        rows.append(
            BenchRow(
                f"story: {n0} -> {n1} articles",
                "analysis time growth",
                large.value / small.value,
                "x",
                bound,
                "baseline: n log n growth (ratio <= 1 is no faster than n log n)",
            )
        )
    return rows
