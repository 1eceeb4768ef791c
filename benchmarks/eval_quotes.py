"""Quote extraction on PolNeAR (DEV part, 150 articles): content-span F1 and speaker accuracy.

Matching: a predicted quote matches a gold attribution when the token-overlap F1 between the
predicted content words and the gold content words is at least 0.5 (one-to-one, best pairs
first). Words are ``\\w+`` runs; gold words are those of the content *fragments* (so a split
quote's cue is not content); predicted words are those in ``start..end`` minus the words of the
quote's own speaker and cue spans (a "…, X said, …" content holds both).

Speaker accuracy, on matched pairs only:
- gold ``Attribution-no-source``: correct when the prediction has no speaker;
- gold source a relative pronoun ("Smith, who said …"): correct when the predicted speaker span
  ends right before it (", who"): parallax names the antecedent the pronoun stands for;
- otherwise correct when the predicted speaker words overlap the gold source span, or when the
  resolved ``speaker_name`` shares a non-stopword with the gold source text (a continuation
  quote names its speaker in another sentence, where PolNeAR's source points).

``unmarked`` quotes (quotation marks with no cue) are not scored in the main row: PolNeAR
annotates attributions, each with a cue, so scare quotes and titles are not in its gold. A
second row scores every kind. PolNeAR's own dev/test compartments are never read.

Two scores per row: P/R/F1 over all attributions (every prediction but ``unmarked``), and the
quote-type ``quote_f1``: the predictions shown as quotes (kind neither ``attribution`` nor
``unmarked``) against the gold attributions whose cue is a speech verb, "according to" / a source
phrase or a colon (``quotes_ceiling.cue_class``); a prediction matching another kind of gold
attribution is set aside. Rows: the rules, the rules + the DEV-trained cue model, the learned
attribution path (``annotate/attribution_model.py``, trained on ``polnear_train`` only by
``benchmarks/train_attribution.py``), its learning curve (recorded at training), and textacy.

The 150 articles are split by position into a tuning half (even) and a held-out half (odd);
rules were tuned by reading errors of the even half only, and the learned cue model
(``benchmarks/train_cues.py``) is trained on the even half only, so the odd half shows how well
they carry over.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import Row, read_jsonl_gz

_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of", "and", "s", "in", "to", "for", "on", "at", "by", "mr", "mrs", "ms"}
MATCH_F1 = 0.5
# PolNeAR marks a relative pronoun as the source ("Smith, who said …"); parallax names its antecedent
_RELATIVE = {"who", "which", "that", "whom"}
_RELATIVE_GAP = 3


@dataclass
class Prediction:
    start: int
    end: int
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker_name: str | None = None
    kind: str = "direct"


def _word_ids(
    text: str, ranges: Iterable[tuple[int, int]], minus: Iterable[tuple[int, int]] = ()
) -> set[int]:
    """Start offsets of the words inside ``ranges`` and outside ``minus``."""
    inside = {m.start() for s, e in ranges for m in _WORD.finditer(text, s, e)}
    outside = {m.start() for s, e in minus for m in _WORD.finditer(text, s, e)}
    return inside - outside


def _f1(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _fragments(role: dict[str, Any] | None) -> list[tuple[int, int]]:
    if not role:
        return []
    return [(f["start"], f["end"]) for f in role.get("fragments") or [role]]


def _speaker_correct(text: str, pred: Prediction, gold: dict[str, Any]) -> bool:
    source = gold["source"]
    if gold["type"] == "Attribution-no-source" or not source:
        return pred.speaker is None and pred.speaker_name is None
    if pred.speaker is not None and _word_ids(text, [pred.speaker]) & _word_ids(text, _fragments(source)):
        return True
    if (
        pred.speaker is not None
        and source["text"].lower() in _RELATIVE
        and 0 <= source["start"] - pred.speaker[1] <= _RELATIVE_GAP
    ):
        return True
    if pred.speaker_name:
        names = {w.lower() for w in _WORD.findall(pred.speaker_name)} - _STOP
        return bool(names & ({w.lower() for w in _WORD.findall(source["text"])} - _STOP))
    return False


def matches(article: dict[str, Any], preds: Sequence[Prediction]) -> list[tuple[int, int]]:
    """(prediction, gold) index pairs of one article, one-to-one, best token-overlap F1 first;
    gold indices count the attributions that have a content span."""
    text = article["text"]
    golds = [a for a in article["attributions"] if a["content"]]
    gold_words = [_word_ids(text, _fragments(g["content"])) for g in golds]
    pred_words = [
        _word_ids(text, [(p.start, p.end)], [r for r in (p.speaker, p.cue) if r is not None]) for p in preds
    ]
    pairs = sorted(
        (
            (f, i, j)
            for i, pw in enumerate(pred_words)
            for j, gw in enumerate(gold_words)
            if (f := _f1(pw, gw)) >= MATCH_F1
        ),
        reverse=True,
    )
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    found = []
    for _, i, j in pairs:
        if i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        found.append((i, j))
    return found


def score(articles: Sequence[dict[str, Any]], predictions: Sequence[list[Prediction]]) -> dict[str, float]:
    """Precision, recall, F1 of content spans and speaker accuracy on matched quotes."""
    n_pred = n_gold = matched = speaker_ok = 0
    for article, preds in zip(articles, predictions, strict=True):
        golds = [a for a in article["attributions"] if a["content"]]
        pairs = matches(article, preds)
        speaker_ok += sum(_speaker_correct(article["text"], preds[i], golds[j]) for i, j in pairs)
        matched += len(pairs)
        n_pred += len(preds)
        n_gold += len(golds)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "speaker_acc": round(speaker_ok / matched, 3) if matched else 0.0,
        "predicted": n_pred,
        "gold": n_gold,
        "matched": matched,
    }


def ours(
    articles: Sequence[dict[str, Any]], learned_cues: bool = False, learned_attribution: bool = False
) -> Iterator[list[Prediction]]:
    """parallax's quotes on each article text as given (what `parallax quotes` does)."""
    from parallax.annotate.quotes import quotes_in_text
    from parallax.config import DEFAULT

    config = DEFAULT.annotate.model_copy(
        update={"learned_cues": learned_cues, "learned_attribution": learned_attribution}
    )
    for article in articles:
        yield [
            Prediction(
                q.start,
                q.end,
                (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end else None,
                (q.cue_start, q.cue_end) if q.cue_start is not None and q.cue_end else None,
                q.speaker_name,
                q.kind,
            )
            for q in quotes_in_text(article["text"], article["id"], config)
        ]


def textacy_baseline(articles: Sequence[dict[str, Any]]) -> Iterator[list[Prediction]]:
    """textacy `direct_quotations` per paragraph (it raises on unbalanced marks: no quotes there)."""
    from textacy.extract.triples import direct_quotations

    from parallax.annotate import nlp

    for article in articles:
        doc = nlp.parse(article["text"])
        preds: list[Prediction] = []
        for match in re.finditer(r"[^\n]+", article["text"]):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            paragraph = span.as_doc()
            offset = span.start_char
            try:
                triples = list(direct_quotations(paragraph))
            except ValueError:
                continue
            for speaker, cue, content in triples:
                preds.append(
                    Prediction(
                        offset + content.start_char,
                        offset + content.end_char,
                        (offset + speaker[0].idx, offset + speaker[-1].idx + len(speaker[-1])),
                        (offset + cue[0].idx, offset + cue[-1].idx + len(cue[-1])),
                        " ".join(t.text for t in speaker),
                    )
                )
        yield preds


def quote_classes(articles: Sequence[dict[str, Any]]) -> list[list[bool]]:
    """Per article, per gold attribution with content: is it quote-type (a speech verb, "according
    to" or a source phrase, or a colon cue; ``quotes_ceiling.cue_class``)?"""
    from benchmarks.quotes_ceiling import _QUOTE_TYPE, cue_class
    from parallax.annotate import nlp

    out = []
    for article in articles:
        doc = nlp.parse(article["text"])
        golds = [a for a in article["attributions"] if a["content"]]
        out.append([bool(g["cue"]) and cue_class(doc, g["cue"])[0] in _QUOTE_TYPE for g in golds])
    return out


def quote_score(
    articles: Sequence[dict[str, Any]], predictions: Sequence[list[Prediction]], classes: Sequence[list[bool]]
) -> dict[str, float]:
    """Quote-type P/R/F1: the predictions shown as quotes (kind neither ``attribution`` nor
    ``unmarked``) against the quote-type gold attributions; a prediction that matches another kind
    of attribution (a belief, a stance) is set aside, neither right nor wrong; speaker accuracy on
    the quote-type matches."""
    hits = predicted = gold = speaker_ok = 0
    for article, preds, quote_type in zip(articles, predictions, classes, strict=True):
        shown = [p for p in preds if p.kind not in {"attribution", "unmarked"}]
        pairs = matches(article, shown)
        golds = [a for a in article["attributions"] if a["content"]]
        right = sum(quote_type[j] for _, j in pairs)
        speaker_ok += sum(
            _speaker_correct(article["text"], shown[i], golds[j]) for i, j in pairs if quote_type[j]
        )
        hits += right
        predicted += len(shown) - (len(pairs) - right)
        gold += sum(quote_type)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "quote_precision": round(precision, 3),
        "quote_recall": round(recall, 3),
        "quote_f1": round(f1, 3),
        "quote_speaker_acc": round(speaker_ok / hits, 3) if hits else 0.0,
    }


def _curve_rows() -> list[Row]:
    """The learning curve recorded when the shipped model was trained (``train_attribution``)."""
    import json
    from importlib import resources

    from parallax.annotate.attribution_model import META_FILE

    meta = json.loads(resources.files("parallax").joinpath(META_FILE).read_text("utf-8"))
    return [
        Row(
            "quotes (PolNeAR DEV, 150)",
            f"learned, trained on {point['share']:.0%}",
            {k: point["dev"][k] for k in ("precision", "recall", "f1")}
            | {"held_out_f1": point["held-out half"]["f1"], "articles": point["articles"]},
            note="learning curve from benchmarks/train_attribution.py (speakers not resolved there)",
        )
        for point in meta["learning_curve"]
    ]


def run(data: Path) -> list[Row]:
    """Score parallax and the textacy baseline on the PolNeAR DEV part."""
    from parallax.annotate import nlp

    articles = list(read_jsonl_gz(data / "polnear" / "polnear.jsonl.gz"))
    started = time.perf_counter()
    nlp.parse_many([a["text"] for a in articles])
    parse_s = time.perf_counter() - started
    classes = quote_classes(articles)
    started = time.perf_counter()
    predicted = list(ours(articles))
    ours_s = time.perf_counter() - started
    scored = [[p for p in preds if p.kind != "unmarked"] for preds in predicted]
    halves = {"tuning half": slice(0, None, 2), "held-out half": slice(1, None, 2)}
    note = f"spaCy parse {parse_s:.0f} s + quotes {ours_s:.0f} s for {len(articles)} articles"

    def both(part: slice, preds: list[list[Prediction]]) -> dict[str, float]:
        return score(articles[part], preds[part]) | quote_score(articles[part], preds[part], classes[part])

    everything = slice(None)
    rows = [Row("quotes (PolNeAR DEV, 150)", "parallax rules", both(everything, scored), note=note)]
    rows += [
        Row(f"quotes (PolNeAR {name})", "parallax rules", both(part, scored)) for name, part in halves.items()
    ]
    rows.append(
        Row(
            "quotes (PolNeAR DEV, by halves)",
            "parallax rules",
            score(articles[1::2], scored[1::2]),
            tuned=score(articles[0::2], scored[0::2]),
            split="PolNeAR DEV by position (articles sorted by sha1 of their file name): rules tuned "
            "reading the even half's errors; headline = the odd half",
        )
    )
    rows.append(Row("quotes (PolNeAR DEV, 150)", "parallax rules incl. unmarked", score(articles, predicted)))
    learned = [[p for p in preds if p.kind != "unmarked"] for preds in ours(articles, learned_cues=True)]
    rows.append(Row("quotes (PolNeAR DEV, 150)", "parallax rules + learned cues", score(articles, learned)))
    rows.append(
        Row(
            "quotes (PolNeAR held-out half)",
            "parallax rules + learned cues",
            score(articles[1::2], learned[1::2]),
        )
    )
    started = time.perf_counter()
    model = [[p for p in preds if p.kind != "unmarked"] for preds in ours(articles, learned_attribution=True)]
    note = f"quotes {time.perf_counter() - started:.0f} s after the parse; data/attribution_model.json"
    rows.append(
        Row("quotes (PolNeAR DEV, 150)", "parallax learned attribution", both(everything, model), note=note)
    )
    rows += [
        Row(f"quotes (PolNeAR {name})", "parallax learned attribution", both(part, model))
        for name, part in halves.items()
    ]
    rows += _curve_rows()
    textacy = list(textacy_baseline(articles))
    rows.append(
        Row(
            "quotes (PolNeAR DEV, 150)", "textacy direct_quotations", both(everything, textacy), baseline=True
        )
    )
    return rows
