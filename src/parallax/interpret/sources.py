"""Sources: to whom each article attributes what it reports, and what kind of source that is.

Two readings of the parse feed it. Every quote the quote finder found (``annotate.quotes``) names
a speaker; and phrases that cite a source without quoting anyone are read here: "according to
X", "X reported", "citing X", "quoted by X", "in a statement", "on its website". Each source is
classified from generic cue words and the entity tagger, never from names: "state media",
"state-run" (state media); "official website", "statement" (an official channel); "news
agency", "newspaper", a subject of "reported" (a news outlet); "report", "document", "poll" (a
document); "sources", "officials", "analysts" with no name (anonymous); government words or an
organisation or place name (an official body); a person's name (a person). A source's share is
the part of the article's attributed sentences that cite it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parallax.annotate import quotes as quote_rules
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT
from parallax.models import Article, ArticleSources, KindShare, Quote, SourceKind, SourceUse

KIND_LABELS: dict[str, str] = {
    "person": "named person",
    "official-body": "official body",
    "official-channel": "official statement or website",
    "state-media": "state media",
    "news-outlet": "news outlet",
    "document": "document",
    "anonymous": "unnamed source",
}
_STATE_MEDIA = re.compile(
    r"\b(?:state|government)[- ](?:run|owned|controlled|affiliated|backed)\b"
    r"|\bstate (?:media|television|tv|news|broadcaster|radio|press|agency|outlets?|newspapers?)\b"
    r"|\bofficial (?:news agency|media|television|tv|broadcaster|newspaper)\b"
)
_CHANNEL = re.compile(
    r"\b(?:official|his|her|its|their)\s+(?:\w+\s+)?(?:web ?site|site|account|channel|page)\b"
    r"|\b(?:statement|communiqu[eé]|press release|news release|tweet|twitter|post(?:ed)?|briefing|decree)\b"
)
_NEWS = re.compile(
    r"\b(?:news|newspapers?|agency|agencies|outlets?|broadcasters?|television|tv|radio|daily|"
    r"dailies|magazines?|wire|media|press|web ?sites?|sites?|networks?|reporters?|correspondents?|"
    r"journalists?|tabloids?|channels?|reports? by)\b"
)
_DOCUMENT = re.compile(
    r"\b(?:reports?|documents?|letters?|filings?|memos?|memorandum|stud(?:y|ies)|surveys?|polls?|"
    r"records?|indictments?|transcripts?|data|figures|statistics|papers|cables?|emails?|leaks?)\b"
)
_BODY = re.compile(
    r"\b(?:government|ministry|ministries|military|army|police|court|council|parliament|congress|"
    r"senate|committee|department|administration|office|cabinet|embassy|commission|authority|"
    r"authorities|forces|regime|presidency|white house|kremlin|party|campaign|company|"
    r"organi[sz]ation|coalition|union|corps|guards?)\b"
)
_ANONYMOUS = re.compile(
    r"\b(?:sources?|officials?|analysts?|observers?|circles|people|aides?|diplomats?|insiders?|"
    r"experts?|witnesses|residents|critics|activists|spokesm[ae]n|spokespersons?|someone|others|"
    r"hardliners?|members|lawmakers|legislators|militiamen|fighters|supporters)\b"
)
# Verbs whose subject is where a report comes from ("X reported", "X quoted Y").
_REPORTING = {"report", "quote", "cite", "publish", "broadcast", "carry", "air", "reveal"}
_REPORTED = re.compile(r"(?:report|publish|broadcast|quot|carri|aired)")
_CHANNEL_NOUNS = {"statement", "website", "site", "communique", "release", "tweet", "post", "account"}
_DROP = {"the", "a", "an", "his", "her", "its", "their", "our", "some", "many", "several", "other"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "them"}
_MAX_WORDS = 9
# Kinds read off a name alone; a cue word beside it ("news website X") says more.
_GENERIC = {"person", "official-body", "anonymous"}


def classify(text: str, names: Iterable[str] = (), cue: str | None = None) -> SourceKind:
    """The kind of a source from the words that name it and the entity types ``names`` it holds."""
    words = " ".join(text.lower().split())
    types = set(names)
    if _STATE_MEDIA.search(words):
        return "state-media"
    if _CHANNEL.search(words) and not re.search(r"\bnews\b", words):
        return "official-channel"
    if _NEWS.search(words):
        return "news-outlet"
    if _DOCUMENT.search(words):
        return "document"
    if cue and _REPORTED.match(cue.lower()) and "PERSON" not in types:
        return "news-outlet"
    if "PERSON" in types:
        return "person"
    if _BODY.search(words):
        return "official-body"
    if _ANONYMOUS.search(words) and not types & {"ORG", "PERSON"}:
        return "anonymous"
    if types & {"ORG", "GPE", "NORP", "FAC"}:
        return "official-body"
    capitalised = text[:1].isupper() and text.lower() not in _PRONOUNS
    if capitalised or any(w[:1].isupper() for w in text.split()[1:]):
        return "person" if len(text.split()) >= 2 else "official-body"
    return "anonymous"


def _key(name: str) -> str:
    """A source's name compared across sentences and articles, without articles and possessives."""
    words = [w for w in re.findall(r"[\w-]+", name.lower()) if w not in _DROP and w != "s"]
    return " ".join(words)


@dataclass
class _Citation:
    sentence: str
    name: str
    kind: SourceKind
    cue: str


def _phrase(head: Token) -> Span:
    """The words naming a source: the head's subtree, cut at a comma or relative clause."""
    doc = head.doc
    tokens = [t for t in head.subtree]
    start = tokens[0].i
    end = head.i + 1
    for token in tokens:
        if token.i <= head.i:
            continue
        named = token.dep_ == "appos" and token.pos_ == "PROPN"  # "news website X"
        if token.is_punct or (token.dep_ in ("relcl", "acl", "appos", "cc") and not named):
            break
        if token.lower_ in ("who", "which"):
            break
        end = token.i + 1
    while start < head.i and doc[start].is_punct:
        start += 1
    if end - start > _MAX_WORDS:
        start = max(start, end - _MAX_WORDS)
    return doc[start:end]


def _names_source(head: Token) -> bool:
    """Whether the object of "citing" is a source ("citing officials") rather than a reason."""
    word = head.lower_
    return head.pos_ == "PROPN" or any(
        p.search(word) for p in (_NEWS, _DOCUMENT, _ANONYMOUS, _CHANNEL, _BODY)
    )


def _phrases(doc: Doc) -> Iterable[tuple[Span, str]]:
    """Sources cited without a quote: (the phrase naming it, the cue)."""
    for token in doc:
        lower = token.lower_
        if lower == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                yield _phrase(objects[0]), "according to"
        elif token.pos_ == "VERB" and token.lemma_.lower() in _REPORTING:
            if token.lemma_.lower() in ("quote", "cite"):
                for child in token.children:
                    if child.dep_ == "agent":
                        yield from ((_phrase(c), "quoted by") for c in child.children if c.dep_ == "pobj")
                    elif child.dep_ == "dobj" and token.tag_ == "VBG" and _names_source(child):
                        yield _phrase(child), token.lower_
            subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS]
            if subjects:
                yield _phrase(subjects[0]), token.lower_
        elif lower in _CHANNEL_NOUNS and token.dep_ == "pobj" and token.head.lower_ in ("in", "on", "via"):
            yield _phrase(token), f"{token.head.lower_} {lower}"


def _entity_types(span: Span) -> set[str]:
    return {t.ent_type_ for t in span if t.ent_type_}


def _attributes(quote: Quote, doc: Doc) -> bool:
    """A quote that attributes information: marked speech, or a cue of saying or believing
    ("said", "according to"), not one of intent or action ("vowed to", "continues")."""
    if quote.kind == "direct":
        return True
    cue = (quote.cue or "").lower()
    if cue.startswith("according"):
        return True
    if quote.cue_start is None:
        return False
    token = next((t for t in doc if t.idx >= quote.cue_start), None)
    if token is None:
        return False
    lex = quote_rules.lexicon()
    return token.lemma_.lower() in lex.clause or token.lemma_.lower() in lex.prepositional


def _person_names(doc: Doc) -> set[str]:
    """The last words of the names the tagger marks as people (a resolved speaker is matched on them)."""
    return {
        words[-1]
        for ent in doc.ents
        if ent.label_ == "PERSON" and (words := re.findall(r"\w+", re.sub(r"['’]s\b", "", ent.text.lower())))
    }


def _citations(article: Article, doc: Doc, quotes: Sequence[Quote]) -> list[_Citation]:
    starts = [s.start for s in article.sentences]

    def sentence_at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        return article.sentences[i].id if i >= 0 else None

    found: list[_Citation] = []
    people = _person_names(doc)
    for quote in quotes:
        written = quote.speaker_text
        if not written or not _attributes(quote, doc):
            continue
        sentence = quote.sentence_ids[0] if quote.sentence_ids else sentence_at(quote.start)
        if sentence is None:
            continue
        span = None
        if quote.speaker_start is not None and quote.speaker_end is not None:
            span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        types = _entity_types(span) if span is not None else set()
        resolved = quote.speaker_name or written
        if resolved.lower() in _PRONOUNS:
            continue
        last = re.findall(r"\w+", resolved.lower())
        person = bool(last) and last[-1] in people and not _NEWS.search(written.lower())
        shown = resolved if written.lower() in _PRONOUNS else written
        kind = classify(shown, types | ({"PERSON"} if person else set()), quote.cue)
        # A person by their fullest name; any other source as the article words it.
        name = resolved if kind == "person" or written.lower() in _PRONOUNS else written
        found.append(_Citation(sentence, name, kind, (quote.cue or "").lower()))
    for phrase, cue in _phrases(doc):
        sentence = sentence_at(phrase.start_char)
        if sentence is None or not any(t.is_alpha for t in phrase):
            continue
        text = " ".join(phrase.text.split())
        if text.lower() in _PRONOUNS:
            continue
        found.append(_Citation(sentence, text, classify(text, _entity_types(phrase), cue), cue))
    return found


def _merge(citations: Sequence[_Citation]) -> list[_Citation]:
    """One citation per source and sentence: a quote's speaker and the same words read as a
    phrase ("according to X") are one citation; the fuller name and the more specific kind win."""
    by: dict[tuple[str, str], _Citation] = {}
    for item in citations:
        key = (item.sentence, _key(item.name))
        same = next(
            (
                k
                for k in by
                if k[0] == item.sentence and k[1] and key[1] and (k[1] in key[1] or key[1] in k[1])
            ),
            None,
        )
        if same is None:
            by[key] = item
            continue
        kept = by[same]
        if kept.kind in _GENERIC and item.kind not in _GENERIC:
            kept.kind = item.kind
        if len(item.name) > len(kept.name):
            kept.name = item.name
        if item.cue and item.cue not in kept.cue:
            kept.cue = f"{kept.cue}, {item.cue}" if kept.cue else item.cue
    return list(by.values())


def _vote(kinds: Sequence[SourceKind]) -> SourceKind:
    """The kind most of a source's citations give it; a tie goes to the kind cited first.

    (``max(set(kinds), ...)`` broke ties by the set's order, which follows the per-process string
    hash: BASIL DEV events 3 and 6 gave a source "person" in one run and "news outlet" or
    "unnamed source" in the next.)"""
    return Counter(kinds).most_common(1)[0][0]  # equal counts keep the order first met


def article_sources(article: Article, doc: Doc, quotes: Sequence[Quote]) -> ArticleSources:
    """One article's sources, with the share of its attributed sentences each one has."""
    citations = _merge(_citations(article, doc, quotes))
    attributed = {c.sentence for c in citations}
    groups: dict[str, list[_Citation]] = defaultdict(list)
    for citation in citations:
        groups[_key(citation.name) or citation.name.lower()].append(citation)
    total = len(attributed) or 1
    order = {s.id: i for i, s in enumerate(article.sentences)}
    uses = []
    for items in groups.values():
        sentences = sorted({c.sentence for c in items}, key=order.__getitem__)
        votes = [c.kind for c in items]
        cues = sorted({cue.strip() for c in items for cue in c.cue.split(",") if cue.strip()})
        uses.append(
            SourceUse(
                name=max((c.name for c in items), key=len),
                kind=_vote(votes),
                sentences=sentences,
                share=round(len(sentences) / total, 3),
                cues=cues,
            )
        )
    uses.sort(key=lambda u: (-len(u.sentences), u.name.lower()))
    by_kind: dict[SourceKind, set[str]] = defaultdict(set)
    for use in uses:
        by_kind[use.kind].update(use.sentences)
    shares = [
        KindShare(kind=k, sentences=len(s), share=round(len(s) / total, 3))
        for k, s in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return ArticleSources(
        article=article.id,
        sentences=len(article.sentences),
        attributed_sentences=len(attributed),
        kinds=shares,
        sources=uses,
    )


def find_sources(
    articles: Sequence[Article], quotes: Sequence[Quote], texts: Texts | None = None
) -> list[ArticleSources]:
    """Per article, to whom it attributes information (see the module docstring).

    Parses come from ``texts`` (the analysis' parses; the default model when not given)."""
    docs = (texts if texts is not None else Texts(DEFAULT.annotate)).parse_many([a.body for a in articles])
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article].append(quote)
    return [article_sources(a, d, by_article[a.id]) for a, d in zip(articles, docs, strict=True)]


@dataclass
class Comparison:
    """How the outlets' sourcing compares: who relies on state media, who cites whom alone."""

    by_kind: dict[str, list[tuple[str, float]]]
    quotes_no_one: list[str]
    only_here: dict[str, list[SourceUse]]


def compare(sources: Sequence[ArticleSources]) -> Comparison:
    """The cross-outlet reading of the per-article sources (article ids, for the renderers to label)."""
    cited_by: dict[str, set[str]] = defaultdict(set)
    for entry in sources:
        for use in entry.sources:
            cited_by[_key(use.name)].add(entry.article)
    by_kind: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for entry in sources:
        for share in entry.kinds:
            by_kind[share.kind].append((entry.article, share.share))
    only_here = {
        e.article: [u for u in e.sources if len(cited_by[_key(u.name)]) == 1]
        for e in sources
        if len(sources) > 1
    }
    return Comparison(
        by_kind={k: sorted(users, key=lambda x: -x[1]) for k, users in by_kind.items()},
        quotes_no_one=[e.article for e in sources if not e.attributed_sentences],
        only_here={a: u for a, u in only_here.items() if u},
    )
