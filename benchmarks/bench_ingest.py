"""Ingest throughput and memory: ``read_inputs`` over a generated JSONL of ~50k article records.

The records are paragraphs of the shared evaluation texts (each made unique with its number, so
duplicate detection keeps them all). The baseline is plain ``json.loads`` over the same lines in
the same process: the floor cost of reading JSONL at all. Ours adds, per record, decoding checks,
ftfy's mojibake repair, field validation, a ``RawArticle`` and a duplicate digest.
"""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz
from parallax.config import IngestConfig
from parallax.ingest import read_inputs
from parallax.models import RawArticle

RECORDS = 50_000
ROUNDS = 2
# Paragraphs shorter than this are headings and bylines, not the text an article is made of.
MIN_PARAGRAPH = 200


def _paragraphs(data: Path) -> Iterator[str]:
    for name in ("polnear", "ecbplus", "article_extraction"):
        for record in read_jsonl_gz(data / name / f"{name}.jsonl.gz"):
            text = record.get("text") or record.get("gold_body") or ""
            yield from (p.strip() for p in text.split("\n") if len(p.strip()) >= MIN_PARAGRAPH)


def _generate(path: Path, data: Path) -> int:
    paragraphs = list(_paragraphs(data))
    with path.open("w", encoding="utf-8") as handle:
        for n in range(RECORDS):
            record = {"id": f"r{n}", "text": f"Record {n}. {paragraphs[n % len(paragraphs)]}"}
            if n % 10 == 0:
                record["published"] = "2020-01-03T10:00:00Z"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _ours(path: Path) -> int:
    return sum(1 for item in read_inputs([str(path)], IngestConfig()) if isinstance(item, RawArticle))


def _baseline(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        return sum(1 for line in handle if json.loads(line))


def _timed(read: Callable[[Path], int], path: Path) -> tuple[int, float]:
    """Records read and the best time of ``ROUNDS`` runs (the machine is shared: best is least noisy)."""
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        count = read(path)
        times.append(time.perf_counter() - started)
    return count, min(times)


def _peak(read: Callable[[Path], int], path: Path) -> int:
    tracemalloc.start()
    try:
        read(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run() -> list[BenchRow]:
    """Records/s and MB/s of ours vs ``json.loads`` on plain and gzipped JSONL, and peak memory."""
    folder = Path(tempfile.mkdtemp(prefix="parallax-bench-ingest-"))
    try:
        plain = folder / "articles.jsonl"
        size = _generate(plain, data_dir())
        zipped = folder / "articles.jsonl.gz"
        with plain.open("rb") as source, gzip.open(zipped, "wb", compresslevel=6) as target:
            shutil.copyfileobj(source, target)
        mb = size / 1e6
        rows: list[BenchRow] = []
        for label, path in (("jsonl", plain), ("jsonl.gz", zipped)):
            base_count, base_s = _timed(_baseline, path)
            count, seconds = _timed(_ours, path)
            assert count == base_count == RECORDS, (count, base_count)
            task = f"ingest {label} ({RECORDS // 1000}k records)"
            note = f"{mb:.0f} MB of JSON; baseline: json.loads per line"
            rows.append(BenchRow(task, "records/s", count / seconds, "rec/s", base_count / base_s, note))
            rows.append(BenchRow(task, "throughput", mb / seconds, "MB/s", mb / base_s, note))
        rows.append(
            BenchRow(
                f"ingest jsonl ({RECORDS // 1000}k records)",
                "peak memory (tracemalloc)",
                _peak(_ours, plain) / 1e6,
                "MB",
                _peak(_baseline, plain) / 1e6,
                f"file is {mb:.0f} MB: memory stays flat (ids + 16-byte digests per record)",
            )
        )
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)
