"""Summary: a neutral, extractive summary in which every sentence cites its support.

Order: what every outlet reports (consensus, then majority facts), then what only some report,
attributed to them ("Only X reports that ..."), then where the accounts conflict. Every sentence
is taken from the articles or built around their sentences, so each carries its citations. When
no facts were aligned, the articles' lead sentences are grouped by meaning instead.

An optional rewrite by a language model runs only when ``InterpretConfig.llm_url`` (by default
``$PARALLAX_LLM_URL``) names an OpenAI-compatible endpoint (``interpret/llm.py``); each rewritten
sentence must cite input sentences and agree with them (embedding similarity, the same numbers and
names) or it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from parallax.align.facts import status_of
from parallax.annotate.nlp import add_sentences, parse
from parallax.annotate.quotes import lexicon
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.interpret.labels import reader_labels
from parallax.interpret.llm import LLM_MODEL_ENV as LLM_MODEL_ENV  # where tests and users found them
from parallax.interpret.llm import LLM_URL_ENV as LLM_URL_ENV
from parallax.interpret.llm import OpenAICompatible, Writer, writer_for
from parallax.models import (
    Article,
    Contradiction,
    Entity,
    Fact,
    Quote,
    Sentence,
    SentenceRef,
    SummarySentence,
)
from parallax.names import honorifics

# Leads compared with every sentence of the story in one product: bounds its memory (chunk x
# sentences floats) on stories of thousands of articles; small stories take one chunk.
_CHUNK = 512
_FIRST_SECOND_PERSON = {"we", "our", "us", "you", "your"}
# Pronouns that stand for a speaker named elsewhere in the article: "..., he said." attributes
# nothing once the sentence stands alone in a summary.
_SPEAKER_PRONOUNS = {"he", "she", "they", "him", "her", "them"}
# A sentence that opens with one of these points at someone named in an earlier sentence.
_OPENING_PRONOUNS = _SPEAKER_PRONOUNS | {"his", "their"}
_OPENING_QUOTES = "\"“‘'"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_MARKER = re.compile(r"\s*\[(\d+)\]")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_ENDING = re.compile(r"[.!?][\"”’']*$")
# A dateline opening a news story ("WASHINGTON —", "Denver (AP) –") places the report, not
# the fact; outside the article's first line it reads as part of the sentence.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ ]+(?:,\s*[A-Z][A-Za-z.]+)?|[A-Z][\w.'’ ,]*\([A-Za-z. ]+\))\s*[—–-]+\s+(?=[A-Z\"“])"
)
_COMMON_POS = {"NOUN", "VERB", "AUX", "ADJ", "ADV", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART"}
_LAST_WORD = re.compile(r"(\w+)\.$")


@dataclass
class _Context:
    """What the summary looks up while it writes: articles, quotes by article, entity names and
    the words the articles use in lower case (to tell a common word from a name), and the
    analysis' parses and vectors (``texts``)."""

    articles: dict[str, Article]
    texts: Texts
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    lower_words: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, article: str) -> str:
        """The reader's name of the article (its outlet, else "Article N"), never its id."""
        return self.labels.get(article, "another article")

    def sentence(self, article: str, sentence: str) -> Sentence | None:
        known = self.articles.get(article)
        if known is None:
            return None
        return next((s for s in known.sentences if s.id == sentence), None)


def _context(
    articles: Sequence[Article], quotes: Sequence[Quote], entities: Sequence[Entity], texts: Texts
) -> _Context:
    context = _Context(articles={a.id: a for a in articles}, texts=texts, labels=reader_labels(articles))
    for quote in quotes:
        context.quotes.setdefault(quote.article, []).append(quote)
    context.names = {e.id: e.name for e in entities}
    context.lower_words = {w for a in articles for w in _WORD.findall(a.body) if w.islower()}
    return context


def _clause(text: str, context: _Context | None = None) -> str:
    """A sentence made to follow "reports that": the first word is lower-cased only when it is a
    common word (a function word, one the articles also write in lower case, or a common noun,
    verb or adjective that is no part of a named entity), never a name ("Iranian leader ..."
    stays as it is)."""
    text = " ".join(text.split()).rstrip(" .")
    doc = context.texts.parse(text) if context is not None else parse(text)
    if not len(doc) or doc[0].pos_ == "PROPN" or (doc[0].is_upper and len(doc[0]) > 1) or doc[0].text == "I":
        return text
    first = doc[0]
    common = (
        first.is_stop
        or (context is not None and first.lower_ in context.lower_words)
        or (first.pos_ in _COMMON_POS and not first.ent_type_)
    )
    return text[:1].lower() + text[1:] if common else text


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


def _resolved(article: Article, sentence: Sentence, context: _Context) -> str:
    """The sentence with each pronoun that the quote finder resolved to a speaker ("..., he
    said.") replaced by the speaker's name, so the attribution survives outside the article."""
    if article.body[sentence.start : sentence.end] != sentence.text:
        return sentence.text
    swaps: list[tuple[int, int, str]] = []
    for quote in context.quotes.get(article.id, []):
        if quote.speaker_start is None or quote.speaker_end is None or not quote.speaker_text:
            continue
        if quote.speaker_text.lower() not in _SPEAKER_PRONOUNS:
            continue
        if not sentence.start <= quote.speaker_start < quote.speaker_end <= sentence.end:
            continue
        name = quote.speaker_name or context.names.get(quote.speaker or "")
        if name and name.lower() not in _SPEAKER_PRONOUNS:
            span = (quote.speaker_start - sentence.start, quote.speaker_end - sentence.start, name)
            if span not in swaps:
                swaps.append(span)
    text = sentence.text
    for start, end, name in sorted(swaps, reverse=True):
        text = text[:start] + name + text[end:]
    return text


def _unresolved(text: str, texts: Texts) -> bool:
    """Whether a third-person pronoun is the only speaker: it opens the sentence ("He warned
    ...") or is the subject of a speech verb ("..., she said") and no name outside the words
    that verb reports comes before it (in "Smith pleaded guilty when he was questioned" the
    pronoun is Smith; in "Iran will respond, he said" it is no one). Pronouns inside a
    quotation are the speaker's words, not an attribution."""
    doc = texts.parse(text)
    speech = lexicon()
    quoted = False
    names: list[int] = []
    for token in doc:
        if token.text in ("“", "”", '"'):
            quoted = token.text == "“" or (token.text == '"' and not quoted)
            continue
        if quoted:
            continue
        if token.pos_ == "PROPN":
            names.append(token.i)
        if token.i == 0 and token.lower_ in _OPENING_PRONOUNS:
            return True
        if token.lower_ not in _SPEAKER_PRONOUNS or token.pos_ != "PRON":
            continue
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in speech:
            reported = {t.i for t in token.head.subtree}
            if all(i in reported for i in names):
                return True
    return False


def _repaired(text: str) -> str:
    """A sentence that closes a quotation opened in an earlier sentence is all quotation up to
    the close: opening it again keeps the marks balanced once the sentence stands alone."""
    if text.count("”") > text.count("“") and text[:1] not in _OPENING_QUOTES:
        return "“" + text
    if text.count('"') % 2 and text[:1] != '"' and text.rstrip().endswith('"'):
        return '"' + text
    return text


def _cut_at_title(text: str) -> bool:
    """Whether the sentence ends on an abbreviated title ("... commander Maj."): the sentence
    splitter cut before the name that follows it."""
    last = _LAST_WORD.search(text.rstrip())
    return last is not None and last.group(1).lower() in honorifics()


def _well_formed(text: str) -> bool:
    """A whole sentence, not a piece cut out of one: it starts with a capital (or an opening
    quotation mark), ends like a sentence and not on an abbreviation the splitter cut at
    ("commander Maj."), opens every quotation it closes, and is of a length one reads as a
    sentence."""
    words = text.split()
    if not 4 <= len(words) <= 50:
        return False
    body = text.lstrip(_OPENING_QUOTES + " ")
    if not body[:1].isupper() or not _ENDING.search(text.rstrip()) or _cut_at_title(text):
        return False
    return _balanced(text)


def _balanced(text: str) -> bool:
    """Whether every quotation the text closes it also opens, and every one it opens it closes.
    A straight quote opens when it starts the text or follows a space or an opening bracket."""
    depth = 0
    for i, char in enumerate(text):
        opening = char == "“" or (char == '"' and (i == 0 or text[i - 1] in " ([{—–-"))
        closing = char == "”" or (char == '"' and not opening)
        if opening:
            depth += 1
        elif closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _dangling(text: str, texts: Texts) -> bool:
    """Whether the sentence opens by pointing back at the one before it ("Still, ...", "Of
    course, ...", "In addition, ..."): a connective, or a short opening phrase before a comma
    that names nothing (no entity, no number)."""
    doc = texts.parse(text)
    if not len(doc):
        return False
    if doc[0].pos_ in ("ADV", "CCONJ"):
        return True
    comma = next((t.i for t in doc[:4] if t.text == ","), None)
    return comma is not None and not any(t.ent_type_ or t.like_num for t in doc[:comma])


def _names(text: str, speaker: str) -> bool:
    """Whether the text names the speaker (any part of the name longer than an initial)."""
    lowered = text.lower()
    return any(len(part) > 2 and part.lower() in lowered for part in speaker.split())


def _speaker_in(article: Article, sentence: Sentence, context: _Context) -> tuple[str | None, bool]:
    """The name of the speaker of a quote within the sentence, as resolved in its article, and
    whether the whole sentence lies inside that quote (its words are the speaker's, though the
    sentence itself may show no quotation mark: the marks fell into the next sentence)."""
    for quote in context.quotes.get(article.id, []):
        if quote.start < sentence.end and quote.end > sentence.start:
            name = quote.speaker_name or context.names.get(quote.speaker or "")
            inside = quote.start <= sentence.start + 1 and quote.end >= sentence.end - 1
            if name and name.lower() not in _SPEAKER_PRONOUNS:
                return name, inside
            if inside:
                return None, True
    return None, False


def _best_text(fact: Fact, context: _Context) -> str:
    """The sentence that states the fact in the summary.

    Candidates are the whole supporting sentences (claim splitting can leave fragments in
    ``fact.text``), with pronoun speakers replaced by names. The best one names no one by a bare
    pronoun, is a well-formed sentence, names the speaker of a quoted claim, does not open by
    pointing back, and is the fact's own text when that qualifies. A quoted claim whose sentence
    does not name its speaker is attributed ("X said: ...", "According to X, ..."); the speaker
    found for the quote in that very sentence wins over the fact's, which is pooled across
    articles.
    """
    candidates: dict[str, tuple[str | None, bool]] = {}
    for support in fact.support:
        article = context.articles.get(support.article)
        sentence = context.sentence(support.article, support.sentence)
        if article is None or sentence is None:
            continue
        text = _repaired(_DATELINE.sub("", " ".join(_resolved(article, sentence, context).split())))
        if text not in candidates:
            speaker, inside = _speaker_in(article, sentence, context)
            candidates[text] = (speaker or fact.speaker, inside or text[:1] in _OPENING_QUOTES)
    if not candidates:
        candidates = {fact.text: (fact.speaker, False)}

    def unattributed(text: str) -> bool:
        # Words someone said, with no one named for them.
        speaker, inside = candidates[text]
        return inside and not (speaker and _names(text, speaker)) and speaker is None

    # An attribution can add a missing name; nothing can mend a fragment or a bare "he said".
    def rank(text: str) -> tuple[bool, bool, bool, bool, bool, int]:
        speaker, inside = candidates[text]
        quoted = fact.speaker is not None or inside
        return (
            _unresolved(text, context.texts) or unattributed(text),
            not _well_formed(text),
            quoted and speaker is not None and not _names(text, speaker),
            _dangling(text, context.texts),
            " ".join(fact.text.split()) != text,
            abs(len(text.split()) - 25),
        )

    context.texts.parse_many(list(candidates))  # every candidate is ranked: one parse batch
    best = min(candidates, key=rank)
    speaker, inside = candidates[best]
    if not (fact.speaker is not None or inside) or speaker is None or _names(best, speaker):
        return best
    if inside:
        words = best.strip(_OPENING_QUOTES + "”’ ")
        return (
            f"{speaker} said: “{words}”" if _ENDING.search(words) else _finish(f"{speaker} said: “{words}”")
        )
    return _finish(f"According to {speaker}, {_clause(best, context)}")


def _partial(fact: Fact, text: str, context: _Context) -> str:
    """``text`` attributed to the only outlets that report it."""
    reporters = sorted({s.article for s in fact.support})
    names = [context.label(a) for a in reporters]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "reports" if len(names) == 1 else "report"
    if text[:1] in _OPENING_QUOTES:
        # A quotation cannot follow "that"; it is reported as it stands.
        return f"Only {who} {verb}: {text}"
    return _finish(f"Only {who} {verb} that {_clause(text, context)}")


def _conflict(contradiction: Contradiction, context: _Context) -> SummarySentence | None:
    """One sentence saying where the accounts differ: the contradiction's own explanation when
    it names the outlets involved, else the first two claims side by side."""
    claims = [c for c in contradiction.claims if c.article in context.articles]
    refs: list[SentenceRef] = []
    for claim in claims:
        ref = SentenceRef(article=claim.article, sentence=claim.sentence)
        if ref not in refs:
            refs.append(ref)
    if len({c.article for c in claims}) < 2:
        return None
    explanation = " ".join(contradiction.explanation.split())
    named = sum(context.label(a) in explanation or a in explanation for a in {c.article for c in claims})
    if named >= 2:
        return SummarySentence(text=_finish(f"Accounts differ: {explanation}"), citations=refs)
    first, second = claims[0], next(c for c in claims if c.article != claims[0].article)
    text = (
        f"Accounts differ: {context.label(first.article)} reports that {_clause(first.text, context)}, "
        f"while {context.label(second.article)} reports that {_clause(second.text, context)}"
    )
    return SummarySentence(
        text=_finish(text),
        citations=[SentenceRef(article=c.article, sentence=c.sentence) for c in (first, second)],
    )


def _from_facts(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    context: _Context,
    config: InterpretConfig,
) -> list[SummarySentence]:
    from parallax.embed import cosine

    articles = context.articles

    def breadth(fact: Fact) -> str:
        # How widely it is told. A disputed fact most outlets tell still belongs with what they
        # all report (a meeting every outlet reports, disputed on what came before it); the
        # conflict is told after it, in its own sentence.
        return status_of(len({s.article for s in fact.support}), len(articles))

    shared = [f for f in facts if f.support and breadth(f) in ("consensus", "majority")]
    shared.sort(
        key=lambda f: (
            breadth(f) != "consensus",
            -len({s.article for s in f.support}),
            _position(f, articles),
        )
    )
    partial = [f for f in facts if f.status in ("minority", "unique") and f.support]
    # What more outlets report matters more; among equals, what the articles put first.
    partial.sort(key=lambda f: (-len({s.article for s in f.support}), _position(f, articles)))
    out: list[SummarySentence] = []
    said: list[str] = []
    cited: set[tuple[str, str]] = set()

    def repeats(text: str, fact: Fact) -> bool:
        # A fact whose sentence is already cited, or which says what an earlier summary
        # sentence says (facts split apart by wording), would state it twice.
        if any((s.article, s.sentence) in cited for s in fact.support):
            return True
        if not said:
            return False
        vectors = context.texts.embed([text, *said])
        return float(cosine(vectors[:1], vectors[1:]).max()) >= config.summary_duplicate_similarity

    def take(candidates: list[Fact], limit: int, only: bool) -> None:
        count = 0
        for fact in candidates:
            if count >= limit:
                break
            text = _best_text(fact, context)
            # Beyond what every outlet reports, a claim earns its place only as a whole sentence
            # that names whom it is about.
            weak = not _well_formed(text) or _unresolved(text, context.texts)
            if (breadth(fact) != "consensus" and weak) or repeats(text, fact):
                continue
            said.append(text)
            cited.update((s.article, s.sentence) for s in fact.support)
            shown = _partial(fact, text, context) if only else text
            out.append(SummarySentence(text=shown, citations=_refs(fact), support=[fact.id]))
            count += 1

    take(shared, config.summary_max_shared, only=False)
    take(partial, config.summary_max_partial, only=True)
    conflicts = [c for c in (_conflict(x, context) for x in contradictions) if c is not None]
    out += conflicts[: config.summary_max_conflicts]
    return out


def _is_lead(text: str, texts: Texts) -> bool:
    """A sentence that can open a summary: long enough, ends like prose, not a headline, and
    states something (has a subject: "Follow our channel for updates" is a prompt, not news)."""
    words = text.split()
    if len(words) < 8 or text.rstrip()[-1:] not in '.!?"”’' or text.isupper():
        return False
    doc = texts.parse(text)
    quoted = any(t.is_quote for t in doc)
    # Outside a quotation, news does not address the reader or speak as "we": that is the
    # outlet's own prompt ("follow our channel for the latest headlines").
    if not quoted and any(t.lower_ in _FIRST_SECOND_PERSON for t in doc):
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc)


def _first_close_groups(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Rows in order, each joining the first group that holds an earlier row at ``threshold`` or
    closer (else a new group): one look at the row's earlier cosines, not one per group."""
    groups: list[list[int]] = []
    group_of: list[int] = []
    for i in range(len(sims)):
        close = np.flatnonzero(sims[i, :i] >= threshold)
        joined = min(group_of[j] for j in close.tolist()) if len(close) else len(groups)
        if joined == len(groups):
            groups.append([])
        groups[joined].append(i)
        group_of.append(joined)
    return groups


def _from_leads(
    articles: Sequence[Article], context: _Context, config: InterpretConfig
) -> list[SummarySentence]:
    """Lead sentences of every article grouped by meaning: what several outlets lead with first,
    then a few leads only one outlet has, attributed to it."""
    from parallax.embed import cosine

    texts = context.texts
    leads: list[tuple[str, str, str]] = []
    for article in articles:
        prose = [s for s in article.sentences if _is_lead(s.text, texts)]
        leads += [(article.id, s.id, s.text) for s in prose[: config.summary_lead_sentences]]
    if not leads:
        return []
    vectors = texts.embed([t for _, _, t in leads])
    sims = cosine(vectors, vectors)
    groups = _first_close_groups(sims, config.summary_lead_similarity)
    # "Only X reports" must hold against every sentence of the other articles, not just leads.
    everything = [(a.id, s.text) for a in articles for s in a.sentences]
    all_vectors = texts.embed([t for _, t in everything])
    owners = np.array([other for other, _ in everything], dtype=object)
    shared = [g for g in groups if len({leads[i][0] for i in g}) >= 2]
    shared.sort(key=lambda g: (-len({leads[i][0] for i in g}), min(g)))
    alone = [
        g
        for g in groups
        if len({leads[i][0] for i in g}) == 1
        and texts.parse(leads[g[0]][2])[0].pos_ != "PRON"  # "he said ..." names no one once attributed
    ]
    # The cosines to every sentence, for these leads only and in chunks (leads x sentences
    # floats grow with the square of a story's size).
    unique = []
    for begin in range(0, len(alone), _CHUNK):
        chunk = alone[begin : begin + _CHUNK]
        outside = cosine(vectors[[g[0] for g in chunk]], all_vectors)
        for row, g in zip(outside, chunk, strict=True):
            others = owners != leads[g[0]][0]
            unique.append(bool(np.all(row[others] < config.summary_unique_max_similarity)))
    single = [g for g, keep in zip(alone, unique, strict=True) if keep]
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
        attributed = _finish(f"Only {context.label(source)} reports that {_clause(text, context)}")
        out.append(
            SummarySentence(text=attributed, citations=[SentenceRef(article=source, sentence=sentence)])
        )
    return out


def _sources(articles: dict[str, Article]) -> dict[tuple[str, str], str]:
    return {(a.id, s.id): s.text for a in articles.values() for s in a.sentences}


def supported(
    text: str,
    sources: Sequence[str],
    config: InterpretConfig = DEFAULT.interpret,
    texts: Texts | None = None,
) -> bool:
    """Whether ``text`` says what its cited ``sources`` say.

    Three checks: the closest source is near in meaning (embedding cosine), every number in
    the sentence appears in a source, and every capitalised name does too. Vectors come from
    ``texts`` (the analysis' table) when given.
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
    vectors = texts.embed([text, *sources]) if texts is not None else embed([text, *sources])
    return float(cosine(vectors[:1], vectors[1:]).max()) >= config.summary_llm_min_similarity


def rewrite(
    sentences: Sequence[SummarySentence],
    articles: Sequence[Article],
    writer: Writer | str,
    config: InterpretConfig = DEFAULT.interpret,
    texts: Texts | None = None,
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
    if isinstance(writer, str):  # a URL, as before the Writer interface
        writer = OpenAICompatible(writer, config.llm_model or "default", config.summary_llm_timeout_s)
    content = writer.write(prompt)
    if content is None:
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
        if supported(text, cited, config, texts):
            out.append(SummarySentence(text=text, citations=refs, support=facts))
    return out or list(sentences)


def summarize(
    facts: Sequence[Fact],
    contradictions: Sequence[Contradiction],
    articles: Sequence[Article],
    config: InterpretConfig = DEFAULT.interpret,
    quotes: Sequence[Quote] = (),
    entities: Sequence[Entity] = (),
    texts: Texts | None = None,
) -> list[SummarySentence]:
    """A neutral summary in which every sentence cites its support.

    ``quotes`` and ``entities`` (optional) let it name the speaker of a quoted claim that its
    sentence attributes only to a pronoun ("..., he said"). Parses and vectors come from
    ``texts`` (the analysis' table; the default model when not given).
    """
    if not articles:
        return []
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    if any(not a.sentences for a in articles):
        articles = add_sentences(articles, texts.config, texts)
    context = _context(articles, quotes, entities, texts)
    known = _sources(context.articles)
    summary = (
        _from_facts(facts, contradictions, context, config)
        if facts
        else _from_leads(articles, context, config)
    )
    writer = writer_for(config)
    if writer is not None and summary:
        summary = rewrite(summary, articles, writer, config, texts)
    # No sentence without a citation that exists in the articles.
    cleaned = []
    for sentence in summary:
        refs = [r for r in sentence.citations if (r.article, r.sentence) in known]
        if refs:
            cleaned.append(sentence.model_copy(update={"citations": refs}))
    return cleaned
