"""Train the cue model shipped as ``src/parallax/data/cue_model.json`` (logistic regression).

Reads the PolNeAR DEV articles from the shared data (never copied into the repository) and learns
from the EVEN-numbered articles only (the tuning half of ``benchmarks/eval_quotes.py``), so the
odd half stays held out. Each example is a verb the quote rules left alone, with the content the
rules would give it (``quotes.learning_candidates``); it is positive when that content matches a
gold attribution's content at token-overlap F1 >= 0.5, the evaluation's own criterion. The
threshold maximises the tuning half's F1 on out-of-fold probabilities (5 folds by article), given
the rules' own counts there.

Run: ``PYTHONPATH=$PWD/src:$PWD python -m benchmarks.train_cues``
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from benchmarks.common import ROOT, data_dir, read_jsonl_gz
from benchmarks.eval_quotes import MATCH_F1, _f1, _fragments, _word_ids, ours, score

OUT = ROOT / "src" / "parallax" / "data" / "cue_model.json"
C = 0.25  # regularisation: best out-of-fold tuning-half F1 of 0.1, 0.25, 0.5, 1, 2
FOLDS = 5
MIN_COUNT = 2  # a feature seen fewer times on the tuning half is dropped


def examples(articles: list[dict[str, Any]]) -> tuple[list[list[str]], list[int], list[int]]:
    """Feature lists, labels and article numbers of every candidate cue."""
    from parallax.annotate.quotes import learning_candidates

    feats: list[list[str]] = []
    labels: list[int] = []
    groups: list[int] = []
    for number, article in enumerate(articles):
        text = article["text"]
        golds = [_word_ids(text, _fragments(g["content"])) for g in article["attributions"] if g["content"]]
        for cand in learning_candidates(text):
            item = cand.attribution
            minus = [r for r in (item.speaker, item.cue) if r is not None]
            words = _word_ids(text, [(item.start, item.end)], minus)
            feats.append(cand.features)
            labels.append(int(any(_f1(words, g) >= MATCH_F1 for g in golds)))
            groups.append(number)
    return feats, labels, groups


def _fit(x: Any, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=2000).fit(x, y)


def main(data: Path | None = None) -> None:
    """Fit on the tuning half, pick the threshold, write the weights as JSON."""
    from parallax.annotate import cue_model, nlp

    articles = list(read_jsonl_gz((data or data_dir()) / "polnear" / "polnear.jsonl.gz"))[0::2]
    nlp.parse_many([a["text"] for a in articles])
    feats, labels, groups = examples(articles)
    counts: dict[str, int] = {}
    for fs in feats:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs if counts[f] >= MIN_COUNT} for fs in feats])
    y = np.array(labels)
    fold = np.array(groups) % FOLDS
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        oof[fold == k] = _fit(x[fold != k], y[fold != k]).predict_proba(x[fold == k])[:, 1]
    # the rules' own counts on the tuning half (model off), to pick the threshold by overall F1
    cue_model.model.cache_clear()
    off = cue_model.CueModel({}, -50.0, 1.0)
    real = cue_model.model
    cue_model.model = lambda: off  # type: ignore[assignment]
    try:
        rules = score(articles, [[p for p in ps if p.kind != "unmarked"] for ps in ours(articles)])
    finally:
        cue_model.model = real  # type: ignore[assignment]
    best = (0.0, 1.0)
    for threshold in np.arange(0.2, 0.9, 0.02):
        chosen = oof >= threshold
        matched = rules["matched"] + int(y[chosen].sum())
        f1 = 2 * matched / (rules["predicted"] + int(chosen.sum()) + rules["gold"])
        best = max(best, (f1, float(threshold)))
    final = _fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, final.coef_[0], strict=True)}
    OUT.write_text(
        json.dumps(
            {
                "_about": "Written by benchmarks/train_cues.py (PolNeAR DEV even half): "
                f"{len(y)} candidates, {int(y.sum())} positive; threshold picked at "
                f"out-of-fold tuning F1 {best[0]:.3f}.",
                "intercept": round(float(final.intercept_[0]), 4),
                "threshold": round(best[1], 2),
                "weights": {k: v for k, v in sorted(weights.items()) if v != 0.0},
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(y)} candidates, {int(y.sum())} positive; rules {rules}; best {best}")


if __name__ == "__main__":
    main()
