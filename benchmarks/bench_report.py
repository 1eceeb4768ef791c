"""Report rendering for a 100-article story, beyond the analysis: time and size of the HTML and
Markdown reports, as ratios to plain JSON serialisation of the same report (the baseline).

The report is synthetic but built from real text: 100 BASIL articles (DEV), with sentences,
entity mentions, quotes, facts supported by several articles, utterances, contradictions,
framing tables, a timeline and a summary in the proportions the example story has.
Targets (issue 6): under 1 s beyond analysis and under 5 MB of HTML.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from itertools import islice

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz
from parallax.models import (
    Article,
    ClaimRef,
    Contradiction,
    Entity,
    Fact,
    Framing,
    FramingTerm,
    Generator,
    Mention,
    Outlet,
    OutletView,
    Quote,
    Removed,
    Report,
    Sentence,
    SentenceRef,
    Story,
    SummarySentence,
    Support,
    TermChoice,
    TimelineEvent,
    TitleUse,
    Utterance,
    UtteranceVariant,
    VerbUse,
    WordUse,
)
from parallax.report.html import render_html
from parallax.report.markdown import render_markdown

ARTICLES = 100
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_QUOTE = re.compile(r"[“\"]([^”\"]{10,200})[”\"]")


def _articles() -> list[Article]:
    raw = [a for e in read_jsonl_gz(data_dir() / "basil" / "basil.jsonl.gz") for a in e["articles"]]
    out = []
    for i, item in enumerate(islice(raw, ARTICLES)):
        body = item["text"]
        sentences = [
            Sentence(id=f"s{k}", text=m.group().strip(), start=m.start(), end=m.end())
            for k, m in enumerate((m for m in _SENTENCE.finditer(body) if m.group().strip()), 1)
        ]
        out.append(
            Article(
                id=f"a{i:03d}",
                source=item.get("url") or item["uuid"],
                outlet=Outlet(name=item["outlet"], detected_by="given"),
                title=item["title"],
                body=body,
                sentences=sentences,
                removed=[Removed(text="Like this story? Share it with a friend!", reason="share-prompt")],
            )
        )
    return out


def _report(articles: list[Article]) -> Report:
    mentions: dict[str, list[Mention]] = defaultdict(list)
    quotes: list[Quote] = []
    for article in articles:
        for m in _NAME.finditer(article.body):
            mentions[m.group()].append(
                Mention(article=article.id, text=m.group(), start=m.start(), end=m.end())
            )
        for m in _QUOTE.finditer(article.body):
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    article=article.id,
                    text=m.group(1),
                    start=m.start(1),
                    end=m.end(1),
                    kind="direct",
                    cue="said",
                )
            )
    entities = [
        Entity(
            id=f"e{i}",
            name=name,
            type="PERSON",
            aliases=[name],
            mentions=ms,
            articles=sorted({m.article for m in ms}),
        )
        for i, (name, ms) in enumerate(mentions.items(), 1)
    ]
    facts = []
    for i, article in enumerate(articles):
        for sentence in article.sentences[:8]:
            group = [articles[(i + k) % len(articles)] for k in range(3)]
            support = [
                Support(article=a.id, sentence=a.sentences[0].id, text=a.sentences[0].text, similarity=0.8)
                for a in group
                if a.sentences
            ]
            facts.append(
                Fact(id=f"f{len(facts) + 1}", text=sentence.text, support=support, status="minority")
            )
    utterances = [
        Utterance(
            id=f"u{k + 1}",
            speaker=entities[k % len(entities)].id,
            quotes=[a.id, b.id],
            canonical_text=a.text,
            variants=[
                UtteranceVariant(article=a.article, quote=a.id, text=a.text),
                UtteranceVariant(article=b.article, quote=b.id, text=b.text),
            ],
            agreement="paraphrase",
        )
        for k, (a, b) in enumerate(zip(quotes[0:100:2], quotes[1:100:2], strict=False))
    ]
    refs = [(a.id, s) for a in articles for s in a.sentences[:2]]
    contradictions = [
        Contradiction(
            id=f"c{k + 1}",
            kind="number",
            claims=[ClaimRef(article=x, sentence=s.id, text=s.text) for x, s in refs[2 * k : 2 * k + 2]],
            explanation="the numbers differ",
        )
        for k in range(20)
    ]
    ids = [a.id for a in articles]
    framing = Framing(
        terms=[
            FramingTerm(
                referent=e.name, choices=[TermChoice(article=a, term="killing", count=2) for a in ids]
            )
            for e in entities[:5]
        ],
        titles=[TitleUse(entity=e.id, article=a, title="Senator") for e in entities[:2] for a in ids],
        attribution_verbs=[
            VerbUse(article=a, verb=v, count=3) for a in ids for v in ("said", "claimed", "warned")
        ],
        loaded_words=[
            WordUse(article=a, word=w, count=1) for a in ids for w in ("fierce", "slammed", "crippling")
        ],
    )
    timeline = [
        TimelineEvent(
            date=f"20{10 + k % 10}",
            precision="year",
            text=articles[k].sentences[0].text,
            support=[SentenceRef(article=articles[k].id, sentence="s1")],
        )
        for k in range(len(articles))
        if articles[k].sentences
    ]
    summary = [
        SummarySentence(
            text=f.text,
            citations=[SentenceRef(article=s.article, sentence=s.sentence) for s in f.support],
            support=[f.id],
        )
        for f in facts[:10]
    ]
    per_outlet = [OutletView(article=a, unique_facts=[f.id for f in facts[:3]]) for a in ids]
    return Report(
        generator=Generator(version="bench"),
        story=Story(title="Synthetic story", outlets=["fox", "hpo", "nyt"], article_count=len(articles)),
        articles=articles,
        entities=entities,
        quotes=quotes,
        utterances=utterances,
        facts=facts,
        contradictions=contradictions,
        framing=framing,
        timeline=timeline,
        summary=summary,
        per_outlet=per_outlet,
    )


def _best(fn: Callable[[], str], repeat: int = 3) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - started)
    return best, out


def run() -> list[BenchRow]:
    """HTML and Markdown render time, HTML size and peak memory, against JSON serialisation."""
    report = _report(_articles())
    render_html(report)  # load the template once, as a long-running server would have
    json_s, json_text = _best(lambda: report.model_dump_json(indent=2))
    html_s, html_text = _best(lambda: render_html(report))
    md_s, _ = _best(lambda: render_markdown(report))
    tracemalloc.start()
    render_html(report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    task = f"report: {len(report.articles)} articles"
    mentions = sum(len(e.mentions) for e in report.entities)
    note = f"{len(report.facts)} facts, {len(report.quotes)} quotes, {mentions} mentions"
    mb = 1024 * 1024
    return [
        BenchRow(task, "html render time", html_s, "s", json_s, "baseline: JSON serialisation; target < 1 s"),
        BenchRow(task, "markdown render time", md_s, "s", json_s, "baseline: JSON serialisation"),
        BenchRow(
            task,
            "html size",
            len(html_text.encode()) / mb,
            "MB",
            len(json_text.encode()) / mb,
            "target < 5 MB",
        ),
        BenchRow(task, "html render peak memory", peak / mb, "MB", None, note),
    ]
