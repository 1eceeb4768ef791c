"""Extraction quality: article body from HTML, scored the way the benchmark scores it.

Data: ``article_extraction/`` (scrapinghub article-extraction-benchmark, DEV half, 90 pages with a
gold ``articleBody``). Metric, as in the benchmark's ``evaluate.py``: the text is cut into ``\\w+``
tokens, a page's 4-token shingles are matched as multisets against the gold ones, the page's
TP/FP/FN are normalised to sum to one, precision and recall are averaged over pages, and F1 is the
harmonic mean of those two averages. Accuracy is the share of pages whose tokens equal the gold's.

Rows: plain ``trafilatura.extract`` as the benchmark runs it (the baseline), trafilatura with the
options we use, and ours (``clean_articles``: trafilatura then the text-level debris rules and the
signatures learnt over the batch). Language filtering is off here: the set has non-English pages.

A second task guards the rule "never remove article sentences": BASIL bodies are clean text
(rebuilt from annotated paragraphs), so every paragraph our rules remove from them is a false
removal.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import trafilatura

from benchmarks.common import Row, read_jsonl_gz
from parallax.clean import clean_articles
from parallax.config import DEFAULT
from parallax.models import RawArticle

_TOKEN = re.compile(r"\w+", re.UNICODE)
_N = 4


def tokens(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of word characters."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = _N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles (a text shorter than n is one shorter shingle, as upstream)."""
    words = tokens(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def page_counts(gold: str, predicted: str | None) -> tuple[float, float, float]:
    """A page's true positives, false positives and false negatives, normalised to sum to one."""
    true, pred = shingles(gold), shingles(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(golds: list[str], predictions: list[str | None]) -> dict[str, float]:
    """Precision and recall averaged over pages, their F1, and exact-token accuracy."""
    counts = [page_counts(g, p) for g, p in zip(golds, predictions, strict=True)]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    accuracy = statistics.mean(float(tokens(g) == tokens(p)) for g, p in zip(golds, predictions, strict=True))
    return {
        "f1": 2 * precision * recall / (precision + recall),
        "precision": precision,
        "recall": recall,
        "accuracy": accuracy,
    }


def ours(pages: list[dict[str, str]], **changes: object) -> list[str | None]:
    """Our bodies for every page (None where the page was skipped), with config ``changes``."""
    config = DEFAULT.clean.model_copy(update={"accepted_languages": (), **changes})
    raws = [RawArticle(id=p["id"], source=p["id"], html=p["html"], url=p["url"]) for p in pages]
    articles, _ = clean_articles(raws, config)
    bodies = {a.id: a.body for a in articles}
    return [bodies.get(p["id"]) for p in pages]


def false_removals(data: Path) -> Row:
    """Paragraphs our rules remove from clean BASIL bodies (each one an article sentence lost)."""
    raws = [
        RawArticle(id=f"{event['event_id']}-{a['outlet']}", source=a["outlet"], text=a["text"])
        for event in read_jsonl_gz(data / "basil" / "basil.jsonl.gz")
        for a in event["articles"]
    ]
    articles, skipped = clean_articles(raws, DEFAULT.clean)
    paragraphs = sum(len([p for p in r.text.split("\n") if p.strip()]) for r in raws if r.text)
    removed = [r for a in articles for r in a.removed if r.reason != "title"]
    return Row(
        task="basil: no false removal",
        system="ours",
        metrics={
            "paragraphs": float(paragraphs),
            "removed": float(len(removed)),
            "removed_share": len(removed) / paragraphs,
            "skipped": float(len(skipped)),
        },
        note="BASIL bodies are clean text: each removal is a candidate false one (read them)",
        extra={"removed": [r.text for r in removed]},
    )


def discard_spans(data: Path) -> Row:
    """Plain-text debris on PolNeAR: how many of the annotators' ``Discard`` spans we remove, and
    how many of our removals fall outside them (credits we remove are not marked there, so this
    counts some right removals as wrong: read the list)."""
    docs = list(read_jsonl_gz(data / "polnear" / "polnear.jsonl.gz"))
    raws = [RawArticle(id=d["id"], source=d["id"], text=d["text"]) for d in docs]
    articles, _ = clean_articles(raws, DEFAULT.clean)
    removed_by_id = {a.id: a.removed for a in articles}
    found = total = outside = removals = 0
    for doc in docs:
        spans = [(f["start"], f["end"]) for f in doc["flagged_spans"] if f["label"] == "Discard"]
        hits: list[tuple[int, int]] = []
        cursor = 0
        for item in removed_by_id.get(doc["id"], []):
            # Removals come in text order: search on from the last one, so repeated lines map apart.
            start = doc["text"].find(item.text, cursor)
            start = doc["text"].find(item.text) if start < 0 else start
            end = start + len(item.text)
            cursor = max(cursor, end)
            hits.append((start, end))
            removals += 1
            outside += not any(max(a, start) < min(b, end) for a, b in spans)
        total += len(spans)
        found += sum(any(max(a, s) < min(b, e) for s, e in hits) for a, b in spans)
    return Row(
        task="polnear: Discard spans",
        system="ours",
        metrics={
            "discard_spans": float(total),
            "removed": float(found),
            "recall": found / total if total else 0.0,
            "removals": float(removals),
            "outside_discard": float(outside),
        },
        note="plain-text rules and signatures; removals outside Discard are mostly credits and list teasers",
    )


def run(data: Path) -> list[Row]:
    pages = list(read_jsonl_gz(data / "article_extraction" / "article_extraction.jsonl.gz"))
    golds = [p["gold_body"] for p in pages]
    task = f"extraction ({len(pages)} DEV pages)"
    plain = [trafilatura.extract(p["html"], include_comments=False) for p in pages]
    tuned = [
        trafilatura.extract(
            p["html"],
            include_comments=False,
            favor_precision=DEFAULT.clean.html_favor_precision,
            include_tables=DEFAULT.clean.html_include_tables,
        )
        for p in pages
    ]
    rows = [
        Row(
            task,
            "trafilatura",
            score(golds, plain),
            baseline=True,
            note="trafilatura.extract as upstream runs it",
        ),
        Row(task, "trafilatura+options", score(golds, tuned), note="favor_precision as configured"),
        Row(task, "ours", score(golds, ours(pages)), note="trafilatura + debris rules + signatures"),
        Row(
            task,
            "ours, plain trafilatura",
            score(golds, ours(pages, html_favor_precision=False)),
            note="ablation: our text rules on trafilatura's default output",
        ),
        Row(
            task,
            "ours, no signatures",
            score(golds, ours(pages, signature_min_articles=10**6)),
            note="ablation: without boilerplate learnt from the batch",
        ),
    ]
    if (data / "basil" / "basil.jsonl.gz").exists():
        rows.append(false_removals(data))
    if (data / "polnear" / "polnear.jsonl.gz").exists():
        rows.append(discard_spans(data))
    return rows


def gate(data: Path) -> list[Row]:
    """The fast subset for `make eval-gate`: our cleaner on the 90 DEV pages (the "ours" row)."""
    pages = list(read_jsonl_gz(data / "article_extraction" / "article_extraction.jsonl.gz"))
    golds = [p["gold_body"] for p in pages]
    task = f"extraction ({len(pages)} DEV pages)"
    return [Row(task, "ours", score(golds, ours(pages)), note="trafilatura + debris rules + signatures")]
