"""Contradictions the real pipeline reports on the 50 BASIL DEV events, matched to hand labels.

``benchmarks/data/basil_contradictions.jsonl`` holds one hand label per contradiction a version
of parallax reported (event id, kind, the claims' article:sentence ids, ``true``/``false`` and a
one-line reason read against the texts). A contradiction is matched to its label by event, kind
and claim ids; one with no label is counted apart, never guessed.

List the contradictions (the upstream stages of each event are cached in ``--cache`` so that
changes to ``find_contradictions`` are re-checked in seconds)::

    PYTHONPATH=$PWD/src:$PWD python -m benchmarks.basil_contradictions --cache /tmp/basil-contra
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, data_dir, read_jsonl_gz
from parallax import clean
from parallax.align.contradictions import find_contradictions
from parallax.align.entities import link_entities
from parallax.align.facts import align_facts
from parallax.align.speakers import attach_speakers
from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.config import DEFAULT
from parallax.models import Article, Contradiction, Entity, Fact, Quote, RawArticle

LABELS = ROOT / "benchmarks" / "data" / "basil_contradictions.jsonl"

Upstream = tuple[list[Article], list[Quote], list[Entity], list[Fact]]


def events(data: Path) -> list[dict[str, Any]]:
    """The BASIL DEV events, in file order."""
    return list(read_jsonl_gz(data / "basil" / "basil.jsonl.gz"))


def upstream(event: dict[str, Any]) -> Upstream:
    """The pipeline's stages before contradictions, exactly as ``analyze_articles`` runs them."""
    raws = [
        RawArticle(
            id=a["outlet"],
            source=f"basil:{event['event_id']}:{a['outlet']}",
            text=a["text"],
            title=a["title"],
            outlet=a["outlet"],
        )
        for a in event["articles"]
    ]
    articles, _ = clean.clean_articles(raws, DEFAULT.clean)
    articles = add_sentences(articles, DEFAULT.annotate)
    quotes = find_quotes(articles, DEFAULT.annotate)
    entities = link_entities(articles, DEFAULT.align)
    quotes = attach_speakers(quotes, entities, DEFAULT.align)
    facts = align_facts(articles, quotes, DEFAULT.align)
    return articles, quotes, entities, facts


def reported(data: Path, cache: Path | None = None) -> Iterator[tuple[str, Contradiction]]:
    """(event id, contradiction) for every contradiction on every DEV event."""
    for event in events(data):
        path = cache / f"{event['event_id']}.pkl" if cache else None
        if path is not None and path.exists():
            stages: Upstream = pickle.loads(path.read_bytes())
        else:
            stages = upstream(event)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pickle.dumps(stages))
        articles, quotes, entities, facts = stages
        for c in find_contradictions(facts, articles, quotes, DEFAULT.align, entities):
            yield event["event_id"], c


def key(event_id: str, c: Contradiction) -> tuple[str, str, tuple[str, ...]]:
    """How a reported contradiction is matched to its label."""
    return event_id, c.kind, tuple(sorted(f"{r.article}:{r.sentence}" for r in c.claims))


def labels() -> dict[tuple[str, str, tuple[str, ...]], dict[str, Any]]:
    """The hand labels by match key."""
    out = {}
    for line in LABELS.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["event"], row["kind"], tuple(sorted(row["claims"])))] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    known = labels() if LABELS.exists() else {}
    counts = {"true": 0, "false": 0, "unlabelled": 0}
    for event_id, c in reported(data_dir(), args.cache):
        label = known.get(key(event_id, c))
        verdict = "unlabelled" if label is None else ("true" if label["label"] else "false")
        counts[verdict] += 1
        print(
            json.dumps(
                {"event": event_id, "kind": c.kind, "claims": list(key(event_id, c)[2]), "label": verdict}
            )
        )
        print("   ", c.explanation)
        for r in c.claims:
            print(f"    [{r.article}:{r.sentence}] {r.text[:300]}")
    print(counts)


if __name__ == "__main__":
    main()
