"""Entity linking throughput as a ratio to the plain spaCy pipeline on the same texts.

Texts: the first 10 BASIL dev events (3 articles each), each linked as one story. The baseline
is ``nlp.pipe`` over the same 30 bodies with nothing else; ours parses them the same way (cache
emptied first) and links entities across each story. Best of two alternating rounds.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz
from parallax.align.entities import link_entities
from parallax.annotate import nlp
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT
from parallax.models import Article

EVENTS = 10
ROUNDS = 2


def run() -> list[BenchRow]:
    """Articles per second: spaCy alone, spaCy + linking, linking alone; peak memory of linking."""
    stories: list[list[Article]] = []
    for event in read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz"):
        stories.append(
            [Article(id=f"{a['outlet']}", source=a["outlet"], body=a["text"]) for a in event["articles"]]
        )
        if len(stories) == EVENTS:
            break
    texts = [a.body for story in stories for a in story]
    pipeline = nlp.load()
    list(pipeline.pipe(texts[:2]))  # warm-up: model load and first-call allocations

    def spacy_only() -> None:
        # Story by story, as the pipeline parses them.
        for story in stories:
            list(pipeline.pipe([a.body for a in story], batch_size=nlp.DEFAULT.annotate.batch_size))

    def parse_and_link() -> None:
        for story in stories:
            parsed = Texts(DEFAULT.annotate)  # one analysis' parses: each body parsed once
            link_entities(nlp.add_sentences(story, DEFAULT.annotate, parsed), DEFAULT.align, parsed)

    warm = Texts(DEFAULT.annotate)  # linking alone: the parses are made before it is timed
    warm.parse_many(texts)
    entities = sum(len(link_entities(story, DEFAULT.align, warm)) for story in stories)
    # Alternating rounds, best time of each: the machine is shared and its load swings.
    spacy_time = full_time = link_time = float("inf")
    for _ in range(ROUNDS):
        spacy_time = min(spacy_time, _timed(spacy_only))
        full_time = min(full_time, _timed(parse_and_link))
        link_time = min(link_time, _timed(lambda: [link_entities(s, DEFAULT.align, warm) for s in stories]))
    spacy_rate, full_rate, link_rate = (len(texts) / t for t in (spacy_time, full_time, link_time))

    tracemalloc.start()
    for story in stories:
        link_entities(story, DEFAULT.align, warm)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    note = f"{len(texts)} BASIL articles in {len(stories)} stories, {entities} entities"
    return [
        BenchRow("entities: parse + link", "articles/s", full_rate, "art/s", spacy_rate, note),
        BenchRow("entities: link only (parse cached)", "articles/s", link_rate, "art/s", spacy_rate, note),
        BenchRow("entities: link only", "peak traced memory", peak, "MiB", None, "tracemalloc, parse cached"),
    ]


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
