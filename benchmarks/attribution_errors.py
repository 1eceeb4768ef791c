"""Where the learned attribution path loses F1, measured on PolNeAR's *training* articles with
out-of-fold probabilities (5 folds by article, as ``train_attribution`` chooses its threshold);
DEV is never read here.

Buckets, each gold attribution or prediction counted once:

- gold missed, (a) no candidate has a cue overlapping the gold cue (by the gold cue's class:
  its head word's part of speech and lexicon class);
- gold missed, (b) a candidate has the gold cue but none of its contents reaches the match
  criterion (token-overlap F1 >= 0.5): a content-boundary loss;
- gold missed, (e) a matching candidate exists but was not kept (score, threshold or overlap);
- false positives, by whether their cue is a gold cue (then a boundary loss again) and by the
  cue's lexicon class and the candidate's origin;
- (d) source errors among the matched ones (before the speaker resolver).

Run: ``PYTHONPATH=$PWD/src:$PWD python -m benchmarks.attribution_errors`` (parses cached as in
``train_attribution``).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import numpy as np

from benchmarks.common import data_dir, read_jsonl_gz
from benchmarks.eval_quotes import MATCH_F1, _f1, _fragments, _speaker_correct, _word_ids, matches
from benchmarks.train_attribution import FOLDS, _fit, _probabilities, examples, parsed


def _overlaps(a: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return a is not None and any(a[0] < e and s < a[1] for s, e in spans)


def _cue_class(doc: Any, gold: dict[str, Any]) -> str:
    from parallax.annotate import attribution_model as am
    from parallax.annotate.quotes import _lemma, lexicon

    frags = _fragments(gold["cue"])
    if not frags:
        return "no-cue"
    span = doc.char_span(frags[0][0], frags[-1][1], alignment_mode="expand")
    if span is None or not len(span):
        return "no-cue"
    heads = [t for t in span if t.pos_ in {"VERB", "NOUN", "ADJ", "ADP"}] or [span.root]
    head = heads[-1] if heads[-1].pos_ != "ADP" else heads[0]
    lex = lexicon()
    return f"{head.pos_}/{am._lex_class(_lemma(head, lex), head, lex)}"


def analyse(
    articles: list[dict[str, Any]], exs: list[dict[str, Any]], docs: list[Any], threshold: float
) -> dict[str, Any]:
    from parallax.annotate import attribution_model as am
    from parallax.annotate.quotes import _lemma, lexicon

    lex = lexicon()
    probs: list[np.ndarray] = [np.zeros(0)] * len(exs)
    for k in range(FOLDS):
        vec, fitted = _fit([ex for i, ex in enumerate(exs) if i % FOLDS != k], 0.1)
        for i, ex in enumerate(exs):
            if i % FOLDS == k:
                probs[i] = _probabilities(vec, fitted, ex)
    gold_buckets: Counter[str] = Counter()
    missed_cues: Counter[str] = Counter()
    missed_lemmas: Counter[str] = Counter()
    boundary_cues: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fp_origin: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    below: Counter[str] = Counter()
    n_gold = n_pred = 0
    for article, ex, prob, doc in zip(articles, exs, probs, docs, strict=True):
        text = article["text"]
        golds = [g for g in article["attributions"] if g["content"]]
        chosen = am.select(text, ex["items"], list(prob), threshold, ex["sure"])
        preds = [ex["predictions"][i] for i in chosen]
        pairs = matches(article, preds)
        matched_gold = {j for _, j in pairs}
        matched_pred = {i for i, _ in pairs}
        n_gold += len(golds)
        n_pred += len(preds)
        cand_words = [
            _word_ids(text, [(p.start, p.end)], [r for r in (p.speaker, p.cue) if r is not None])
            for p in ex["predictions"]
        ]
        for i, j in pairs:
            speakers["right" if _speaker_correct(text, preds[i], golds[j]) else "wrong"] += 1
        for j, gold in enumerate(golds):
            if j in matched_gold:
                gold_buckets["matched"] += 1
                continue
            gw = _word_ids(text, _fragments(gold["content"]))
            cue_spans = _fragments(gold["cue"])
            klass = _cue_class(doc, gold)
            same_cue = [k for k, p in enumerate(ex["predictions"]) if _overlaps(p.cue, cue_spans)]
            good = [k for k, w in enumerate(cand_words) if _f1(w, gw) >= MATCH_F1]
            if good:
                kept_good = [k for k in good if k in chosen]
                if kept_good:
                    gold_buckets["e3: good candidate kept, matched another gold"] += 1
                elif any(prob[k] >= threshold for k in good):
                    gold_buckets["e2: good candidate above threshold, dropped as overlapping"] += 1
                else:
                    gold_buckets["e1: good candidate below threshold"] += 1
                    below[ex["features"][good[0]][1]] += 1
            elif same_cue:
                gold_buckets["b: cue found, boundary off"] += 1
                boundary_cues[klass] += 1
            else:
                gold_buckets["a: cue missed"] += 1
                missed_cues[klass] += 1
                if gold["cue"]:
                    missed_lemmas[gold["cue"]["text"].lower()] += 1
        gold_cues = [s for g in golds for s in _fragments(g["cue"])]
        for n, i in enumerate(chosen):
            if n in matched_pred:
                continue
            p = ex["predictions"][i]
            item = ex["items"][i]
            cue = am.cue_token(doc, item)
            klass = am._lex_class(_lemma(cue, lex), cue, lex) if cue is not None else "none"
            where = "gold cue (boundary)" if _overlaps(p.cue, gold_cues) else "no gold cue"
            fp[f"{where}: {klass}"] += 1
            fp_origin[ex["features"][i][1] + (" sure" if i in ex["sure"] else "")] += 1
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "gold buckets": dict(gold_buckets.most_common()),
        "missed cue classes": dict(missed_cues.most_common(20)),
        "missed cue words": dict(missed_lemmas.most_common(40)),
        "boundary cue classes": dict(boundary_cues.most_common(20)),
        "false positives": dict(fp.most_common()),
        "false positives by origin": dict(fp_origin.most_common()),
        "speakers (before resolver)": dict(speakers),
        "below threshold by origin": dict(below.most_common()),
    }


def main() -> None:
    from parallax.annotate.attribution_model import model

    articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear_train.jsonl.gz"))
    docs = parsed(articles, "polnear_train")
    exs = examples(articles, docs)
    print(json.dumps(analyse(articles, exs, docs, model().threshold), indent=1))


if __name__ == "__main__":
    main()
