"""Facts and contradictions on BASIL (three outlets per event), reproducible from shared/data.

Two tasks:

* **alignment**: 96 cross-outlet sentence pairs from 16 BASIL DEV events, hand-labelled
  aligned / not aligned (``benchmarks/data/facts_pairs.jsonl``: event id, outlet and character
  offsets into the article text; no text is stored). The sample was drawn per event and outlet
  pair as the most similar sentence pair plus one mid-similarity pair (cosine 0.45-0.62); a
  pair is "aligned" when both sentences state the same proposition (reworded or quoted the same).
  Ours: the pair counts as aligned when one fact, from ``align_facts`` over the event's three
  whole articles, has a claim of each sentence among its support. Baseline: embedding cosine of
  the two sentences >= ``fact_similarity``, no checks.
* **contradictions**: controlled pairs made deterministically from real BASIL sentences by
  changing one thing: a number (n -> n+1), a date (weekday -> next weekday, month of a
  month-day -> next month), an order (before <-> after) or the polarity (remove or add "not").
  The 96 hand-labelled pairs are the negatives (40 real paraphrases, 56 unrelated pairs): no
  contradiction may be reported there. Each pair is a story of two one-sentence articles run
  through ``align_facts`` and ``find_contradictions``. Baseline: cosine >= 0.6 and any
  mismatch in numbers, negation words, date words or before/after between the two sentences.
* **cross-outlet planted conflicts** (issue 13, the headline): sentence pairs of two different
  outlets of one event that state one value (a count with its noun, an amount, an age, a weekday,
  the same predicate of the same subject) and share at least 6 content words; the value is changed
  in one of them (``basil_contradictions.planted_cases``; a weekday only where it dates the same verb
  in both sentences, in the same role, and for a statement the same speaker: a changed day of
  another event is no contradiction) and the event's three articles go
  through the whole pipeline. Recall = the edited sentence reported against another outlet's
  under the planted kind; ``per_story`` = contradictions on the untouched stories; precision =
  their hand labels. Events are split in two halves by a hash of their id: thresholds were
  tuned on "tune", "held-out" is reported as the headline. Baselines: any value mismatch between
  two supports of one fact, and the code before issue 13 (same harness, numbers in
  ``benchmarks/results/contradictions_before.json``).
* **planted actors and misquotes** (rows of their own, not in the headline's recall): made the
  same way, another person the article names put in as the doer of one act (reported as
  ``attribution``), or a figure or negation changed inside a quotation the other outlet quotes
  too (``misquote``); per half, beside a baseline of any name, figure or negation mismatch
  between two supports of one fact.
* **support pairs on the real pipeline** (the way users meet facts): every pair of supports of one
  fact from two different outlets, on the 50 BASIL DEV events run through the whole pipeline, read
  and hand-labelled "same proposition" or not (``benchmarks/data/facts_support_pairs.jsonl``; see
  ``benchmarks/facts_support.py`` to list them). Precision = pairs labelled same / pairs reported,
  per half of the events (the hash split of the planted set): "held-out" is the headline, "tune"
  the half the proposition thresholds were chosen on; a pair without a label is counted apart.
  Baseline: the same pipeline with the proposition checks off (cosine, group mean and conflict
  checks only: the alignment before them). Recall is read on the 96-pair alignment set above.
* **contradictions on the real pipeline**: every contradiction the full pipeline (clean, quotes,
  speakers, entities, facts) reports on the 50 BASIL DEV events, read against the texts and
  hand-labelled true/false (``benchmarks/data/basil_contradictions.jsonl``; see
  ``benchmarks/basil_contradictions.py`` to list them). Only precision: BASIL has no gold list
  of every contradiction, so misses are not counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchmarks import basil_contradictions, facts_support
from benchmarks.common import ROOT, Row, read_jsonl_gz
from parallax.align.claims import analyze_claims
from parallax.align.contradictions import find_contradictions
from parallax.align.facts import align_facts
from parallax.annotate.nlp import add_sentences
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT
from parallax.embed import embed
from parallax.models import Article
from parallax.words import MONTHS, NUMBER_WORDS, WEEKDAYS

PAIRS = ROOT / "benchmarks" / "data" / "facts_pairs.jsonl"
KINDS = ("number", "date", "temporal-order", "negation")
PER_KIND = 40

# Small counts an editor can swap for another ("three" → "four").
_WORDS = [w for w, n in NUMBER_WORDS.items() if 2 <= n <= 13]
_NUMBER = re.compile(r"(?<![\d.,$])\b(\d{1,3}(?:,\d{3})*|" + "|".join(_WORDS) + r")\b(?=\s+[a-z])")
_WEEKDAYS = [d.title() for d in WEEKDAYS]
_MONTHS = [m.title() for m in MONTHS]
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")(?= \d{1,2}\b)")
_ORDER = re.compile(r"\b(before|after)\b(?! \d| all\b)")
_NEGATED = re.compile(r"\b(is|was|are|were|did|does|do|has|have|had|will|would|could|can|should) not\b")
_CONTRACTED = re.compile(r"\b(is|was|are|were|did|does|do|has|have|had|could|would|should)n[’']t\b")
_AUXILIARY = re.compile(r"\b(is|was|are|were|will|has|have|had|would|could|can|should) (?!not\b)(?=[a-z])")


def _events(data: Path) -> list[dict]:  # type: ignore[type-arg]
    return list(read_jsonl_gz(data / "basil" / "basil.jsonl.gz"))


def _articles(event: dict) -> dict[str, Article]:  # type: ignore[type-arg]
    articles = [Article(id=a["outlet"], source=a["outlet"], body=a["text"]) for a in event["articles"]]
    return {a.id: a for a in add_sentences(articles)}


def _labels() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]


def _sentence(article: Article, start: int, end: int) -> set[str]:
    return {s.id for s in article.sentences if s.start < end and start < s.end}


def _scores(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


# --- alignment ----------------------------------------------------------------------------------


def evaluate_alignment(data: Path) -> list[Row]:
    labels = _labels()
    events = {e["event_id"]: e for e in _events(data)}
    ours: Counter[str] = Counter()
    base: Counter[str] = Counter()
    by_event: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for label in labels:
        by_event.setdefault(label["event"], []).append(label)
    for event_id, pairs in by_event.items():
        articles = _articles(events[event_id])
        facts = align_facts(list(articles.values()), [])
        together = set()
        for fact in facts:
            for x in fact.support:
                for y in fact.support:
                    together.add((x.article, x.sentence, y.article, y.sentence))
        for pair in pairs:
            a, b = articles[pair["a"]["outlet"]], articles[pair["b"]["outlet"]]
            sa = _sentence(a, pair["a"]["start"], pair["a"]["end"])
            sb = _sentence(b, pair["b"]["start"], pair["b"]["end"])
            predicted = any((a.id, x, b.id, y) in together for x in sa for y in sb)
            ta = a.body[pair["a"]["start"] : pair["a"]["end"]]
            tb = b.body[pair["b"]["start"] : pair["b"]["end"]]
            vectors = embed([ta, tb])
            baseline = float(vectors[0] @ vectors[1]) >= DEFAULT.align.fact_similarity
            for counter, guess in ((ours, predicted), (base, baseline)):
                counter[
                    ("tp" if pair["aligned"] else "fp") if guess else ("fn" if pair["aligned"] else "tn")
                ] += 1
    note = f"{len(labels)} hand-labelled BASIL pairs, {sum(p['aligned'] for p in labels)} aligned"
    return [
        Row("facts: alignment", "parallax", _scores(ours["tp"], ours["fp"], ours["fn"]), note=note),
        Row(
            "facts: alignment",
            "embedding threshold",
            _scores(base["tp"], base["fp"], base["fn"]),
            baseline=True,
            note=note,
        ),
    ]


# --- controlled contradictions ------------------------------------------------------------------


def _next_number(match: re.Match[str]) -> str:
    word = match.group(1)
    if word in _WORDS:
        return _WORDS[_WORDS.index(word) + 1] if word != _WORDS[-1] else "fourteen"
    return f"{int(word.replace(',', '')) + 1:,}"


def modify(sentence: str, kind: str) -> str | None:
    """The sentence with one thing changed so that it contradicts the original, or None."""
    if kind == "number":
        match = _NUMBER.search(sentence)
        after_month = (
            re.search(r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")\w*\.? $", sentence[: match.start()])
            if match
            else None
        )
        if match and not after_month and not re.fullmatch(r"(19|20)\d\d", match.group(1)):
            return sentence[: match.start()] + _next_number(match) + sentence[match.end() :]
    elif kind == "date":
        match = _WEEKDAY.search(sentence)
        names = _WEEKDAYS
        if not match:
            match, names = _MONTH_DAY.search(sentence), _MONTHS
        if match:
            following = names[(names.index(match.group(1)) + 1) % len(names)]
            return sentence[: match.start()] + following + sentence[match.end() :]
    elif kind == "temporal-order":
        match = _ORDER.search(sentence)
        if match:
            swapped = "after" if match.group(1) == "before" else "before"
            return sentence[: match.start()] + swapped + sentence[match.end() :]
    elif kind == "negation":
        for pattern, repl in ((_NEGATED, r"\1"), (_CONTRACTED, r"\1")):
            if pattern.search(sentence):
                return pattern.sub(repl, sentence, count=1)
        if _AUXILIARY.search(sentence):
            return _AUXILIARY.sub(r"\1 not ", sentence, count=1)
    return None


def controlled_pairs(data: Path) -> Iterator[tuple[str, str, str | None]]:
    """(original, changed, kind) for each kind, spread evenly over the DEV events' sentences."""
    sentences = []
    for event in _events(data):
        for article in _articles(event).values():
            sentences.extend(s.text for s in article.sentences if 8 <= len(s.text.split()) <= 45)
    for kind in KINDS:
        made = [(s, m) for s in sentences if (m := modify(s, kind)) and m != s]
        step = max(1, len(made) // PER_KIND)
        for original, changed in made[::step][:PER_KIND]:
            yield original, changed, kind


def _negative_pairs(data: Path) -> Iterator[tuple[str, str, str | None]]:
    events = {e["event_id"]: e for e in _events(data)}
    for label in _labels():
        texts = {a["outlet"]: a["text"] for a in events[label["event"]]["articles"]}
        a, b = label["a"], label["b"]
        yield texts[a["outlet"]][a["start"] : a["end"]], texts[b["outlet"]][b["start"] : b["end"]], None


def predict(a: str, b: str) -> set[str]:
    """The contradiction kinds parallax reports for a story of two one-sentence articles."""
    texts = Texts(DEFAULT.annotate)  # one analysis: parsed and embedded once, claims cut once
    bodies = [Article(id="a", source="a", body=a), Article(id="b", source="b", body=b)]
    articles = add_sentences(bodies, DEFAULT.annotate, texts)
    claims = analyze_claims(articles, [], DEFAULT.align, texts)
    facts = align_facts(articles, [], DEFAULT.align, claims)
    return {c.kind for c in find_contradictions(facts, articles, [], DEFAULT.align, (), claims)}


_BASE_NUMBER = re.compile(r"\b(\d[\d,.]*|" + "|".join(["one", *_WORDS]) + r")\b", re.IGNORECASE)
_BASE_NEGATION = re.compile(r"\b(not|no|never|n't|nothing|none)\b|n[’']t\b", re.IGNORECASE)
_BASE_DATE = re.compile(r"\b(" + "|".join(_WEEKDAYS + _MONTHS) + r"|(19|20)\d\d)\b")
_BASE_ORDER = re.compile(r"\b(before|after|earlier|later|following)\b", re.IGNORECASE)


def predict_baseline(a: str, b: str) -> set[str]:
    """Any mismatch of numbers, negations, dates or order words between two close sentences."""
    vectors = embed([a, b])
    if float(vectors[0] @ vectors[1]) < 0.6:
        return set()
    out = set()
    for kind, pattern in (
        ("number", _BASE_NUMBER),
        ("date", _BASE_DATE),
        ("temporal-order", _BASE_ORDER),
    ):
        if sorted(m.group(0).lower() for m in pattern.finditer(a)) != sorted(
            m.group(0).lower() for m in pattern.finditer(b)
        ):
            out.add(kind)
    if len(_BASE_NEGATION.findall(a)) != len(_BASE_NEGATION.findall(b)):
        out.add("negation")
    return out


def evaluate_contradictions(data: Path) -> list[Row]:
    pairs = list(controlled_pairs(data)) + list(_negative_pairs(data))
    rows = []
    for system, guess, baseline in (("parallax", predict, False), ("any mismatch", predict_baseline, True)):
        counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        for a, b, kind in pairs:
            found = guess(a, b)
            for k in KINDS:
                if k in found:
                    counts[k]["tp" if k == kind else "fp"] += 1
                elif k == kind:
                    counts[k]["fn"] += 1
        total = sum((counts[k] for k in KINDS), Counter())
        positives = sum(1 for _, _, k in pairs if k)
        note = (
            f"{positives} changed pairs ({PER_KIND} max per kind), {len(pairs) - positives} unchanged pairs"
        )
        rows.append(
            Row(
                "contradictions: all kinds",
                system,
                _scores(total["tp"], total["fp"], total["fn"]),
                baseline,
                note,
            )
        )
        for k in KINDS:
            c = counts[k]
            rows.append(
                Row(f"contradictions: {k}", system, _scores(c["tp"], c["fp"], c["fn"]), baseline, note)
            )
    return rows


# --- contradictions on the real pipeline ---------------------------------------------------------


def evaluate_basil_contradictions(data: Path) -> list[Row]:
    """Every contradiction the full pipeline reports on the 50 BASIL DEV events, against the hand
    labels in ``benchmarks/data/basil_contradictions.jsonl`` (precision = true / reported; a
    contradiction no label covers counts as not true, and the row says how many there were)."""
    known = basil_contradictions.labels()
    counts: Counter[str] = Counter()
    for event_id, c in basil_contradictions.reported(data):
        label = known.get(basil_contradictions.key(event_id, c))
        counts["unlabelled" if label is None else ("true" if label["label"] else "false")] += 1
    reported = sum(counts.values())
    metrics = {
        "precision": round(counts["true"] / reported, 3) if reported else 1.0,
        "reported": reported,
        "true": counts["true"],
        "false": counts["false"],
        "unlabelled": counts["unlabelled"],
    }
    note = (
        f"{len(known)} hand-labelled contradictions from all versions; "
        f"{counts['unlabelled']} reported now have no label"
    )
    return [Row("contradictions on 50 BASIL events (real pipeline)", "parallax", metrics, note=note)]


def run(data: Path) -> list[Row]:
    """Alignment on hand-labelled pairs, contradictions on the controlled set and on the real
    pipeline's output for the 50 BASIL DEV events."""
    return (
        evaluate_alignment(data)
        + evaluate_contradictions(data)
        + evaluate_basil_contradictions(data)
        + evaluate_cross_outlet(data)
        + evaluate_own_kinds(data)
        + evaluate_support_pairs(data)
    )


_SPLIT = "BASIL DEV events by a hash of the event id (basil_contradictions.half)"


def _halves_row(
    task: str, system: str, metrics: dict[str, dict[str, float]], baseline: bool, note: str
) -> Row:
    """A row measured per half of the events: the held-out half is the headline, the tune half beside it."""
    return Row(task, system, metrics["held-out"], baseline, note, tuned=metrics["tune"], split=_SPLIT)


# --- planted actors and misquotes (rows of their own) --------------------------------------------


def evaluate_own_kinds(data: Path) -> list[Row]:
    """Planted conflicts of the kinds not in the headline, made the same way from two outlets' own
    sentences: another person named in the story as the doer of one act ("actor", reported as
    ``attribution``), a figure or a negation changed inside a quotation the other outlet quotes too
    ("misquote"). Recall per half (held-out the headline), beside the baseline of any mismatch of
    names, figures or negation words between two supports of one fact."""
    rows = []
    for kind in basil_contradictions.OWN_ROW_KINDS:
        cases = basil_contradictions.planted_cases(data, kinds=(kind,))
        hits: dict[str, Counter[str]] = {h: Counter() for h in ("held-out", "tune")}
        for case, ok, _, facts in basil_contradictions.run_planted(data, cases):
            h = hits[basil_contradictions.half(case.event)]
            h["planted"] += 1
            h["parallax"] += ok
            h["baseline"] += basil_contradictions.baseline_hit(case, facts)
        note = (
            f"{hits['held-out']['planted']} planted in the held-out half, {hits['tune']['planted']} in the "
            "tune half; a hit pairs the edited sentence with another outlet's under the kind "
            f"{basil_contradictions.OWN_ROW_KINDS[kind]}"
        )
        for system, counted, baseline in (
            ("parallax", "parallax", False),
            ("any name, figure or negation mismatch in a fact", "baseline", True),
        ):
            metrics = {h: _own_metrics(hits[h][counted], hits[h]["planted"]) for h in hits}
            rows.append(
                _halves_row(f"contradictions: planted {kind} (cross-outlet)", system, metrics, baseline, note)
            )
    return rows


def _own_metrics(found: int, planted: int) -> dict[str, float]:
    return {"recall": round(found / planted, 3) if planted else 0.0, "found": found, "planted": planted}


# --- support pairs on the real pipeline ----------------------------------------------------------


def evaluate_support_pairs(data: Path) -> list[Row]:
    """Precision of the cross-outlet support pairs of multi-outlet facts on the 50 BASIL DEV events
    (hand labels), held-out half as the headline, tune half beside it; the same with the
    proposition checks off as the baseline."""
    ours, base = facts_support.counts_both(data)
    rows = []
    for system, found, baseline in (
        ("parallax", ours, False),
        ("cosine + conflict checks (before the proposition checks)", base, True),
    ):
        metrics = {h: _support_metrics(found[h]) for h in found}
        note = (
            f"{sum(found['held-out'].values())} support pairs (held-out half), "
            f"{sum(found['tune'].values())} (tune half); a pair is right when both claims state the same "
            "proposition"
        )
        rows.append(_halves_row("facts: support pairs (real pipeline)", system, metrics, baseline, note))
    return rows


def _support_metrics(counts: dict[str, int]) -> dict[str, float]:
    judged = counts["same"] + counts["different"]
    return {
        "precision": round(counts["same"] / judged, 3) if judged else 1.0,
        "pairs": judged + counts["unlabelled"],
        "same": counts["same"],
        "different": counts["different"],
        "unlabelled": counts["unlabelled"],
    }


# --- the cross-outlet planted set ----------------------------------------------------------------

BEFORE = ROOT / "benchmarks" / "results" / "contradictions_before.json"


def _cross_row(
    task: str,
    system: str,
    hits: Counter[str],
    cases: Counter[str],
    alarms: int,
    stories: int,
    labelled: Counter[str] | None,
    baseline: bool,
    note: str,
) -> Row:
    total_hits, total = sum(hits.values()), sum(cases.values())
    metrics: dict[str, float] = {
        "recall": round(total_hits / total, 3) if total else 0.0,
        "found": total_hits,
        "planted": total,
    }
    for kind in basil_contradictions.PLANTED_KINDS:
        metrics[f"recall_{kind}"] = round(hits[kind] / cases[kind], 3) if cases[kind] else 0.0
    metrics["per_story"] = round(alarms / stories, 3) if stories else 0.0
    metrics["reported"] = alarms
    if labelled is not None:
        judged = labelled["true"] + labelled["false"]
        metrics["precision"] = round(labelled["true"] / judged, 3) if judged else 1.0
        metrics["unlabelled"] = labelled["unlabelled"]
    return Row(task, system, metrics, baseline, note)


def evaluate_cross_outlet(data: Path) -> list[Row]:
    """Planted conflicts between two outlets' own wordings of one value (recall), contradictions
    on the untouched stories (per story) and their hand labels (precision), per half of the
    events: "held-out" is the headline, "tune" the half the slot thresholds were chosen on."""
    cases = basil_contradictions.planted_cases(data)
    halves = ("held-out", "tune")
    hits = {h: Counter[str]() for h in halves}
    base_hits = {h: Counter[str]() for h in halves}
    planted = {h: Counter[str]() for h in halves}
    for case, ok, _, facts in basil_contradictions.run_planted(data, cases):
        h = basil_contradictions.half(case.event)
        planted[h][case.kind] += 1
        hits[h][case.kind] += ok
        base_hits[h][case.kind] += basil_contradictions.baseline_hit(case, facts)
    known = basil_contradictions.labels()
    stories = Counter[str]()
    alarms = Counter[str]()
    base_alarms = Counter[str]()
    labelled = {h: Counter[str]() for h in halves}
    for event_id, found, facts in basil_contradictions.untouched(data):
        h = basil_contradictions.half(event_id)
        stories[h] += 1
        alarms[h] += len(found)
        base_alarms[h] += len(basil_contradictions.value_mismatches(facts))
        for c in found:
            label = known.get(basil_contradictions.key(event_id, c))
            labelled[h]["unlabelled" if label is None else ("true" if label["label"] else "false")] += 1
    before = json.loads(BEFORE.read_text()) if BEFORE.exists() else {}
    rows = []
    for h in halves:
        note = (
            f"{sum(planted[h].values())} planted conflicts in {stories[h]} events ({h} half, "
            f"split by event id hash); per_story on the untouched {stories[h]}"
        )
        task = f"contradictions: cross-outlet ({h})"
        rows.append(
            _cross_row(task, "parallax", hits[h], planted[h], alarms[h], stories[h], labelled[h], False, note)
        )
        rows.append(
            _cross_row(
                task,
                "any value mismatch in a fact",
                base_hits[h],
                planted[h],
                base_alarms[h],
                stories[h],
                None,
                True,
                note,
            )
        )
        if h in before:
            b = before[h]
            rows.append(
                Row(
                    task, f"parallax before issue 13 ({before['commit']})", b["metrics"], True, before["note"]
                )
            )
    return rows
