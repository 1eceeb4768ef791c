"""Contradictions the real pipeline reports on the 50 BASIL DEV events, matched to hand labels.

``benchmarks/data/basil_contradictions.jsonl`` holds one hand label per contradiction a version
of parallax reported (event id, kind, the claims' article:sentence ids, ``true``/``false`` and a
one-line reason read against the texts). A contradiction is matched to its label by event, kind
and claim ids; one with no label is counted apart, never guessed.

List the contradictions (the upstream stages of each event are cached in ``--cache`` so that
changes to ``find_contradictions`` are re-checked in seconds)::

    PYTHONPATH=$PWD/src:$PWD python -m benchmarks.basil_contradictions --cache /tmp/basil-contra
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import blake2b
from itertools import combinations
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from benchmarks.common import ROOT, basil_raws, data_dir, read_jsonl_gz
from parallax import clean
from parallax.align.claims import ClaimSet, analyze_claims
from parallax.align.contradictions import find_contradictions, in_quotation
from parallax.align.entities import link_entities
from parallax.align.facts import align_facts
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import fill_speakers, group_utterances
from parallax.annotate.nlp import add_sentences, parse_many
from parallax.annotate.quotes import find_quotes
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT
from parallax.models import Article, Contradiction, Entity, Fact, Quote, Utterance
from parallax.words import NUMBER_WORDS, WEEKDAYS

LABELS = ROOT / "benchmarks" / "data" / "basil_contradictions.jsonl"

Upstream = tuple[list[Article], list[Quote], list[Entity], list[Fact], list[Utterance]]


def events(data: Path) -> list[dict[str, Any]]:
    """The BASIL DEV events, in file order."""
    return list(read_jsonl_gz(data / "basil" / "basil.jsonl.gz"))


def upstream(event: dict[str, Any]) -> Upstream:
    """The pipeline's stages before contradictions, exactly as ``analyze_articles`` runs them."""
    return _stages(event)[0]


def _stages(event: dict[str, Any]) -> tuple[Upstream, ClaimSet]:
    """``upstream`` and the claims facts were aligned from (contradictions compare the same)."""
    raws = basil_raws(event)
    articles, _ = clean.clean_articles(raws, DEFAULT.clean)
    texts = Texts(DEFAULT.annotate)  # one analysis: each text parsed and embedded once
    articles = add_sentences(articles, DEFAULT.annotate, texts)
    quotes = find_quotes(articles, DEFAULT.annotate, texts)
    entities = link_entities(articles, DEFAULT.align, texts)
    quotes = attach_speakers(quotes, entities, DEFAULT.align)
    utterances = group_utterances(quotes, entities, articles, DEFAULT.align, texts)
    quotes = fill_speakers(quotes, utterances)
    claims = analyze_claims(articles, quotes, DEFAULT.align, texts)
    facts = align_facts(articles, quotes, DEFAULT.align, claims)
    return (articles, quotes, entities, facts, utterances), claims


def reported(data: Path, cache: Path | None = None) -> Iterator[tuple[str, Contradiction]]:
    """(event id, contradiction) for every contradiction on every DEV event."""
    for event_id, found, _ in untouched(data, cache):
        for c in found:
            yield event_id, c


def key(event_id: str, c: Contradiction) -> tuple[str, str, tuple[str, ...]]:
    """How a reported contradiction is matched to its label."""
    return event_id, c.kind, tuple(sorted(f"{r.article}:{r.sentence}" for r in c.claims))


def labels() -> dict[tuple[str, str, tuple[str, ...]], dict[str, Any]]:
    """The hand labels by match key."""
    out = {}
    for line in LABELS.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["event"], row["kind"], tuple(sorted(row["claims"])))] = row
    return out


# --- the cross-outlet controlled set -------------------------------------------------------------

# Kinds of planted change and the contradiction kind that reports each.
PLANTED_KINDS = {"number": "number", "weekday": "date", "negation": "negation"}
# Kinds measured in rows of their own (not in the headline's recall): another person as the doer of
# one act, and a figure or negation changed inside a quotation the other outlet quotes too.
OWN_ROW_KINDS = {"actor": "attribution", "misquote": "misquote"}
ALL_KINDS = {**PLANTED_KINDS, **OWN_ROW_KINDS}
PER_KIND = 40
MIN_SHARED = 6
_SMALL = [w for w, n in NUMBER_WORDS.items() if 2 <= n <= 19]
_REPORTING = {"say", "tell", "add", "state", "write", "announce", "ask", "note", "explain", "insist", "claim"}
_REPORTING |= {"report"}
_CONTRACTED = {"won't": "will", "can't": "can", "don't": "do", "doesn't": "does", "didn't": "did"}


def half(event_id: str) -> str:
    """'tune' or 'held-out': a fixed split of the events by a hash of their id."""
    return "tune" if blake2b(event_id.encode(), digest_size=2).digest()[0] % 2 == 0 else "held-out"


@dataclass(frozen=True)
class Planted:
    """One real sentence of one outlet with one value changed, and the other outlet's sentence
    that states the same value (``partner``)."""

    event: str
    kind: str
    outlet: str
    original: str
    edited: str
    partner_outlet: str
    partner: str
    value: str
    quoted: bool = False


def _content(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and len(t.text) > 1}


def _numbers(span: Span) -> dict[tuple[str, str], Token]:
    """(value, what it measures) -> its number token: counts ("12 people"), amounts and
    percentages ("$2.5 billion", "52 percent") and ages in apposition ("Smith, 46,")."""
    out: dict[tuple[str, str], Token] = {}
    for tok in span:
        word = tok.lower_
        if not tok.like_num or tok.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
            continue
        if not (re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", word) or word in _SMALL):
            continue
        value = word.replace(",", "")
        if value.isdigit() and 1900 <= int(value) <= 2100:
            continue
        if tok.ent_type_ in {"MONEY", "PERCENT", "QUANTITY"}:
            unit = tok.ent_type_
        elif tok.dep_ == "nummod" and tok.i < tok.head.i:
            # A count stands before what it counts ("12 people"); "Organization 5" is a name.
            unit = tok.head.lemma_.lower()
        elif tok.dep_ in {"appos", "npadvmod", "amod"} and tok.head.pos_ == "PROPN" and tok.i > tok.head.i:
            unit = "age"
        else:
            continue
        out[(str(NUMBER_WORDS.get(word, value)), unit)] = tok
    return out


def _weekdays(span: Span) -> dict[str, Token]:
    """The weekdays that date something: a DATE, outside quotation marks, not part of a name
    ("Fox News Sunday") nor a possessive ("Sunday's editions")."""
    return {
        t.lower_: t
        for t in span
        if t.lower_ in WEEKDAYS
        and t.ent_type_ in {"DATE", "TIME"}
        and t.dep_ not in {"poss", "compound"}
        and not in_quotation(t)
    }


def _dated_verb(tok: Token) -> Token | None:
    """The verb a weekday dates: the nearest verb above it in the parse ("met on Friday", "said
    Friday"; a preposition the parser hangs on the object still dates the verb)."""
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in {"VERB", "AUX"} else None


def _subjects(verb: Token) -> set[str]:
    return {c.lemma_.lower() for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}


def _changed_number(tok: Token) -> str:
    word = tok.lower_
    if word in _SMALL:
        return _SMALL[(_SMALL.index(word) + 3) % len(_SMALL)]
    if "." in word:
        return f"{float(word.replace(',', '')) * 2 + 1:.1f}"
    value = int(word.replace(",", ""))
    return f"{value * 2 + 3:,}"


def _negation_edit(span: Span, verb: Token | None = None) -> tuple[int, int, str] | None:
    """(start, end, replacement) in the sentence's characters that flips the polarity of its main
    verb (or of ``verb``)."""
    root = span.root if verb is None else verb
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    base = span.start_char
    for child in root.children:
        if child.dep_ == "neg":
            aux = root.doc[child.i - 1]
            if child.lower_ == "n't" and aux.lower_ + "n't" in _CONTRACTED:
                start = aux.idx - base
                return start, child.idx + len(child.text) - base, _CONTRACTED[aux.lower_ + "n't"]
            if child.lower_ == "not":
                return aux.idx + len(aux.text) - base, child.idx + len(child.text) - base, ""
            return None
    auxes = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i and c.lower_ != "to"]
    if auxes:
        end = auxes[0].idx + len(auxes[0].text) - base
        return end, end, " not"
    if root.tag_ in {"VBD", "VBZ", "VBP"} and root.lemma_.lower() not in {"be", "have"}:
        aux = {"VBD": "did", "VBZ": "does", "VBP": "do"}[root.tag_]
        start = root.idx - base
        return start, start + len(root.text), f"{aux} not {root.lemma_.lower()}"
    return None


def _edit(span: Span, kind: str, other: Span) -> tuple[str, str] | None:
    """(edited sentence, the shared value) when ``span`` and ``other`` state one value of ``kind``."""
    text, base = span.text.rstrip(), span.start_char
    if kind == "number":
        mine, theirs = _numbers(span), _numbers(other)
        for key in sorted(mine.keys() & theirs.keys()):
            tok = mine[key]
            start = tok.idx - base
            return text[:start] + _changed_number(tok) + text[start + len(tok.text) :], f"{key[0]} {key[1]}"
    elif kind == "weekday":
        mine_days, their_days = _weekdays(span), _weekdays(other)
        for day in sorted(mine_days.keys() & their_days.keys()):
            tok = mine_days[day]
            # The weekday of one event: it dates the same verb in both sentences (the verbs'
            # subjects alone are no evidence: one person's statement and his act are two events).
            va, vb = _dated_verb(tok), _dated_verb(their_days[day])
            if va is None or vb is None or va.lemma_.lower() != vb.lemma_.lower():
                continue
            if (va.dep_ == "ROOT") != (vb.dep_ == "ROOT"):
                continue  # the main event in one, a reported or subordinate one in the other
            if va.lemma_.lower() in _REPORTING and _subjects(va) != _subjects(vb):
                continue  # "AARP said Friday" / "Carney said Friday": two people's statements
            new = WEEKDAYS[(WEEKDAYS.index(day) + 2) % 7].title()
            start = tok.idx - base
            return text[:start] + new + text[start + len(tok.text) :], day
    elif kind == "negation":
        # The same predicate of the same subject; a reporting verb ("did not say") is no claim to flip.
        if (
            span.root.lemma_ != other.root.lemma_
            or span.root.pos_ != "VERB"
            or span.root.lemma_ in _REPORTING
        ):
            return None
        subjects = [
            {c.lemma_.lower() for c in s.root.children if c.dep_ in {"nsubj", "nsubjpass"}}
            for s in (span, other)
        ]
        if not subjects[0] or subjects[0] != subjects[1]:
            return None
        edit = _negation_edit(span)
        if edit is not None:
            start, end, new = edit
            return text[:start] + new + text[end:], span.root.lemma_.lower()
    elif kind == "actor":
        return _actor_edit(span, other)
    elif kind == "misquote":
        return _misquote_edit(span, other)
    return None


def _person(verb: Token) -> Span | None:
    """The one named person (a singular name, outside quotation marks) who is the subject of a verb."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON" or subject.tag_ != "NNP" or in_quotation(subject):
        return None
    if any(c.dep_ in {"conj", "case"} for c in subject.children):
        return None
    return next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)


def _actor_edit(span: Span, other: Span) -> tuple[str, str] | None:
    """The same act (a verb other than one of saying) of the same named person in both sentences,
    its doer in ``span`` replaced by another person the same article names (a full name, in
    neither sentence)."""
    if _in_quotes(span) or _in_quotes(other):
        return None  # a name changed inside a quotation is a misquote, not another doer
    doers = {}
    for verb in other:
        person = _person(verb) if verb.pos_ == "VERB" and verb.lemma_ not in _REPORTING else None
        if person is not None:
            doers[(verb.lemma_.lower(), person[-1].lower_)] = person
    surnames = {t.lower_ for t in span} | {t.lower_ for t in other}
    people = [
        e
        for e in span.doc.ents
        if e.label_ == "PERSON"
        and len(e) >= 2
        and all(t.tag_ == "NNP" for t in e)
        and e[-1].lower_ not in surnames
        and not in_quotation(e[0])
    ]
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_ in _REPORTING or not people:
            continue
        mine = _person(verb)
        if mine is None or (verb.lemma_.lower(), mine[-1].lower_) not in doers:
            continue
        if mine.start > 0 and (
            mine.doc[mine.start - 1].pos_ == "PROPN" or mine.doc[mine.start - 1].text.endswith(".")
        ):
            continue  # a title before the name ("Mr.", "President") would stay
        text, base = span.text.rstrip(), span.start_char
        start, end = mine.start_char - base, mine.end_char - base
        return text[:start] + people[0].text + text[end:], f"{mine.text} -> {people[0].text}"
    return None


def _misquote_edit(span: Span, other: Span) -> tuple[str, str] | None:
    """A figure, or the polarity of a verb, changed inside quotation marks, where the other
    sentence quotes the same figure or verb (of the same subject) inside its own."""
    text, base = span.text.rstrip(), span.start_char
    mine, theirs = _numbers(span), _numbers(other)
    for key in sorted(mine.keys() & theirs.keys()):
        tok = mine[key]
        if in_quotation(tok) and in_quotation(theirs[key]):
            start = tok.idx - base
            return text[:start] + _changed_number(tok) + text[start + len(tok.text) :], f"{key[0]} {key[1]}"
    quoted = {
        t.lemma_.lower(): t
        for t in other
        if t.pos_ == "VERB" and in_quotation(t) and t.lemma_ not in _REPORTING
    }
    for verb in span:
        twin = quoted.get(verb.lemma_.lower())
        if (
            twin is None
            or not verb.is_alpha
            or verb.pos_ != "VERB"
            or not in_quotation(verb)
            or _subjects(verb) != _subjects(twin)
        ):
            continue
        if not _subjects(verb):
            continue
        edit = _negation_edit(span, verb)
        if edit is not None:
            start, end, new = edit
            return text[:start] + new + text[end:], f"not {verb.lemma_.lower()}"
    return None


def _in_quotes(span: Span) -> bool:
    """Whether the sentence opens or lies in a quotation (its words may be a misquote)."""
    text = span.doc.text[max(0, span.start_char - 400) : span.end_char]
    # Straight marks do not say which way they turn: an odd count since the paragraph began
    # leaves the sentence inside a quotation ('"He says so. But I am ..." ').
    paragraph = span.doc.text[: span.start_char].rsplit("\n", 1)[-1]
    # ``…'' (Penn Treebank / LaTeX marks, common in ECB+) pair like curly ones (annotate.quote_marks).
    return (
        any(q in span.text for q in ("“", "”", '"', "``", "''"))
        or text.count("“") > text.count("”")
        or text.count("``") > text.count("''")
        or paragraph.count('"') % 2 == 1
    )


def planted_cases(
    data: Path,
    min_shared: int = MIN_SHARED,
    per_kind: int | None = PER_KIND,
    only: str | None = None,
    kinds: tuple[str, ...] = tuple(PLANTED_KINDS),
) -> list[Planted]:
    """The cross-outlet controlled set on BASIL DEV (``plant`` over its events). ``only`` keeps one
    half of the events (``half``): the wider development set of ``--dev`` is the tune half with
    fewer shared words and no cap, so that rules are tuned on more cases than the headline's and
    never on the held-out half."""
    stories = [e for e in events(data) if only is None or half(e["event_id"]) == only]
    return plant(stories, min_shared, per_kind, kinds)


def plant(
    stories: list[dict[str, Any]],
    min_shared: int = MIN_SHARED,
    per_kind: int | None = PER_KIND,
    kinds: tuple[str, ...] = tuple(PLANTED_KINDS),
) -> list[Planted]:
    """Real sentence pairs of two articles of one story (``event_id``; ``articles`` with
    ``outlet`` and ``text``) that state one value and share at least ``min_shared`` content words;
    one of the two gets the value changed (which one alternates). At most ``per_kind`` per kind,
    spread evenly over the stories."""
    made: dict[str, list[Planted]] = {k: [] for k in kinds}
    for event in stories:
        texts = [a["text"] for a in event["articles"]]
        docs = parse_many(texts)
        spans = [[s for s in doc.sents if 6 <= len(s) <= 80] for doc in docs]
        used: set[tuple[str, int, int]] = set()
        for i, j in combinations(range(len(docs)), 2):
            for sa in spans[i]:
                ca = _content(sa)
                for sb in spans[j]:
                    if len(ca & _content(sb)) < min_shared:
                        continue
                    for kind in kinds:
                        flip = blake2b(f"{sa.text}|{sb.text}".encode(), digest_size=1).digest()[0] % 2
                        (x, xi), (y, yi) = ((sb, j), (sa, i)) if flip else ((sa, i), (sb, j))
                        if (kind, xi, x.start) in used:
                            continue
                        edit = _edit(x, kind, y)
                        if edit is None:
                            continue
                        used.add((kind, xi, x.start))
                        arts = event["articles"]
                        made[kind].append(
                            Planted(
                                event=event["event_id"],
                                kind=kind,
                                outlet=arts[xi]["outlet"],
                                original=x.text.rstrip(),
                                edited=edit[0],
                                partner_outlet=arts[yi]["outlet"],
                                partner=y.text.rstrip(),
                                value=edit[1],
                                quoted=_in_quotes(x),
                            )
                        )
    out = []
    for cases in made.values():
        if per_kind is None:
            out.extend(cases)
            continue
        step = max(1, len(cases) // per_kind)
        out.extend(cases[::step][:per_kind])
    return out


def edited_event(event: dict[str, Any], case: Planted) -> dict[str, Any]:
    """The event with the case's sentence changed in its outlet's article."""
    articles = [
        {**a, "text": a["text"].replace(case.original, case.edited, 1)} if a["outlet"] == case.outlet else a
        for a in event["articles"]
    ]
    return {**event, "articles": articles}


def _names(ref_text: str, sentence: str) -> bool:
    return fuzz.partial_ratio(ref_text, sentence) >= 90 or fuzz.partial_ratio(sentence, ref_text) >= 90


def hit(case: Planted, found: list[Contradiction]) -> bool:
    """Whether a contradiction of the planted kind pairs the edited sentence with a sentence of
    another outlet (the partner, or a third outlet that states the original value too)."""
    kinds = {ALL_KINDS[case.kind]} | ({"misquote"} if case.quoted else set())
    for c in found:
        if c.kind not in kinds:
            continue
        edited = any(r.article == case.outlet and _names(r.text, case.edited) for r in c.claims)
        partner = any(r.article != case.outlet for r in c.claims)
        if edited and partner:
            return True
    return False


def run_planted(
    data: Path, cases: list[Planted]
) -> Iterator[tuple[Planted, bool, list[Contradiction], list[Fact]]]:
    """Each planted case through the real pipeline: (case, reported?, what was reported, facts)."""
    return run_on(events(data), cases)


def run_on(
    stories: list[dict[str, Any]], cases: list[Planted]
) -> Iterator[tuple[Planted, bool, list[Contradiction], list[Fact]]]:
    """``run_planted`` on the given stories (those the cases were planted in)."""
    by_id = {e["event_id"]: e for e in stories}
    for case in cases:
        (articles, quotes, entities, facts, utterances), claims = _stages(
            edited_event(by_id[case.event], case)
        )
        found = find_contradictions(facts, articles, quotes, DEFAULT.align, entities, claims, utterances)
        yield case, hit(case, found), found, facts


_BASE_NUMBER = re.compile(r"\b(\d[\d,.]*|" + "|".join(_SMALL) + r")\b", re.IGNORECASE)
_BASE_NEGATION = re.compile(r"\b(not|no|never|nothing|none)\b|n[’']t\b", re.IGNORECASE)
_BASE_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


def value_mismatches(facts: list[Fact]) -> list[tuple[str, str, str, str, str]]:
    """The baseline: any value mismatch between two supports of one fact from different articles,
    as (kind, article, sentence text, other article, other text)."""
    out = []
    for fact in facts:
        for i, x in enumerate(fact.support):
            for y in fact.support[i + 1 :]:
                if x.article == y.article:
                    continue
                for kind, pattern in (("number", _BASE_NUMBER), ("date", _BASE_WEEKDAY)):
                    if sorted(pattern.findall(x.text.lower())) != sorted(pattern.findall(y.text.lower())):
                        out.append((kind, x.article, x.text, y.article, y.text))
                if len(_BASE_NEGATION.findall(x.text)) != len(_BASE_NEGATION.findall(y.text)):
                    out.append(("negation", x.article, x.text, y.article, y.text))
    return out


# A capitalised word after another word: a name (not the sentence's first word).
_BASE_NAME = re.compile(r"(?<=\w )([A-Z][a-z]+)")


def name_mismatches(facts: list[Fact]) -> list[tuple[str, str, str, str, str]]:
    """The actor baseline: two supports of one fact from different articles naming other
    capitalised words, as ("attribution", article, text, other article, other text)."""
    out = []
    for fact in facts:
        for i, x in enumerate(fact.support):
            for y in fact.support[i + 1 :]:
                if x.article != y.article and set(_BASE_NAME.findall(x.text)) != set(
                    _BASE_NAME.findall(y.text)
                ):
                    out.append(("attribution", x.article, x.text, y.article, y.text))
    return out


def baseline_hit(case: Planted, facts: list[Fact]) -> bool:
    """Whether the baseline pairs the edited sentence with another outlet's under the right kind
    (for a misquote, a figure or a negation mismatch; for an actor, a mismatch of names)."""
    kinds = {"number", "negation"} if case.kind == "misquote" else {ALL_KINDS[case.kind]}
    mismatches = value_mismatches(facts) + (name_mismatches(facts) if case.kind == "actor" else [])
    for k, art_a, text_a, art_b, text_b in mismatches:
        if k not in kinds:
            continue
        for art, text, other in ((art_a, text_a, art_b), (art_b, text_b, art_a)):
            if art == case.outlet and other != case.outlet and _names(text, case.edited):
                return True
    return False


def untouched(data: Path, cache: Path | None = None) -> Iterator[tuple[str, list[Contradiction], list[Fact]]]:
    """(event id, contradictions, facts) for every untouched DEV event."""
    return untouched_stories(events(data), cache)


def untouched_stories(
    stories: list[dict[str, Any]], cache: Path | None = None
) -> Iterator[tuple[str, list[Contradiction], list[Fact]]]:
    """(story id, contradictions, facts) for every story as given; the upstream stages of each
    are kept in ``cache`` when one is given."""
    for event in stories:
        path = cache / f"{event['event_id']}.pkl" if cache else None
        claims: ClaimSet | None = None
        if path is not None and path.exists():
            stages: Upstream = pickle.loads(path.read_bytes())
        else:
            stages, claims = _stages(event)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pickle.dumps(stages))
        articles, quotes, entities, facts, utterances = stages
        found = find_contradictions(facts, articles, quotes, DEFAULT.align, entities, claims, utterances)
        yield event["event_id"], found, facts


def develop(kind: str | None = None) -> None:
    """Hits and misses on the wider development set (tune half only; never the headline)."""
    cases = [
        c
        for c in planted_cases(
            data_dir(), min_shared=4, per_kind=None, only="tune", kinds=(kind,) if kind else tuple(ALL_KINDS)
        )
    ]
    print_misses(run_planted(data_dir(), cases))


def print_misses(
    results: Iterator[tuple[Planted, bool, list[Contradiction], list[Fact]]], show: bool = True
) -> tuple[dict[str, int], dict[str, int]]:
    """Print each missed case (both sentences and what was reported instead; not with ``show``
    False, for a half whose cases must stay unread) and the hits per kind; returns (hits, cases)
    per kind."""
    hits = {k: 0 for k in ALL_KINDS}
    total = {k: 0 for k in ALL_KINDS}
    for case, ok, found, _ in results:
        total[case.kind] += 1
        hits[case.kind] += ok
        if not ok and show:
            print(
                json.dumps(
                    {"kind": case.kind, "event": case.event, "value": case.value, "quoted": case.quoted}
                )
            )
            print(f"    edited  [{case.outlet}] {case.edited[:300]}")
            print(f"    partner [{case.partner_outlet}] {case.partner[:300]}")
            for c in found:
                print(f"    reported {c.kind}: {c.explanation[:200]}")
    print({k: f"{hits[k]}/{total[k]}" for k in ALL_KINDS if total[k]})
    return hits, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument(
        "--dev",
        action="store_true",
        help="run the wider tune-half development set (4 shared words, no cap) and list the misses",
    )
    parser.add_argument("--kind", choices=sorted(ALL_KINDS), default=None, help="with --dev: one kind")
    args = parser.parse_args()
    if args.dev:
        develop(args.kind)
        return
    known = labels() if LABELS.exists() else {}
    counts = {"true": 0, "false": 0, "unlabelled": 0}
    for event_id, c in reported(data_dir(), args.cache):
        label = known.get(key(event_id, c))
        verdict = "unlabelled" if label is None else ("true" if label["label"] else "false")
        counts[verdict] += 1
        print(
            json.dumps(
                {"event": event_id, "kind": c.kind, "claims": list(key(event_id, c)[2]), "label": verdict}
            )
        )
        print("   ", c.explanation)
        for r in c.claims:
            print(f"    [{r.article}:{r.sentence}] {r.text[:300]}")
    print(counts)


if __name__ == "__main__":
    main()
