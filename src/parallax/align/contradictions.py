"""Contradictions: claims about the same fact that cannot both be true.

Precision first: a contradiction is reported only when the two claims are plainly about the same
thing and differ in exactly the way the kind names.

* ``number``, ``date``, ``negation``: two claims of the same voice from different articles that
  the neighbour search finds close, that stay close once numbers, dates and negations are masked,
  and that give a different number for the same counted thing, a different date part for their
  main event, or opposite polarity of the same predicate (with a negation word only one of
  the two uses: the same "not" parsed two ways is no conflict).
* ``temporal-order``: sentences that order two events ("before meeting B, A ..."; "following the
  talks with B, A ..."; "A met C earlier in the day"), compared story-wide by the people on each
  side: one article putting the events with C before those with B and another after.
* ``attribution``: the same long quoted words given to two different named people (or two
  organisations), each named where the quote is given and neither named in the quote or near
  the other quote (see ``_attribution``); or two named people as the doer of one act ("Smith
  vetoed the bill" / "Jones vetoed the bill", see ``actor_conflict``).
* ``misquote``: one utterance (``group_utterances``) quoted by two outlets with another number,
  person's name or a negation at the one place their wordings differ (``utterance_misquotes``),
  or a negation outside a partial quote's marks that only one outlet gives ('not “deeply
  saddened”'); the same for two quotations no utterance joins (a speaker unresolved or guessed
  from a pronoun) whose words are mostly the same (``unattributed_misquotes``); or a figure or
  negation slot of one speaker's quoted words (``slot_contradiction``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz, utils
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cdist
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from parallax import names as name_forms
from parallax.align.claims import (
    AFTER_WORDS,
    BEFORE_WORDS,
    DURATION_UNITS,
    NEGATORS,
    AnalyzedClaim,
    ClaimSet,
    NameIndex,
    analyze_claims,
    dates_main_event,
    mask_text,
    mood,
    name_key,
    number_hedge,
    number_value,
    participants,
    resolve_title,
    same_figure,
)
from parallax.align.facts import (
    anchored_date_conflict,
    claim_vectors,
    date_conflict,
    neighbour_pairs,
    number_conflict,
    order_conflict,
    polarity_conflict,
    same_voice,
)
from parallax.config import DEFAULT, AlignConfig
from parallax.interpret.labels import reader_labels
from parallax.interpret.timeline import names_year, resolve_date
from parallax.models import (
    Article,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    Entity,
    Fact,
    Quote,
    Utterance,
)
from parallax.words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

_CORE_CUTS = {"advcl", "relcl", "conj", "ccomp", "xcomp", "parataxis", "acl", "appos", "csubj", "cc", "punct"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"}


@dataclass
class Found:
    kind: ContradictionKind
    claims: list[ClaimRef]
    explanation: str
    values: list[str] = field(default_factory=list)
    keep_kind: bool = False  # a figure not inside quotation marks in both claims stays a number


def find_contradictions(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
    entities: Sequence[Entity] = (),
    claims: ClaimSet | None = None,
    utterances: Sequence[Utterance] = (),
) -> list[Contradiction]:
    """Claims about the same fact that cannot both be true, each with a one-sentence explanation.

    Two claims that contradict each other never support one fact (``align_facts`` keeps them
    apart), so the candidates come again from the neighbour search that built ``facts``: given
    the analysis' ``claims`` (the set ``align_facts`` used, with its vector table), this repeats
    no parsing or embedding; without it the claims are cut here. The story's ``utterances`` (one
    statement as each outlet quoted it) are compared word by word for misquotes.
    """
    claim_set = claims if claims is not None else analyze_claims(articles, quotes, config)
    story_orders = _temporal_order(claim_set)
    covered = [{(r.article, r.sentence) for r in f.claims} for f in story_orders]
    pairwise = [
        f
        for f in _pairwise(claim_set, config)
        if f.kind != "temporal-order"
        or not any({(r.article, r.sentence) for r in f.claims} <= c for c in covered)
    ]
    found = pairwise + story_orders + _attribution(claim_set, quotes, entities, config)
    compared = {frozenset((r.article, r.sentence) for r in f.claims) for f in found}
    misquotes = utterance_misquotes(utterances, quotes, claim_set, config)
    misquotes += unattributed_misquotes(utterances, quotes, claim_set, config)
    for f in misquotes:
        key = frozenset((r.article, r.sentence) for r in f.claims)
        if key not in compared:
            compared.add(key)
            found.append(f)
    return [
        Contradiction(id=f"c{i}", kind=f.kind, claims=f.claims, explanation=f.explanation, values=f.values)
        for i, f in enumerate(found, 1)
    ]


def mark_disputed(facts: Sequence[Fact], contradictions: Sequence[Contradiction]) -> list[Fact]:
    """The facts with status ``disputed`` where one of their supporting sentences is a claim of a
    contradiction: the outlets do not agree on it, whatever their number."""
    contested = {(r.article, r.sentence) for c in contradictions for r in c.claims}
    return [
        f.model_copy(update={"status": "disputed"})
        if any((s.article, s.sentence) in contested for s in f.support)
        else f
        for f in facts
    ]


def _label(claim_set: ClaimSet, article_id: str) -> str:
    """The reader's name of the article (its outlet, else "Article N"), never its id."""
    return reader_labels(claim_set.articles).get(article_id, "another article")


def _ref(c: AnalyzedClaim, claim_set: ClaimSet) -> ClaimRef:
    article = claim_set.articles[c.article_index]
    sentence = next(s for s in article.sentences if s.id == c.claim.sentence)
    return ClaimRef(article=article.id, sentence=sentence.id, text=sentence.text)


# --- number, date, negation ---------------------------------------------------------------------


def _pairwise(claim_set: ClaimSet, config: AlignConfig) -> list[Found]:
    claims = claim_set.claims
    vectors = claim_vectors([c.claim.text for c in claims], claim_set.texts)
    out: list[Found] = []
    seen: set[tuple[str, ...]] = set()
    for pair in neighbour_pairs(claims, vectors, config):
        a, b = claims[pair.a], claims[pair.b]
        # The strict check compares whole claims, so both must be the same voice; the slot
        # check knows which values lie inside quotation marks.
        strict = (
            pair.similarity >= config.contradiction_similarity
            and same_voice(a, b)
            and "?" not in (a.voice, b.voice)
        )
        found = slot_contradiction(a, b, pair.similarity, claim_set, config) or (
            pairwise_contradiction(a, b, claim_set, config) if strict else None
        )
        found = found or actor_conflict(a, b, pair.similarity, claim_set, config)
        found = found or _refusal(a, b, pair.similarity, claim_set, config)
        if found is None:
            continue
        if (
            a.voice is not None
            and b.voice is not None
            and found.kind in {"number", "negation"}
            and not found.keep_kind
        ):
            found.kind = "misquote"  # the same speaker's words, reported with another value
        key = (found.kind, *sorted(f"{r.article}:{r.sentence}" for r in found.claims))
        if key in seen:
            continue
        seen.add(key)
        out.append(found)
    return out


def pairwise_contradiction(
    a: AnalyzedClaim, b: AnalyzedClaim, claim_set: ClaimSet, config: AlignConfig = DEFAULT.align
) -> Found | None:
    """The contradiction between two close claims of the same voice, if they differ in one way only."""
    numbers = number_conflict(a, b, same_hedge=True)
    dates = date_conflict(a, b) or anchored_date_conflict(a, b)
    published = [claim_set.articles[c.article_index].published for c in (a, b)]
    if dates and dates[0] == "weekday" and all(published):
        dates = _dated_weekdays(dates, published)
    if dates and _names_both_days(a, b, (dates[1], dates[2])):
        dates = None
    if dates and _other_dates_apart(a, b, (dates[1], dates[2])):
        dates = None
    # Opposite polarity needs a negation word one claim has and the other lacks: when both say
    # "not" (or neither does), a different parse of the same words is no contradiction.
    polarity = negator_count(a) != negator_count(b) and bool(
        polarity_conflict(a, b) or (a.negated != b.negated and a.predicate == b.predicate)
    )
    order = order_conflict(a, b)
    kinds = [
        k for k, v in (("number", numbers), ("date", dates), ("negation", polarity), ("order", order)) if v
    ]
    # Two differences at once read as two different events, not one event told two ways.
    if len(kinds) != 1:
        return None
    masked = claim_vectors([mask_text(a), mask_text(b)], claim_set.texts)
    if float(masked[0] @ masked[1]) < config.contradiction_masked_similarity:
        return None
    la, lb = _label(claim_set, a.claim.article), _label(claim_set, b.claim.article)
    refs = [_ref(a, claim_set), _ref(b, claim_set)]
    if numbers and len({_quoted_number(c, v) for c, v in ((a, numbers[1]), (b, numbers[2]))}) > 1:
        return None  # a figure in quotation marks against one outside them: not one voice
    if numbers and _figures_apart(a, numbers[1], b, numbers[2]):
        return None  # two amounts, two acts' counts, or one amount in two currencies
    if numbers:
        unit, x, y = numbers
        what = f" ({unit})" if unit and unit not in x.lower() else ""
        text = f"{la} says {x}{what} where {lb} says {y}, in otherwise matching accounts."
        # Reported speech is no quotation: a misquote needs the figure inside quotation marks.
        quoted = all(_quoted_number(c, v) or c.verbatim for c, v in ((a, x), (b, y)))
        return Found("number", refs, text, [x, y], keep_kind=not quoted)
    if order:
        _, direction, reference = order
        other = "after" if direction == "before" else "before"
        text = (
            f"{la} puts it {direction} {reference} where {lb} puts it {other}, in otherwise matching words."
        )
        return Found("temporal-order", refs, text)
    if dates:
        part, x, y = dates
        text = f"{la} gives the {part} as {x.title()} where {lb} gives {y.title()}, for the same event."
        return Found("date", refs, text, [x, y])
    positive, negative = (b, a) if a.negated else (a, b)
    lp, ln = _label(claim_set, positive.claim.article), _label(claim_set, negative.claim.article)
    text = f"{lp} says “{positive.claim.text}” where {ln} says the opposite: “{negative.claim.text}”."
    return Found("negation", refs, text)


def _dated_weekdays(
    dates: tuple[str, str, str], published: Sequence[date | None]
) -> tuple[str, str, str] | None:
    """Two weekday names in otherwise matching claims of dated articles, as days: no conflict when
    they resolve to one day, or when each is its own article's news day (a recurring event told
    on two days); else the two days."""
    part, x, y = dates
    pa, pb = published
    dx, dy = _one_day(x, pa), _one_day(y, pb)
    if dx is None or dy is None or pa is None or pb is None or dx == dy or _own_news_days(dx, dy, pa, pb):
        return None
    return part, f"{x} ({dx:%A %-d %B})", f"{y} ({dy:%A %-d %B})"


def _quoted_number(claim: AnalyzedClaim, text: str) -> bool:
    first = text.split()[0] if text.split() else text
    tok = next((t for t in claim.tokens if t.text == first), None)
    return tok is not None and in_quotation(tok)


def _figures_apart(a: AnalyzedClaim, x: str, b: AnalyzedClaim, y: str) -> bool:
    """Whether the figures ``x`` of ``a`` and ``y`` of ``b`` (by their text) are about different
    things: a converted amount ("$US1 million ($1.52 million)": the same amount in another
    currency), amounts or rates told apart by their words ("$13 million in state taxes" / "$43
    million in federal taxes"), or counts on verbs of two known acts ("killed four workers" /
    "injured nine workers"). Each claim's slots are read once."""
    if _converted_in(a, x) or _converted_in(b, y):
        return True
    xs = [s for slots in number_slots(a).values() for s in slots if s.text == x]
    ys = [s for slots in number_slots(b).values() for s in slots if s.text == y]
    if xs and ys and xs[0].described and ys[0].described and not _same_description(xs[0], ys[0]):
        return True
    return any(_other_acts(p.verb, q.verb) for p in xs for q in ys)


def negator_count(claim: AnalyzedClaim) -> int:
    """How many negation words the claim's own words use ('not', "n't", 'never', 'no one' ...)."""
    return sum(1 for t in claim.tokens if _is_negator(t))


def _is_negator(tok: Token) -> bool:
    """A negation word ('not', "n't", 'never', 'no one' ...), but the "not" of "not only"."""
    return (tok.dep_ == "neg" or _plain(tok) in NEGATORS) and not _not_only(tok)


def _not_only(tok: Token) -> bool:
    """ "not only ... but also": the "not" adds, it does not deny."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "not" and nxt is not None and nxt.lower_ == "only"


def _plain(tok: Token) -> str:
    """A word in lower case with a curly apostrophe made straight ("isn’t" -> "n't", which the
    parser may not even tag as a negation)."""
    return tok.lower_.replace("’", "'")


# --- slots compared across outlets ---------------------------------------------------------------
#
# Two outlets rarely word one fact alike, so the strict check above (the same sentence but for one
# value) misses most real conflicts. Here each close pair of claims is compared slot by slot: a
# count with its noun, an amount, a percentage, an age, the date of the main event (resolved
# against each article's publication date), the polarity of the main verb. A slot is compared
# only when both claims fill it once, about the same thing, in the same way (both inside or both
# outside quotation marks, neither a range, approximations compatible).

# "X did not say Y" denies a report, not Y; "said" against "did not say" is no conflict of facts.
_REPORTING = {"say", "tell", "add", "state", "write", "announce", "ask", "note", "explain", "claim"}
_SPEAKING = _REPORTING | {"call", "tweet", "declare", "urge", "say", "warn", "vow"}
_UPPER_BOUNDS = {"less than", "fewer than", "at most", "up to", "under", "as many as", "as much as"}
_LOWER_BOUNDS = {"more than", "at least", "over"}
_RANGE_WORDS = {"to", "-", "–", "—", "and", "or", "between"}
_CALENDAR = set(WEEKDAYS) | set(MONTHS) | set(MONTH_ABBREVIATIONS)


@dataclass(frozen=True)
class Slot:
    """One checkable value of a claim: what it measures, its value, how it was written."""

    key: str
    value: float | str
    text: str
    hedge: str = ""
    quoted: bool = False
    verb: str = ""  # the lemma of the verb the figure hangs on ("killed 12 people" -> "kill")
    described: str = ""  # the words that tell one rate or amount from another ("effective federal tax")
    qualified: frozenset[str] = frozenset()  # what qualifies a counted noun ("African", "of assault")
    at: int = field(default=-1, compare=False)  # the figure's first number token (-1: unknown)


def in_quotation(tok: Token) -> bool:
    """Whether a token lies between quotation marks of its sentence (curly or straight)."""
    double = single = straight = 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.text == "“":
            double += 1
        elif t.text == "”":
            double = max(0, double - 1)
        elif t.text == "‘":
            single += 1
        elif t.text == "’" and single:  # otherwise an apostrophe
            single -= 1
        elif t.text == '"':
            straight += 1
    return double > 0 or single > 0 or straight % 2 == 1


def _figure_quoted(tok: Token, claim: AnalyzedClaim) -> bool:
    """Whether a figure is quoted words: inside the quotation marks of its sentence when the
    sentence opens and closes its marks (a figure outside a partial quote, "the fire, estimated to
    have caused $5 million in damage, was labeled “suspicious”", is the outlet's own, even when the
    quote finder took the whole sentence for the quote); else also in a quotation begun sentences
    before (the claim is ``verbatim``)."""
    inside = in_quotation(tok) or _typewriter_depth(tok.sent, tok.i) > 0
    if _figure_marks_closed(tok.sent):
        return inside
    return inside or claim.verbatim


def _typewriter_marks(sent: Span) -> list[tuple[int, int]]:
    """(token index, +1 opening / -1 closing) of the ``typewriter'' quotation marks of plain-text
    corpora: two backticks (one token or two) open, two apostrophes close."""
    out: list[tuple[int, int]] = []
    for t in sent:
        if t.text == "``" or (t.text == "`" and t.i + 1 < sent.end and t.doc[t.i + 1].text == "`"):
            out.append((t.i, 1))
        elif t.text == "''":
            out.append((t.i, -1))
    return out


def _typewriter_depth(sent: Span, at: int) -> int:
    return sum(step for i, step in _typewriter_marks(sent) if i < at)


def _figure_marks_closed(sent: Span) -> bool:
    """The sentence has quotation marks (curly, straight or typewriter) and closes each it opens."""
    texts = [t.text for t in sent]
    curly, straight = texts.count("“"), texts.count('"')
    typed = _typewriter_marks(sent)
    return (
        bool(curly or straight or typed)
        and curly == texts.count("”")
        and straight % 2 == 0
        and sum(step for _, step in typed) == 0
    )


def _in_range(tok: Token) -> bool:
    """'10 to 15', 'between 10 and 15', '10-15': one end of a range is no single value."""
    doc = tok.doc
    for step in (-1, 1):
        k = tok.i + step
        if 0 <= k < len(doc) and doc[k].lower_ in _RANGE_WORDS:
            j = k + step
            if 0 <= j < len(doc) and doc[j].like_num:
                return True
    return "-" in tok.text.strip("-") or any(c.lower_ == "between" for c in tok.head.children)


def number_slots(claim: AnalyzedClaim) -> dict[str, list[Slot]]:
    """The claim's numbers by what they measure: the counted noun, the currency, 'percent', or
    'age of <name>' for a figure in apposition ("Smith, 46,")."""
    out: dict[str, list[Slot]] = defaultdict(list)
    by_text = {t.text: t for t in claim.tokens if t.like_num}
    for q in claim.quantities:
        if q.unit in DURATION_UNITS:
            continue
        # The figure's first number token ("$500,000", "38%": the sign and the number written together).
        words = [w.strip("$€£¥%") for w in q.text.split()]
        first = _figure_token(claim, q.start, words)
        if first is None:
            first = next((by_text[w] for w in words if w in by_text), None)
        if first is None or _in_range(first) or _converted(first):
            continue
        if _whole_of_part(first):
            if q.unit.isalpha():  # "two of the three victims": the whole, compared with wholes only
                key = _WHOLE + q.unit
                quoted = _figure_quoted(first, claim)
                out[key].append(Slot(key, q.value, q.text, q.hedge, quoted, _verb_of(first), at=first.i))
            continue
        key = q.unit
        described = ""
        amount = False
        if ":" in q.unit:
            # No counted noun beside the figure: what it counts comes through "of" ("12 of the
            # victims") or, for the figure of a "be" or a change verb, the subject ("the death
            # toll is 12", "the toll rose to 12"); anything else is not compared.
            key = _bare_key(first)
            if not key:
                continue
        elif not q.unit.isalpha() or q.unit in {"money", "percent"}:
            # An amount or a share says what it measures through its verb: "paid $13 million",
            # "the tax rate was 35 percent" (the subject when the verb is "be"), or the noun it
            # is "of" ("an effective tax rate of 35 percent").
            amount = True
            noun = _measured_noun(first)
            key = f"{q.unit} {noun.lemma_.lower() if noun is not None else _measured(first)}"
            described = _description(noun) if noun is not None else _amount_description(first)
        verb = "measure" if key.startswith(_MEASURED) else _verb_of(first)
        # Inside quotation marks of its sentence, or in a quotation that began sentences before.
        quoted = _figure_quoted(first, claim)
        qualified = _qualifiers(first) if key.isalpha() else frozenset()
        out[key].append(Slot(key, q.value, q.text, q.hedge, quoted, verb, described, qualified, first.i))
        size = None if amount else _size_of(first)
        if size is not None:
            # "the six-story structure": also a size of the structure, whatever verb tells it.
            out[size].append(Slot(size, q.value, q.text, q.hedge, quoted, "measure", at=first.i))
        thing = _amount_thing(first) if amount else None
        if thing is not None:
            # The same amount under the thing it is of, whatever verb tells it ("did $1 million
            # damage" / "received $5 million in damage" / "estimate the damage at $5 million").
            alias = f"{q.unit}{_AMOUNT_OF}{thing}"
            out[alias].append(Slot(alias, q.value, q.text, q.hedge, quoted, verb, described, at=first.i))
    for tok in claim.tokens:
        if not tok.like_num or tok.ent_type_ not in {"DATE", "CARDINAL", ""}:
            continue
        value = number_value(tok.text)
        if value is None or not 0 < value < 130:
            continue
        # An age in apposition: "Smith, 46, said" (the parser hangs it on the name).
        head = tok.head
        apposed = (
            head.pos_ == "PROPN" and tok.i > head.i and tok.dep_ in {"appos", "npadvmod", "amod", "nummod"}
        )
        if apposed and tok.doc[tok.i - 1].text == ",":
            key = f"age of {name_key(head.text)}"
            out[key].append(Slot(key, value, tok.text, "", in_quotation(tok)))
        elif (person := _aged(tok)) is not None:
            key = f"age of {name_key(person.text)}"  # "52-year-old Mark Ellison"
            out[key].append(Slot(key, value, tok.text, "", in_quotation(tok)))
        elif tok.ent_type_ == "DATE" and _entity_span(tok).text == tok.text and not _in_range(tok):
            # A bare figure the tagger took for a date ("the death toll is 12").
            key = _bare_key(tok)
            if key.startswith(_MEASURED):
                hedge = number_hedge(tok.doc, tok.i, tok.i + 1)
                out[key].append(Slot(key, value, tok.text, hedge, in_quotation(tok), "measure", at=tok.i))
        elif _count_before_duration(tok):
            # "six 10-year sentences": the tagger took the whole for one date ("six 10-year").
            key = tok.head.lemma_.lower()
            quoted = _figure_quoted(tok, claim)
            out[key].append(
                Slot(key, value, tok.text, "", quoted, _verb_of(tok), "", _qualifiers(tok), tok.i)
            )
    return out


def _size_of(tok: Token) -> str | None:
    """The size a figure gives a thing when joined by a hyphen to its unit in front of the thing's
    noun ("the six-story structure", "a 7.1-magnitude quake", "a three-judge panel"): the key
    "measure of <unit> <noun>", else None. A size belongs to the thing, not to an act: "arrived
    at the six-story structure" / "flames coming from the three-story structure" are one building."""
    doc = tok.doc
    unit = tok.head
    if (
        tok.dep_ != "nummod"
        or unit.i != tok.i + 2
        or doc[tok.i + 1].text != "-"
        or unit.dep_ not in {"compound", "amod", "nmod"}
        or unit.head.i <= unit.i
        or unit.head.pos_ != "NOUN"
        or unit.lemma_.lower() in DURATION_UNITS
    ):
        return None
    return f"{_MEASURED}{unit.lemma_.lower()} {unit.head.lemma_.lower()}"


def _figure_token(claim: AnalyzedClaim, start: int, words: list[str]) -> Token | None:
    """The figure's own first number token, from the index its quantity starts at (a word written
    twice, "seven life sentences and seven sentences of life", is two figures), or None."""
    if start < 0:
        return None
    return next((t for t in claim.tokens if t.i >= start and t.like_num and t.text in words), None)


def _count_before_duration(tok: Token) -> bool:
    """A count the tagger put in one date entity with the duration after it ("six 10-year
    sentences"): a figure tagged DATE counting a noun that is no unit of time."""
    noun = tok.head
    if tok.ent_type_ != "DATE" or tok.dep_ != "nummod" or noun.pos_ != "NOUN" or _in_range(tok):
        return False
    duration = any(c.dep_ == "compound" and c.lemma_.lower() in DURATION_UNITS for c in noun.lefts)
    return duration and noun.lemma_.lower() not in DURATION_UNITS and not noun.ent_type_


_PART_WORDS = frozenset(
    {"all", "both", "each", "few", "half", "many", "most", "none", "part", "several", "some"}
)
# The shares a part is counted in ("ninety percent of the 579 candidates").
_SHARE_WORDS = frozenset({"percent", "%", "majority", "minority", "third", "quarter", "fifth"})
# The key of a whole a part is taken from ("of the 288 candidates").
_WHOLE = "whole "


def _whole_of_part(tok: Token) -> bool:
    """'two of the three victims', 'most of the 12 workers': the figure is the whole a part is
    taken from, not the count of what the sentence tells (the part is compared instead)."""
    noun = tok.head
    if tok.dep_ != "nummod" or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    part = noun.head.head
    return part.i != noun.head.i and (part.like_num or part.lower_ in _PART_WORDS | _SHARE_WORDS)


def _converted(tok: Token) -> bool:
    """Whether a figure, in parentheses right after an amount, gives that amount in another
    currency or unit ("1 million euros ($1.4 million)"): no value of its own."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and (doc[k].is_currency or doc[k].text in {"$", "US$"}):
        k -= 1
    return k >= 1 and doc[k].text == "(" and doc[k - 1].ent_type_ in {"MONEY", "QUANTITY"}


def _converted_in(claim: AnalyzedClaim, text: str) -> bool:
    """Whether the figure written ``text`` in the claim is a converted amount (``_converted``)."""
    words = {w.strip("$€£¥%") for w in text.split()}
    return any(_converted(t) for t in claim.tokens if t.like_num and t.text in words)


def _aged(tok: Token) -> Token | None:
    """The named person a figure gives the age of in "N-year-old <name>", else None."""
    year = tok.head
    old = year.head
    if tok.dep_ != "nummod" or year.lemma_.lower() != "year" or old.lower_ != "old" or old.dep_ != "amod":
        return None
    return old.head if old.head.pos_ == "PROPN" else None


def _relative_year(ent_text: str, published: date | None) -> str | None:
    """The year "last year" / "this year" / "next year" names, against the publication date."""
    if published is None:
        return None
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}.get(ent_text.lower().split()[0])
    if shift is None or ent_text.lower().split()[-1] != "year" or len(ent_text.split()) != 2:
        return None
    return str(published.year + shift)


def _years(claim: AnalyzedClaim, published: date | None = None, at: int = -1) -> frozenset[str]:
    """The years the claim's sentence names (the period its figures are about): written out, or
    "last year" / "this year" resolved against the article's publication date. Given the figure
    (its token index ``at``), not the years of a subordinate clause without it ("was given two
    life sentences after being convicted for stabbing his wife in 1999").

    Kept on the parse per first token, date and figure: every pair a claim is in asks again (the
    example story: 880 asks for 111 claims, 3 % of its analysis)."""
    first = claim.tokens[0]
    known: dict[tuple[int, date | None, int], frozenset[str]] = first.doc.user_data.setdefault(
        "parallax.years", {}
    )
    key = (first.i, published, at)
    if key not in known:
        known[key] = _sentence_years(first.sent, published, at)
    return known[key]


def _sentence_years(sentence: Span, published: date | None, at: int) -> frozenset[str]:
    figure = sentence.doc[at] if at >= 0 else None
    out = {
        t.text
        for t in sentence
        if t.ent_type_ == "DATE"
        and re.fullmatch(r"1[89]\d\d|20\d\d", t.text)
        and not _year_of_day(t)
        and not _in_other_clause(t, figure)
    }
    for tok in sentence:
        if _in_other_clause(tok, figure):
            continue
        if tok.ent_type_ == "DATE" and tok.ent_iob_ == "B":
            year = _relative_year(_entity_span(tok).text, published)
            if year is not None:
                out.add(year)
    return frozenset(out)


_SUBORDINATE = {"advcl", "relcl", "acl", "pcomp", "ccomp", "xcomp", "csubj"}


def _in_other_clause(tok: Token, figure: Token | None) -> bool:
    """Whether ``tok`` lies in a subordinate clause that does not hold ``figure``."""
    if figure is None:
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ in _SUBORDINATE:
            return not (node.left_edge.i <= figure.i <= node.right_edge.i)
        node = node.head
    return False


def _year_of_day(tok: Token) -> bool:
    """Whether a year is that of one calendar day ("the March 11, 2005, incident"): it dates an
    event, it names no period a total is about ("$13 million in 2013")."""
    ent = _entity_span(tok)
    month = any(t.lower_.strip(".") in MONTHS or t.lower_.strip(".") in MONTH_ABBREVIATIONS for t in ent)
    days = [number_value(t.text) for t in ent if t.i != tok.i and t.like_num]
    day = any(v is not None and 1 <= v <= 31 for v in days)
    return month and day


# Verbs that tell one act from its two sides ("the storm killed 12 people" / "27 people died"):
# a count of the same noun under two verbs of one group is one count.
_SAME_ACT = [
    {"kill", "die", "dead"},
    {"injure", "wound", "hurt", "injured", "wounded"},
    {"arrest", "detain"},
    {"appoint", "pick", "name", "choose", "select", "nominate", "tap"},
    {"fire", "dismiss", "sack", "oust"},
    {"resign", "quit", "step"},
    {"evacuate", "flee"},
]


def _verb_of(tok: Token) -> str:
    """The verb a figure hangs on; for a count that "there is", the verb its noun does ("there
    will be two senators serving" -> "serve", "there were 12 people killed" -> "kill")."""
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    if node.pos_ not in {"VERB", "AUX"}:
        return ""
    state = _resulting_state(tok, node)
    if state:
        return state
    if node.lemma_.lower() == "be" and tok.dep_ == "nummod":
        acts = [c for c in tok.head.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
        if acts:
            return acts[0].lemma_.lower()
    return node.lemma_.lower()


def _resulting_state(tok: Token, verb: Token) -> str:
    """The state a verb leaves the counted noun, its object, in ("left seven people dead",
    "left 12 injured"): the act the count is of ("dead" is "kill"'s group), else ''."""
    noun = tok.head if tok.dep_ == "nummod" else tok
    if noun.dep_ != "dobj" or noun.head.i != verb.i:
        return ""
    states = [c for c in verb.children if c.dep_ in {"oprd", "acomp"} and c.pos_ in {"ADJ", "VERB"}]
    state = states[0] if states else None
    return state.lemma_.lower() if state is not None else ""


# What a bare figure measures when its verb only states or changes it ("the toll is 12",
# "the toll rose to 12"): the verb's subject.
_MEASURED = "measure of "
_MEASURE_VERBS = {"be", "rise", "climb", "reach", "stand", "total", "increase", "grow", "jump", "top", "hit"}
_MEASURE_PREPS = {"to", "at"}
_GENERIC_MEASURES = {"number", "total", "count", "tally", "figure"}


def _bare_key(tok: Token) -> str:
    """What a figure without a counted noun measures: "of <noun>" for "12 of the victims",
    "measure of <subject>" for "the death toll is 12" / "rose to 12", else ''."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            noun = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)
            if noun is not None:
                return f"of {noun.lemma_.lower()}"
    verb = None
    if tok.dep_ in {"attr", "acomp"} and tok.head.lemma_.lower() == "be":
        verb = tok.head
    elif (
        tok.dep_ == "pobj"
        and tok.head.lower_ in _MEASURE_PREPS
        and tok.head.head.lemma_.lower() in _MEASURE_VERBS
    ):
        verb = tok.head.head
    if verb is None:
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return ""
    words = [c.lemma_.lower() for c in subject.lefts if c.dep_ == "compound" and c.is_alpha]
    words.append(subject.lemma_.lower())
    if subject.lemma_.lower() in _GENERIC_MEASURES:
        # "the number of dead is 12": the number of what
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if noun is None:
            return ""
        words += ["of", noun.lemma_.lower()]
    return _MEASURED + " ".join(words)


def _measured_noun(tok: Token) -> Token | None:
    """The noun a share or amount is the value of: "a rate of 35 percent" -> rate, "the rate
    was 35 percent" -> rate (the subject of "be")."""
    root = tok
    while root.head.i != root.i and root.dep_ in {"nummod", "compound", "quantmod", "nmod"}:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head
    if root.dep_ in {"attr", "acomp"} and root.head.lemma_.lower() == "be":
        return next((c for c in root.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return None


_AMOUNT_OF = " amount of "


def _amount_thing(tok: Token) -> str | None:
    """The noun an amount is the size of, however it is attached: the noun it modifies ("$1
    million damage"), the noun it is "in" ("$5 million in damage"), or the object of the verb
    that puts it "at" the amount ("estimate the damage at $5 million"); no date, no name."""
    root = tok
    while root.head.i != root.i and root.dep_ in {"nummod", "compound", "quantmod", "nmod"}:
        root = root.head
    if root.pos_ == "NOUN" and not root.like_num and root.lemma_.lower() not in {"percent", "dollar"}:
        return root.lemma_.lower()
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.pos_ == "NOUN" and not noun.ent_type_:
                return noun.lemma_.lower()
    if root.head.lower_ == "worth" and root.head.head.pos_ == "NOUN":
        return root.head.head.lemma_.lower()  # "a five-year deal worth nearly $163 million"
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.pos_ == "VERB":
        # "estimate the damage at $5 million", "the damage was estimated at $5 million"
        obj = next((c for c in root.head.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is not None and obj.pos_ == "NOUN":
            return obj.lemma_.lower()
    return None


_UNDERGOERS = {"dobj", "pobj", "nsubjpass"}


def _qualifiers(tok: Token) -> frozenset[str]:
    """The words that say which of its kind a counted noun is, when the noun undergoes its verb
    (its object, or the subject of a passive): its adjectives and compounds ("interviewed six
    other women", "handcuffed five transport officers") and what it is "of" ("counts of
    assault"); neither figures nor dates. Doers are left out: "two other women accused him" /
    "three other women declined to comment" are two groups."""
    noun = tok.head if tok.dep_ == "nummod" else tok
    first = noun
    # A conjunct or an apposition has the role of the word it joins ("sentenced to life for
    # assault and two counts of assault", the parser hanging "assault" on the subject "He").
    while first.dep_ in {"conj", "appos"} and first.head.i != first.i:
        first = first.head
    undergoes = first.dep_ in _UNDERGOERS or _unattached(first) or _small_clause_subject(first)
    if noun.pos_ not in {"NOUN", "PROPN"} or not undergoes:
        return frozenset()
    words = {
        c.lemma_.lower()
        for c in noun.lefts
        if c.dep_ in {"amod", "compound"}
        and c.is_alpha
        and c.i != tok.i
        and c.ent_type_ not in {"DATE", "TIME"}
    }
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            words |= {f"of {c.lemma_.lower()}" for c in prep.children if c.dep_ == "pobj" and c.is_alpha}
    return frozenset(words)


def _small_clause_subject(noun: Token) -> bool:
    """The subject the parser gave a bare verb after another verb ("took two officers hostage",
    "made two workers leave": "hostage", "leave" tagged as verbs of their own clause): the object
    of the first verb. Not in a clause with a tense of its own ("said two officers died"), one
    opened by "that", or one after a verb of saying."""
    clause = noun.head
    return (
        noun.dep_ == "nsubj"
        and clause.dep_ in {"ccomp", "xcomp"}
        and clause.tag_ in {"VB", "VBP"}
        and clause.head.pos_ == "VERB"
        and clause.head.lemma_.lower() not in _SPEAKING
        and not any(c.dep_ in {"aux", "auxpass", "mark"} for c in clause.children)
    )


def _unattached(noun: Token) -> bool:
    """A noun the parser hung on its verb without a role ("sentenced to life for indecency, aggravated
    assault and two counts of assault": "assault" is a bare ``dep``): not its subject, which
    stands before the verb."""
    return noun.dep_ == "dep" and noun.head.pos_ in {"VERB", "AUX"} and noun.i > noun.head.i


def _amount_description(tok: Token) -> str:
    """What an amount is "in", "for" or "on" when no noun has it as its value ("paid $12 million
    in federal taxes" -> "federal tax"); dates and figures inside that phrase are no description."""
    root = tok
    while root.head.i != root.i and root.dep_ in {"nummod", "compound", "quantmod", "nmod"}:
        root = root.head
    # The phrase hangs on the amount, or on its verb right after it ("paid $12 million in taxes").
    preps = [*root.children]
    if root.dep_ == "dobj":
        preps += [c for c in root.head.children if c.i == root.right_edge.i + 1]
    words = set()
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "for", "on"}:
            for t in prep.subtree:
                if t.is_alpha and t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.ent_type_ not in {"DATE", "TIME"}:
                    words.add(t.lemma_.lower())
    return " ".join(sorted(words))


def _description(noun: Token) -> str:
    """The words that tell one rate or amount from another of the same noun: its modifiers and
    what it is "for" ("the effective tax rate for state and local taxes")."""
    words = {c.lemma_.lower() for c in noun.lefts if c.dep_ in {"amod", "compound"} and c.is_alpha}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "on"}:
            for t in prep.subtree:
                if t.is_alpha and t.pos_ in {"NOUN", "ADJ", "PROPN"}:
                    words.add(t.lemma_.lower())
    return " ".join(sorted(words))


def same_act(x: str, y: str) -> bool:
    """Whether two verb lemmas name one act: the same verb (not "be"/"have"), or one group."""
    if not x or not y or x in {"be", "have"} or y in {"be", "have"}:
        return False
    return x == y or any(x in g and y in g for g in _SAME_ACT)


def _count_conflict(
    a: AnalyzedClaim, b: AnalyzedClaim, published: tuple[date | None, date | None] = (None, None)
) -> tuple[str, Slot, Slot] | None:
    """A number conflict on a count of one noun ("12 people" / "27 people") whose figures hang on
    one act in both claims, whatever the claims' main verbs ("killed" / "died when ... hit")."""
    found = number_slot_conflict(a, b, published)
    if found is None:
        return None
    key, x, y = found
    if key.startswith(_MEASURED):
        return found  # one named measure ("the death toll") stated or changed by either verb
    if x.quoted and y.quoted and x.verb == y.verb:
        return found  # one figure of one quotation (the caller checks it is one utterance)
    if _same_description(x, y):
        return found  # one rate or amount, told apart by the same words ("effective federal tax rate")
    if _AMOUNT_OF in key:
        return found  # one amount of one thing ("the damage"), whatever verb tells it
    counted = key.isalpha() or (key.startswith("of ") and key[3:].isalpha()) or key.startswith(_WHOLE)
    if not counted or key in {"money", "percent"}:
        return None
    if same_act(x.verb, y.verb):
        return found
    # Other verbs: one count when the noun undergoes both and is qualified alike ("interviewed
    # six other women" / "found three other women"), and the verbs are not two known acts
    # ("killed" / "injured").
    if x.qualified & y.qualified and not _other_acts(x.verb, y.verb):
        return found
    # "the six holdouts refused" / "doomed by the three holdouts": a definite count is the size of
    # a group the story already knows, whatever the group does, when named in the same words.
    group = _definite_group(a, x)
    if group is not None and group == _definite_group(b, y) and not _other_acts(x.verb, y.verb):
        return found
    # "1,300 biologists and six scientific societies sent letters" / "more than 1,300 scientists
    # and three leading scientific societies called on ...": the doers of two verbs, named alike,
    # beside another figure both claims give: one list of the same participants.
    if (
        _kind_words(a, x) & _kind_words(b, y)
        and _shared_figure(a, b, x, y)
        and not _other_acts(x.verb, y.verb)
    ):
        return found
    return None


# Words that set a group apart from another without saying what it is ("two other women").
_SETTING_APART = {"other", "more", "additional", "further", "new", "several", "many", "few", "same"}


def _kind_words(claim: AnalyzedClaim, slot: Slot) -> frozenset[str]:
    """The adjectives and compounds of the noun a figure counts ("six scientific societies" ->
    {"scientific"}), whatever its role; none that only set one group apart from another."""
    if slot.at < 0:
        return frozenset()
    tok = claim.tokens[0].doc[slot.at]
    noun = tok.head
    if tok.dep_ != "nummod" or noun.pos_ != "NOUN":
        return frozenset()
    return frozenset(
        c.lemma_.lower()
        for c in noun.lefts
        if c.dep_ in {"amod", "compound"}
        and c.is_alpha
        and c.i != tok.i
        and c.lemma_.lower() not in _SETTING_APART
        and c.ent_type_ not in {"DATE", "TIME"}
    )


# Small figures ("two", "ten") recur in any two sentences of a story: only a larger one anchors.
_ANCHOR_ABOVE = 10


def _shared_figure(a: AnalyzedClaim, b: AnalyzedClaim, x: Slot, y: Slot) -> bool:
    """Whether the claims give one other figure alike, above ``_ANCHOR_ABOVE`` (neither a year
    nor part of a date or time)."""

    def figures(claim: AnalyzedClaim, at: int) -> set[float]:
        out = set()
        for t in claim.tokens:
            if not t.like_num or t.i == at or t.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
                continue
            value = number_value(t.text)
            if (
                value is not None
                and value > _ANCHOR_ABOVE
                and not (1800 <= value <= 2100 and t.text.isdigit())
            ):
                out.add(value)
        return out

    return bool(figures(a, x.at) & figures(b, y.at))


_DEFINITE = {"the", "these", "those"}


def _definite_group(claim: AnalyzedClaim, slot: Slot) -> frozenset[str] | None:
    """The words naming a group a figure counts as "the N <noun>" ("the three holdouts", "the
    nine pro-death jurors", "the 13 states that sued": its modifiers, what it is "of", the verbs
    of its relative clauses), else None (no article, or the figure is no count of a noun)."""
    if slot.at < 0:
        return None
    tok = claim.tokens[0].doc[slot.at]
    noun = tok.head
    if tok.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.i < tok.i:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE and c.i < tok.i for c in noun.children):
        return None
    words = {
        c.lemma_.lower() for c in noun.lefts if c.dep_ in {"amod", "compound"} and c.is_alpha and c.i != tok.i
    }
    for c in noun.rights:
        if c.dep_ == "prep":
            words |= {f"{c.lower_} {p.lemma_.lower()}" for p in c.children if p.dep_ == "pobj"}
        elif c.dep_ in {"relcl", "acl"}:
            words.add(f"which {c.lemma_.lower()}")
    return frozenset(words)


def _other_acts(x: str, y: str) -> bool:
    """Whether two verbs belong to two different groups of acts (``_SAME_ACT``)."""
    gx = {i for i, g in enumerate(_SAME_ACT) if x in g}
    gy = {i for i, g in enumerate(_SAME_ACT) if y in g}
    return bool(gx and gy and not gx & gy)


def _same_description(x: Slot, y: Slot) -> bool:
    """Two rates or amounts told apart by words one of them repeats in full ("the federal tax
    rate" / "the effective federal tax rate"); a figure without such words has no description."""
    wx, wy = set(x.described.split()), set(y.described.split())
    return bool(wx and wy) and (wx <= wy or wy <= wx)


def _measured(tok: Token) -> str:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    if node.lemma_.lower() == "be":
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return subject.lemma_.lower() if subject is not None else "be"
    return node.lemma_.lower()


def _approximately_equal(x: Slot, y: Slot) -> bool:
    """Approximations agree with any value near them ('nearly 90' / 'about 90' / '91'); a bound
    agrees with values on its side ('more than 10' / '12')."""
    a, b = float(x.value), float(y.value)
    if same_figure(a, x.text, b, y.text):
        return True  # one figure written rounded ("$43 million" / "$43,885,310"; "36" / "35.7")
    if not (x.hedge or y.hedge):
        return False
    # "at least eight" / "at least five": two bounds on one side are two different figures for
    # one count (a bound against an exact value or a bound on the other side stays compatible).
    if a != b and ({x.hedge, y.hedge} <= _LOWER_BOUNDS or {x.hedge, y.hedge} <= _UPPER_BOUNDS):
        return False
    for bound, other in ((x, b), (y, a)):
        v = float(bound.value)
        if bound.hedge in _LOWER_BOUNDS and other >= v:
            return True
        if bound.hedge in _UPPER_BOUNDS and other <= v:
            return True
    return max(a, b) <= 1.5 * min(a, b)


def _same_speaker(a: AnalyzedClaim, b: AnalyzedClaim) -> bool:
    """Both claims report one named speaker (the same key, or one linked entity)."""
    if a.voice is not None and a.voice == b.voice and a.voice != "?":
        return True
    return a.speaker_entity is not None and a.speaker_entity == b.speaker_entity


def number_slot_conflict(
    a: AnalyzedClaim, b: AnalyzedClaim, published: tuple[date | None, date | None] = (None, None)
) -> tuple[str, Slot, Slot] | None:
    """A thing both claims measure once each, with values that cannot both hold."""
    sa, sb = number_slots(a), number_slots(b)
    for key in sorted(sa.keys() & sb.keys()):
        pair = _one_slot(sa[key], sb[key])
        pairs = [pair] if pair is not None else _qualified_pairs(sa[key], sb[key])
        for x, y in pairs:
            # "$13 million in 2013" / "$30 million from 2007 to 2014": figures of other periods
            if _years(a, published[0], x.at) != _years(b, published[1], y.at):
                continue
            if _slots_conflict(a, b, x, y):
                return key, x, y
    return None


def _same_verb_count(key: str, x: Slot, y: Slot) -> bool:
    """A count of one noun (not an amount, not a measure) that hangs on the same verb in both
    claims, neither "be" nor "have" nor a verb of saying."""
    counted = key.isalpha() or key.startswith(("of ", _WHOLE))
    verbs = {x.verb, y.verb}
    return counted and len(verbs) == 1 and not verbs & ({"", "be", "have", "measure"} | _SPEAKING)


def _slots_conflict(a: AnalyzedClaim, b: AnalyzedClaim, x: Slot, y: Slot) -> bool:
    """Whether two figures for one slot cannot both hold (see ``number_slot_conflict``)."""
    # A figure in quotation marks against one outside them: compared only as one speaker's
    # words told twice ("“Twenty were hurt,” the mayor said" / "the mayor said 12 were hurt").
    if x.quoted != y.quoted and not _same_speaker(a, b):
        return False
    # "killed four workers" / "injured nine workers": two counts
    return not (_approximately_equal(x, y) or _other_acts(x.verb, y.verb))


def _qualified_pairs(xs: list[Slot], ys: list[Slot]) -> list[tuple[Slot, Slot]]:
    """Several figures of one noun in each claim, told apart by their qualifiers in the same way
    in both ("seven life sentences and four sentences of life without parole"): the figures
    paired by their qualifiers; none unless every figure has its own, the same in both claims."""
    qx, qy = [x.qualified for x in xs], [y.qualified for y in ys]
    if not all(qx) or len(set(qx)) != len(qx) or set(qx) != set(qy) or len(qy) != len(qx):
        return []
    return [(x, y) for x in xs for y in ys if x.qualified == y.qualified]


def _one_slot(xs: list[Slot], ys: list[Slot]) -> tuple[Slot, Slot] | None:
    """The one figure each claim gives for a slot. Several figures for one noun ("12 killed, 3 of
    them children") are no single slot, unless each rate or amount is told apart by its words
    ("the federal rate was 35 percent, the combined rate 46 percent"): then the figures whose
    descriptions are the same, when exactly one pair has them."""
    if len(xs) == 1 and len(ys) == 1:
        x, y = xs[0], ys[0]
        if x.described and y.described and not _same_description(x, y):
            return None  # "$13 million in state taxes" / "$43 million in federal taxes"
        return x, y
    if len({x.described for x in xs}) != len(xs) or len({y.described for y in ys}) != len(ys):
        return None
    pairs = [(x, y) for x in xs for y in ys if x.described and x.described == y.described]
    if not pairs:  # no rate named in the same words: one named with fewer of them
        pairs = [(x, y) for x in xs for y in ys if _same_description(x, y)]
    return pairs[0] if len(pairs) == 1 else None


def _what(key: str) -> str:
    """A slot key as the reader reads it ("of victim" -> "victims", "measure of death toll" ->
    "death toll")."""
    if key.startswith(_MEASURED):
        return key[len(_MEASURED) :]
    if key.startswith("of "):
        return f"of the {key[3:]}s"
    if key.startswith(_WHOLE):
        return f"{key[len(_WHOLE) :]}s in all"
    return key.split()[0]


def _root(claim: AnalyzedClaim) -> Token:
    """The claim's main verb: its highest verb ("WASHINGTON — X said ..." parses under the
    dateline, a relative clause under its antecedent), else its highest token."""
    verbs = [
        t
        for t in claim.tokens
        if t.pos_ in {"VERB", "AUX"} and t.is_alpha and t.dep_ not in {"aux", "auxpass"}
    ]
    return min(verbs or claim.tokens, key=lambda t: (len(list(t.ancestors)), t.i))


def _subject_people(claim: AnalyzedClaim, claim_set: ClaimSet) -> frozenset[str]:
    """The people who do the main verb: the subject's own name (or title), and its conjuncts,
    not the people an apposition or possessive mentions ("Flynn, Mr. Trump's adviser")."""
    root = _root(claim)
    heads = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not heads and root.dep_ == "relcl":
        heads = [root.head]  # "Flynn, who pleaded guilty": the antecedent does it
    heads += [c for h in heads for c in h.children if c.dep_ == "conj"]
    words = [t for h in heads for t in [*[c for c in h.lefts if c.dep_ in {"compound", "amod"}], h]]
    nouns = {f"noun:{h.lemma_.lower()}" for h in heads if h.pos_ == "NOUN"}  # "officials said"
    return (
        participants(words, claim_set.names)[1] | nouns
    )  # people, or an organisation ("the White House said")


def event_dates(claim: AnalyzedClaim, published: date | None) -> list[tuple[str, date | None, str, bool]]:
    """The calendar dates of the claim's main event: (as written, resolved day or None, weekday,
    whether it dates the main verb rather than what a statement reports).

    Only expressions with a calendar word (a weekday, a month) count: "last week" or "recently"
    name no day to compare. Resolved against the article's publication date when it has one.
    """
    root = _root(claim)
    ids = {t.i for t in claim.tokens}
    seen: set[int] = set()
    out = []
    for tok in root.sent:
        if tok.lower_.strip(".") not in _CALENDAR or tok.ent_type_ not in {"DATE", "TIME"}:
            continue
        ent = _entity_span(tok)
        if ent.start in seen or in_quotation(tok):
            continue
        own = all(t.i in ids for t in ent)
        # The main event, or what a statement reports ("will vote on Tuesday, officials said");
        # the occasion of the main event dates it too ("said in a statement on Thursday",
        # "Speaking at a rally on Saturday, X said"), also when the claim cut that phrase off.
        # The weekday, or the word the date phrase hangs by ("early Thursday *morning*").
        anchors = [tok] if ent.root.i == tok.i else [tok, ent.root]
        event = next(
            (
                v
                for v in _events(root)
                for t in anchors
                if (own and (dates_main_event(t, v) or _dates_subject(t, v))) or _dates_occasion(t, v)
            ),
            None,
        )
        if event is None and own and any(_dated_nominal(t, root) is not None for t in anchors):
            event = root  # "the minister's resignation on Thursday followed ...": the act it names
        seen.add(ent.start)
        if event is None:
            continue
        if re.search(r"\b(last|next|past|previous|coming|since|until|by)\b", ent.text, re.I):
            continue
        day, weekday = _one_day(ent.text, published, mood(event) == "planned"), _weekday_in(ent.text)
        if day is None and not weekday:
            continue
        out.append((ent.text, day, weekday, event.i == root.i))
    return out


def _dated_nominal(tok: Token, root: Token) -> Token | None:
    """The noun a date phrase dates when that noun, an argument of the main verb, names an act
    ("the minister's resignation on Thursday", "Thursday's resignation", "the Thursday vote")."""
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "on":
        node = node.head
    if node.dep_ not in {"prep", "poss", "compound", "npadvmod", "nmod"}:
        return None
    noun = node.head
    if noun.pos_ != "NOUN" or noun.head.i != root.i or noun.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
        return None
    return noun


def _nominal_act(claim: AnalyzedClaim) -> str:
    """The noun of an act the claim's one date dates as an argument of its main verb, or ''."""
    root = _root(claim)
    nouns = {
        n.lemma_.lower()
        for t in claim.tokens
        if t.lower_.strip(".") in _CALENDAR and t.ent_type_ in {"DATE", "TIME"}
        for n in [_dated_nominal(t, root) or _dated_nominal(_entity_span(t).root, root)]
        if n is not None
    }
    return next(iter(nouns)) if len(nouns) == 1 else ""


def _names_act(noun: str, verb: str) -> bool:
    """Whether a noun is the verb's act by its form: "resignation" / "resign", "vote" / "vote",
    "election" / "elect" (the verb's stem, at least five letters of it when it is longer)."""
    if not noun or not verb or verb in {"be", "have"}:
        return False
    stem = verb[:-1] if verb.endswith("e") else verb
    return noun.startswith(stem[:5] if len(stem) > 5 else stem)


# Prepositions that give the occasion of an act ("said *in* a statement", "*at* a rally"), and
# the participles that set a statement's scene ("*Speaking* at a rally on Saturday, X said").
_OCCASION_PREPS = {"in", "at", "during"}
_SCENE_VERBS = {"speak", "talk", "address", "appear", "testify", "write", "post"}


def _dates_occasion(tok: Token, verb: Token) -> bool:
    """Whether a date dates the occasion of ``verb``: a noun the verb happens "in", "at" or
    "during" ("in a statement on Thursday", "at a rally Saturday"), or a subjectless participle
    of speaking that sets the scene ("Speaking at a rally on Saturday, Trump said")."""
    node = tok
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "on":
        node = node.head
    if node.dep_ not in {"prep", "npadvmod", "nmod"}:
        return False
    noun = node.head
    if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in _OCCASION_PREPS:
        return noun.head.head.i == verb.i
    if noun.pos_ == "VERB" and noun.dep_ == "advcl" and noun.head.i == verb.i and noun.tag_ == "VBG":
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in noun.children)
        return not own_subject and noun.lemma_.lower() in _SCENE_VERBS
    return False


def _dates_subject(tok: Token, verb: Token) -> bool:
    """ "Gov. X (D) on Friday appointed ...": the parser may hang a date phrase between the subject
    and its verb on the subject (or its apposition); it dates the verb all the same."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or not prep.i < verb.i:
        return False
    node = prep.head
    while node.dep_ in {"appos", "compound", "flat"} and node.head.i != node.i:
        node = node.head
    return node.dep_ in {"nsubj", "nsubjpass"} and node.head.i == verb.i and node.i < prep.i


# Verbs whose complement is the event itself: "is expected to announce Thursday", "plans to vote".
_PLANNING = {"expect", "plan", "schedule", "set", "intend", "due", "poise", "prepare"}


def _act(root: Token) -> str:
    """The lemma of the act a main verb stands for: the planned act of a planning verb ("is
    expected to announce" -> "announce"), else the verb's own."""
    lemma = root.lemma_.lower()
    if lemma in _PLANNING:
        act = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
        if act is not None:
            return act.lemma_.lower()
    return lemma


def _events(root: Token) -> list[Token]:
    """The verbs a date of the claim may date: the main verb; what a statement reports; the act
    a planning verb announces ("is expected to announce Thursday")."""
    if root.lemma_.lower() in _PLANNING:
        return [root, *(c for c in root.children if c.dep_ == "xcomp")]
    return _statement_verbs(root)


def _statement_verbs(root: Token, telling: frozenset[str] | set[str] = _SPEAKING) -> list[Token]:
    """The main verb, and for a verb of saying (or of ``telling``) also the verb of what was said."""
    if root.lemma_.lower() not in telling:
        return [root]
    return [root, *(c for c in root.children if c.dep_ == "ccomp")]


def _entity_span(tok: Token) -> Span:
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def date_slot_conflict(a: AnalyzedClaim, b: AnalyzedClaim, claim_set: ClaimSet) -> tuple[str, str] | None:
    """Two different days given for the same event (one date each, the same verb or the same people)."""
    if {a.mood, b.mood} == {"planned", "done"}:
        return None
    pa = claim_set.articles[a.article_index].published
    pb = claim_set.articles[b.article_index].published
    da, db = event_dates(a, pa), event_dates(b, pb)
    if len(da) != 1 or len(db) != 1:
        return None
    (ta, day_a, wa, main_a), (tb, day_b, wb, main_b) = da[0], db[0]
    if main_a != main_b:
        return None  # "said on Monday" / "was fired on Friday": the statement and what it reports
    if not _different_days((ta, day_a, wa, pa), (tb, day_b, wb, pb)):
        return None
    if day_a is not None and day_b is not None:
        return f"{ta} ({day_a:%A %-d %B})", f"{tb} ({day_b:%A %-d %B})"
    return ta, tb


def _different_days(
    a: tuple[str, date | None, str, date | None], b: tuple[str, date | None, str, date | None]
) -> bool:
    """Whether two dates written for one event (as written, resolved day, weekday, publication
    date) name different days. Two resolved days differ unless they differ only in a year one
    outlet left out ("June 24" / "June 24, 2005": its year is a guess from the publication date)
    or each is its own article's day of news; without two resolved days (no publication dates)
    only weekday names compare."""
    (ta, day_a, wa, pa), (tb, day_b, wb, pb) = a, b
    if day_a is not None and day_b is not None:
        if day_a == day_b:
            return False
        if (day_a.month, day_a.day) == (day_b.month, day_b.day) and not (names_year(ta) and names_year(tb)):
            return False
        return not (pa and pb and _own_news_days(day_a, day_b, pa, pb))
    return bool(wa and wb and wa != wb)


def _own_news_days(day_a: date, day_b: date, pa: date, pb: date) -> bool:
    """Whether two articles published days apart each date the event on its own day of news (the
    day of publication or the day before): a recurring event told twice, no conflict."""
    return pa != pb and 0 <= (pa - day_a).days <= 1 and 0 <= (pb - day_b).days <= 1


def _one_day(text: str, published: date | None, future: bool = False) -> date | None:
    """The one calendar day a date expression names, resolved against the publication date; None
    for a range, a month or a year."""
    resolved = resolve_date(text, published, future=future)
    return resolved[0][0] if len(resolved) == 1 and resolved[0][1] == "day" else None


def _weekday_in(text: str) -> str:
    """The weekday a date expression names ("early Thursday morning" -> "thursday"), else ""."""
    return next((w for w in WEEKDAYS if re.search(rf"\b{w}\b", text.lower())), "")


_Dated = tuple[str, date | None, str, Token]


def _dated_acts(claim: AnalyzedClaim, published: date | None) -> dict[str, list[_Dated]]:
    """Each verb a calendar date of the claim dates, wherever it stands in the sentence ("fired
    the coach on Monday, the agency reported", "stopping him in the seventh round on Saturday",
    "a poll published on Sunday"): verb lemma -> (date as written, resolved day, weekday, verb); no
    verb of saying, no date in quotation marks or relative to another ("last Friday")."""
    ids = {t.i for t in claim.tokens}
    out: dict[str, list[_Dated]] = defaultdict(list)
    seen: set[int] = set()
    for tok in claim.tokens:
        if tok.lower_.strip(".") not in _CALENDAR or tok.ent_type_ not in {"DATE", "TIME"}:
            continue
        ent = _entity_span(tok)
        if ent.start in seen or in_quotation(tok) or not all(t.i in ids for t in ent):
            continue
        seen.add(ent.start)
        if tok.dep_ in {"poss", "compound"} or _RELATIVE_DATE.search(ent.text):
            continue
        verb = ent.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in _SPEAKING | {"be", "have", "report"}:
            continue
        day, weekday = _one_day(ent.text, published, mood(verb) == "planned"), _weekday_in(ent.text)
        if day is not None or weekday:
            out[verb.lemma_.lower()].append((ent.text, day, weekday, verb))
    return out


_RELATIVE_DATE = re.compile(r"\b(last|next|past|previous|coming|since|until|by|before|after)\b", re.I)


def dated_act_conflict(a: AnalyzedClaim, b: AnalyzedClaim, claim_set: ClaimSet) -> tuple[str, str] | None:
    """Two different days for one act the claims date outside their main clause: the same verb
    (not one of saying) with one date in each claim, neither one of the verbs' doers or
    undergoers named apart ("X was arrested on Monday" / "Y was arrested on Friday" are two
    arrests), not one planned and one done."""
    pa = claim_set.articles[a.article_index].published
    pb = claim_set.articles[b.article_index].published
    da, db = _dated_acts(a, pa), _dated_acts(b, pb)
    for lemma in sorted(da.keys() & db.keys()):
        if len(da[lemma]) != 1 or len(db[lemma]) != 1:
            continue
        (ta, day_a, wa, va), (tb, day_b, wb, vb) = da[lemma][0], db[lemma][0]
        if not _different_days((ta, day_a, wa, pa), (tb, day_b, wb, pb)):
            continue
        if {mood(va), mood(vb)} == {"planned", "done"}:
            continue
        around = (_named_people(a, claim_set), _named_people(b, claim_set))
        if any(
            _fillers_apart(x, y, around)
            for x, y in zip(_roles(va, claim_set), _roles(vb, claim_set), strict=True)
        ):
            continue
        return ta, tb
    return None


def _fillers_apart(
    x: frozenset[str],
    y: frozenset[str],
    around: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> bool:
    """Whether two role fillers (``_referents`` keys) name different things: both known, none in
    common, and named the same way; a person's name against a common noun it was not resolved
    to ("stopping Hasim Rahman" / "stopping the former champion") may be that person, also when
    the story gives the title to another person if the title's sentence names him (``around``:
    the people each claim's sentence names, as ``person:`` keys)."""
    kinds = [{k.split(":", 1)[0] for k in keys} for keys in (x, y)]
    # A title resolved to a person (``_referents``) is both a common noun and that person.
    titled = [k == {"person", "noun"} for k in kinds]
    if titled[0] != titled[1] and {"person"} in kinds:
        named, other_around = (y, around[0]) if titled[0] else (x, around[1])
        named_otherwise = bool(named & other_around)  # "..., Hasim Rahman, stopping the former champion"
    else:  # a title as the person it resolves to
        seen = {frozenset({"person"}) if t else frozenset(k) for k, t in zip(kinds, titled, strict=True)}
        named_otherwise = seen == {frozenset({"person"}), frozenset({"noun"})}
    return bool(x and y) and not x & y and not named_otherwise


def _named_people(claim: AnalyzedClaim, claim_set: ClaimSet) -> frozenset[str]:
    """The people the claim's sentence names, as ``_referents`` keys."""
    return frozenset(f"person:{k}" for k in participants(claim.tokens[0].sent, claim_set.names)[0])


def _names_both_days(a: AnalyzedClaim, b: AnalyzedClaim, dates: tuple[str, str]) -> bool:
    """Whether a sentence names the other's weekday too: it does not deny that day, each may date
    another act ("in a statement issued Friday, X disputed the report Thursday" / "X disputed on
    Friday the report")."""
    days = [{t.lower_ for t in c.tokens[0].sent if t.lower_ in WEEKDAYS} for c in (a, b)]
    given = [{w for w in WEEKDAYS if w in text.lower()} for text in dates]
    return bool(given[0] & days[1] or given[1] & days[0])


def _calendar_words(text: str) -> frozenset[str]:
    """The calendar words of a date expression: months (abbreviations written out), weekdays,
    days of the month and years ("Jan. 1" -> {"january", "1"})."""
    out = set()
    for word in re.findall(r"[a-z]+|\d+", text.lower()):
        word = MONTH_ABBREVIATIONS.get(word, word)
        if word in MONTHS or word in WEEKDAYS or (word.isdigit() and (int(word) <= 31 or len(word) == 4)):
            out.add(word)
    return frozenset(out)


def _other_dates_apart(a: AnalyzedClaim, b: AnalyzedClaim, dates: tuple[str, str]) -> bool:
    """Whether both claims name other calendar dates besides the two in conflict, and none of
    them agree: two statements, each dated and each with its own date inside ("announced Sunday
    that X will leave on January 1" / "tweeted on Thursday that X would retire at the end of
    February"), not one told two ways."""
    others = []
    for claim, given in zip((a, b), dates, strict=True):
        ents = {
            _entity_span(t).start: _entity_span(t) for t in claim.tokens if t.ent_type_ in {"DATE", "TIME"}
        }
        named = _calendar_words(given)
        words = [
            _calendar_words(e.text)
            for e in ents.values()
            if e.text not in given
            and given.lower() not in e.text.lower()
            and not named & _calendar_words(e.text)
        ]
        others.append([w for w in words if w & (set(MONTHS) | set(WEEKDAYS))])
    xs, ys = others
    return bool(xs and ys) and not any(x <= y or y <= x for x in xs for y in ys)


def _same_event(
    a: AnalyzedClaim, b: AnalyzedClaim, similarity: float, claim_set: ClaimSet, config: AlignConfig
) -> bool:
    """The same main verb, or (closer claims) the same people doing it; saying something and
    doing it ("announced on Thursday" / "signed on Tuesday") are two events."""
    va, vb = _act(_root(a)), _act(_root(b))
    if va == vb and va not in _SPEAKING:
        return True
    # "resigned on Tuesday" / "the resignation on Thursday followed ...": one act, named by a noun.
    if _names_act(_nominal_act(a), vb) or _names_act(_nominal_act(b), va):
        return True
    if va == vb:  # a statement is its speaker's: "X said on Friday" / "Y said on Thursday" are two
        return bool(_subject_people(a, claim_set) & _subject_people(b, claim_set))
    # Different verbs are one event only as one person's statement ("said" / "called it").
    if va not in _SPEAKING or vb not in _SPEAKING:
        return False
    return similarity >= config.slot_event_similarity and bool(
        _subject_people(a, claim_set) & _subject_people(b, claim_set)
    )


def _reported_acts(claim: AnalyzedClaim) -> set[str]:
    """The acts a claim tells, its statements seen through: the main verb's, and for a verb of
    saying the verb of what was said; neither a verb of saying nor "be"/"have"."""
    return {_act(v) for v in _statement_verbs(_root(claim))} - _SPEAKING - {"be", "have"}


def slot_contradiction(
    a: AnalyzedClaim, b: AnalyzedClaim, similarity: float, claim_set: ClaimSet, config: AlignConfig
) -> Found | None:
    """The first slot two close claims of different outlets fill with values that cannot both hold."""
    same = _same_event(a, b, similarity, claim_set, config)
    published = (claim_set.articles[a.article_index].published, claim_set.articles[b.article_index].published)
    # A figure of one act, also when one outlet reports it as what someone said ("X said the
    # campaign raised $250,000" / "the campaign raised more than $500,000").
    one_act = same or bool(_reported_acts(a) & _reported_acts(b))
    numbers = number_slot_conflict(a, b, published) if one_act else _count_conflict(a, b, published)
    acted = dated_act_conflict(a, b, claim_set) if similarity >= config.slot_dated_act_similarity else None
    if not same and numbers is None and acted is None:
        return None
    la, lb = _label(claim_set, a.claim.article), _label(claim_set, b.claim.article)
    refs = [_ref(a, claim_set), _ref(b, claim_set)]
    if numbers is not None and (
        similarity >= config.slot_number_similarity
        or (similarity >= config.slot_same_verb_count_similarity and _same_verb_count(*numbers))
    ):
        key, x, y = numbers
        what = f" ({_what(key)})" if key.split()[0] not in x.text.lower() else ""
        if x.quoted != y.quoted:
            # One speaker's figure quoted by one outlet and reported by the other: the outlets
            # disagree on what was said, outside one pair of quotation marks (no misquote).
            text = f"{la} says {x.text}{what} where {lb} says {y.text}, for what the same speaker said."
            return Found("number", refs, text, [x.text, y.text], keep_kind=True)
        if x.quoted and not one_utterance(a, b):
            return None
        if x.quoted:
            text = f"{la} quotes “{x.text}”{what} where {lb} quotes “{y.text}”, in the same words otherwise."
            return Found("misquote", refs, text, [x.text, y.text])
        text = f"{la} says {x.text}{what} where {lb} says {y.text}, about the same thing."
        return Found("number", refs, text, [x.text, y.text], keep_kind=True)  # no quotation marks
    if not same and acted is None:
        return None  # a count of one act was all that could be compared
    dates = date_slot_conflict(a, b, claim_set) if same else None
    if dates is None or similarity < config.slot_date_similarity:
        dates = acted
    if dates is not None and (_names_both_days(a, b, dates) or _other_dates_apart(a, b, dates)):
        dates = None
    if dates is not None and (similarity >= config.slot_date_similarity or dates is acted):
        x_text, y_text = dates
        text = f"{la} dates it {x_text} where {lb} dates it {y_text}, for the same event."
        return Found("date", refs, text, [x_text, y_text])
    if not same:
        return None
    ra, rb = _root(a), _root(b)
    close = similarity >= config.slot_negation_similarity or (
        similarity >= config.slot_negation_anchored_similarity and same_arguments(ra, rb, claim_set)
    )
    if (
        close
        and ra.lemma_.lower() == rb.lemma_.lower()
        and ra.lemma_.lower() not in _REPORTING
        and (not _verb_in_quotes(ra, a) or one_utterance(a, b))
        and _verb_in_quotes(ra, a) == _verb_in_quotes(rb, b)
        and verb_negated(ra) != verb_negated(rb)
        and _own_negators(a, ra) != _own_negators(b, rb)
        and _same_complement(ra, rb)
    ):
        positive, negative = (b, a) if verb_negated(ra) else (a, b)
        lp, ln = _label(claim_set, positive.claim.article), _label(claim_set, negative.claim.article)
        quoted = _verb_in_quotes(ra, a)
        kind: ContradictionKind = "misquote" if quoted else "negation"
        verb = "quotes" if quoted else "says"
        text = f"{lp} {verb} “{positive.claim.text}” where {ln} {verb} the opposite: “{negative.claim.text}”."
        # Reported speech ("he declined to say") is no quotation: a misquote needs the verb
        # inside quotation marks, whoever the claims' voices are.
        return Found(kind, refs, text, [positive.claim.text, negative.claim.text], keep_kind=not quoted)
    return None


# Verbs whose infinitive is an act not done: "refused to sign" / "signed".
_REFUSING = {"refuse", "decline", "fail"}


def _refusal(
    a: AnalyzedClaim, b: AnalyzedClaim, similarity: float, claim_set: ClaimSet, config: AlignConfig
) -> Found | None:
    """The negation between refusing an act and doing it ("the governor refused to sign the
    bill" / "the governor signed the bill"; also declined, failed; the main verbs, or what a verb
    of saying tells): the same doer (the subjects of the refusal and of the act), no undergoer
    named apart, the same mood, no verb quoted, no negation word in either claim, the claims as
    close as for a negation. A denial ("denied meeting him") is a statement, not an act left
    undone: not compared."""
    if similarity < config.slot_negation_similarity or a.mood != b.mood:
        return None
    if negator_count(a) or negator_count(b):
        return None
    for x, y in ((a, b), (b, a)):
        for rx in _told_acts(_root(x)):
            act = next((c for c in rx.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if rx.lemma_.lower() not in _REFUSING or act is None:
                continue
            for ry in _told_acts(_root(y)):
                if act.lemma_.lower() != ry.lemma_.lower() or ry.lemma_.lower() in _SPEAKING | {"be", "have"}:
                    continue
                if any(_verb_quoted(v, c) for v, c in ((rx, x), (act, x), (ry, y))):
                    continue
                if not _roles(rx, claim_set)[0] & _roles(ry, claim_set)[0]:
                    continue  # another doer, or one not known
                if _fillers_apart(_roles(act, claim_set)[1], _roles(ry, claim_set)[1]):
                    continue  # "refused to sign the bill" / "signed the budget": two acts
                lp, ln = _label(claim_set, y.claim.article), _label(claim_set, x.claim.article)
                text = f"{lp} says “{y.claim.text}” where {ln} says the opposite: “{x.claim.text}”."
                refs = [_ref(a, claim_set), _ref(b, claim_set)]
                return Found("negation", refs, text, [y.claim.text, x.claim.text], keep_kind=True)
    return None


def _verb_in_quotes(verb: Token, claim: AnalyzedClaim) -> bool:
    """Whether a verb is quoted words: inside the quotation marks of its sentence when the
    sentence opens and closes its marks (a partial quote: 'X led the crowd in singing “Happy
    Birthday”' quotes the song, not "led"); else as ``_verb_quoted`` (a quotation begun or
    ended in another sentence)."""
    if _balanced_marks(verb.sent):
        return in_quotation(verb)
    return _verb_quoted(verb, claim)


def _balanced_marks(sent: Span) -> bool:
    """The sentence has quotation marks and closes each one it opens."""
    texts = [t.text for t in sent]
    curly, straight = texts.count("“"), texts.count('"')
    return (curly > 0 or straight > 0) and curly == texts.count("”") and straight % 2 == 0


def _own_negators(claim: AnalyzedClaim, verb: Token) -> int:
    """``negator_count``, without the negations inside quotation marks when the verb lies outside
    them: 'X directed them to review it, stating that “we should strengthen it, not weaken it”'
    has no negation of its own to match 'X did not direct them to review it' (also when the
    quotation runs on into the next sentence), nor those of a clause with its own subject below
    the verb ("X dominated the rounds, landing jabs that Y couldn't answer")."""
    if _verb_in_quotes(verb, claim):
        return negator_count(claim)
    balanced = _balanced_marks(verb.sent)
    return sum(
        1
        for t in claim.tokens
        if _is_negator(t)
        and not (balanced and in_quotation(t))
        and not _quoted_after(verb, t)
        and not _in_clause_below(t, verb)
    )


def _quoted_after(verb: Token, tok: Token) -> bool:
    """Whether ``tok`` follows a quotation mark its sentence opens after ``verb`` and never
    closes (the quotation goes on in the next sentence): the sentence's last mark, curly or
    ``-style, or a straight one with a space before it and none after."""
    marks = [t for t in tok.sent if t.text in {"“", "”", '"', "``", "''"}]
    if not marks or not verb.i < marks[-1].i < tok.i:
        return False
    last = marks[-1]
    if last.text == '"':
        before = tok.doc[last.i - 1] if last.i > tok.sent.start else None
        return (before is None or bool(before.whitespace_)) and not last.whitespace_
    return last.text in {"“", "``"}


def _in_clause_below(tok: Token, verb: Token) -> bool:
    """Whether a word below ``verb`` lies in a clause with a subject of its own (a relative or
    adverbial clause, a complement: "jabs that Rahman couldn't answer")."""
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "ccomp", "advcl", "acl"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in node.children
        ):
            return verb in node.ancestors
        node = node.head
    return False


# The dependencies of a word completing a verb: what "be" says of its subject ("is a law", "is
# important", "is to blame"), and a word a negation of its verb turns ("is not “deeply saddened”").
_COMPLEMENTS = {"acomp", "attr", "xcomp", "oprd"}


def _same_complement(va: Token, vb: Token) -> bool:
    """For "be", whether both say the same thing is so: "X is a law" / "X is not a law" are
    opposite, "X is the law" / "X is not the means" are two statements ("be" is no predicate
    of its own). Other verbs: always."""
    if va.lemma_.lower() != "be":
        return True
    wa, wb = _complements(va), _complements(vb)
    return bool(wa & wb) or not (wa or wb)


def _complements(verb: Token) -> set[str]:
    """What "be" says of its subject: its complement's lemma ("a law", "important"), or its
    prepositional phrase ("about saving")."""
    out = {c.lemma_.lower() for c in verb.children if c.dep_ in _COMPLEMENTS}
    for prep in verb.children:
        if prep.dep_ == "prep":
            out |= {f"{prep.lower_} {c.lemma_.lower()}" for c in prep.children if c.dep_ in {"pobj", "pcomp"}}
    return out


def same_arguments(va: Token, vb: Token, claim_set: ClaimSet) -> bool:
    """Whether two uses of one verb have the same doer and the same undergoer, however worded:
    "agents did not arrest him" / "agents arrested Mr. Stone" (the pronoun may stand for a person
    its article named in this or the two sentences before, of the pronoun's gender where the first
    name or title tells it), "Stone was arrested by agents" (passive: roles from "by" and the
    subject). Both roles must be filled in both, and each pair must be able to name one referent."""
    roles = [_roles(v, claim_set) for v in (va, vb)]
    return all(bool(x & y) for x, y in zip(roles[0], roles[1], strict=True))


def _roles(verb: Token, claim_set: ClaimSet) -> tuple[frozenset[str], frozenset[str]]:
    """(doer, undergoer) of a verb as sets of the referent keys they can name (empty: unknown)."""
    doer = undergoer = None
    for child in verb.children:
        if child.dep_ == "nsubj":
            doer = child
        elif child.dep_ in {"dobj", "nsubjpass"}:
            undergoer = child
        elif child.dep_ == "agent":
            doer = next((c for c in child.children if c.dep_ == "pobj"), None)
    return _referents(doer, claim_set), _referents(undergoer, claim_set)


_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def _referents(tok: Token | None, claim_set: ClaimSet) -> frozenset[str]:
    """The keys of what a noun phrase may name: a person's surname key (for a personal pronoun,
    each person of its gender named shortly before it), a name's key, or a common noun's lemma."""
    if tok is None:
        return frozenset()
    gender = _PRONOUN_GENDER.get(tok.lower_)
    if gender is not None:
        sent_starts = [s.start for s in tok.doc.sents if s.start <= tok.i]
        floor = sent_starts[-3] if len(sent_starts) >= 3 else 0
        return frozenset(
            f"person:{name_key(e.text)}"
            for e in tok.doc.ents
            if e.label_ == "PERSON" and floor <= e.start and e.end <= tok.i and _gender(e) in {gender, ""}
        )
    if tok.pos_ == "PRON":
        return frozenset()
    ent = _entity_span(tok) if tok.ent_type_ else None
    if (ent is not None and ent.label_ == "PERSON") or tok.pos_ == "PROPN":
        titled = resolve_title(tok, claim_set.names) if tok.pos_ != "PROPN" else None
        return frozenset({f"person:{titled or name_key(ent.text if ent is not None else tok.text)}"})
    titled = resolve_title(tok, claim_set.names)
    noun = f"noun:{tok.lemma_.lower()}"
    # A title the story gives one person may stand for him, but stays a common noun: another
    # holder ("the former champion") may be meant, named where the sentence names him.
    return frozenset({f"person:{titled}", noun}) if titled else frozenset({noun})


def _gender(person: Span) -> str:
    """'m' or 'f' when a person's title or first name tells it, else ''."""
    before = person.doc[person.start - 1].lower_.rstrip(".") if person.start > 0 else ""
    lexicon = name_forms.title_lexicon()
    if before in lexicon.male:
        return "m"
    if before in lexicon.female:
        return "f"
    first = person[0].lower_ if len(person) > 1 else ""
    return name_forms.first_name_genders().get(first, "")


def one_utterance(a: AnalyzedClaim, b: AnalyzedClaim) -> bool:
    """Two quoted claims are one utterance: the same named speaker, or mostly the same words."""
    if a.voice is not None and a.voice == b.voice and a.voice != "?":
        return True
    if a.speaker_entity is not None and a.speaker_entity == b.speaker_entity:
        return True  # one linked speaker under two names ("the mayor" / "Jones")
    return fuzz.token_set_ratio(a.claim.text, b.claim.text, processor=utils.default_process) >= 80


def _verb_quoted(verb: Token, claim: AnalyzedClaim) -> bool:
    """The verb lies in quotation marks of its sentence, or in a quotation begun sentences before."""
    return in_quotation(verb) or claim.verbatim


def verb_negated(verb: Token) -> bool:
    """Whether a verb is negated ('did not meet', 'never met', "wasn't questioning")."""
    heads = [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(
        (c.dep_ == "neg" or _plain(c) in {"not", "n't"} or (c.dep_ == "advmod" and c.lower_ == "never"))
        and not _not_only(c)
        for h in heads
        for c in h.children
    )


# --- temporal order -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Order:
    """One sentence's claim that the events with ``first`` came before those with ``then``."""

    article: int
    sentence: str
    first: frozenset[str]
    then: frozenset[str]


def _temporal_order(claim_set: ClaimSet) -> list[Found]:
    orders = [o for ai in range(len(claim_set.articles)) for o in orders_in(claim_set, ai)]
    # Two orders are about the same pair of events when they share people on both sides.
    groups: list[tuple[list[Order], list[Order]]] = []
    for order in orders:
        for agree, disagree in groups:
            ref = agree[0]
            if _same_events(order, ref):
                agree.append(order)
                break
            if _same_events(order, Order(ref.article, ref.sentence, ref.then, ref.first)):
                disagree.append(order)
                break
        else:
            groups.append(([order], []))
    out = []
    for agree, disagree in groups:
        if not disagree or {o.article for o in agree} == {o.article for o in disagree}:
            continue
        if len(disagree) > len(agree):
            agree, disagree = disagree, agree
        ref = agree[0]
        names = claim_set.names
        first = _people(ref.first - ref.then, names)
        then = _people(ref.then - ref.first, names)
        arts_agree = _articles([claim_set.articles[o.article].id for o in agree], claim_set)
        arts_disagree = _articles([claim_set.articles[o.article].id for o in disagree], claim_set)
        verb_a = "say" if len({o.article for o in agree}) > 1 else "says"
        verb_d = "say" if len({o.article for o in disagree}) > 1 else "says"
        text = (
            f"{arts_agree} {verb_a} what happened with {first} came before what happened with {then}; "
            f"{arts_disagree} {verb_d} after."
        )
        refs = []
        for o in agree + disagree:
            article = claim_set.articles[o.article]
            sentence = next(s for s in article.sentences if s.id == o.sentence)
            ref_claim = ClaimRef(article=article.id, sentence=sentence.id, text=sentence.text)
            if ref_claim not in refs:
                refs.append(ref_claim)
        out.append(Found("temporal-order", refs, text))
    return out


def _same_events(a: Order, b: Order) -> bool:
    first_a, then_a = a.first - a.then, a.then - a.first
    first_b, then_b = b.first - b.then, b.then - b.first
    return (
        bool(first_a & first_b)
        and bool(then_a & then_b)
        and not (first_a & then_b)
        and not (then_a & first_b)
    )


def _people(keys: frozenset[str], names: NameIndex) -> str:
    shown = sorted(names.name(k) for k in keys)
    return " and ".join(shown) if shown else "them"


def _articles(ids: list[str], claim_set: ClaimSet) -> str:
    labels = list(dict.fromkeys(_label(claim_set, i) for i in ids))
    if len(labels) == 1:
        return labels[0][:1].upper() + labels[0][1:]
    text = ", ".join(labels[:-1]) + " and " + labels[-1]
    return text[:1].upper() + text[1:]


def orders_in(claim_set: ClaimSet, article_index: int) -> list[Order]:
    """The event orders the sentences of one article state, with the people on each side."""
    article = claim_set.articles[article_index]
    doc = claim_set.docs[article_index]
    out = []
    for sentence in article.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for first, then in sentence_orders(span, claim_set.names):
            out.append(Order(article_index, sentence.id, first, then))
    return out


def sentence_orders(span: Span, names: NameIndex) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(earlier event's keys, later event's keys) for each order word that links two events here.

    "Before/after/following P, A did X" orders P against the clause it modifies; "earlier" or
    "later" on a verb or noun orders that event against the sentence's main clause. Order words
    that point at a date ("earlier this year") and events with no participant are skipped.
    """
    out = []
    root = span.root
    for tok in span:
        word = tok.lower_
        if word not in BEFORE_WORDS | AFTER_WORDS:
            continue
        if any(
            t.lemma_.lower() in {"year", "month", "week", "decade"} or t.like_num
            for t in tok.subtree
            if t.i != tok.i
        ):
            continue
        before = word in BEFORE_WORDS
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"not", "n't"}:
            continue  # "is not after X" means "does not seek X", no order
        if tok.dep_ == "mark" and tok.head.head.i != tok.head.i:
            # "A did X before he met B": the clause "before" introduces is the reference event.
            reference = [t for t in tok.head.subtree if t.i != tok.i]
            event, anchor = _core(tok.head.head, exclude={t.i for t in tok.head.subtree}), reference
        elif tok.dep_ == "prep" or (word == "following" and tok.dep_ in {"prep", "advcl", "acl"}):
            # The phrase it heads is the reference event; the clause it hangs on is the other.
            reference = [t for t in tok.subtree if t.i != tok.i]
            clause = _core(tok.head, exclude={t.i for t in tok.subtree})
            event, anchor = clause, reference
        elif tok.dep_ in {"advmod", "amod"}:
            # "met B earlier in the day" may hang "earlier" on "in": the event is the verb or noun above.
            head = tok.head
            while head.pos_ not in {"VERB", "AUX", "NOUN", "PROPN"} and head.head.i != head.i:
                head = head.head
            if head.i == root.i:
                continue
            event = _core(head, exclude=set())
            anchor = _core(root, exclude={t.i for t in head.subtree})
        else:
            continue
        event_keys = _keys(event, names, tok)
        anchor_keys = _keys(anchor, names, tok)
        if not (event_keys - anchor_keys) or not (anchor_keys - event_keys):
            continue
        out.append((event_keys, anchor_keys) if before else (anchor_keys, event_keys))
    return out


def _core(head: Token, exclude: set[int]) -> list[Token]:
    """A clause's head and core arguments without side clauses ("who" stands for its antecedent)."""
    tokens = []
    stack = [head]
    while stack:
        tok = stack.pop()
        if tok.i in exclude:
            continue
        tokens.append(tok)
        for child in tok.children:
            if child.dep_ not in _CORE_CUTS or (child.dep_ == "conj" and child.pos_ not in {"VERB", "AUX"}):
                stack.append(child)
    if head.dep_ in {"relcl", "conj"}:
        subject = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        node = head
        while not subject and node.dep_ == "conj":
            node = node.head
            subject = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if node.dep_ == "relcl" and (not subject or subject[0].lower_ in {"who", "which", "that"}):
            tokens.append(node.head)
        elif subject and subject[0].i not in {t.i for t in tokens}:
            tokens.extend(subject[0].subtree)
    return sorted(tokens, key=lambda t: t.i)


def _keys(tokens: Sequence[Token], names: NameIndex, order_word: Token) -> frozenset[str]:
    tokens = [t for t in tokens if t.i != order_word.i]
    persons, entities = participants(tokens, names)
    return persons or entities


# --- attribution --------------------------------------------------------------------------------

# Only words in quotation marks are someone's own words; reported speech is the outlet's paraphrase.
_VERBATIM_KINDS = {"direct", "partial"}
# A speaker that can be told apart from another: a named person or organisation.
_SPEAKER_TYPES = {"PERSON", "ORG"}


def _attribution(
    claim_set: ClaimSet, quotes: Sequence[Quote], entities: Sequence[Entity], config: AlignConfig
) -> list[Found]:
    """The same quoted words given to two different named speakers by two articles.

    A wrong attribution claim is worse than a missed one, so both quotes must be verbatim
    (in quotation marks) and long, each speaker must be named where the quote is given (a
    resolved pronoun is a guess) and resolve to a person or organisation, the two speakers must
    be different entities that are not forms of one another's name, and neither name may occur
    in the quoted words (a name inside a quote is easily taken for its speaker).
    """
    by_id = {e.id: e for e in entities}
    usable = [
        q
        for q in quotes
        if q.kind in _VERBATIM_KINDS
        and len(q.text.split()) >= config.attribution_min_words
        and _named_speaker(q, by_id) is not None
    ]
    if len(usable) < 2:
        return []
    texts = [utils.default_process(q.text) for q in usable]
    scores = cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=config.attribution_text_ratio, workers=1)
    out = []
    linked: dict[int, set[int]] = defaultdict(set)
    for i, j in zip(*np.nonzero(scores), strict=True):
        a, b = usable[int(i)], usable[int(j)]
        if i >= j or a.article == b.article or j in linked[int(i)]:
            continue
        ea, eb = by_id[a.speaker or ""], by_id[b.speaker or ""]
        if ea.id == eb.id or ea.type != eb.type or same_referent(ea, eb):
            continue
        # Either name inside the quoted words, or the other speaker named in the sentences
        # around a quote ("X, the head of Y, said"), leaves who said it open.
        if any(name_in(e, q.text) for e in (ea, eb) for q in (a, b)):
            continue
        if name_in(eb, _context(a, claim_set)) or name_in(ea, _context(b, claim_set)):
            continue
        linked[int(i)].add(int(j))
        refs = [_quote_ref(a, claim_set), _quote_ref(b, claim_set)]
        words = a.text.strip("\"“”' ")
        words = words if len(words) <= 80 else words[:77].rsplit(" ", 1)[0] + "…"
        text = (
            f"The same words, “{words}”, are given to {ea.name} by "
            f"{_label(claim_set, a.article)} and to {eb.name} by {_label(claim_set, b.article)}."
        )
        out.append(Found("attribution", refs, text))
    return out


def _context(quote: Quote, claim_set: ClaimSet) -> str:
    """The sentences a quote lies in, quote included."""
    article = next(a for a in claim_set.articles if a.id == quote.article)
    inside = [s for s in article.sentences if s.start < quote.end and quote.start < s.end]
    if not inside:
        return quote.text
    return article.body[inside[0].start : inside[-1].end]


def _named_speaker(quote: Quote, by_id: dict[str, Entity]) -> Entity | None:
    """The quote's speaker entity when the quote itself names it (not a pronoun) as a person or org."""
    entity = by_id.get(quote.speaker or "")
    said = (quote.speaker_text or "").strip().lower()
    if entity is None or entity.type not in _SPEAKER_TYPES or not said or said in _PRONOUNS:
        return None
    return entity


def _forms(entity: Entity) -> set[str]:
    """Lowercased names, surname keys and initials an entity goes by."""
    out = set()
    for alias in {entity.name, *entity.aliases}:
        bare = name_forms.strip_titles(name_forms.clean_surface(alias))[0] or name_forms.clean_surface(alias)
        words = name_forms.name_tokens(bare)
        if not words:
            continue
        out.add(" ".join(w.lower() for w in words))
        if entity.type == "PERSON":
            out.add(name_key(bare))
        # Initials of a capitalised name ("National Teachers Union" -> "ntu"), and an acronym
        # as written ("N.T.U." -> "ntu"), so the two meet.
        capitals = [w for w in bare.split() if w[:1].isupper()]
        if len(capitals) >= 2:
            out.add("".join(w[0] for w in capitals).lower())
        if len(capitals) == 1 and re.sub(r"\W", "", bare).isupper():
            out.add(re.sub(r"\W", "", bare).lower())
    return {f for f in out if len(f) >= 2}


def same_referent(a: Entity, b: Entity) -> bool:
    """Whether two entities may be one speaker under two names: a shared surname, alias or
    initials, or one's name contained in the other's ("Sellers" in "Joseph M. Sellers")."""
    fa, fb = _forms(a), _forms(b)
    if fa & fb:
        return True
    return any(re.search(rf"\b{re.escape(x)}\b", y) for x in fa for y in fb if len(x) >= 3) or any(
        re.search(rf"\b{re.escape(y)}\b", x) for x in fa for y in fb if len(y) >= 3
    )


def name_in(entity: Entity, text: str) -> bool:
    """Whether any name form of ``entity`` (alias or surname) occurs as words in ``text``."""
    lowered = text.lower()
    forms = {f for f in _forms(entity) if len(f) >= 3}
    return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", lowered) for f in forms) or any(
        re.search(rf"\b{re.escape(f)}\b", lowered) for f in forms if "-" not in f
    )


def _quote_ref(quote: Quote, claim_set: ClaimSet) -> ClaimRef:
    article = next(a for a in claim_set.articles if a.id == quote.article)
    sentence = article.sentence_at(quote.start)
    if sentence is not None:
        return ClaimRef(article=article.id, sentence=sentence.id, text=sentence.text)
    return ClaimRef(article=article.id, sentence=(quote.sentence_ids or [""])[0], text=quote.text)


# --- misquotes read from utterance groups -------------------------------------------------------
#
# ``group_utterances`` has already decided which quotes of different outlets report one statement
# of one speaker. Two such quotes are aligned word by word; a misquote is one place where the words
# differ by a number, a person's name or a negation, inside wording otherwise the same (a partial
# quote may stop earlier or begin later). Any other difference in content words is a paraphrase.

# Contracted auxiliaries as the parser splits them ("won't" -> "wo" + "n't").
_CONTRACTED_AUX = {"wo": "will", "ca": "can", "sha": "shall", "n't": "not", "'ll": "will", "'ve": "have"}
_CONTRACTED_AUX |= {"'re": "be", "'m": "be", "'d": "would"}
_QUOTE_NEGATORS = {"not", "never"}
# Words of the same wording on either side of the difference: fewer cannot show it is one place.
_MISQUOTE_FLANK = 2
# Words both wordings share around the difference, at least.
_MISQUOTE_SHARED = 6
# Words one outlet may leave out elsewhere in the quotation (no number, no negation).
_MISQUOTE_OMITTED = 3
# Or one word of the same wording on one side of the difference and this many on the other.
_MISQUOTE_LONG_FLANK = 4
# A partial quote turned by a negation outside its quotation marks: its words, at least, all
# found in the other wording ("not “deeply saddened”").
_MISQUOTE_PARTIAL_SHARED = 2
_ELLIPSES = {"…", "..."}


_Op = tuple[str, int, int, int, int]  # a SequenceMatcher opcode


@dataclass(frozen=True)
class _Said:
    """One outlet's wording of an utterance: its words (normalised) and their tokens; ``gaps``
    are the places (word indices) where the outlet marks that it left words out: an ellipsis, or
    the break between two pieces of quotation ("…,” said Smith, “…" or a partial quote resumed)."""

    article_index: int
    words: list[str]
    tokens: list[Token]
    gaps: frozenset[int] = frozenset()


def utterance_misquotes(
    utterances: Sequence[Utterance],
    quotes: Sequence[Quote],
    claim_set: ClaimSet,
    config: AlignConfig = DEFAULT.align,
) -> list[Found]:
    """Misquotes between the outlets' wordings of one utterance: the one place two wordings differ
    is a number ("eight" / "five"), a person's name, or a negation only one of them has."""
    by_id = {q.id: q for q in quotes}
    out: list[Found] = []
    seen: set[tuple[str, ...]] = set()
    for utterance in utterances:
        said = [(v, _said(by_id[v.quote], v.text, claim_set)) for v in utterance.variants if v.quote in by_id]
        for i, (va, sa) in enumerate(said):
            for vb, sb in said[i + 1 :]:
                if va.article == vb.article or sa is None or sb is None:
                    continue
                found = _misquote(sa, sb, claim_set, config)
                if found is None:
                    continue
                key = tuple(sorted(f"{r.article}:{r.sentence}" for r in found.claims))
                if key not in seen:
                    seen.add(key)
                    out.append(found)
    return out


def unattributed_misquotes(
    utterances: Sequence[Utterance],
    quotes: Sequence[Quote],
    claim_set: ClaimSet,
    config: AlignConfig = DEFAULT.align,
) -> list[Found]:
    """Misquotes between quotations of two outlets that no utterance joins because a speaker is
    unresolved ("the committee chairman said") or only guessed from a pronoun: the quoted words
    themselves are the evidence of one statement, so they must share at least
    ``config.misquote_unattributed_overlap`` of the shorter quotation's words. Two quotations
    given to two different named speakers stay apart."""
    together = {frozenset((x, y)) for u in utterances for x in u.quotes for y in u.quotes if x != y}
    said: dict[str, _Said | None] = {}

    def wording(quote: Quote) -> _Said | None:
        if quote.id not in said:
            said[quote.id] = _said(quote, quote.text, claim_set)
        return said[quote.id]

    words = {q.id: set(_CONTENT.findall(q.text.lower())) - STOP_WORDS for q in quotes}
    out: list[Found] = []
    for i, qa in enumerate(quotes):
        for qb in quotes[i + 1 :]:
            if qa.article == qb.article or frozenset((qa.id, qb.id)) in together:
                continue
            if _named_apart(qa, qb):
                continue
            overlap = _needed_overlap(qa, qb, config)
            if overlap and len(words[qa.id] & words[qb.id]) < _MISQUOTE_SHARED:
                continue  # (one speaker's: the misquote's run of the same words is the test)
            sa, sb = wording(qa), wording(qb)
            if sa is None or sb is None:
                continue
            found = _misquote(sa, sb, claim_set, config, overlap)
            if found is not None:
                out.append(found)
    return out


def _needed_overlap(a: Quote, b: Quote, config: AlignConfig) -> float:
    """The share of the shorter quotation's words two quotations no utterance joins must share:
    none beyond the misquote's own run of the same words when both are given to one linked
    speaker (one person's statement cut otherwise by two outlets, "the “mindset that if we
    disagree, we have to disqualify each other”" / "“I think it's time ... that if we disagree,
    we have to disqualify each other,” Smith said"), else ``misquote_unattributed_overlap``.
    Never None: a negation outside the marks of two such quotations is not compared."""
    if a.speaker is not None and a.speaker == b.speaker:
        return 0.0
    return config.misquote_unattributed_overlap


_CONTENT = re.compile(r"[a-z0-9]+")


def _named_apart(a: Quote, b: Quote) -> bool:
    """Whether two quotations are given to two different speakers, each named (not a pronoun)."""
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker:
        return False
    return not any((q.speaker_text or "").strip().lower() in _PRONOUNS for q in (a, b))


def _said(quote: Quote, text: str, claim_set: ClaimSet) -> _Said | None:
    """The words of a variant (the whole quote or the part of it that holds the utterance) as the
    article's parse has them."""
    index = next((i for i, a in enumerate(claim_set.articles) if a.id == quote.article), None)
    offset = quote.text.find(text)
    if index is None or offset < 0:
        return None
    start = quote.start + offset
    span = claim_set.docs[index].char_span(start, start + len(text), alignment_mode="expand")
    if span is None:
        return None
    inside = _quoted_chars(text)
    words: list[str] = []
    tokens: list[Token] = []
    gaps: set[int] = set()
    outside = False  # words outside quotation marks since the last quoted word
    brackets = 0  # "(" or "[" open: the outlet's own words inside a quotation ("(Libyan leader) X")
    for tok in span:
        if tok.text in _ELLIPSES or (tok.is_punct and set(tok.text) <= {"."} and len(tok.text) >= 3):
            gaps.add(len(words))
            continue
        if tok.text in {"(", "["} or (brackets and tok.text in {")", "]"}):
            brackets = max(0, brackets + (1 if tok.text in {"(", "["} else -1))
            gaps.add(len(words))
            continue
        if brackets:
            continue
        if tok.is_punct or tok.is_space or tok.text in {"“", "”", '"', "‘", "’", "'"}:
            continue
        if not (0 <= tok.idx - start < len(inside) and inside[tok.idx - start]):
            outside = True
            continue  # the words between two parts of a quotation ("…,” said Smith in a statement, “…")
        if outside and words:
            gaps.add(len(words))
        outside = False
        # Compared by lemma ("environmentalists" / "environmentalist" is no other word), numbers
        # and names as written, contracted auxiliaries in full ("won't" -> "will not").
        word = _plain(tok)
        if word in _CONTRACTED_AUX:
            word = _CONTRACTED_AUX[word]
        elif not tok.like_num and tok.ent_type_ != "PERSON":
            word = tok.lemma_.lower().replace("’", "'")
            word = _CONTRACTED_AUX.get(word, word)  # the parser lemmatises "’ll" and "'ll" apart
        words.append(word)
        tokens.append(tok)
    return _Said(index, words, tokens, frozenset(gaps))


def _quoted_chars(text: str) -> list[bool]:
    """For each character of a quote's text, whether it lies inside quotation marks; a text
    without any mark is all quoted, one that first closes a mark begins inside one."""
    marks = [c for c in text if c in '“”"']
    if not marks:
        return [True] * len(text)
    inside = marks[0] == "”"
    out = []
    for c in text:
        if c == "“":
            inside = True
        elif c == "”":
            inside = False
        elif c == '"':
            inside = not inside
        out.append(inside)
    return out


def _misquote(
    a: _Said, b: _Said, claim_set: ClaimSet, config: AlignConfig = DEFAULT.align, overlap: float | None = None
) -> Found | None:
    """The misquote between two wordings of one utterance, if they differ in one checkable place.

    With ``overlap``, the wordings are not known to be one utterance (a speaker is unresolved):
    the words they share must then be at least that share of the shorter wording's words."""
    spelling = config.misquote_name_spelling
    ops: list[_Op] = list(SequenceMatcher(None, a.words, b.words, autojunk=False).get_opcodes())
    if ops and ops[0][0] in {"insert", "delete"}:
        ops.pop(0)  # a partial quote begins later
    if ops and ops[-1][0] in {"insert", "delete"}:
        ops.pop()  # or stops earlier
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    if overlap is not None and shared < overlap * min(len(a.words), len(b.words)):
        return None
    places: list[tuple[int, str]] = []  # (op index, what it changes) of each checkable difference
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        kind = _changed(a.tokens[i1:i2], b.tokens[j1:j2], a.words[i1:i2], b.words[j1:j2], spelling)
        if kind is not None:
            places.append((k, kind))
            continue
        changed = a.words[i1:i2] + b.words[j1:j2]
        if all(_function_word(w) for w in changed) or _abbreviated(a.words[i1:i2], b.words[j1:j2]):
            continue  # "the flood" / "this flood", "Gen." / "General": the same words
        omitted = (i1 == i2 or j1 == j2) and len(changed) <= _MISQUOTE_OMITTED
        if omitted and not _QUOTE_NEGATORS & set(changed):
            continue  # a few words one outlet left out ("joins X, Y and" / "joins X and")
        marked = (i1 == i2 and i1 in a.gaps) or (j1 == j2 and j1 in b.gaps)
        if marked and not _QUOTE_NEGATORS & set(changed):
            continue  # words one outlet marks as left out ("…", or two pieces of quotation)
        return None  # another content word: a paraphrase, nothing to compare
    conflicts = []
    for k, kind in places:
        _, i1, i2, j1, j2 = ops[k]
        # The same words on both sides of the place (or the quotation's own start or end there).
        if not _one_place(ops, k, {p for p, _ in places}, (len(a.words), len(b.words))):
            return None
        conflicts.append((kind, _reach(ops, k, -1), _reach(ops, k, 1), k))
    if not conflicts and shared >= _MISQUOTE_PARTIAL_SHARED and overlap is None:
        return _negated_apart(a, b, ops, claim_set)
    if shared < _MISQUOTE_SHARED or len(conflicts) != 1:
        return None
    kind, (i1, j1), (i2, j2), k = conflicts[0]
    _, x1, x2, y1, y2 = ops[k]
    around_a = _excerpt(a.tokens, max(i1, x1 - 4), min(i2, x2 + 4))
    around_b = _excerpt(b.tokens, max(j1, y1 - 4), min(j2, y2 + 4))
    la, lb = (
        _label(claim_set, claim_set.articles[a.article_index].id),
        _label(claim_set, claim_set.articles[b.article_index].id),
    )
    refs = [_token_ref(a, (a.tokens[x1:x2] or a.tokens[x1 - 1 : x1])[0], claim_set)]
    refs.append(_token_ref(b, (b.tokens[y1:y2] or b.tokens[y1 - 1 : y1])[0], claim_set))
    if kind == "negation":
        text = f"{la} quotes “{around_a}” where {lb} quotes “{around_b}”: one statement, negated in one."
        return Found("misquote", refs, text, [around_a, around_b])
    x, y = _words_text(a.tokens[x1:x2]), _words_text(b.tokens[y1:y2])
    what = "figure" if kind == "number" else "name"
    text = f"{la} quotes “{around_a}” where {lb} quotes “{around_b}”: one statement, another {what}."
    return Found("misquote", refs, text, [x, y])


def _flank(ops: list[_Op], k: int, step: int, places: set[int]) -> int:
    """How many of the same words lie beside the place ``ops[k]`` on one side (``step`` -1 or
    1), up to the next checkable difference; a reworded function word is no end."""
    count, k = 0, k + step
    while 0 <= k < len(ops) and k not in places:
        tag, i1, i2, _, _ = ops[k]
        count += i2 - i1 if tag == "equal" else 0
        k += step
    return count


def _reach(ops: list[_Op], k: int, step: int) -> tuple[int, int]:
    """The word positions (in both wordings) where the words beside ``ops[k]`` shown around it
    begin (``step`` -1) or end (1): the neighbouring run of the same words."""
    near = k + step
    if 0 <= near < len(ops) and ops[near][0] == "equal":
        _, i1, i2, j1, j2 = ops[near]
        return (i1, j1) if step < 0 else (i2, j2)
    _, i1, i2, j1, j2 = ops[k]
    return (i1, j1) if step < 0 else (i2, j2)


def _one_place(ops: list[_Op], k: int, places: set[int], sizes: tuple[int, int]) -> bool:
    """Whether the same words around the differing place ``ops[k]`` show it is one place of one
    wording: a few on both sides, or one word on one side and many on the other ("will [not] do
    the right thing and step aside"), or many where the place opens or closes both wordings."""
    before, after = _flank(ops, k, -1, places), _flank(ops, k, 1, places)
    short, long = sorted((before, after))
    if short >= _MISQUOTE_FLANK or (short >= 1 and long >= _MISQUOTE_LONG_FLANK):
        return True
    _, i1, i2, j1, j2 = ops[k]
    edge = (i1 == j1 == 0 and before == 0) or ((i2, j2) == sizes and after == 0)
    return long >= _MISQUOTE_FLANK and edge


def _function_word(word: str) -> bool:
    """A word that changes no content: a function word (a negator is content) or a mark the
    parser kept as a word ("’" of "he’s")."""
    return (word in STOP_WORDS and word not in _QUOTE_NEGATORS) or not any(c.isalnum() for c in word)


def _abbreviated(xs: list[str], ys: list[str]) -> bool:
    """Whether one word is the abbreviation of the other ("gen." / "general", "sen." / "senator")."""
    if len(xs) != 1 or len(ys) != 1:
        return False
    (x,), (y,) = xs, ys
    short, full = (x, y) if x.endswith(".") else (y, x)
    stem = short.rstrip(".")
    return short.endswith(".") and len(stem) >= 2 and full.startswith(stem) and full.isalpha()


def _negated_apart(a: _Said, b: _Said, ops: list[_Op], claim_set: ClaimSet) -> Found | None:
    """Two wordings whose quoted words match, where a negation outside the matching words (outside
    the quotation marks, or before a partial quote's start) turns one of them: 'he's not “deeply
    saddened”' / 'he was “deeply saddened by this decision.”' The shorter wording must match whole."""
    equal = [op for op in ops if op[0] == "equal"]
    if not equal or sum(i2 - i1 for _, i1, i2, _, _ in equal) < min(len(a.words), len(b.words)):
        return None
    ta = [t for _, i1, i2, _, _ in equal for t in a.tokens[i1:i2]]
    tb = [t for _, _, _, j1, j2 in equal for t in b.tokens[j1:j2]]
    na, nb = _negator(ta), _negator(tb)
    if (na is None) == (nb is None):
        return None
    la, lb = (
        _label(claim_set, claim_set.articles[a.article_index].id),
        _label(claim_set, claim_set.articles[b.article_index].id),
    )
    quoted_a, quoted_b = _words_text(ta), _words_text(tb)
    around_a = f"{na.text} “{quoted_a}”" if na is not None else f"“{quoted_a}”"
    around_b = f"{nb.text} “{quoted_b}”" if nb is not None else f"“{quoted_b}”"
    refs = [_token_ref(a, ta[0], claim_set), _token_ref(b, tb[0], claim_set)]
    text = f"{la} reports {around_a} where {lb} reports {around_b}: one statement, negated in one."
    return Found("misquote", refs, text, [around_a, around_b])


def _negator(tokens: list[Token]) -> Token | None:
    """The negation of the words' head outside them: on the head itself, or, for a complement
    ("is not “deeply saddened”"), on the verb it completes."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1:
        return None
    head = heads[0]
    governors = [head] + ([head.head] if head.dep_ in _COMPLEMENTS and head.head.i != head.i else [])
    for governor in governors:
        for child in governor.children:
            if child.dep_ != "neg" or child.i in inside or _not_only(child):
                continue  # "is not only “a departure …” but also": no denial
            if _plain(child) in _QUOTE_NEGATORS | {"n't"}:
                return child
    return None


def _changed(
    xs: list[Token], ys: list[Token], wx: list[str], wy: list[str], spelling: float = 1.0
) -> str | None:
    """What one differing place between two wordings changes: 'number', 'name', 'negation' or None."""
    if not xs or not ys:
        added, tokens = (wx, xs) if wx else (wy, ys)
        # A negator, with the auxiliary "do" a verb takes to be negated ("stand" / "do not stand").
        support = all(
            w in _QUOTE_NEGATORS or (w == "do" and t.dep_ in {"aux", "auxpass"})
            for w, t in zip(added, tokens, strict=True)
        )
        return "negation" if added and support and _QUOTE_NEGATORS & set(added) else None
    if all(t.like_num for t in xs + ys):
        vx, vy = number_value(" ".join(wx)), number_value(" ".join(wy))
        return "number" if vx is not None and vy is not None and vx != vy else None
    if all(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in xs + ys):
        kx, ky = name_key(" ".join(t.text for t in xs)), name_key(" ".join(t.text for t in ys))
        # One name spelled two ways ("Qaddafi" / "Gadhafi") is the same name.
        return "name" if kx != ky and JaroWinkler.similarity(kx, ky) < spelling else None
    return None


def _excerpt(tokens: list[Token], start: int, end: int) -> str:
    """The words from ``start`` to ``end`` as written, with "…" where the quotation goes on."""
    text = _words_text(tokens[start:end])
    return ("…" if start > 0 else "") + text + ("…" if end < len(tokens) else "")


def _words_text(tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _token_ref(said: _Said, tok: Token, claim_set: ClaimSet) -> ClaimRef:
    article = claim_set.articles[said.article_index]
    sentence = article.sentence_at(tok.idx) or article.sentences[0]
    return ClaimRef(article=article.id, sentence=sentence.id, text=sentence.text)


# --- the actor of the main verb -----------------------------------------------------------------


def actor_conflict(
    a: AnalyzedClaim, b: AnalyzedClaim, similarity: float, claim_set: ClaimSet, config: AlignConfig
) -> Found | None:
    """Two outlets name different people as the doer of one act: "Smith vetoed the bill" / "Jones
    vetoed the bill" (kind ``attribution``).

    Many acts have several doers ("Smith and Jones both criticised it"), so the conflict is
    reported only when each doer is one named person (no pronoun, no conjunct), the verb (not one
    of saying) is the same and its undergoer the same or, in claims this close, a common noun in
    both ("the bill" / "the measure") or absent in both, both are told as facts (unquoted,
    affirmative, the same mood), neither sentence names the other's doer, and neither article
    says anywhere that the other's doer did this act too. The act may be the main verb or, under
    a verb that tells of it ("the Post reported that Smith approached her"), the told verb.
    """
    if similarity < config.slot_actor_similarity:
        return None
    told_a, told_b = _told_acts(_root(a)), _told_acts(_root(b))
    for ra in told_a if a.mood == b.mood else []:
        for rb in told_b:
            found = _actor_pair(a, b, ra, rb, claim_set)
            if found is not None:
                return found
    return _deeper_actor(a, b, told_a, told_b, claim_set)


def _deeper_actor(
    a: AnalyzedClaim, b: AnalyzedClaim, told_a: list[Token], told_b: list[Token], claim_set: ClaimSet
) -> Found | None:
    """The attribution conflict of an act a named person does below the main clause ("he would
    have known Smith lied to agents" / "knew about Jones lying to the FBI"; "the report said Smith
    lied to Congress" / "prosecutors described how Jones had lied to Congress"), the same as
    ``_actor_pair`` for one of the acts at least in such a clause. The claims' moods are their main
    verbs'; here a planned act and another are apart, and no act under a denial ("did not say
    that Smith lied") is compared."""
    acts_a, acts_b = told_a + _named_acts(a, told_a), told_b + _named_acts(b, told_b)
    for ra in acts_a:
        for rb in acts_b:
            if (ra in told_a and rb in told_b) or (mood(ra) == "planned") != (mood(rb) == "planned"):
                continue
            found = _actor_pair(a, b, ra, rb, claim_set)
            if found is not None:
                return found
    return None


def _named_acts(claim: AnalyzedClaim, told: list[Token]) -> list[Token]:
    """The claim's verbs below its main clause that one named person does (``_doer``), none of
    whose governing verbs is negated."""
    root = _root(claim)
    return [
        t
        for t in claim.tokens
        if t.pos_ == "VERB"
        and t not in told
        and _doer(t) is not None
        and not any(verb_negated(h) for h in [t, *t.ancestors] if h.pos_ in {"VERB", "AUX"})
        and root in [t, *t.ancestors]
    ]


# Verbs that tell of an act as a verb of saying tells of a statement: "the Post reported that X
# approached her", "prosecutors described how X lied".
_TELLING = _SPEAKING | {"report", "describe", "reveal", "allege", "recount", "testify", "write"}


def _told_acts(root: Token) -> list[Token]:
    """The claim's main verb, and for a verb that tells of something (said, reported, described)
    the verb of what it tells: the act whose doer the outlets may name apart."""
    return [v for v in _statement_verbs(root, _TELLING) if v.i == root.i or v.pos_ == "VERB"]


def _actor_pair(
    a: AnalyzedClaim, b: AnalyzedClaim, ra: Token, rb: Token, claim_set: ClaimSet
) -> Found | None:
    """The attribution conflict between verb ``ra`` of claim ``a`` and ``rb`` of ``b`` (see
    ``actor_conflict``)."""
    lemma = ra.lemma_.lower()
    if lemma != rb.lemma_.lower() or ra.pos_ != "VERB" or lemma in _SPEAKING | {"be", "have"}:
        return None
    if _verb_quoted(ra, a) or _verb_quoted(rb, b) or verb_negated(ra) or verb_negated(rb):
        return None
    da, db = _doer(ra), _doer(rb)
    if da is None or db is None:
        return None
    ka, kb = _referents(da, claim_set), _referents(db, claim_set)
    if len(ka) != 1 or len(kb) != 1 or ka == kb:
        return None
    ua, ub = _undergoer(ra, claim_set), _undergoer(rb, claim_set)
    if not ua & ub and not all(k.startswith("noun:") for k in ua | ub):
        return None  # another named undergoer, or one verb with an undergoer and one without: two acts
    wa, wb = _object_words(ra), _object_words(rb)
    if wa and wb and not wa & wb:
        return None  # "the water bill" / "the school bill": another undergoer of the same noun
    (key_a,), (key_b,) = ka, kb
    for claim, other in ((a, key_b), (b, key_a)):
        if other.removeprefix("person:") in participants(_people_words(claim), claim_set.names)[0]:
            return None  # the other doer is named in the sentence ("Smith, with Jones, vetoed ...")
    for claim, other in ((a, key_b), (b, key_a)):
        if _does(claim.article_index, lemma, other, claim_set):
            return None  # the article says the other person did it too
    la, lb = _label(claim_set, a.claim.article), _label(claim_set, b.claim.article)
    name_a, name_b = _entity_span(da).text, _entity_span(db).text
    text = (
        f"{la} says {name_a} {ra.text} it where {lb} says {name_b} did, for the same act "
        f"(“{ra.text}” with the same object in both)."
    )
    return Found("attribution", [_ref(a, claim_set), _ref(b, claim_set)], text, [name_a, name_b])


def _people_words(claim: AnalyzedClaim) -> list[Token]:
    """The claim's sentence without the names that only tell a thing apart ("the Flynn
    investigation", "the Smith campaign"): a name there is no person who may have acted."""
    return [
        t
        for t in claim.tokens[0].sent
        if not (
            t.ent_type_
            and _entity_span(t).root.dep_ == "compound"
            and _entity_span(t).root.head.pos_ == "NOUN"
        )
    ]


def _undergoer(verb: Token, claim_set: ClaimSet) -> frozenset[str]:
    """The keys of what a verb's undergoer may name, a personal pronoun as a common noun: "her"
    and "a 14-year-old" may be one person, "her" and a named person are not known to be."""
    undergoer = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if undergoer is not None and undergoer.pos_ == "PRON":
        return frozenset({"noun:pronoun"})
    return _roles(verb, claim_set)[1]


def _doer(verb: Token) -> Token | None:
    """The one named person who does a verb: its subject, or the agent of a passive; None for a
    pronoun, a common noun or several doers ("Smith and Jones")."""
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if doer is None or doer.pos_ != "PROPN" or doer.ent_type_ != "PERSON":
        return None
    if any(c.dep_ in {"conj", "cc"} for c in doer.children):
        return None
    return doer


def _object_words(verb: Token) -> set[str]:
    """The words that tell a verb's undergoer from another of its noun ("the *water* bill")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return {m.lemma_.lower() for o in objects for m in o.children if m.dep_ in {"compound", "amod"}}


def _does(article_index: int, lemma: str, person: str, claim_set: ClaimSet) -> bool:
    """Whether a sentence of the article has ``person`` do the verb ``lemma``."""
    doc = claim_set.docs[article_index]
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() == lemma:
            doers = [c for c in tok.children if c.dep_ in {"nsubj", "agent"}]
            doers += [c for d in doers for c in d.children if c.dep_ in {"conj", "pobj"}]
            if any(person in _referents(d, claim_set) for d in doers):
                return True
    return False
