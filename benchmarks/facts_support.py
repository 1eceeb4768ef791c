"""Support pairs of multi-outlet facts on the 50 BASIL DEV events, matched to hand labels.

The way users meet facts: the full pipeline (clean, quotes, speakers, entities, facts) runs on
each event's three articles, and every pair of supports of one fact from two different outlets
is a claim the report makes ("these two outlets state the same thing"). Each pair is labelled by
hand in ``benchmarks/data/facts_support_pairs.jsonl``: event id, the two claims as outlet and
character offsets into the article text (no text is stored), ``same`` (both state the same
proposition: reworded, partial, or quoted the same; a claim that states the other's proposition
plus more counts; a noun phrase that only presupposes it does not). A pair a version of
parallax produces that has no label is counted apart, never guessed. Events are split in halves
by ``basil_contradictions.half`` (the same hash split as the planted contradiction set):
thresholds are tuned on "tune", "held-out" is the headline.

List the pairs (upstream stages cached in ``--cache`` so that alignment changes re-run in
seconds; ``--unlabelled`` lists only the pairs without a label, with their texts, for labelling;
``--before`` adds the pairs of the alignment before the proposition checks)::

    PYTHONPATH=$PWD/src:$PWD python -m benchmarks.facts_support --cache /tmp/facts-support
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks import basil_contradictions
from benchmarks.common import ROOT, data_dir
from parallax.align.claims import AnalyzedClaim, ClaimSet, analyze_claims
from parallax.align.facts import group_claims
from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Quote

LABELS = ROOT / "benchmarks" / "data" / "facts_support_pairs.jsonl"

Key = tuple[str, str, int, int, str, int, int]


def _stages(event: dict[str, Any], cache: Path | None) -> tuple[list[Article], list[Quote]]:
    path = cache / f"{event['event_id']}.pkl" if cache else None
    if path is not None and path.exists():
        articles, quotes = pickle.loads(path.read_bytes())
        return articles, quotes
    articles, quotes, *_ = basil_contradictions.upstream(event)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((articles, quotes)))
    return articles, quotes


def key(event_id: str, a: AnalyzedClaim, b: AnalyzedClaim) -> Key:
    """How a support pair is matched to its label: the two claims' outlets and offsets, in outlet order."""
    x, y = sorted(
        ((a.claim.article, a.claim.start, a.claim.end), (b.claim.article, b.claim.start, b.claim.end))
    )
    return (event_id, *x, *y)


# The alignment before the proposition checks: cosine, group mean and conflict checks only.
BEFORE = DEFAULT.align.model_copy(update={"fact_shared_words_weight": 0.0, "fact_proposition_score": -2.0})


def claim_sets(data: Path, cache: Path | None = None) -> Iterator[tuple[str, ClaimSet]]:
    """(event id, the claims ``align_facts`` groups) for every DEV event, after the full upstream."""
    for event in basil_contradictions.events(data):
        articles, quotes = _stages(event, cache)
        yield event["event_id"], analyze_claims(articles, quotes, DEFAULT.align)


def support_pairs(
    event_id: str, claim_set: ClaimSet, config: AlignConfig = DEFAULT.align
) -> Iterator[tuple[Key, AnalyzedClaim, AnalyzedClaim]]:
    """(key, claim, claim) for every cross-outlet pair of supports of one fact of the event."""
    claims = claim_set.claims
    for group in group_claims(claim_set, config):
        for n, i in enumerate(group):
            for j in group[n + 1 :]:
                a, b = claims[i], claims[j]
                if a.claim.article != b.claim.article:
                    yield key(event_id, a, b), a, b


def pairs(
    data: Path, configs: Sequence[AlignConfig] = (DEFAULT.align,), cache: Path | None = None
) -> Iterator[tuple[str, Key, AnalyzedClaim, AnalyzedClaim]]:
    """(event id, key, claim, claim) for every support pair any of ``configs`` makes, once each."""
    for event_id, claim_set in claim_sets(data, cache):
        seen = set()
        for config in configs:
            for k, a, b in support_pairs(event_id, claim_set, config):
                if k not in seen:
                    seen.add(k)
                    yield event_id, k, a, b


def labels() -> dict[Key, dict[str, Any]]:
    """The hand labels by key."""
    out = {}
    if LABELS.exists():
        for line in LABELS.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                a, b = row["a"], row["b"]
                out[(row["event"], a["outlet"], a["start"], a["end"], b["outlet"], b["start"], b["end"])] = (
                    row
                )
    return out


def counts_both(
    data: Path, cache: Path | None = None
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Per half, for the current alignment and for ``BEFORE``: support pairs labelled same,
    labelled different, and without a label."""
    known = labels()
    out = [{h: {"same": 0, "different": 0, "unlabelled": 0} for h in ("held-out", "tune")} for _ in range(2)]
    for event_id, claim_set in claim_sets(data, cache):
        for found, config in zip(out, (DEFAULT.align, BEFORE), strict=True):
            for k, _, _ in support_pairs(event_id, claim_set, config):
                label = known.get(k)
                verdict = "unlabelled" if label is None else ("same" if label["same"] else "different")
                found[basil_contradictions.half(event_id)][verdict] += 1
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--unlabelled", action="store_true", help="list only pairs without a label")
    parser.add_argument("--before", action="store_true", help="also the pairs the code before makes")
    args = parser.parse_args()
    known = labels()
    configs = (DEFAULT.align, BEFORE) if args.before else (DEFAULT.align,)
    for event_id, k, a, b in pairs(data_dir(), configs, args.cache):
        label = known.get(k)
        if args.unlabelled and label is not None:
            continue
        verdict = "?" if label is None else ("same" if label["same"] else "different")
        x, y = (a, b) if (a.claim.article, a.claim.start) <= (b.claim.article, b.claim.start) else (b, a)
        print(
            json.dumps(
                {
                    "event": event_id,
                    "half": basil_contradictions.half(event_id),
                    "a": {"outlet": k[1], "start": k[2], "end": k[3], "text": x.claim.text},
                    "b": {"outlet": k[4], "start": k[5], "end": k[6], "text": y.claim.text},
                    "label": verdict,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
