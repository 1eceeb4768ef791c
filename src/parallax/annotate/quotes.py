"""Quotes: direct, partial, indirect and unmarked speech, with cue and speaker as written.

How a quote is found, in order (every rule about quotes lives in this module, ``quote_marks`` and
``speakers``; every word list in ``data/speech_verbs.json`` and ``data/titles.json``):

1. Quotation marks are paired per paragraph (``quote_marks``), tolerating unbalanced, nested and
   mismatched (curly/straight) marks; a paragraph that closes a quotation left open in the one
   before is quoted up to its closing mark, and both parts take the cue after it.
2. Every attribution cue is read off spaCy's dependency parse, the cue's lemma picking where its
   content hangs: speech and belief verbs take their clause (``ccomp``), verbs of intent their
   to-infinitive (``xcomp``), stance verbs their object with its complement ("described X as Y"),
   prepositional cues their preposition's object ("called for X"), noun cues with a possessor
   theirs ("his criticism of X"). The speaker is the subject (``nsubj``; shared along ``conj`` and
   ``advcl`` and "by saying", never lent by a reported clause). "…, X said, …" (``parataxis``)
   takes the host clause; "according to X, …" and "as X reported, …" the clause they modify; a
   passive cue ("is said to …") has content and no speaker; of two subjects, the speaker is the
   one next to the cue; a headline "Name: words" / "words: Name" (or "Poll: words") takes the
   colon as its cue. An object runs on through the
   prepositional and "as" complements the parser hung on the verb, content runs past a colon
   that announces its rest, and a closing aside (", who …", ", a group that …") is cut.
   A verb no rule took is a candidate cue, with the first of its clause, to-infinitive, object or
   prepositional object as content; the learned ``cue_model`` (trained offline on PolNeAR's
   tuning half) keeps the likely ones whose content no rule already reports.
3. Content mostly inside quotation marks is a ``direct`` quote (the marked span); content holding
   a shorter quoted fragment is ``partial``; content with no marks is ``indirect``.
4. Marked spans no cue claimed take the cue right after their closing mark (whichever sentence
   the parser put it in) or of their sentence ("“…,” he said, “…”" becomes one quote; a fragment
   after the cue makes the rest of the sentence a ``partial`` quote), or of the previous sentence
   ending in a colon, or continue the previous quote's speaker when they open a
   sentence right after it (in the same paragraph they join it; a following paragraph that is all
   quotation becomes its own quote); the rest are ``unmarked``.
5. Speakers are resolved within the article (``speakers.SpeakerResolver``): pronouns, role nouns
   and titles, surnames, "the former/latter", each to the fullest name the article gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from parallax.annotate import cue_model, nlp
from parallax.annotate.quote_marks import continuation_end, pair_marks
from parallax.annotate.speakers import SpeakerResolver
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AnnotateConfig
from parallax.models import Article, Quote, QuoteKind
from parallax.names import title_lexicon
from parallax.words import WORD, verb_lexicon

_PARAGRAPH = re.compile(r"[^\n]+")
_INFLECTIONS = (
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
)
_ASIDES = {"relcl", "advcl"}
_ASIDE_OPENERS = {"who", "which", "whose", "whom", "while", "whereas"}
_LINE_BREAKS = re.compile(r"\n\s*")
_OPENS_SENTENCE = re.compile(r"(?:^|\n|[.!?…][\"'”’]?)[^\S\n]*$")
_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_OBJECTS = {"dobj", "obj"}
_COMPLEMENTS = {"dobj", "obj", "oprd", "xcomp", "ccomp", "dative"}
_AS_FOR = {"as", "for", "of", "over", "about"}
_COLON_WITHIN = 6
_TRAILING_CUE_WITHIN = 5
_COLON_MIN_WORDS = 3
_SPEECH_MIN_WORDS = 3
_CLOSING_PUNCT = set(".,;:!?…")
# "What has countered X is …": a free relative is no speaker
_WH_SUBJECTS = {"what", "whatever"}
_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "with", "by"}
_SPEAKING_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
_RELATIVE = {"who", "which", "that", "whom"}
# Climbing from a cue to the verb whose subject it shares ("stood and said", "…, adding that …").
_SHARES_SUBJECT = {"conj", "advcl", "xcomp"}
_CONTENT_DEPS = {"ccomp", "xcomp"}
_CLIMB = 4
_MEANS = {"by", "in", "while", "after", "before"}
_FINITE = {"VBD", "VBZ", "VBP"}
_WHEN = {"DATE", "TIME"}
_COLON_AFTER = re.compile(r"[^\S\n]*:[^\S\n]*(?=\S)")
_SENTENCE_END = re.compile(r"[.!?]([\"'”’]?)(?=\s|$)|\n")
_PARAGRAPH_GAP = re.compile(r"[^\S\n]*\n\s*")
_OPENING_MARK = re.compile(r"``|[\"“„«]")


@dataclass(frozen=True)
class Lexicon:
    """Cue lemmas by the dependency that holds their content (see ``data/speech_verbs.json``)."""

    clause: frozenset[str]
    intent: frozenset[str]
    stance: frozenset[str]
    seeing: frozenset[str]
    nouns: dict[str, frozenset[str]]
    prepositional: dict[str, frozenset[str]]
    sources: frozenset[str]
    speech: frozenset[str] = frozenset()  # the speech verbs alone (``clause`` adds belief verbs)
    # speech only with a finite clause or quotation ("charged that X"; not "is charged with murder")
    clause_only: frozenset[str] = frozenset()

    def __contains__(self, lemma: object) -> bool:
        return (
            lemma in self.clause
            or lemma in self.intent
            or lemma in self.stance
            or lemma in self.seeing
            or lemma in self.prepositional
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The curated speech-verb lexicon shipped in ``parallax/data``."""
    data = verb_lexicon()
    return Lexicon(
        clause=frozenset(data["speech"]) | frozenset(data["belief"]),
        intent=frozenset(data["intent"]),
        stance=frozenset(data["object"]),
        seeing=frozenset(data["object_as"]),
        nouns={noun: frozenset(links) for noun, links in data["nouns"].items()},
        prepositional={verb: frozenset(preps) for verb, preps in data["prepositional"].items()},
        sources=frozenset(data["sources"]),
        speech=frozenset(data["speech"]),
        clause_only=frozenset(data["clause_only"]),
    )


@dataclass
class _Attribution:
    """A cue with its speaker and content, in character offsets into the text."""

    start: int
    end: int
    kind: QuoteKind
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_token: Token | None = None


def quotes_in_text(
    text: str,
    article_id: str,
    config: AnnotateConfig = DEFAULT.annotate,
    first_id: int = 1,
    texts: Texts | None = None,
) -> list[Quote]:
    """Quotes of one text, offsets into ``text`` as given; ids run ``q{first_id}``, ``q{first_id+1}``…

    The parse comes from ``texts`` (the analysis' parses) when given."""
    doc = texts.parse(text) if texts is not None else nlp.parse(text, config)
    sentences = list(nlp.sentences(doc))
    found, quoted = _attribute(doc, text, sentences, config)
    resolver = SpeakerResolver(doc, quoted)
    quotes: list[Quote] = []
    for number, item in enumerate(found, first_id):
        position = min(item.start, item.speaker[0]) if item.speaker else item.start
        # a continuation has no speaker words of its own: its token is where the previous quote's was
        name = resolver.resolve(item.speaker_token, item.speaker, position)
        quotes.append(
            Quote(
                id=f"q{number}",
                article=article_id,
                sentence_ids=[
                    f"s{i}"
                    for i, sent in enumerate(sentences, 1)
                    if sent.start_char < item.end and sent.end_char > item.start
                ],
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                kind=item.kind,
                speaker_text=text[item.speaker[0] : item.speaker[1]] if item.speaker else None,
                speaker_start=item.speaker[0] if item.speaker else None,
                speaker_end=item.speaker[1] if item.speaker else None,
                cue=text[item.cue[0] : item.cue[1]] if item.cue else None,
                cue_start=item.cue[0] if item.cue else None,
                cue_end=item.cue[1] if item.cue else None,
                speaker_name=name,
            )
        )
    return quotes


def find_quotes(
    articles: Sequence[Article], config: AnnotateConfig = DEFAULT.annotate, texts: Texts | None = None
) -> list[Quote]:
    """Quotes of every article, speakers as written and resolved within the article (``speaker_name``).

    The bodies are parsed in ``texts`` (once for the whole analysis); a fresh one when not given."""
    texts = texts if texts is not None else Texts(config)
    texts.parse_many([a.body for a in articles])
    quotes: list[Quote] = []
    numbered = 0
    for article in articles:
        found = quotes_in_text(article.body, article.id, config, first_id=numbered + 1, texts=texts)
        numbered += len(found)
        # a belief, intent or stance (kind "attribution", learned path) is reported, but no quote
        quotes.extend(q for q in found if q.kind != "attribution")
    return quotes


def quote_record(quote: Quote) -> dict[str, object]:
    """A quote as one ``parallax quotes`` output record: ``speaker`` is the resolved name (contract)."""
    return {
        "id": quote.id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker_text": quote.speaker_text,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "speaker": quote.speaker_name,
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "sentence_ids": quote.sentence_ids,
    }


# --- finding attributions ---------------------------------------------------------------------


def _attribute(
    doc: Doc, text: str, sentences: list[Span], config: AnnotateConfig
) -> tuple[list[_Attribution], list[bool]]:
    """Every attribution of a text, and which tokens lie inside quotation marks."""
    if config.learned_attribution:
        from parallax.annotate import attribution_model

        return attribution_model.attribute(doc, text, config)
    found, marked, inside, paragraphs = _by_rules(doc, text)
    if config.learned_cues:
        found.extend(_learned(doc, text, found, inside, paragraphs))
    used = _classify(found, marked, text, config)
    found.extend(_leftover_marks(text, sentences, marked, used, found, inside, lexicon(), config))
    _open_before_continuation(found, text)
    return _one_per_span(found), inside


def _open_before_continuation(found: list[_Attribution], text: str) -> None:
    """A quotation left open at a paragraph's end whose rest closes in the next paragraph before a
    cue ("“… in secret.\n\nThey … rushed,” Hale wrote.") is that speaker's quotation too."""
    by_start = {a.start: a for a in found if a.kind == "direct" and a.speaker_token is not None}
    for item in found:
        gap = _PARAGRAPH_GAP.match(text, item.end)
        if item.kind != "unmarked" or gap is None:
            continue
        rest = by_start.get(gap.end())
        if rest is not None and not _OPENING_MARK.match(text, rest.start):
            item.kind, item.cue = "direct", rest.cue
            item.speaker, item.speaker_token = rest.speaker, rest.speaker_token


def learning_candidates(text: str) -> list[CueCandidate]:
    """The candidates the cue model scores in ``text`` (what ``benchmarks/train_cues.py`` learns from)."""
    doc = nlp.parse(text)
    found, _, inside, paragraphs = _by_rules(doc, text)
    return cue_candidates(doc, text, found, inside, paragraphs)


def _by_rules(
    doc: Doc, text: str
) -> tuple[list[_Attribution], list[tuple[int, int]], list[bool], list[tuple[int, int]]]:
    """Attributions the cue rules find, the quotation-mark spans, which tokens lie inside, paragraphs."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    marked = _marked_spans(text, paragraphs)
    inside = _inside_marks(doc, marked)
    lex = lexicon()
    found: list[_Attribution] = []
    seen: set[tuple[int, int]] = set()
    for token in doc:
        if inside[token.i]:
            continue
        if token.lower_ == "according":
            item = _according(token, inside)
        elif _as_reported(token, lex):
            item = _as_source(token)
        elif token.pos_ == "NOUN":
            item = _nominal(token, lex)
        else:
            item = _cue(token, lex)
        if item is None:
            continue
        item = _clip_to_paragraph(_past_colon(item, text), token, paragraphs)
        if item is None or (item.start, item.end) in seen:
            continue
        seen.add((item.start, item.end))
        found.append(item)
    # headlines are lines: the parser may end a sentence at their colon
    for start, end in paragraphs:
        line = doc.char_span(start, end, alignment_mode="expand")
        item = _colon(line, inside) if line is not None else None
        if item is not None and (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            found.append(item)
    return found, marked, inside, paragraphs


def _marked_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations of every paragraph, and the closing part of one left open in the paragraph before
    (the start of the paragraph up to its closing mark)."""
    marked: list[tuple[int, int]] = []
    left_open = False
    for p0, p1 in paragraphs:
        paragraph = text[p0:p1]
        cut = continuation_end(paragraph) if left_open else None
        if cut is not None and _words(paragraph[:cut]):
            marked.append((p0, p0 + cut))
        spans = [s for s in pair_marks(paragraph) if _words(paragraph[s.inner[0] : s.inner[1]])]
        marked += [(p0 + s.start, p0 + s.end) for s in spans]
        left_open = bool(spans) and not spans[-1].closed
    return marked


@dataclass
class CueCandidate:
    """A verb the rules left alone, with the content it would report and its model features."""

    cue: Token
    attribution: _Attribution
    features: list[str]


def cue_candidates(
    doc: Doc, text: str, found: list[_Attribution], inside: list[bool], paragraphs: list[tuple[int, int]]
) -> list[CueCandidate]:
    """Verbs outside quotation marks that are no rule's cue and whose content no rule found."""
    lex = lexicon()
    claimed = {i for a in found if a.cue is not None for i in range(a.cue[0], a.cue[1])}
    taken = [set(_word_starts(text, a.start, a.end)) for a in found]
    candidates: list[CueCandidate] = []
    for token in doc:
        if inside[token.i] or token.pos_ != "VERB" or token.idx in claimed:
            continue
        built = _candidate(token, lex)
        if built is None:
            continue
        item, dep, subject = built
        clipped = _clip_to_paragraph(item, token, paragraphs)
        if clipped is None:
            continue
        words = set(_word_starts(text, clipped.start, clipped.end))
        if any(4 * len(words & other) >= len(words) + len(other) for other in taken):
            continue  # a rule already reports (nearly) this content
        span = doc.char_span(clipped.start, clipped.end, alignment_mode="expand")
        feats = cue_model.features(token, dep, subject, _lemma(token, lex) in lex, len(words), span)
        candidates.append(CueCandidate(token, clipped, feats))
    return candidates


def _learned(
    doc: Doc,
    text: str,
    found: list[_Attribution],
    inside: list[bool],
    paragraphs: list[tuple[int, int]],
) -> list[_Attribution]:
    """Cues the rules missed that the shipped model scores above its threshold."""
    scorer = cue_model.model()
    kept = [
        c.attribution
        for c in cue_candidates(doc, text, found, inside, paragraphs)
        if scorer.probability(c.features) >= scorer.threshold
    ]
    # "seems to have assumed X", "promised to continue X": a verb inside a kept or rule quote's
    # content with the same speaker is no new quote
    return [
        a
        for a in kept
        if not any(
            b is not a and b.speaker == a.speaker and a.cue is not None and b.start <= a.cue[0] < b.end
            for b in [*kept, *found]
        )
    ]


def _candidate(token: Token, lex: Lexicon) -> tuple[_Attribution, str, Token | None] | None:
    """The content a verb would report, by the first dependency that holds one, and its speaker."""
    content: list[Token] = []
    dep = ""
    for child in token.children:
        if child.dep_ == "ccomp":
            content, dep = list(child.subtree), "ccomp"
            break
    if not content:
        for child in token.rights:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                told = [t for c in token.rights if c.dep_ in _OBJECTS and c.i < child.i for t in c.subtree]
                content, dep = told + list(child.subtree), "xcomp"
                break
    if not content:
        obj = next((c for c in token.rights if c.dep_ in _OBJECTS), None)
        if obj is not None:
            parts = [
                c for c in token.rights if c.i >= obj.i and (c.dep_ in _COMPLEMENTS or c.lower_ in _AS_FOR)
            ]
            content, dep = [t for part in parts for t in part.subtree], "dobj"
    if not content:
        prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ != "by"), None)
        if prep is not None:
            content = [t for c in prep.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
            dep = f"prep:{prep.lower_}"
    extent = _chars(_without_aside(content))
    if extent is None:
        return None
    text = nlp.text_of(token.doc)
    if len(_words(text[extent[0] : extent[1]])) < 2:
        return None
    auxiliaries = [c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < token.i]
    cue = _chars([*auxiliaries, token])
    if any(c.dep_ in _PASSIVE_SUBJECTS for c in token.children):
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if source is None:
            return _Attribution(extent[0], extent[1], "indirect", cue=cue), dep + "|passive", None
        head, speaker = _speaker(source)
        return (
            _Attribution(extent[0], extent[1], "indirect", cue=cue, speaker=speaker, speaker_token=head),
            dep + "|passive",
            source,
        )
    subject = _subject_of(token)
    if subject is None or subject.lower_ in _WH_SUBJECTS:
        return None
    head, speaker = _speaker(subject)
    if speaker is None:
        return None
    return (
        _Attribution(extent[0], extent[1], "indirect", cue=cue, speaker=speaker, speaker_token=head),
        dep,
        subject,
    )


def _word_starts(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in WORD.finditer(text, start, end)]


def _one_per_span(found: list[_Attribution]) -> list[_Attribution]:
    """Two cues claiming the same quotation ("said …, adding, “…”"): the cue nearest to it wins."""
    best: dict[tuple[int, int], _Attribution] = {}
    for item in found:
        key = (item.start, item.end)
        if key not in best or _cue_distance(item) < _cue_distance(best[key]):
            best[key] = item
    return sorted(best.values(), key=lambda a: (a.start, a.end))


def _cue_distance(item: _Attribution) -> int:
    if item.cue is None:
        return 1 << 30
    return min(abs(item.cue[0] - item.end), abs(item.cue[1] - item.start))


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _inside_marks(doc: Doc, marked: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * len(doc)
    for start, end in marked:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags


def _chars(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Character extent of some tokens, leading and trailing punctuation left out (quote marks kept)."""
    kept = sorted(tokens, key=lambda t: t.i)
    while (kept and kept[0].is_punct and not kept[0].is_quote) or (kept and kept[0].is_space):
        kept.pop(0)
    while kept and ((kept[-1].is_punct and not kept[-1].is_quote) or kept[-1].is_space):
        kept.pop()
    if not kept:
        return None
    return kept[0].idx, kept[-1].idx + len(kept[-1])


def _subtree(token: Token, without: Token | None = None) -> list[Token]:
    skip = {t.i for t in without.subtree} if without is not None else set()
    return [t for t in token.subtree if t.i not in skip]


def _speaker(subject: Token) -> tuple[Token, tuple[int, int] | None]:
    """The speaker phrase for a subject token; relative pronouns point to the noun they modify."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        noun = subject.head.head
        phrase = [t for t in noun.subtree if t.i < subject.head.left_edge.i or t.i == noun.i]
        return noun, _chars(phrase)
    return subject, _chars(subject.subtree)


def _subject_of(cue: Token) -> Token | None:
    """The cue's subject, or that of the verb it shares it with ("…, adding that …").

    A clause that is itself reported content ("warned that the US will see …, telling …") does
    not lend its subject: the climb goes on to the verb that reported it.
    """
    inverted = _named_after(cue)
    if inverted is not None and not any(c.dep_ in _SUBJECTS for c in cue.children):
        return inverted
    verb = cue
    for _ in range(_CLIMB):
        # two subjects: the parser took a word of the quotation before the cue for one ("“…, China,”
        # Mr. X wrote"); the speaker is the one next to the verb
        subject = min(
            (c for c in verb.children if c.dep_ in _SUBJECTS), key=lambda c: abs(c.i - verb.i), default=None
        )
        if subject is None and (before := _named_before(verb)) is not None:
            return before[-1]
        if subject is not None and (verb.i == cue.i or verb.dep_ not in _CONTENT_DEPS):
            return subject
        if verb.dep_ == "pcomp" and verb.head.lower_ in _MEANS and verb.head.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head.head  # "answered by saying …": the subject of the verb the phrase modifies
            continue
        if (verb.i == cue.i and verb.dep_ not in _SHARES_SUBJECT) or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _lemma(token: Token, lex: Lexicon) -> str:
    """The token's lemma as the lexicon knows it (the small model gives "hop" for "hopes")."""
    lemma = token.lemma_.lower()
    if lemma in lex:
        return lemma
    lower = token.lower_
    for suffix, replacement in _INFLECTIONS:
        if lower.endswith(suffix) and (stem := lower[: len(lower) - len(suffix)] + replacement) in lex:
            return stem
    return lemma


def _without_aside(tokens: list[Token]) -> list[Token]:
    """Drop a closing aside the reporter added (", who worked on …", ", which includes …",
    ", something that could …"): an aside after a comma with nothing after it but more of the same
    (no finite verb: ", drawing 1,100 people")."""
    if not tokens:
        return tokens
    ordered = sorted(tokens, key=lambda t: t.i)
    first, last = ordered[0].i, ordered[-1].i
    doc = ordered[0].doc
    for token in ordered:
        start = token.left_edge.i
        if start <= first or doc[start - 1].text != "," or not _is_aside(token):
            continue
        rest = doc[token.right_edge.i + 1 : last + 1]
        if not any(t.tag_ in _FINITE or t.tag_ == "MD" for t in rest):
            return [t for t in tokens if t.i < start - 1]
    return tokens


def _is_aside(token: Token) -> bool:
    """A relative or adverbial clause opened by "who", "which", "while" …, or a descriptive apposition
    ("X, a group that …")."""
    if token.dep_ in _ASIDES:
        return token.left_edge.lower_ in _ASIDE_OPENERS
    return token.dep_ == "appos" and any(c.dep_ in {"relcl", "acl"} for c in token.children)


def _named_before(cue: Token) -> Span | None:
    """ "…, Jane Doe said on Tuesday": the name between a comma and the cue, when the parser hung it
    on the clause before (as an apposition) instead of making it the cue's subject."""
    doc = cue.doc
    if cue.tag_ not in _FINITE or cue.head.i >= cue.i:
        return None
    start = cue.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].ent_type_ == "PERSON"):
        start -= 1
    if start == cue.i or start == 0 or doc[start - 1].text != ",":
        return None
    return doc[start : cue.i]


def _named_after(cue: Token) -> Token | None:
    """ "…," said Jane Doe, a …': the name right after the cue, when the parser hung it elsewhere."""
    doc = cue.doc
    if cue.tag_ not in _FINITE or cue.i == 0 or not doc[cue.i - 1].is_punct:
        return None
    i = cue.i + 1
    while i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].ent_type_ == "PERSON"):
        i += 1
    if i == cue.i + 1 or (i < len(doc) and doc[i].tag_ == "POS"):
        return None  # no name, or a possessor ("telling Iraq's premier")
    return doc[i - 1]


def _content_of(cue: Token, lex: Lexicon) -> list[Token] | None:
    """The content tokens of a cue verb, by the dependency its lexicon class names."""
    lemma = _lemma(cue, lex)
    # a clause after the cue before one in front of it ("X did A; Y has indicated that B")
    for child in sorted(cue.children, key=lambda c: (c.i < cue.i, c.i)):
        if child.dep_ == "ccomp" and (lemma in lex.clause or lemma in lex.intent):
            return _without_aside(list(child.subtree) + _second_clause(cue, child))
    if (
        lemma in lex.clause
        and cue.i + 1 < len(cue.doc)
        and cue.nbor(1).dep_ == "mark"
        and cue.nbor(1).lower_ == "that"
    ):
        # "agreed that the department has limited power": the parser missed the clause, "that" did not
        return _without_aside(list(cue.doc[cue.i + 1 : cue.right_edge.i + 1]))
    if lemma in lex.clause:
        for child in cue.rights:
            # "says in a statement that …", "told reporters in an interview that …": the parser
            # hangs the clause on the noun of the prepositional phrase
            if child.dep_ == "prep" and (clause := _that_clause(child)) is not None:
                return _without_aside(list(clause.subtree))
    passive = any(c.dep_ in _PASSIVE_SUBJECTS for c in cue.children)
    if lemma in lex.intent or passive:
        for child in cue.children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                # "urged the candidate to dig in": the one urged belongs to the content
                told = [t for c in cue.rights if c.dep_ in _OBJECTS and c.i < child.i for t in c.subtree]
                return _without_aside(told + list(child.subtree))
    if lemma in lex.clause and cue.dep_ == "parataxis" and cue.head.pos_ in {"VERB", "AUX"}:
        # "Act now, they said, and you risk …": a clause the parser conjoined to the cue goes on
        # with the host
        kept = {t.i for c in cue.rights if c.dep_ == "conj" for t in c.subtree}
        return [t for t in cue.head.subtree if t.i in kept or not cue.left_edge.i <= t.i <= cue.right_edge.i]
    if lemma in lex.clause and (name := _named_before(cue)) is not None:
        return [t for t in cue.head.subtree if t.i < name.start - 1]
    if lemma in lex.clause and cue.i + 1 < len(cue.doc) and cue.nbor(1).text == ":":
        sent = cue.sent
        rest = [t for t in sent if t.i > cue.i + 1 and t.idx < _line_end(cue)]
        return rest or None
    if lemma in lex.stance or lemma in lex.seeing:
        obj = next((c for c in cue.rights if c.dep_ in _OBJECTS), None)
        if obj is None and lemma in lex.stance:
            # "called her “crooked”": the parser folded the object into the complement it names
            obj = next((c for c in cue.rights if c.dep_ == "oprd"), None)
        # "sees him as the stronger candidate": a verb of seeing is a stance only with its "as"
        if obj is not None and (lemma in lex.stance or any(c.lower_ == "as" for c in cue.rights)):
            # "described X as Y", "criticized X for Y", "called X Z": the object with its complement
            return _without_aside(_rest_of_clause(cue, obj))
    preps = lex.prepositional.get(lemma)
    if preps:
        for child in cue.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                objects = [t for c in child.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
                return [*objects, *_rest_of_clause(cue, child)[len(list(child.subtree)) :]] or None
            if child.dep_ in {"advcl", "ccomp"} and any(
                c.dep_ == "mark" and c.lower_ in preps and c.i == child.left_edge.i for c in child.children
            ):
                # "calling for the United States to step up …": the preposition opens a clause
                return list(child.subtree)[1:]
    return None


def _second_clause(cue: Token, clause: Token) -> list[Token]:
    """ "believes that A, but that B": a second "that" clause the parser conjoined to the cue
    itself is reported too; the tokens from the end of the first through it."""
    for child in cue.rights:
        if (
            child.dep_ == "conj"
            and child.i > clause.right_edge.i
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        ):
            return list(cue.doc[clause.right_edge.i + 1 : child.right_edge.i + 1])
    return []


def _that_clause(prep: Token) -> Token | None:
    """The "that" clause the parser hung on a prepositional object ("in a statement that …")."""
    for noun in prep.children:
        if noun.dep_ != "pobj":
            continue
        for child in noun.rights:
            if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                return child
    return None


def _rest_of_clause(cue: Token, first: Token) -> list[Token]:
    """The cue's dependents from ``first`` on while they continue what was reported: the parser
    hangs "denied any role in the attacks" and "described X as beset by Y" on the verb, not on the
    object. A comma ends it (what follows is the reporter's aside), and so does a trailing date."""
    parts = [first]
    for child in cue.rights:
        if child.i <= parts[-1].right_edge.i or child.is_quote:
            continue
        gap = cue.doc[parts[-1].right_edge.i + 1 : child.left_edge.i]
        if any(_pause(t) for t in gap) or _pause(child.left_edge) or not _continues(child):
            break
        parts.append(child)
    while len(parts) > 1 and (parts[-1].dep_ in {"advmod", "npadvmod"} or _is_date_phrase(parts[-1])):
        parts.pop()
    return [t for part in parts for t in part.subtree]


def _is_date_phrase(token: Token) -> bool:
    """ "on Monday", "in May": a preposition whose object is all date or time (a lone word, such as
    the complement in "called it “sad”", is none)."""
    rest = list(token.subtree)[1:]
    return bool(rest) and all(t.ent_type_ in _WHEN for t in rest)


def _pause(token: Token) -> bool:
    """Punctuation that ends what a verb reports (quotation marks are part of it)."""
    return token.is_punct and not token.is_quote


def _continues(child: Token) -> bool:
    """A dependent that goes on with the object: a complement, a prepositional phrase, an "as" clause."""
    if child.dep_ in _COMPLEMENTS or child.dep_ in {"prep", "advmod", "npadvmod"} or child.lower_ in _AS_FOR:
        return True
    return child.dep_ == "advcl" and (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children)
        or (child.tag_ == "VBG" and not any(c.dep_ == "mark" for c in child.children))
    )


def _line_end(token: Token) -> int:
    end = nlp.text_of(token.doc).find("\n", token.idx)
    return len(nlp.text_of(token.doc)) if end < 0 else end


def _cue(token: Token, lex: Lexicon) -> _Attribution | None:
    lemma = _lemma(token, lex)
    if token.pos_ not in {"VERB", "AUX"} or lemma not in lex:
        return None
    content = _content_of(token, lex)
    if not content:
        return None
    passive = [c for c in token.children if c.dep_ in _PASSIVE_SUBJECTS]
    auxiliaries = [c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < token.i]
    particles = [
        c
        for c in token.rights
        if c.dep_ == "prep" and c.lower_ in lex.prepositional.get(lemma, ()) and c.i < content[0].i
    ]
    cue = _chars([*auxiliaries, token, *particles[:1]])
    if passive:
        # "X is said to …", "X is expected to …": an attribution with no source named.
        extent = _chars([*content, *passive[0].subtree])
        if extent is None or len(_words(nlp.text_of(token.doc)[extent[0] : extent[1]])) < 2:
            return None
        return _Attribution(extent[0], extent[1], "indirect", cue=cue)
    subject = _subject_of(token)
    if subject is None or subject.lower_ in _WH_SUBJECTS:
        return None
    head, speaker = _speaker(subject)
    extent = _chars(content)
    if extent is None or speaker is None or len(_words(nlp.text_of(token.doc)[extent[0] : extent[1]])) < 2:
        return None
    # content that swallowed the speaker (parataxis host clause) is split around it later by kind
    return _Attribution(extent[0], extent[1], "indirect", cue=cue, speaker=speaker, speaker_token=head)


def _nominal(token: Token, lex: Lexicon) -> _Attribution | None:
    """ "His criticism of X", "the claim that X": a noun cue, its possessor as speaker (if any)."""
    links = lex.nouns.get(token.lemma_.lower())
    if not links:
        return None
    content: list[Token] = []
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in links:
            content = [t for c in child.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
        elif child.dep_ in {"acl", "ccomp", "relcl"} and any(
            c.dep_ in {"mark", "aux"} and c.lower_ in links for c in child.children
        ):
            content = list(child.subtree)
        if content:
            break
    extent = _chars(_without_aside(content))
    if extent is None or len(_words(nlp.text_of(token.doc)[extent[0] : extent[1]])) < 2:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    head, speaker = _speaker(owner)
    return _Attribution(
        extent[0],
        extent[1],
        "indirect",
        cue=(token.idx, token.idx + len(token)),
        speaker=speaker,
        speaker_token=head,
    )


def _according(token: Token, inside: list[bool]) -> _Attribution | None:
    """ "According to X, …": X is the speaker, the clause the phrase modifies the content."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None or token.i + 1 >= len(token.doc) or token.nbor(1).lower_ != "to":
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    if token.head.i == token.i:
        return None
    host = token.head
    if (
        host.pos_ == "VERB"
        and not inside[host.i]
        and _lemma(host, lexicon()) in lexicon().clause
        and _subject_of(host) is not None
    ):
        # "“…?” Smith asked, according to a transcript": the verb is the attribution, the phrase its
        # source (a verb inside the quotation is what was quoted: "“… shows …,” according to X")
        return None
    # the phrase may hang off a noun or a conjoined verb: the content is the whole clause
    while (host.pos_ not in {"VERB", "AUX"} or host.dep_ == "conj") and host.head.i != host.i:
        host = host.head
    content = _subtree(host, without=token)
    extent = _chars(content)
    if extent is None or len(_words(nlp.text_of(token.doc)[extent[0] : extent[1]])) < 2:
        return None
    name = source
    if source.dep_ == "pobj" and any(c.dep_ == "appos" and c.ent_type_ for c in source.children):
        name = next(c for c in source.children if c.dep_ == "appos" and c.ent_type_)
    return _Attribution(
        extent[0],
        extent[1],
        "indirect",
        cue=(token.idx, to.idx + len(to)),
        speaker=_chars(source.subtree),
        speaker_token=name,
    )


def _as_reported(token: Token, lex: Lexicon) -> bool:
    """ "As X reported, …", "as reported by X, …": a speech verb in an "as" clause with no content
    of its own, hung on the clause it vouches for."""
    # "as X put it, …" is the same attribution with an idiom for its verb
    put_it = token.lemma_ == "put" and any(c.dep_ in _OBJECTS and c.lower_ == "it" for c in token.children)
    return (
        token.dep_ == "advcl"
        and token.pos_ == "VERB"
        and (_lemma(token, lex) in lex.clause or put_it)
        and token.head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        and not any(
            c.dep_ in {"ccomp", "xcomp"} or (c.dep_ in _OBJECTS and not put_it) for c in token.children
        )
    )


def _as_source(token: Token) -> _Attribution | None:
    """The clause an "as X reported" phrase modifies is the content, X (subject or agent) the speaker."""
    source = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if source is None and agent is not None:
        source = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    extent = _chars(_subtree(token.head, without=token))
    if extent is None or len(_words(nlp.text_of(token.doc)[extent[0] : extent[1]])) < 2:
        return None
    head, speaker = _speaker(source)
    auxiliaries = [c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < token.i]
    idiom = [c for c in token.rights if c.dep_ in _OBJECTS and c.lower_ == "it"][:1]  # "put it"
    return _Attribution(
        extent[0],
        extent[1],
        "indirect",
        cue=_chars([*auxiliaries, token, *idiom]),
        speaker=speaker,
        speaker_token=head,
    )


def _colon(line: Span, inside: list[bool]) -> _Attribution | None:
    """Headline style: "Name: words" or "words: Name", the colon as the cue, the name as speaker."""
    doc = line.doc
    colons = [t for t in line if t.text == ":" and not inside[t.i]]
    if not colons:
        return None
    first, last = colons[0], colons[-1]
    forms = [
        (first, doc[line.start : first.i], doc[first.i + 1 : line.end]),
        (last, doc[last.i + 1 : line.end], doc[line.start : last.i]),
    ]
    for colon, names, content in forms:
        if len(names) <= _COLON_WITHIN and _names_a_speaker(names):
            extent, speaker = _chars(content), _chars(names)
            if extent is None or speaker is None:
                continue
            if len(_words(nlp.text_of(doc)[extent[0] : extent[1]])) >= _COLON_MIN_WORDS:
                return _Attribution(
                    extent[0],
                    extent[1],
                    "indirect",
                    cue=(colon.idx, colon.idx + 1),
                    speaker=speaker,
                    speaker_token=names.root,
                )
    return None


def _names_a_speaker(names: Span) -> bool:
    """Only names, or a title ("Leader"), around a headline colon; or a source noun alone ("Poll")."""
    named = [t for t in names if not (t.is_punct or t.is_space)]
    if len(named) == 1 and named[0].lower_ in lexicon().sources:
        return True
    honorifics = title_lexicon().honorifics
    return bool(named) and all(
        t.ent_type_ in _SPEAKING_ENTITIES
        or t.pos_ == "PROPN"
        or t.lower_ in honorifics
        or _named_elsewhere(t)
        for t in named
    )


def _named_elsewhere(token: Token) -> bool:
    """A capitalised headline word the parser took for a common noun ("Trump: …") that the text
    uses as a name elsewhere."""
    if not token.is_title:
        return False
    names = token.doc.user_data.get("parallax.names")
    if names is None:
        names = token.doc.user_data["parallax.names"] = Counter(
            t.text for t in token.doc if t.pos_ == "PROPN" or t.ent_type_ in _SPEAKING_ENTITIES
        )
    return bool(names[token.text] - (token.pos_ == "PROPN" or token.ent_type_ in _SPEAKING_ENTITIES))


def _past_colon(item: _Attribution, text: str) -> _Attribution:
    """ "Hopes to reap benefits: to create new markets …": the parser ends the clause at the colon,
    what follows it says what the reported clause announced; the content runs to the sentence end."""
    if item.cue is None or item.cue[1] > item.start:
        return item
    colon = _COLON_AFTER.match(text, item.end)
    if colon is None:
        return item
    sentence_end = _SENTENCE_END.search(text, colon.end())
    if sentence_end is None:
        item.end = len(text)
    else:  # a closing quotation mark stays with its quotation, a bare full stop is no content
        item.end = sentence_end.end() if sentence_end.group(1) else sentence_end.start()
    return item


def _clip_to_paragraph(
    item: _Attribution, cue: Token, paragraphs: list[tuple[int, int]]
) -> _Attribution | None:
    """The parser may run a sentence across a line break; content stays in the cue's paragraph."""
    para = next(((s, e) for s, e in paragraphs if s <= cue.idx < e), None)
    if para is None:
        return item
    start, end = max(item.start, para[0]), min(item.end, para[1])
    if len(_words(nlp.text_of(cue.doc)[start:end])) < 2:
        return None
    item.start, item.end = start, end
    return item


def _classify(
    found: list[_Attribution], marked: list[tuple[int, int]], text: str, config: AnnotateConfig
) -> set[int]:
    """Direct when the content is mostly quoted, partial when it holds a quoted fragment."""
    used: set[int] = set()
    for item in found:
        overlapping = [i for i, (s, e) in enumerate(marked) if s < item.end and e > item.start]
        if not overlapping:
            continue
        quoted = sum(len(_words(text[marked[i][0] : marked[i][1]])) for i in overlapping)
        said = _words(text[item.start : item.end])
        # a parataxis host ("the nations, X said, now …") holds its cue and speaker: not content
        for part in (item.cue, item.speaker):
            if part is not None and item.start <= part[0] < item.end:
                said = said[: max(0, len(said) - len(_words(text[part[0] : part[1]])))]
        if quoted >= config.direct_share * max(1, len(said)):
            item.kind = "direct"
            item.start = min(marked[i][0] for i in overlapping)
            item.end = max(marked[i][1] for i in overlapping)
        else:
            item.kind = "partial"
        used.update(overlapping)
    return used


def _leftover_marks(
    text: str,
    sentences: list[Span],
    marked: list[tuple[int, int]],
    used: set[int],
    found: list[_Attribution],
    inside: list[bool],
    lex: Lexicon,
    config: AnnotateConfig,
) -> list[_Attribution]:
    """Quotations no cue claimed: joined to a quote of their sentence, continued, or unmarked."""
    extra: list[_Attribution] = []
    for index, (start, end) in enumerate(marked):
        if index in used or any(
            a.start <= start and end <= a.end for a in [*found, *extra] if a.kind != "unmarked"
        ):
            continue
        sent = next((s for s in sentences if s.start_char <= start < s.end_char), None)
        owner = _owner_in_sentence(sent, found, start, end) if sent is not None else None
        if owner is not None and owner.kind == "direct":
            # "“…,” he said, “…”": the second half belongs to the first half's quote
            owner.start, owner.end = min(owner.start, start), max(owner.end, end)
            continue
        nearby = _cue_near(sentences, sent, inside, lex, start, end) if sent is not None else None
        near = owner or (nearby[0] if nearby is not None else None)
        attributed_after = owner is None and nearby is not None and nearby[1]
        if (
            near is not None
            and near.cue is not None
            and sent is not None
            and _fragment(text, near.cue[1], start, end)
        ):
            # a quoted fragment after the cue, inside what was reported: the sentence rest is content
            clause_end = _chars(t for t in sent if t.idx >= start and "\n" not in text[start : t.idx])
            extra.append(
                _Attribution(
                    _skip_space(text, near.cue[1]),
                    max(end, clause_end[1] if clause_end else end),
                    "partial",
                    cue=near.cue,
                    speaker=near.speaker,
                    speaker_token=near.speaker_token,
                )
            )
            continue
        # a short quotation is speech when its cue follows it and it opens its sentence
        # ("“The bullying,” Smith said"), not a scare-quoted word ending a clause ("like “perhaps”, he said")
        if near is not None and (
            (attributed_after and _fills_sentences(text, start)) or _speech_like(text[start:end])
        ):
            extra.append(
                _Attribution(
                    start,
                    end,
                    "direct",
                    cue=near.cue,
                    speaker=near.speaker,
                    speaker_token=near.speaker_token,
                )
            )
            continue
        previous = _previous_quote([*found, *extra], start)
        if (
            previous is not None
            and previous.speaker_token is not None
            and previous.kind in {"direct", "partial"}
            and _fills_sentences(text, start)
            and _adjacent(text, previous.end, start, config.continuation_gap_words)
        ):
            # a quotation right after an attributed one, with no cue of its own: same speaker;
            # in the same paragraph it is the same quote ("“…,” he said. “…”")
            if "\n" not in text[previous.end : start]:
                previous.end = end
                continue
            extra.append(_Attribution(start, end, "direct", speaker_token=previous.speaker_token))
            continue
        extra.append(_Attribution(start, end, "unmarked"))
    return extra


def _owner_in_sentence(sent: Span, found: list[_Attribution], start: int, end: int) -> _Attribution | None:
    """The attribution whose cue sits in the same sentence as a quotation, nearest first."""
    owners = [a for a in found if a.cue is not None and sent.start_char <= a.cue[0] < sent.end_char]
    if not owners:
        return None
    return min(owners, key=lambda a: (a.kind != "direct", min(abs(a.cue[0] - end), abs(a.cue[0] - start))))  # type: ignore[index]


def _cue_near(
    sentences: list[Span], sent: Span, inside: list[bool], lex: Lexicon, start: int, end: int
) -> tuple[_Attribution, bool] | None:
    """A cue verb with a subject but no parsed content: in the quotation's sentence, in a colon-ended
    one before it, or right after its closing mark ("“… now?” Smith asked.", whichever sentence the
    parser put it in). The flag says the cue follows the closing mark: a quotation so attributed is
    speech however short ("“The bullying,” Smith said")."""
    doc = sent.doc
    index = sentences.index(sent)
    text = nlp.text_of(doc)
    quoted = doc.char_span(start, end, alignment_mode="expand")
    window = doc[quoted.end : quoted.end + _TRAILING_CUE_WITHIN] if quoted is not None else doc[0:0]
    # a finite verb: "“…” Smith told", not the to-infinitive of the cue before ("advised “X” to know …")
    trailing = [t for t in window if "\n" not in text[end : t.idx] and t.tag_ in _FINITE]
    candidates = [(trailing, True), (list(sent), False)]
    if index > 0 and sentences[index - 1].text.rstrip().endswith(":"):
        candidates.append((list(sentences[index - 1]), False))
    for tokens, follows in candidates:
        cues = [
            t
            for t in tokens
            if not inside[t.i]
            and t.pos_ == "VERB"
            and _lemma(t, lex) in lex.clause
            and _subject_of(t) is not None
        ]
        if cues:
            cue = min(cues, key=lambda t: abs(t.idx - start))
            subject = _subject_of(cue)
            assert subject is not None
            head, speaker = _speaker(subject)
            found = _Attribution(
                0, 0, "direct", cue=(cue.idx, cue.idx + len(cue)), speaker=speaker, speaker_token=head
            )
            return found, follows
    return None


def _speech_like(quoted: str) -> bool:
    """Not a title or a scare-quoted phrase: a few words, not all capitalised (as textacy filters)."""
    words = _words(quoted)
    return len(words) >= _SPEECH_MIN_WORDS and not all(w[0].isupper() or w.lower() in _SMALL for w in words)


def _fragment(text: str, cue_end: int, start: int, end: int) -> bool:
    """A quoted phrase inside a reported clause: after the cue, with no closing punctuation of its own."""
    inner = text[start + 1 : end - 1].rstrip()
    return (
        cue_end <= start
        and bool(inner)
        and inner[-1] not in _CLOSING_PUNCT
        and not _fills_sentences(text, start)
    )


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset


def _previous_quote(found: list[_Attribution], start: int) -> _Attribution | None:
    before = [a for a in found if a.kind != "unmarked" and a.end <= start]
    return max(before, key=lambda a: a.end) if before else None


def _fills_sentences(text: str, start: int) -> bool:
    """The quotation opens its sentence: at a paragraph start or right after a sentence end."""
    return bool(_OPENS_SENTENCE.search(text, 0, start))


def _adjacent(text: str, end: int, start: int, max_words: int) -> bool:
    """Nothing but a short attribution ("he said.") and at most one paragraph break between two quotes."""
    gap = text[end:start]
    return len(_LINE_BREAKS.findall(gap)) <= 1 and len(_words(gap)) <= max_words
