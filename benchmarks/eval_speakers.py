"""Quote speakers on BASIL DEV: is the speaker of each named person's quote resolved to that person?

Gold: BASIL bias spans with ``quote == "yes"`` whose ``speaker`` names one person
(``Donald_Trump``); group labels (``Republican_lawmakers``, ``other_pro``, ``Obama_campaign``) are
left out, and so is a label no PERSON entity of the article carries (``Secure_America_Now``).
For each gold span, the parallax quote overlapping it most (in characters) is its match; its
resolved ``speaker_name`` is right when one of its words has the gold label's surname (the last
part, a ``Jr.`` set aside; a truncated label such as ``Felipe_Calder`` matches as a prefix).

Rows: ``speaker_acc`` = right / matched spans, ``coverage`` = matched / gold spans. Events are
split by year parity: rules were tuned by reading errors of the even years only; the odd years
are the headline. The baseline is the resolver as it stood before the pronoun, role-noun and
document rules (``parallax before``, the committed numbers of that run), and textacy's
``direct_quotations`` with its speaker words as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import Row, read_jsonl_gz

_GROUP_WORDS = {
    "campaign",
    "lawmakers",
    "democrats",
    "republicans",
    "officials",
    "house",
    "senate",
    "administration",
}
_SUFFIXES = {"jr", "sr", "ii", "iii"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldQuote:
    article: int
    start: int
    end: int
    speaker: str


def _surname(label: str) -> str:
    parts = [p.lower() for p in _WORD.findall(label.replace("_", " "))]
    parts = [p for p in parts if p not in _SUFFIXES]
    return parts[-1] if parts else ""


def named_person(label: str, doc_people: set[str]) -> bool:
    """A label of one person: two or more capitalised parts, no group word, a PERSON in the article."""
    parts = [p for p in label.split("_") if p]
    if len(parts) < 2 or not all(p[0].isupper() for p in parts):
        return False
    if any(p.lower() in _GROUP_WORDS for p in parts):
        return False
    surname = _surname(label)
    return any(w.startswith(surname) for w in doc_people)


def speaker_right(label: str, name: str | None) -> bool:
    """The resolved name has the label's surname as one of its words (a truncated label: as a prefix)."""
    if not name:
        return False
    surname = _surname(label)
    return any(w.lower().startswith(surname) for w in _WORD.findall(name))


def gold_quotes(articles: Sequence[dict[str, Any]]) -> list[GoldQuote]:
    """The named-person quote spans of every article (text spans only)."""
    from parallax.annotate import nlp

    docs = nlp.parse_many([a["text"] for a in articles])
    gold = []
    for index, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        people = {w.lower() for e in doc.ents if e.label_ == "PERSON" for w in _WORD.findall(e.text)}
        for span in article["bias_spans"]:
            if span["quote"] != "yes" or span["field"] != "text" or not span["speaker"]:
                continue
            if named_person(span["speaker"], people):
                gold.append(GoldQuote(index, span["start"], span["end"], span["speaker"]))
    return gold


Predictions = list[list[tuple[int, int, str | None]]]

# This script run on the resolver before the pronoun, role-noun and document rules (commit e907f0c).
BEFORE = {
    "BASIL DEV held-out: odd years": {
        "speaker_acc": 0.765,
        "coverage": 0.962,
        "gold": 53,
        "matched": 51,
        "right": 39,
    },
    "BASIL DEV tuning: even years": {
        "speaker_acc": 0.944,
        "coverage": 0.934,
        "gold": 76,
        "matched": 71,
        "right": 67,
    },
}


def score(gold: Sequence[GoldQuote], predicted: Predictions) -> dict[str, float]:
    """Speaker accuracy on gold spans that a predicted quote overlaps, and that coverage."""
    matched = right = 0
    for item in gold:
        best = max(
            predicted[item.article],
            key=lambda p: min(p[1], item.end) - max(p[0], item.start),
            default=None,
        )
        if best is None or min(best[1], item.end) - max(best[0], item.start) <= 0:
            continue
        matched += 1
        right += speaker_right(item.speaker, best[2])
    return {
        "speaker_acc": round(right / matched, 3) if matched else 0.0,
        "coverage": round(matched / len(gold), 3) if gold else 0.0,
        "gold": len(gold),
        "matched": matched,
        "right": right,
    }


def ours(articles: Sequence[dict[str, Any]]) -> Predictions:
    """parallax's quotes (every kind but ``unmarked``) with their resolved speaker names."""
    from parallax.annotate.quotes import quotes_in_text

    return [
        [(q.start, q.end, q.speaker_name) for q in quotes_in_text(a["text"], "a") if q.kind != "unmarked"]
        for a in articles
    ]


def textacy_baseline(articles: Sequence[dict[str, Any]]) -> Predictions:
    """textacy ``direct_quotations`` per paragraph, the speaker as its words (no resolution)."""
    from benchmarks.eval_quotes import textacy_baseline as per_article

    return [
        [(p.start, p.end, p.speaker_name) for p in preds]
        for preds in per_article([{"text": a["text"]} for a in articles])
    ]


def _halves(
    events: Sequence[dict[str, Any]],
) -> Iterator[tuple[str, Callable[[dict[str, Any]], bool]]]:
    yield "BASIL DEV held-out: odd years", lambda e: e["year"] % 2 == 1
    yield "BASIL DEV tuning: even years", lambda e: e["year"] % 2 == 0


def run(data: Path) -> list[Row]:
    """Speaker accuracy of parallax and textacy on BASIL DEV's named-person quotes, by half."""
    events = list(read_jsonl_gz(data / "basil" / "basil.jsonl.gz"))
    rows: list[Row] = []
    for task, keep in _halves(events):
        articles = [a for e in events if keep(e) for a in e["articles"]]
        gold = gold_quotes(articles)
        rows.append(Row(f"speakers ({task})", "parallax", score(gold, ours(articles))))
        rows.append(
            Row(f"speakers ({task})", "parallax before", dict(BEFORE[task]), baseline=True, note="e907f0c")
        )
        rows.append(
            Row(
                f"speakers ({task})",
                "textacy direct_quotations",
                score(gold, textacy_baseline(articles)),
                baseline=True,
            )
        )
    return rows
