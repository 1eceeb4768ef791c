"""Where the learned attribution path loses speaker accuracy (``eval_quotes.score``'s
``speaker_acc``): the matched attributions whose speaker is wrong, by class, on PolNeAR's training
articles (``train``) or DEV's tuning half (``tune``, the even articles; the held-out half is never
read here).

Classes, each wrong matched attribution counted once:

- ``no-source gold``: PolNeAR marks the attribution ``Attribution-no-source`` but a speaker was
  given (with ``other cue`` when the prediction's cue is not the gold cue);
- ``other cue``: the prediction's cue is not the gold cue (its content matched another
  attribution's: nested attributions, "X said, according to Y", content boundaries);
- ``no speaker``: same cue, no speaker found;
- ``pronoun`` / ``noun head`` / ``other span``: same cue, a speaker span that misses the gold
  source, by the speaker's head word.

Run: ``PYTHONPATH=$PWD/src:$PWD python -m benchmarks.speaker_errors tune [--examples N]`` (parses
cached as in ``train_attribution``; ``train`` takes ~6 minutes on the 2-core machine).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from benchmarks.common import data_dir, read_jsonl_gz
from benchmarks.eval_quotes import Prediction, _fragments, _speaker_correct, matches
from benchmarks.train_attribution import parsed


def _overlaps(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in spans)


def error_class(gold: dict[str, Any], pred: Prediction, head: tuple[str, str] | None) -> str:
    """The class of one wrong speaker (``head``: the speaker token's text and part of speech)."""
    same_cue = bool(gold["cue"]) and _overlaps(pred.cue, _fragments(gold["cue"]))
    if gold["type"] == "Attribution-no-source" or not gold["source"]:
        return "no-source gold" + ("" if same_cue else ", other cue")
    if not same_cue:
        return "other cue"
    if pred.speaker is None:
        return "no speaker" if pred.speaker_name is None else "continuation name"
    if head is not None and head[1] == "PRON":
        return f"pronoun {head[0].lower()}"
    return "noun head" if head is not None and head[1] == "NOUN" else "other span"


def wrong_speakers(articles: list[dict[str, Any]], docs: list[Any]) -> tuple[int, list[dict[str, Any]]]:
    """The number of matched attributions and each wrong one, as ``quotes_in_text`` resolves them."""
    from parallax.annotate import nlp
    from parallax.annotate import quotes as q
    from parallax.annotate.speakers import SpeakerResolver
    from parallax.config import DEFAULT

    config = DEFAULT.annotate.model_copy(update={"learned_attribution": True})
    matched = 0
    wrong = []
    for article, doc in zip(articles, docs, strict=True):
        text = article["text"]
        found, quoted = q._attribute(doc, text, list(nlp.sentences(doc)), config)
        resolver = SpeakerResolver(doc, quoted)
        preds, heads = [], []
        for item in found:
            position = min(item.start, item.speaker[0]) if item.speaker else item.start
            name = resolver.resolve(item.speaker_token, item.speaker, position)
            if item.kind == "unmarked":
                continue
            preds.append(Prediction(item.start, item.end, item.speaker, item.cue, name, item.kind))
            token = item.speaker_token
            heads.append((token.text, token.pos_) if token is not None else None)
        golds = [g for g in article["attributions"] if g["content"]]
        for i, j in matches(article, preds):
            matched += 1
            pred, gold = preds[i], golds[j]
            if _speaker_correct(text, pred, gold):
                continue
            wrong.append(
                {
                    "article": article["id"],
                    "class": error_class(gold, pred, heads[i]),
                    "gold source": (gold["source"] or {}).get("text"),
                    "gold cue": (gold["cue"] or {}).get("text"),
                    "speaker": text[pred.speaker[0] : pred.speaker[1]] if pred.speaker else None,
                    "name": pred.speaker_name,
                    "cue": text[pred.cue[0] : pred.cue[1]] if pred.cue else None,
                    "content": text[pred.start : pred.end][:120],
                }
            )
    return matched, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["tune", "train"])
    parser.add_argument("--examples", type=int, default=0, help="print N cases of each class")
    args = parser.parse_args(argv)
    if args.part == "train":
        articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear_train.jsonl.gz"))
        docs = parsed(articles, "polnear_train")
    else:
        articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear.jsonl.gz"))
        docs = parsed(articles, "polnear_dev")
        articles, docs = articles[0::2], docs[0::2]
    matched, wrong = wrong_speakers(articles, docs)
    classes = Counter(w["class"] for w in wrong)
    print(
        json.dumps(
            {"matched": matched, "wrong": len(wrong), "classes": dict(classes.most_common())}, indent=1
        )
    )
    shown: defaultdict[str, int] = defaultdict(int)
    for case in wrong:
        if shown[case["class"]] < args.examples:
            shown[case["class"]] += 1
            print(json.dumps(case, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
