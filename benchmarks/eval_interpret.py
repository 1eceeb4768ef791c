"""Evaluation of the interpret stage on public data, each beside a baseline.

- timeline: date normalisation on 79 date expressions from BASIL (DEV) articles, hand-labelled
  against each article's publication date (``benchmarks/data/timeline_basil.jsonl``; an empty
  ``expected`` means no date should come out: ages, durations, vague periods, week-only dates).
  Baseline: dateparser alone, with the same base date and past preference.
- framing: recall of BASIL's lexical-bias spans (``type == "lexical"``) by our loaded-word
  detection, beside the curated lexicon alone; precision is the share of flagged words inside
  any lexical span (BASIL marks bias only towards the main targets, so precision is a floor).
- summary: on the 50 BASIL DEV events (three outlets each, no aligned facts, so the lead-sentence
  path): citation coverage (summary sentences with a valid citation, must be 1.0), support
  similarity (cosine of each sentence to its closest cited sentence), cross-outlet share
  (sentences with a close sentence, cosine >= 0.55, in at least two outlets) and unattributed
  single-source share (sentences only one outlet supports that the summary states without
  naming that outlet; lower is more neutral). Baseline: the first three sentences of one
  article, cited to themselves.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Row, read_jsonl_gz
from parallax.annotate.nlp import add_sentences, parse, parse_many
from parallax.embed import cosine, embed
from parallax.interpret.framing import lexicon, loaded_tokens
from parallax.interpret.summary import summarize
from parallax.interpret.timeline import future_reference, resolve_date
from parallax.models import Article, Outlet, Precision, SentenceRef, SummarySentence

FIXTURE = ROOT / "benchmarks" / "data" / "timeline_basil.jsonl"
_CROSS_OUTLET = 0.55


def _iso(day: date, precision: Precision | str) -> str:
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(
        precision, day.isoformat()
    )


def _dateparser_only(expression: str, base: date) -> list[str]:
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"},
    )
    data = parser.get_date_data(expression)
    if data.date_obj is None:
        return []
    return [_iso(data.date_obj.date(), data.period or "day")]


def _ours(item: dict[str, Any]) -> list[str]:
    """Our resolution, with the look-ahead hint read from the labelled context sentence."""
    context, expression = item["context"], item["expression"]
    doc = parse(context)
    start = context.find(expression)
    span = doc.char_span(start, start + len(expression), alignment_mode="expand") if start >= 0 else None
    future = future_reference(span) if span is not None else False
    base = date.fromisoformat(item["published"])
    return [_iso(d, p) for d, p in resolve_date(expression, base, future)]


def _timeline() -> list[Row]:
    items = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    systems = {
        "parallax resolve_date": _ours,
        "dateparser alone": lambda item: _dateparser_only(
            item["expression"], date.fromisoformat(item["published"])
        ),
    }
    rows = []
    for name, system in systems.items():
        dated = undated = right_dated = right_undated = 0
        for item in items:
            got = system(item)
            if item["expected"]:
                dated += 1
                right_dated += got == item["expected"]
            else:
                undated += 1
                right_undated += not got
        rows.append(
            Row(
                task="timeline date normalisation",
                system=name,
                metrics={
                    "accuracy": round((right_dated + right_undated) / len(items), 3),
                    "dated_accuracy": round(right_dated / dated, 3),
                    "non_date_rejection": round(right_undated / undated, 3),
                    "n": float(len(items)),
                },
                baseline=name == "dateparser alone",
                note="79 hand-labelled BASIL expressions; exact date and precision",
            )
        )
    return rows


def _framing(events: list[dict[str, Any]]) -> list[Row]:
    articles = [a for e in events for a in e["articles"]]
    docs = parse_many([a["text"] for a in articles])
    lex = lexicon()
    systems = {
        "parallax loaded words": loaded_tokens,
        "lexicon only": lambda doc: [
            t for t in doc if t.is_alpha and (t.lemma_.lower() in lex.loaded or t.lower_ in lex.loaded)
        ],
    }
    rows = []
    for name, system in systems.items():
        spans = found = flagged = inside = words = 0
        for article, doc in zip(articles, docs, strict=True):
            gold = [
                (s["start"], s["end"])
                for s in article["bias_spans"]
                if s["type"] == "lexical" and s["field"] == "text"
            ]
            tokens = system(doc)
            offsets = [(t.idx, t.idx + len(t.text)) for t in tokens]
            spans += len(gold)
            found += sum(any(s < e2 and s2 < e for s2, e2 in offsets) for s, e in gold)
            flagged += len(offsets)
            inside += sum(any(s < e2 and s2 < e for s, e in gold) for s2, e2 in offsets)
            words += sum(t.is_alpha for t in doc)
        recall = found / spans if spans else 0.0
        precision = inside / flagged if flagged else 0.0
        rows.append(
            Row(
                task="framing: BASIL lexical bias",
                system=name,
                metrics={
                    "span_recall": round(recall, 3),
                    "precision": round(precision, 3),
                    "flagged_per_1k_words": round(1000 * flagged / max(words, 1), 1),
                    "spans": float(spans),
                },
                baseline=name == "lexicon only",
                note=f"{len(articles)} DEV articles",
            )
        )
    return rows


def _basil_articles(event: dict[str, Any]) -> list[Article]:
    return [
        Article(
            id=f"{a['outlet']}",
            source=a.get("url") or a["uuid"],
            outlet=Outlet(name=a["outlet"]),
            title=a["title"],
            published=date.fromisoformat(a["date"]) if a.get("date") else None,
            body=a["text"],
        )
        for a in event["articles"]
    ]


def _summary_scores(
    summary: list[SummarySentence], articles: list[Article]
) -> tuple[int, int, float, int, int]:
    """(sentences, validly cited, summed support similarity, cross-outlet, unattributed single)."""
    texts = {(a.id, s.id): s.text for a in articles for s in a.sentences}
    keys = list(texts)
    vectors = embed([texts[k] for k in keys]) if keys else None
    cited = similar = cross = unattributed = 0
    total_similarity = 0.0
    summary_vectors = embed([s.text for s in summary])
    for row, sentence in enumerate(summary):
        refs = [r for r in sentence.citations if (r.article, r.sentence) in texts]
        if refs:
            cited += 1
            assert vectors is not None
            rows = [keys.index((r.article, r.sentence)) for r in refs]
            total_similarity += float(cosine(summary_vectors[[row]], vectors[rows]).max())
        if vectors is not None:
            sims = cosine(summary_vectors[[row]], vectors)[0]
            outlets = {keys[i][0] for i, s in enumerate(sims) if s >= _CROSS_OUTLET}
            cross += len(outlets) >= 2
            unattributed += len(outlets) < 2 and not sentence.text.startswith("Only ")
        similar += 1
    return similar, cited, total_similarity, cross, unattributed


def _summary(events: list[dict[str, Any]]) -> list[Row]:
    totals: dict[str, list[float]] = {
        "parallax summary": [0, 0, 0.0, 0, 0],
        "lead-3 of one article": [0, 0, 0.0, 0, 0],
    }
    for event in events:
        articles = add_sentences(_basil_articles(event))
        ours = summarize([], [], articles)
        first = articles[0]
        lead = [
            SummarySentence(text=s.text, citations=[SentenceRef(article=first.id, sentence=s.id)])
            for s in first.sentences[:3]
        ]
        for name, summary in (("parallax summary", ours), ("lead-3 of one article", lead)):
            for k, value in enumerate(_summary_scores(summary, articles)):
                totals[name][k] += value
    rows = []
    for name, (n, cited, similarity, cross, unattributed) in totals.items():
        rows.append(
            Row(
                task="summary: BASIL events",
                system=name,
                metrics={
                    "citation_coverage": round(cited / n, 3) if n else 0.0,
                    "support_similarity": round(similarity / cited, 3) if cited else 0.0,
                    "cross_outlet_share": round(cross / n, 3) if n else 0.0,
                    "unattributed_single_source": round(unattributed / n, 3) if n else 0.0,
                    "sentences": float(n),
                },
                baseline=name.startswith("lead-3"),
                note=f"{len(events)} DEV events, no aligned facts (lead-sentence path)",
            )
        )
    return rows


def run(data: Path) -> list[Row]:
    """Timeline, framing and summary rows, each with its baseline."""
    events = list(read_jsonl_gz(data / "basil" / "basil.jsonl.gz"))
    return _timeline() + _framing(events) + _summary(events)
