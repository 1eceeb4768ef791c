"""Framing: the terms, titles, attribution verbs, loaded words and context each outlet chooses.

Term choices are read off the dependency parse: for each person the story is about, the words
that fill the same role around that person in every article ("X's assassination", "the killing
of X", "martyrdom of X", "X was killed", "slain general X") are the ways each outlet names what
happened to them. Titles are the words a name carries before it or in apposition ("Prime
Minister", "Imam"). The curated lexicon in ``data/framing.json`` only supplements what the parse
finds (forms of address, event nouns without a derivational suffix, loaded words).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parallax.annotate.nlp import add_sentences
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.interpret.context import added_context
from parallax.models import (
    Article,
    Entity,
    Fact,
    Framing,
    FramingTerm,
    Quote,
    TermChoice,
    TitleUse,
    VerbUse,
    WordUse,
)
from parallax.names import forms_of_address, name_key, ranks, role_words, without_possessive
from parallax.words import attribution_verbs, neutral_verbs

_PRONOUN_SUBJECTS = {"he", "she", "i", "we", "they"}
# Suffixes that make a noun name an action ("assassination", "killing", "martyrdom").
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ing", "dom", "ure")
# Adverbs ending in -ly that only place or count an event; they load nothing.
_NEUTRAL_LY = {
    "recently", "previously", "currently", "early", "only", "likely", "nearly", "largely", "mostly",
    "finally", "initially", "daily", "weekly", "monthly", "yearly", "usually", "respectively",
    "immediately", "formerly", "originally", "eventually", "lately", "approximately", "roughly",
    "partly", "newly", "jointly", "separately", "directly", "publicly", "officially", "formally",
    "personally", "especially", "particularly", "mainly", "primarily", "fully", "shortly", "family",
    "italy", "july", "supply", "apply", "reply", "rely", "fly", "ally", "rally", "holy",
}  # fmt: skip
_QUOTE_MARKS = {'"', "“", "”", "‘", "’", "'", "``", "''"}


@dataclass(frozen=True)
class Lexicon:
    """The curated supplements (``data/framing.json``); attribution verbs from ``parallax.words``."""

    attribution: frozenset[str]
    neutral_attribution: frozenset[str]
    address: frozenset[str]
    ranks: frozenset[str]
    event_nouns: frozenset[str]
    non_event_nouns: frozenset[str]
    loaded: frozenset[str]
    intensifiers: frozenset[str]
    telling_only: frozenset[str]
    legal_actors: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The curated word lists, loaded once from package data."""
    raw = json.loads(resources.files("parallax").joinpath("data/framing.json").read_text("utf-8"))
    return Lexicon(
        attribution=attribution_verbs(),
        neutral_attribution=neutral_verbs(),
        address=forms_of_address(),
        ranks=ranks(),
        event_nouns=frozenset(raw["event_nouns"]),
        non_event_nouns=frozenset(raw["non_event_nouns"]),
        loaded=frozenset(raw["loaded"]),
        intensifiers=frozenset(raw["intensifiers"]),
        telling_only=frozenset(raw["telling_only"]),
        legal_actors=frozenset(raw["legal_actors"]),
    )


def _word(token: Token) -> str:
    return token.text.lower().rstrip(".")


@dataclass
class _Person:
    """One person of the story and where each article names them."""

    id: str
    name: str
    spans: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))


def _plain_name(text: str) -> str:
    """A name as written, on one line, without a possessive ending ("Obama’s" -> "Obama")."""
    return without_possessive(re.split(r"['’]s\b", " ".join(text.split()))[0])


def _people(articles: Sequence[Article], docs: Sequence[Doc], entities: Sequence[Entity]) -> list[_Person]:
    """People from linked entities, else from spaCy PERSON names grouped by surname."""
    index = {a.id: i for i, a in enumerate(articles)}
    people: list[_Person] = []
    persons = [e for e in entities if e.type == "PERSON" and e.mentions]
    if persons:
        for entity in persons:
            person = _Person(entity.id, entity.name)
            for mention in entity.mentions:
                i = index.get(mention.article)
                if i is None:
                    continue
                span = docs[i].char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    person.spans[i].append(span)
            people.append(person)
        return people
    by_key: dict[str, _Person] = {}
    lex = lexicon()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not any(t.is_alpha for t in ent):
                continue
            key = name_key(ent.text)
            if key in lex.address or key in lex.ranks:
                continue
            name = _plain_name(ent.text)
            person = by_key.setdefault(key, _Person(key, name))
            if len(name) > len(person.name):
                person.name = name
    # Every mention of a surname: the whole name where the tagger marked one, the surname alone
    # where it missed it ("the Smith killing").
    for i, doc in enumerate(docs):
        seen: set[int] = set()
        for token in doc:
            if token.pos_ != "PROPN" or name_key(token.text) not in by_key:
                continue
            span = doc[token.i : token.i + 1]
            if token.ent_type_ == "PERSON":
                span = next(e for e in doc.ents if e.start <= token.i < e.end)
            if span.start not in seen:
                seen.add(span.start)
                by_key[name_key(token.text)].spans[i].append(span)
    for person in by_key.values():
        person.id = person.name
    return list(by_key.values())


def _is_event_noun(token: Token) -> bool:
    lemma, lex = token.lemma_.lower(), lexicon()
    if lemma in lex.non_event_nouns:
        return False
    return lemma in lex.event_nouns or (len(lemma) > 5 and lemma.endswith(_EVENT_SUFFIXES))


def _noun_term(noun: Token, after: int) -> str:
    """The noun with the participle or adjective modifiers between the person and it."""
    modifiers = [c for c in noun.lefts if c.dep_ == "amod" and c.i > after and c.tag_ in ("VBN", "JJ")]
    return " ".join([*(_word(m) for m in modifiers), noun.lemma_.lower()])


def _role_terms(head: Token, name: Span) -> list[str]:
    """Words that fill a role around one mention of a person (what is said to happen to them)."""
    terms: list[str] = []
    parent = head.head
    if head.dep_ == "poss" and parent.pos_ in ("NOUN", "PROPN") and _is_event_noun(parent):
        terms.append(_noun_term(parent, head.i))
    elif head.dep_ == "compound" and parent.pos_ in ("NOUN", "PROPN") and _is_event_noun(parent):
        terms.append(parent.lemma_.lower())
    elif (
        head.dep_ == "pobj"
        and parent.lower_ in ("of", "on", "against")
        and parent.head.pos_ in ("NOUN", "PROPN")
    ):
        noun = parent.head
        if _is_event_noun(noun):
            terms.append(_noun_term(noun, -1))
    elif (
        head.dep_ in ("dobj", "nsubjpass")
        and parent.pos_ == "VERB"
        and parent.lemma_ not in lexicon().attribution
    ):
        # What is done to the person; being told or urged something is attribution, not an event.
        terms.append(parent.text.lower())
    # Participles given to the person ("slain general X") name the event as well.
    for token in head.subtree:
        if token.i < name.start and token.dep_ == "amod" and token.tag_ == "VBN":
            terms.append(token.text.lower())
    return terms


def _row(
    referent: str, counts: Counter[tuple[str, str]], config: InterpretConfig
) -> tuple[int, FramingTerm] | None:
    """One referent's term choices, kept only when they compare outlets: several articles name
    it, some term is used by two of them (the same thing named) and the terms differ somewhere
    (a choice was made)."""
    covered = {a for a, _ in counts}
    shared = Counter(t for _, t in counts)
    if len(covered) < config.framing_min_articles or len(shared) < 2 or max(shared.values()) < 2:
        return None
    totals = Counter[str]()
    for (_, term), n in counts.items():
        totals[term] += n
    keep = {t for t, _ in totals.most_common(config.framing_max_terms)}
    choices = [
        TermChoice(article=a, term=t, count=n)
        for (a, t), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
        if t in keep
    ]
    return len(covered) * 100 + sum(totals.values()), FramingTerm(referent=referent, choices=choices)


def _person_counts(person: _Person, articles: Sequence[Article]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for i, spans in person.spans.items():
        seen: set[int] = set()
        for span in spans:
            head = span[-1]
            if head.i not in seen:
                seen.add(head.i)
                for term in _role_terms(head, span):
                    counts[(articles[i].id, term)] += 1
    return counts


_NEUTRAL_MODIFIERS = {
    "same", "such", "similar", "other", "much", "many", "few", "several", "own", "next", "last",
    "previous", "recent", "new", "further", "possible", "certain", "various", "additional", "only",
    "whole", "entire", "main", "major", "big", "small", "early", "late", "public", "level",
}  # fmt: skip


def _qualifies(token: Token) -> bool:
    """A word that qualifies an event the way an outlet chooses to ("terrorist", "landmark"), not
    one that counts, orders or dates it ("more", "first", "afternoon")."""
    return (
        token.dep_ in ("amod", "compound")
        and token.pos_ in ("ADJ", "NOUN", "VERB")
        and token.tag_ not in ("JJR", "JJS")
        and token.ent_type_ not in ("ORDINAL", "DATE", "TIME", "CARDINAL")
        and token.lower_ not in _NEUTRAL_MODIFIERS
    )


def _central_events(
    articles: Sequence[Article], docs: Sequence[Doc], config: InterpretConfig
) -> list[tuple[str, Counter[tuple[str, str]]]]:
    """The events nearly every article names with the same noun ("the attack", "the vote"), with
    the words each article qualifies it by ("terrorist attack", "deadly attack")."""
    uses: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for article, doc in zip(articles, docs, strict=True):
        for token in doc:
            if token.pos_ != "NOUN" or not _is_event_noun(token):
                continue
            modifiers = [c for c in token.lefts if _qualifies(c)]
            term = " ".join([*(m.lower_ for m in modifiers), token.lemma_.lower()])
            uses[token.lemma_.lower()][(article.id, term)] += 1
    needed = max(config.framing_min_articles, len(articles) - 1)
    central = [(lemma, c) for lemma, c in uses.items() if len({a for a, _ in c}) >= needed]
    central.sort(key=lambda lc: -sum(lc[1].values()))
    return [(f"the {lemma}", counts) for lemma, counts in central[: config.framing_max_events]]


def _terms(
    people: Sequence[_Person], articles: Sequence[Article], docs: Sequence[Doc], config: InterpretConfig
) -> list[FramingTerm]:
    """Term choices for each person of the story and for its central events, most covered first."""
    candidates = [(p.name, _person_counts(p, articles)) for p in people]
    candidates += _central_events(articles, docs, config)
    rows = [row for name, counts in candidates if (row := _row(name, counts, config)) is not None]
    rows.sort(key=lambda r: -r[0])
    return [r for _, r in rows]


def _split_title(tokens: Sequence[Token]) -> list[str]:
    """Forms of address stand alone ("Dr", "Sheikh"); the rest is one title phrase."""
    address = lexicon().address
    titles: list[str] = []
    end = len(tokens)
    while end and _word(tokens[end - 1]) in address:
        end -= 1
    # Address words peeled from the right, then the remaining phrase, in reading order.
    phrase = "".join(t.text_with_ws for t in tokens[:end] if not t.is_space)
    phrase = " ".join(phrase.split()).strip(" ,")
    if phrase:
        titles.append(phrase)
    titles += [t.text for t in tokens[end:]]
    return titles


_CONNECTORS = {"of", "the", "and", "for"}


def _title_run(span: Span) -> list[Token]:
    """The capitalised words right before a name on its line ("Leader of the Free World").

    The parse often splits long honorific compounds; their capitals hold them together.
    """
    doc = span.doc
    run: list[Token] = []
    i = span.start - 1
    while i >= 0:
        token = doc[i]
        if token.is_space or "\n" in token.whitespace_:
            break
        capital = (
            token.is_alpha
            and token.text[0].isupper()
            and (token.pos_ in ("PROPN", "NOUN", "ADJ") or token.tag_ == "VBN")
        )
        if not (capital or (token.lower_ in _CONNECTORS and run)):
            break
        run.insert(0, token)
        i -= 1
    while run and run[0].lower_ in _CONNECTORS:
        run.pop(0)
    return run


# Entity labels of things a name can sit beside without being anyone's title ("the silver Ford
# Fusion Smith was driving": a car, "Ford" tagged ORG).
_THING_LABELS = {"ORG", "PRODUCT", "FAC", "GPE", "LOC", "WORK_OF_ART", "EVENT", "LAW"}


def _names_a_thing(words: Sequence[Token]) -> bool:
    """Words before a name that are the name of a product, a firm or a place rather than a title:
    they do not end in a role word (a common noun or a known rank) and one of them is tagged as
    such a name ("the silver Ford Fusion"; but "Fox News host", "Texas Gov.", "Apple Chief
    Executive" end in their role)."""
    lex = lexicon()
    last = words[-1]
    if last.pos_ == "NOUN" or _word(last) in lex.address | lex.ranks | role_words():
        return False
    return any(t.ent_type_ in _THING_LABELS for t in words)


def _titles_of(span: Span, max_words: int) -> list[str]:
    """Titles and epithets one mention carries: leading title words, modifiers, appositions."""
    lex = lexicon()
    doc = span.doc
    titles: list[Token] = []
    start = span.start
    while start < span.end - 1 and (_word(doc[start]) in lex.address or _word(doc[start]) in lex.ranks):
        start += 1
    inside = list(doc[span.start : start])
    head = span.root
    before = list(doc[head.left_edge.i : span.start])
    # A title never runs across a line break (headlines and captions sit on their own lines).
    # Nor across a coordination or a parenthesis ("Trump and former Gov. X": "Trump" is no title).
    breaks = [
        k
        for k, t in enumerate(before)
        if t.is_space or "\n" in t.whitespace_ or t.pos_ == "CCONJ" or t.text in ",;()[]"
    ]
    if breaks:
        before = before[breaks[-1] + 1 :]
    # Drop what precedes the title proper: articles, possessors ("France's"), punctuation.
    while before and (before[0].dep_ in ("det", "poss", "case", "punct") or before[0].is_punct):
        drop = before[0]
        cut = max(t.i for t in drop.subtree) if drop.dep_ == "poss" else drop.i
        before = [t for t in before if t.i > cut]
    run = _title_run(span)
    if len(run) > len(before):
        before = run
    found: list[str] = []
    if (
        before
        and len(before) <= max_words
        and any(t.pos_ in ("NOUN", "PROPN") for t in before)
        and not _names_a_thing(before)
    ):
        titles = before + inside
    else:
        titles = inside
    if titles:
        found += _split_title(titles)
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words = [t for t in child.subtree if not t.is_space]
            while words and (words[-1].is_punct or words[0].dep_ == "det"):
                words = words[:-1] if words[-1].is_punct else words[1:]
            if words and len(words) <= max_words:
                found.append(" ".join("".join(t.text_with_ws for t in words).split()))
    # A title has letters and no figures ("14 percent" is a poll number next to a name).
    return [
        t
        for t in found
        if sum(c.isalpha() for c in t) >= 2 and not t.endswith("-") and not any(c.isdigit() for c in t)
    ]


def _titles(
    people: Sequence[_Person], articles: Sequence[Article], config: InterpretConfig
) -> list[TitleUse]:
    out: list[TitleUse] = []
    seen: set[tuple[str, str, str]] = set()
    for person in people:
        for i, spans in person.spans.items():
            for span in spans:
                for title in _titles_of(span, config.framing_max_title_words):
                    key = (person.id, articles[i].id, title.lower())
                    if key not in seen:
                        seen.add(key)
                        out.append(TitleUse(entity=person.id, article=articles[i].id, title=title))
    return out


def _person_like(subject: Token) -> bool:
    if subject.lower_ in _PRONOUN_SUBJECTS or subject.ent_type_ == "PERSON":
        return True
    lex = lexicon()
    return (
        _word(subject) in lex.ranks
        or _word(subject) in lex.address
        or any(t.ent_type_ == "PERSON" for t in subject.subtree)
    )


def _speaker_verb(token: Token) -> bool:
    """An attribution verb whose subject is a person ("Smith claimed", "he warned")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon().attribution:
        return False
    verb: Token | None = token
    # A participle without its own subject ("..., vowing to retaliate") borrows its head's.
    for _ in range(3):
        if verb is None:
            return False
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _person_like(subjects[0])
        verb = verb.head if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i else None
    return False


def _attribution(articles: Sequence[Article], docs: Sequence[Doc], quotes: Sequence[Quote]) -> list[VerbUse]:
    """Attribution verbs per article: every quote's cue, plus speech verbs with a person as
    subject that no quote claimed (a paraphrase the quote finder left out is still attributed)."""
    out: list[VerbUse] = []
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_article.setdefault(quote.article, []).append(quote)
    for article, doc in zip(articles, docs, strict=True):
        counts: Counter[str] = Counter()
        claimed_offsets: set[int] = set()
        claimed_words: set[tuple[str, str]] = set()  # (sentence id, cue) for cues without offsets
        for quote in by_article.get(article.id, []):
            if not quote.cue:
                continue
            counts[quote.cue.lower()] += 1
            if quote.cue_start is not None:
                claimed_offsets.add(quote.cue_start)
            else:
                claimed_words.update((s, quote.cue.lower()) for s in quote.sentence_ids)
        for token in doc:
            if token.idx in claimed_offsets or not _speaker_verb(token):
                continue
            held = article.sentence_at(token.idx)
            sentence = held.id if held is not None else ""
            if (sentence, token.lower_) not in claimed_words:
                counts[token.lower_] += 1
        out += [VerbUse(article=article.id, verb=v, count=n) for v, n in counts.most_common()]
    return out


def _telling(token: Token) -> bool:
    """A verb of telling in the active voice ("he charged that", "accusing Trump of"), not the
    legal or plain term the same word is in a crime story ("was charged with murder", "the man
    accused of the shooting", "the accused", "the alleged gunman", "prosecutors accused him")."""
    if token.pos_ != "VERB" or (token.tag_ == "VBN" and token.dep_ in ("amod", "acl", "relcl")):
        return False
    children = list(token.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return False
    # "charged with murder", "charged with overseeing": the indictment or the duty.
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in children):
        return False
    legal = lexicon().legal_actors
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in legal for c in children)


def loaded_tokens(doc: Doc) -> list[Token]:
    """Tokens a reader would take as loaded or evaluative, found by lexicon and by their role.

    Beyond the lexicon: degree and manner adverbs ("blatantly", "reluctantly"), attribution
    verbs that judge the speaker ("claimed", "charged"), and words an outlet puts in scare
    quotes (one to three words between quote marks). Words loaded only as a verb of telling
    ("charge", "accuse") are not loaded in their legal sense ("was charged with murder").
    """
    lex = lexicon()
    found: dict[int, Token] = {}
    for token in doc:
        lemma, word = token.lemma_.lower(), token.text.lower()
        if not token.is_alpha:
            continue
        in_lexicon = (lemma in lex.loaded or word in lex.loaded) and token.pos_ in (
            "ADJ",
            "ADV",
            "VERB",
            "NOUN",
        )
        degree = token.pos_ == "ADV" and (
            word in lex.intensifiers or (word.endswith("ly") and len(word) > 4 and word not in _NEUTRAL_LY)
        )
        judging = (
            lemma in lex.attribution
            and lemma not in lex.neutral_attribution
            and token.pos_ == "VERB"
            and _speaker_verb(token)
        )
        if (in_lexicon or judging) and lemma in lex.telling_only and not _telling(token):
            in_lexicon = judging = False
        if in_lexicon or degree or judging:
            found[token.i] = token
    for token in doc:
        # Scare quotes: a short quoted phrase inside a sentence, not a quotation of speech.
        if token.text in _QUOTE_MARKS and token.i + 2 < len(doc):
            for width in (1, 2, 3):
                end = token.i + 1 + width
                if end < len(doc) and doc[end].text in _QUOTE_MARKS:
                    inner = doc[token.i + 1 : end]
                    if all(t.is_alpha for t in inner) and not any(t.pos_ in ("VERB", "AUX") for t in inner):
                        found.update({t.i: t for t in inner if t.pos_ in ("NOUN", "ADJ") and not t.ent_type_})
                    break
    return [found[i] for i in sorted(found)]


def _loaded(articles: Sequence[Article], docs: Sequence[Doc], config: InterpretConfig) -> list[WordUse]:
    out: list[WordUse] = []
    for article, doc in zip(articles, docs, strict=True):
        counts = Counter(t.text.lower() for t in loaded_tokens(doc))
        out += [
            WordUse(article=article.id, word=w, count=n)
            for w, n in counts.most_common(config.framing_max_loaded_words)
        ]
    return out


def analyze_framing(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    facts: Sequence[Fact],
    config: InterpretConfig = DEFAULT.interpret,
    texts: Texts | None = None,
) -> Framing:
    """Terms, titles, attribution verbs, loaded words and added context, per article.

    Parses and vectors come from ``texts`` (the analysis' table; the default model when not given)."""
    if not articles:
        return Framing()
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    if any(not a.sentences for a in articles):
        articles = add_sentences(articles, texts.config, texts)
    docs = texts.parse_many([a.body for a in articles])
    people = _people(articles, docs, entities)
    return Framing(
        terms=_terms(people, articles, docs, config),
        titles=_titles(people, articles, config),
        attribution_verbs=_attribution(articles, docs, quotes),
        context=added_context(facts, articles, config, texts),
        loaded_words=_loaded(articles, docs, config),
    )
