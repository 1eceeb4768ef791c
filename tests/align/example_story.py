"""The example story for the align tests: articles, entities, and quotes built from the fixtures.

Quotes are made by hand from ``fixtures/example_utterances.json`` so that speaker and utterance
tests do not depend on quote extraction; ``extracted_quotes`` gives the real pipeline's quotes for
the end-to-end checks.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.align.entities import link_entities
from parallax.align.speakers import attach_speakers
from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.models import Article, Entity, Quote

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "khamenei-kadhimi-2020"


@lru_cache(maxsize=1)
def articles() -> tuple[Article, ...]:
    """The example articles as given (debris included), with sentences."""
    files = sorted(EXAMPLE.glob("*.txt"))
    raw = [Article(id=f.stem, source=str(f), body=f.read_text(encoding="utf-8")) for f in files]
    return tuple(add_sentences(raw))


@lru_cache(maxsize=1)
def entities() -> tuple[Entity, ...]:
    return tuple(link_entities(articles()))


@lru_cache(maxsize=1)
def extracted_quotes() -> tuple[Quote, ...]:
    """Quotes found by quote extraction, speakers attached to the linked entities."""
    return tuple(attach_speakers(find_quotes(articles()), entities()))


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def locate(body: str, text: str) -> tuple[int, int]:
    """Offsets of ``text`` in ``body``, tolerant of non-breaking and doubled spaces."""
    pattern = r"\s+".join(re.escape(word) for word in text.split())
    match = re.search(pattern, body)
    assert match, f"fixture text not in article: {text[:60]!r}"
    return match.span()


def fixture_quotes(articles: list[Article]) -> tuple[list[Quote], dict[str, str]]:
    """Hand-made quotes for every fixture variant, and each quote's group id."""
    data = load_fixture("example_utterances.json")
    bodies = {a.id: a.body for a in articles}
    quotes: list[Quote] = []
    group_of: dict[str, str] = {}
    for group in data["groups"]:
        for variant in group["variants"]:
            article = data["articles"][variant["article"]]
            start, end = locate(bodies[article], variant["text"])
            qid = f"q{len(quotes) + 1}"
            quotes.append(
                Quote(
                    id=qid,
                    article=article,
                    text=bodies[article][start:end],
                    start=start,
                    end=end,
                    kind="direct",
                    speaker_name=group["speaker"],
                )
            )
            group_of[qid] = group["id"]
    return quotes, group_of
