"""How far quote extraction can go on PolNeAR: gold attributions by cue type, and the F1 ceiling.

PolNeAR annotates every attribution, not only speech: beliefs ("voters believe …"), evidence
("polls show …"), stances ("endorsed Trump"), intentions ("plans to …"), appearances ("seems
to …") and nominal cues ("his support for …"). This script classifies each gold attribution of the
DEV part by the head word of its cue, counts how many of each class parallax finds now (the
evaluation's own matching, ``benchmarks/eval_quotes.py``), and computes the recall and F1 an
extractor would reach if it found exactly the classes it covers, perfectly (precision 1) or at
parallax's current precision; and what a perfect learned cue selector (``cue_model``) could add
over the rules with the candidate verbs and contents it is given (an upper bound: a candidate
counts when its content matches any gold attribution).

Cue classes (first that applies):
- ``colon``: the cue is punctuation only (a headline "Name: words", "said:" counts as speech);
- ``according to / source``: "according to", "in a statement", "per", "reportedly";
- ``speech verb``: a verb in the speech list of ``data/speech_verbs.json`` (minus evidence verbs);
- ``evidence verb``: show, find, indicate, demonstrate, prove, reveal, suggest, confirm (verbs whose
  subject is mostly a poll, study or record; a person's "suggested" counts here too);
- ``belief verb``: the belief list (think, believe, know, hope, fear …);
- ``intent verb``: the intent list (want, plan, seek, decline …);
- ``stance verb``: the object and prepositional lists plus support, endorse, oppose, vote …;
- ``appearance``: seem, appear, look, sound, be expected / likely;
- ``nominal cue``: the cue's head is a noun ("support for", "criticism", "complaints");
- ``other``: every other cue (hundreds of one-offs: "signed", "celebrating", "set to dump").

Run: ``PYTHONPATH=$PWD/src:$PWD python -m benchmarks.quotes_ceiling`` (about a minute: the spaCy
parse dominates). Prints the table and writes ``benchmarks/results/quotes_ceiling.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from benchmarks.common import RESULTS, data_dir, read_jsonl_gz
from benchmarks.eval_quotes import Prediction, _fragments, matches, ours

EVIDENCE = {"show", "find", "indicate", "demonstrate", "prove", "reveal", "suggest", "confirm"}
STANCE_EXTRA = {
    "support",
    "endorse",
    "oppose",
    "back",
    "vote",
    "favor",
    "favour",
    "reject",
    "approve",
    "sign",
    "side",
    "rally",
    "champion",
    "target",
    "fight",
    "slam",
}
APPEARANCE = {"seem", "appear", "look", "sound", "expect", "likely", "poise", "set", "project"}
SOURCE_WORDS = {"according", "in", "per", "reportedly", "allegedly", "from", "via", "to", "for", "of"}
# what a quote extractor reasonably covers, widest last
_QUOTE_TYPE = {"speech verb", "according to / source", "colon"}
_WIDER = {"belief verb"}
_WIDEST = {"evidence verb", "intent verb", "stance verb"}
SCENARIOS: list[tuple[str, set[str]]] = [
    ("speech + according to + colon", _QUOTE_TYPE),
    ("… + belief", _QUOTE_TYPE | _WIDER),
    ("… + evidence + intent + stance", _QUOTE_TYPE | _WIDER | _WIDEST),
    (
        "… + appearance + nominal (all but other)",
        _QUOTE_TYPE | _WIDER | _WIDEST | {"appearance", "nominal cue"},
    ),
]
TARGET_F1 = 0.85


def cue_class(doc: Any, cue: dict[str, Any]) -> tuple[str, str]:
    """The class of one gold cue and the lemma that decided it."""
    from parallax.annotate.quotes import _lemma, lexicon

    lex = lexicon()
    speech = set(json.loads(_speech_file())["speech"])
    tokens = [
        t
        for start, end in _fragments(cue)
        if (span := doc.char_span(start, end, alignment_mode="expand")) is not None
        for t in span
    ]
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return "colon", cue["text"].strip()
    inside = {t.i for t in tokens}
    roots = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}]
    head = verbs[0] if verbs else (roots[0] if roots else words[0])
    lemma = _lemma(head, lex)
    lowers = {t.lower_ for t in words}
    if "according" in lowers or (len(words) <= 2 and lowers <= SOURCE_WORDS):
        return "according to / source", " ".join(t.lower_ for t in words)
    if lemma in EVIDENCE:
        return "evidence verb", lemma
    if head.pos_ in {"VERB", "AUX"} and lemma in speech:
        return "speech verb", lemma
    if lemma in APPEARANCE or lowers & {"seem", "seems", "seemed", "appears", "appeared"}:
        return "appearance", lemma
    if head.pos_ in {"VERB", "AUX"} and lemma in lex.clause:
        return "belief verb", lemma
    if head.pos_ in {"VERB", "AUX"} and lemma in lex.intent:
        return "intent verb", lemma
    if head.pos_ in {"VERB", "AUX"} and (
        lemma in lex.stance or lemma in lex.seeing or lemma in lex.prepositional or lemma in STANCE_EXTRA
    ):
        return "stance verb", lemma
    if head.pos_ in {"NOUN", "PROPN"}:
        return "nominal cue", lemma
    if lemma in speech:
        return "speech verb", lemma  # a verb the small model tagged as something else ("says")
    return "other", lemma


def _speech_file() -> str:
    from importlib import resources

    return resources.files("parallax").joinpath("data/speech_verbs.json").read_text("utf-8")


def matched_golds(
    articles: Sequence[dict[str, Any]], predictions: Sequence[list[Prediction]]
) -> set[tuple[int, int]]:
    """(article, gold) pairs the evaluation matches, one-to-one, best pairs first."""
    return {
        (number, j)
        for number, (article, preds) in enumerate(zip(articles, predictions, strict=True))
        for _, j in matches(article, preds)
    }


def _oracle(
    articles: Sequence[dict[str, Any]], predicted: Sequence[list[Prediction]]
) -> list[dict[str, Any]]:
    """The rules plus every learning candidate that matches a gold attribution, per half: the most
    the learned cue model could add with the candidates and contents it is given."""
    from benchmarks.eval_quotes import score
    from benchmarks.train_cues import examples

    rows = []
    for name, part in (("tuning half", slice(0, None, 2)), ("held-out half", slice(1, None, 2))):
        rules = score(articles[part], predicted[part])
        _, labels, _ = examples(list(articles[part]))
        positives = sum(labels)
        matched = rules["matched"] + positives
        rows.append(
            {
                "half": name,
                "candidates": len(labels),
                "positives": positives,
                "recall": round(matched / rules["gold"], 3),
                "f1": round(2 * matched / (rules["predicted"] + positives + rules["gold"]), 3),
            }
        )
    return rows


def _quote_type_score(
    classes: Counter[str], ours_by_class: Counter[str], matched: int, predicted: int
) -> dict[str, float]:
    """Precision, recall and F1 against the gold attributions a quote extractor is meant to find
    (the first scenario's classes): predictions matched to other attributions are set aside."""
    covered = SCENARIOS[0][1]
    gold = sum(classes[c] for c in covered)
    hits = sum(ours_by_class[c] for c in covered)
    counted = predicted - (matched - hits)
    precision = hits / counted if counted else 0.0
    recall = hits / gold if gold else 0.0
    return {
        "gold": gold,
        "matched": hits,
        "predicted": counted,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(_f(precision, recall), 3),
    }


def _f(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    from parallax.annotate import nlp

    articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear.jsonl.gz"))
    docs = nlp.parse_many([a["text"] for a in articles])
    predicted = [[p for p in preds if p.kind != "unmarked"] for preds in ours(articles)]
    n_pred = sum(len(p) for p in predicted)
    hits = matched_golds(articles, predicted)
    precision = len(hits) / n_pred
    classes: Counter[str] = Counter()
    ours_by_class: Counter[str] = Counter()
    lemmas: dict[str, Counter[str]] = {}
    total = 0
    for number, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        golds = [a for a in article["attributions"] if a["content"]]
        for j, gold in enumerate(golds):
            total += 1
            name, lemma = cue_class(doc, gold["cue"]) if gold["cue"] else ("other", "")
            classes[name] += 1
            lemmas.setdefault(name, Counter())[lemma] += 1
            ours_by_class[name] += (number, j) in hits
    print(
        f"PolNeAR DEV: {total} gold attributions; parallax matches {len(hits)} at precision {precision:.3f}"
    )
    print(f"{'cue class':<26}{'gold':>6}{'share':>7}{'parallax':>10}{'recall':>8}  top cues")
    table = []
    for name, count in classes.most_common():
        top = ", ".join(f"{lemma} {n}" for lemma, n in lemmas[name].most_common(6))
        recall = ours_by_class[name] / count
        print(f"{name:<26}{count:>6}{count / total:>7.1%}{ours_by_class[name]:>10}{recall:>8.3f}  {top}")
        table.append(
            {
                "class": name,
                "gold": count,
                "share": round(count / total, 3),
                "parallax_matched": ours_by_class[name],
                "parallax_recall": round(recall, 3),
                "top_cues": dict(lemmas[name].most_common(10)),
            }
        )
    print(f"\nAn extractor that finds exactly these classes (and nothing else); F1 >= {TARGET_F1} needs")
    print(f"recall >= {TARGET_F1 / (2 - TARGET_F1):.3f} even at precision 1.")
    print(f"{'covers':<44}{'recall':>8}{'F1 @P=1':>9}{'F1 @P=0.9':>11}{f'F1 @P={precision:.2f}':>11}")
    scenarios = []
    for label, covered in SCENARIOS:
        recall = sum(classes[c] for c in covered) / total
        row = {
            "covers": label,
            "recall": round(recall, 3),
            "f1_at_p1": round(_f(1.0, recall), 3),
            "f1_at_p09": round(_f(0.9, recall), 3),
            "f1_at_current_p": round(_f(precision, recall), 3),
        }
        scenarios.append(row)
        print(
            f"{label:<44}{recall:>8.3f}{row['f1_at_p1']:>9.3f}{row['f1_at_p09']:>11.3f}{row['f1_at_current_p']:>11.3f}"
        )
    quote_type = _quote_type_score(classes, ours_by_class, len(hits), n_pred)
    print(
        "\nOn quote-type attributions only (speech verb, according to, colon; a prediction matching "
        "another kind of attribution is neither right nor wrong): "
        f"P {quote_type['precision']:.3f}  R {quote_type['recall']:.3f}  F1 {quote_type['f1']:.3f}"
    )
    oracle = _oracle(articles, predicted)
    print(
        "\nA perfect learned cue selector (every rule-left verb whose candidate content matches a gold "
        "attribution, nothing else), added to the rules:"
    )
    for row in oracle:
        share = f"{row['positives']} of {row['candidates']} candidates"
        print(f"  {row['half']:<14} F1 {row['f1']:.3f}  recall {row['recall']:.3f}  ({share})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "command": "python -m benchmarks.quotes_ceiling",
        "gold": total,
        "parallax": {"matched": len(hits), "predicted": n_pred, "precision": round(precision, 3)},
        "classes": table,
        "scenarios": scenarios,
        "quote_type_only": quote_type,
        "perfect_cue_selector": oracle,
    }
    (RESULTS / "quotes_ceiling.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
