"""Summary: a neutral, extractive summary in which every sentence cites its support.

Order: what every outlet reports (consensus, then majority facts), then what only some report,
attributed to them ("Only X reports that ..."), then where the accounts conflict. Every sentence
is taken from the articles or built around their sentences, so each carries its citations. When
no facts were aligned, the articles' lead sentences are grouped by meaning instead.

An optional rewrite by a language model runs only when ``PARALLAX_LLM_URL`` names an
OpenAI-compatible endpoint; each rewritten sentence must cite input sentences and agree with
them (embedding similarity, the same numbers and names) or it is dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

import httpx

from parallax.annotate.nlp import add_sentences, parse
from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Contradiction, Fact, SentenceRef, SummarySentence

LLM_URL_ENV = "PARALLAX_LLM_URL"
LLM_MODEL_ENV = "PARALLAX_LLM_MODEL"

_FIRST_SECOND_PERSON = {"we", "our", "us", "you", "your"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_MARKER = re.compile(r"\s*\[(\d+)\]")


def _label(article: Article) -> str:
    return article.outlet.name or article.id


def _clause(text: str) -> str:
    """A sentence made to follow "reports that": first word lower-cased unless a name."""
    text = " ".join(text.split()).rstrip(" .")
    doc = parse(text)
    if len(doc) and doc[0].pos_ != "PROPN" and doc[0].text not in ("I",) and not doc[0].is_upper:
        text = text[:1].lower() + text[1:]
    return text


def _finish(text: str) -> str:
    """End a built sentence with one period, unless the quoted sentence it ends with has one."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", '."', ".”", "?”", "!”")) else text + "."


def _refs(fact: Fact) -> list[SentenceRef]:
    refs: list[SentenceRef] = []
    for support in fact.support:
        ref = SentenceRef(article=support.article, sentence=support.sentence)
        if ref not in refs:
            refs.append(ref)
    return refs


def _position(fact: Fact, articles: dict[str, Article]) -> float:
    """How early the fact comes in the articles that report it (0 = first sentence); news puts
    what matters most first, so this ranks claims without judging them."""
    ranks = []
    for support in fact.support:
        article = articles.get(support.article)
        if article and article.sentences:
            ids = [s.id for s in article.sentences]
            if support.sentence in ids:
                ranks.append(ids.index(support.sentence) / len(ids))
    return min(ranks) if ranks else 1.0


def _from_facts(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    articles: dict[str, Article],
    config: InterpretConfig,
) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    shared = [f for f in facts if f.status in ("consensus", "majority") and f.support]
    shared.sort(
        key=lambda f: (f.status != "consensus", -len({s.article for s in f.support}), _position(f, articles))
    )
    for fact in shared[: config.summary_max_shared]:
        out.append(SummarySentence(text=fact.text, citations=_refs(fact), support=[fact.id]))
    partial = [f for f in facts if f.status in ("minority", "unique") and f.support]
    partial.sort(key=lambda f: _position(f, articles))
    for fact in partial[: config.summary_max_partial]:
        reporters = sorted({s.article for s in fact.support})
        names = [_label(articles[a]) if a in articles else a for a in reporters]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "reports" if len(names) == 1 else "report"
        out.append(
            SummarySentence(
                text=_finish(f"Only {who} {verb} that {_clause(fact.text)}"),
                citations=_refs(fact),
                support=[fact.id],
            )
        )
    for contradiction in contradictions[: config.summary_max_conflicts]:
        claims = [c for c in contradiction.claims if c.article in articles][:2]
        if len(claims) < 2:
            continue
        first, second = claims
        text = (
            f"Accounts differ: {_label(articles[first.article])} reports that {_clause(first.text)}, "
            f"while {_label(articles[second.article])} reports that {_clause(second.text)}"
        )
        refs = [SentenceRef(article=c.article, sentence=c.sentence) for c in claims]
        out.append(SummarySentence(text=_finish(text), citations=refs))
    return out


def _is_lead(text: str) -> bool:
    """A sentence that can open a summary: long enough, ends like prose, not a headline, and
    states something (has a subject: "Follow our channel for updates" is a prompt, not news)."""
    words = text.split()
    if len(words) < 8 or text.rstrip()[-1:] not in '.!?"”’' or text.isupper():
        return False
    doc = parse(text)
    quoted = any(t.is_quote for t in doc)
    # Outside a quotation, news does not address the reader or speak as "we": that is the
    # outlet's own prompt ("follow our channel for the latest headlines").
    if not quoted and any(t.lower_ in _FIRST_SECOND_PERSON for t in doc):
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc)


def _from_leads(articles: Sequence[Article], config: InterpretConfig) -> list[SummarySentence]:
    """Lead sentences of every article grouped by meaning: what several outlets lead with first,
    then a few leads only one outlet has, attributed to it."""
    from parallax.embed import cosine, embed

    leads: list[tuple[str, str, str]] = []
    for article in articles:
        prose = [s for s in article.sentences if _is_lead(s.text)]
        leads += [(article.id, s.id, s.text) for s in prose[: config.summary_lead_sentences]]
    if not leads:
        return []
    vectors = embed([t for _, _, t in leads])
    sims = cosine(vectors, vectors)
    groups: list[list[int]] = []
    for i in range(len(leads)):
        for group in groups:
            if float(sims[i, group].max()) >= config.summary_lead_similarity:
                group.append(i)
                break
        else:
            groups.append([i])
    by_id = {a.id: a for a in articles}
    # "Only X reports" must hold against every sentence of the other articles, not just leads.
    everything = [(a.id, s.text) for a in articles for s in a.sentences]
    all_vectors = embed([t for _, t in everything])
    outside = cosine(vectors, all_vectors)
    shared = [g for g in groups if len({leads[i][0] for i in g}) >= 2]
    shared.sort(key=lambda g: (-len({leads[i][0] for i in g}), min(g)))
    single = [
        g
        for g in groups
        if len({leads[i][0] for i in g}) == 1
        and parse(leads[g[0]][2])[0].pos_ != "PRON"  # "he said ..." names no one once attributed
        and all(
            outside[g[0], j] < config.summary_unique_max_similarity
            for j, (other, _) in enumerate(everything)
            if other != leads[g[0]][0]
        )
    ]
    out = []
    for group in shared[: config.summary_max_shared]:
        central = max(group, key=lambda i: float(sims[i, group].mean()))
        refs: list[SentenceRef] = []
        for i in [central, *group]:
            ref = SentenceRef(article=leads[i][0], sentence=leads[i][1])
            if ref not in refs:
                refs.append(ref)
        out.append(SummarySentence(text=leads[central][2], citations=refs))
    for group in single[: config.summary_max_partial]:
        source, sentence, text = leads[group[0]]
        attributed = _finish(f"Only {_label(by_id[source])} reports that {_clause(text)}")
        out.append(
            SummarySentence(text=attributed, citations=[SentenceRef(article=source, sentence=sentence)])
        )
    return out


def _sources(articles: dict[str, Article]) -> dict[tuple[str, str], str]:
    return {(a.id, s.id): s.text for a in articles.values() for s in a.sentences}


def supported(text: str, sources: Sequence[str], config: InterpretConfig = DEFAULT.interpret) -> bool:
    """Whether ``text`` says what its cited ``sources`` say.

    Three checks: the closest source is near in meaning (embedding cosine), every number in
    the sentence appears in a source, and every capitalised name does too.
    """
    from parallax.embed import cosine, embed

    if not sources or not text.strip():
        return False
    joined = " ".join(sources)
    if any(n not in joined for n in _NUMBER.findall(text)):
        return False
    lowered = joined.lower()
    if any(name.lower() not in lowered for name in _NAME.findall(text)):
        return False
    vectors = embed([text, *sources])
    return float(cosine(vectors[:1], vectors[1:]).max()) >= config.summary_llm_min_similarity


def rewrite(
    sentences: Sequence[SummarySentence],
    articles: Sequence[Article],
    url: str,
    config: InterpretConfig = DEFAULT.interpret,
) -> list[SummarySentence]:
    """Ask an OpenAI-compatible endpoint to rewrite the summary; keep only checked sentences.

    The model sees the extractive sentences numbered and must end each sentence it writes with
    the numbers it drew from ("[2]"); a sentence without a marker, or one its cited sources do
    not support, is dropped. On any failure of the endpoint the extractive summary stands.
    """
    numbered = "\n".join(f"[{i}] {s.text}" for i, s in enumerate(sentences, 1))
    prompt = (
        "Rewrite these news summary sentences into a fluent, neutral summary. Add nothing that "
        "is not in them. End every sentence with the numbers of the sentences it uses, like [1].\n\n"
        + numbered
    )
    endpoint = url.rstrip("/")
    if not endpoint.endswith("/chat/completions"):
        endpoint += "/chat/completions"
    try:
        response = httpx.post(
            endpoint,
            json={
                "model": os.environ.get(LLM_MODEL_ENV, "default"),
                "messages": [{"role": "user", "content": prompt}],
                "temperature": 0,
            },
            timeout=config.summary_llm_timeout_s,
        )
        response.raise_for_status()
        content = str(response.json()["choices"][0]["message"]["content"])
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError):
        return list(sentences)
    by_id = {a.id: a for a in articles}
    source_text = _sources(by_id)
    out: list[SummarySentence] = []
    for line in re.split(r"(?<=[.!?\]])\s+(?=[A-Z])|\n+", content):
        markers = [int(m) for m in _MARKER.findall(line)]
        text = _MARKER.sub("", line).strip()
        used = [sentences[m - 1] for m in markers if 1 <= m <= len(sentences)]
        if not text or not used:
            continue
        refs: list[SentenceRef] = []
        facts: list[str] = []
        for sentence in used:
            refs += [r for r in sentence.citations if r not in refs]
            facts += [f for f in sentence.support if f not in facts]
        cited = [source_text[(r.article, r.sentence)] for r in refs if (r.article, r.sentence) in source_text]
        if supported(text, cited, config):
            out.append(SummarySentence(text=text, citations=refs, support=facts))
    return out or list(sentences)


def summarize(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    articles: Sequence[Article],
    config: InterpretConfig = DEFAULT.interpret,
) -> list[SummarySentence]:
    """A neutral summary in which every sentence cites its support."""
    if not articles:
        return []
    if any(not a.sentences for a in articles):
        articles = add_sentences(articles)
    by_id = {a.id: a for a in articles}
    known = _sources(by_id)
    summary = _from_facts(facts, contradictions, by_id, config) if facts else _from_leads(articles, config)
    url = os.environ.get(LLM_URL_ENV)
    if url and summary:
        summary = rewrite(summary, articles, url, config)
    # No sentence without a citation that exists in the articles.
    cleaned = []
    for sentence in summary:
        refs = [r for r in sentence.citations if (r.article, r.sentence) in known]
        if refs:
            cleaned.append(sentence.model_copy(update={"citations": refs}))
    return cleaned
