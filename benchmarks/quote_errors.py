"""Where the learned path loses quote-type F1 (``eval_quotes.quote_score``) on PolNeAR DEV's
*tuning* half (the even articles; the held-out half is never read here).

Buckets, each quote-type gold attribution (speech verb, "according to" / source, colon cue) or
shown prediction (kind neither ``attribution`` nor ``unmarked``) counted once:

- ``hit``: a shown prediction matches it (token-overlap F1 >= 0.5, one-to-one);
- ``miss: shown as attribution``: the gold is matched only by a prediction of kind
  ``attribution`` (the cue the path kept for it is not a speech / source cue);
- ``miss: boundary``: a shown prediction has the gold's cue but another content;
- ``miss: partial overlap``: some prediction overlaps the gold's words (F1 > 0.2) under another cue;
- ``miss: no candidate``: nothing near it;
- ``set aside``: a shown prediction matching a non-quote gold (neither right nor wrong);
- false positives: shown predictions matching no gold, by whether their cue is a gold cue (a
  boundary loss again) and by kind.

Run: ``PYTHONPATH=$PWD/src:$PWD python -m benchmarks.quote_errors [--examples N]`` (about two
minutes: the spaCy parse dominates). Prints the counts and, with ``--examples``, N cases of each.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from benchmarks.common import data_dir, read_jsonl_gz
from benchmarks.eval_quotes import Prediction, _f1, _fragments, _word_ids, matches, ours, quote_classes

PARTIAL_F1 = 0.2


def _overlaps(a: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return a is not None and any(a[0] < e and s < a[1] for s, e in spans)


def buckets(
    articles: list[dict[str, Any]], predictions: list[list[Prediction]], classes: list[list[bool]]
) -> tuple[Counter[str], dict[str, list[str]]]:
    """Counts per bucket, and for each bucket its cases as short lines."""
    counts: Counter[str] = Counter()
    cases: dict[str, list[str]] = defaultdict(list)
    for article, preds, quote_type in zip(articles, predictions, classes, strict=True):
        text = article["text"]
        golds = [g for g in article["attributions"] if g["content"]]
        shown = [p for p in preds if p.kind not in {"attribution", "unmarked"}]
        shown_pairs = dict(matches(article, shown))
        matched_shown = {j for j in shown_pairs.values()}
        matched_any = {j for _, j in matches(article, preds)}
        words = [_word_ids(text, [(p.start, p.end)], [r for r in (p.speaker, p.cue) if r]) for p in preds]
        for j, gold in enumerate(golds):
            if not quote_type[j]:
                continue
            content = text[gold["content"]["start"] : gold["content"]["end"]][:100]
            cue_spans = _fragments(gold["cue"])
            gold_words = _word_ids(text, _fragments(gold["content"]))
            if j in matched_shown:
                bucket = "hit"
            elif j in matched_any:
                bucket = "miss: shown as attribution"
            elif any(_overlaps(p.cue, cue_spans) for p in shown):
                bucket = "miss: boundary"
            elif any(_f1(w, gold_words) > PARTIAL_F1 for w in words):
                bucket = "miss: partial overlap"
            else:
                bucket = "miss: no candidate"
            counts[bucket] += 1
            cases[bucket].append(f"[{gold['cue']['text']}] {content}")
        gold_cues = [s for g in golds for s in _fragments(g["cue"])]
        for i, pred in enumerate(shown):
            if i in shown_pairs:
                if not quote_type[shown_pairs[i]]:
                    counts["set aside"] += 1
                continue
            where = "gold cue" if _overlaps(pred.cue, gold_cues) else "no gold cue"
            bucket = f"false positive, {where}: {pred.kind}"
            counts[bucket] += 1
            cue = text[pred.cue[0] : pred.cue[1]] if pred.cue else "-"
            cases[bucket].append(f"[{cue}] {text[pred.start : pred.end][:100]}")
    return counts, cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=0, help="cases to print per bucket")
    args = parser.parse_args()
    articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear.jsonl.gz"))[0::2]
    classes = quote_classes(articles)
    predicted = [
        [p for p in preds if p.kind != "unmarked"] for preds in ours(articles, learned_attribution=True)
    ]
    counts, cases = buckets(articles, predicted, classes)
    print(json.dumps(dict(counts.most_common()), indent=1))
    for bucket, lines in sorted(cases.items()):
        for line in lines[: args.examples]:
            print(f"{bucket} | {line}")


if __name__ == "__main__":
    main()
