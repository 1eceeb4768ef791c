"""Extraction throughput: our cleaning of HTML pages against plain trafilatura on the same pages.

Both run in this process over the 90 DEV pages of ``article_extraction/`` after one warm-up pass
(imports, lingua's language models, the gazetteer). Times are CPU seconds of this process (the best
of two passes), so that other work on a shared machine does not blur the ratio. Ours is the whole
clean stage: trafilatura with metadata, debris rules, signatures, language identification and
duplicate detection. A middle row runs trafilatura alone with our options (metadata, favor_precision)
to show what our own text-level work costs on top. Peak memory is the largest Python allocation
tracemalloc sees during one (untimed) pass. A last row times the plain-text path (no HTML) on
BASIL's bodies, with no baseline to compare.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import trafilatura

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz
from parallax.clean import clean_articles
from parallax.config import DEFAULT
from parallax.models import RawArticle


def _plain(pages: list[dict[str, str]]) -> None:
    for page in pages:
        trafilatura.extract(page["html"], include_comments=False)


def _trafilatura_options(pages: list[dict[str, str]]) -> None:
    for page in pages:
        trafilatura.bare_extraction(
            page["html"],
            url=page["url"],
            include_comments=False,
            favor_precision=DEFAULT.clean.html_favor_precision,
            include_tables=DEFAULT.clean.html_include_tables,
            with_metadata=True,
        )


def _ours(pages: list[dict[str, str]]) -> None:
    raws = [RawArticle(id=p["id"], source=p["id"], html=p["html"], url=p["url"]) for p in pages]
    clean_articles(raws, DEFAULT.clean)


def _text_pass(raws: list[RawArticle]) -> float:
    started = time.process_time()
    clean_articles(raws, DEFAULT.clean)
    return time.process_time() - started


def _seconds(work: Callable[[list[dict[str, str]]], None], pages: list[dict[str, str]]) -> float:
    started = time.process_time()
    work(pages)
    return time.process_time() - started


def _peak_mib(work: Callable[[list[dict[str, str]]], None], pages: list[dict[str, str]]) -> float:
    tracemalloc.start()
    work(pages)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def run() -> list[BenchRow]:
    pages = list(read_jsonl_gz(data_dir() / "article_extraction" / "article_extraction.jsonl.gz"))
    _plain(pages[:5])
    _ours(pages[:5])
    plain_s = min(_seconds(_plain, pages) for _ in range(2))
    ours_s = min(_seconds(_ours, pages) for _ in range(2))
    options_s = min(_seconds(_trafilatura_options, pages) for _ in range(2))
    task = f"extraction ({len(pages)} HTML pages)"
    # Plain text (already extracted) skips trafilatura: the text rules alone, on clean BASIL bodies.
    raws = [
        RawArticle(id=f"{e['event_id']}-{a['outlet']}", source=a["outlet"], text=a["text"])
        for e in read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz")
        for a in e["articles"]
    ]
    text_s = min(_text_pass(raws) for _ in range(2))
    return [
        BenchRow(f"cleaning plain text ({len(raws)} BASIL)", "articles/s", len(raws) / text_s, "articles/s"),
        BenchRow(
            task, "articles/s", len(pages) / ours_s, "articles/s", len(pages) / plain_s, "ours vs trafilatura"
        ),
        BenchRow(
            task,
            "articles/s, same options",
            len(pages) / ours_s,
            "articles/s",
            len(pages) / options_s,
            "vs trafilatura with metadata and favor_precision",
        ),
        BenchRow(
            task,
            "peak Python memory",
            _peak_mib(_ours, pages),
            "MiB",
            _peak_mib(_plain, pages),
            "tracemalloc",
        ),
    ]
