"""Quotes of the example story built by hand from the fixtures, until quote extraction is merged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from parallax.models import Article, Quote

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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
