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
  the other quote (see ``_attribution``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, utils
from rapidfuzz.process import cdist
from spacy.tokens import Span, Token

from parallax.align import names as name_forms
from parallax.align.claims import (
    AFTER_WORDS,
    BEFORE_WORDS,
    NEGATORS,
    AnalyzedClaim,
    ClaimSet,
    NameIndex,
    analyze_claims,
    mask_text,
    name_key,
    participants,
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
from parallax.models import Article, ClaimRef, Contradiction, ContradictionKind, Entity, Fact, Quote

_CORE_CUTS = {"advcl", "relcl", "conj", "ccomp", "xcomp", "parataxis", "acl", "appos", "csubj", "cc", "punct"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"}


@dataclass
class Found:
    kind: ContradictionKind
    claims: list[ClaimRef]
    explanation: str


def find_contradictions(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
    entities: Sequence[Entity] = (),
) -> list[Contradiction]:
    """Claims about the same fact that cannot both be true, each with a one-sentence explanation.

    Two claims that contradict each other never support one fact (``align_facts`` keeps them
    apart), so the candidates come again from the neighbour search that built ``facts``; its
    claims and embeddings are cached, so this repeats no parsing or embedding.
    """
    claim_set = analyze_claims(articles, quotes, config)
    story_orders = _temporal_order(claim_set)
    covered = [{(r.article, r.sentence) for r in f.claims} for f in story_orders]
    pairwise = [
        f
        for f in _pairwise(claim_set, config)
        if f.kind != "temporal-order"
        or not any({(r.article, r.sentence) for r in f.claims} <= c for c in covered)
    ]
    found = pairwise + story_orders + _attribution(claim_set, quotes, entities, config)
    return [
        Contradiction(id=f"c{i}", kind=f.kind, claims=f.claims, explanation=f.explanation)
        for i, f in enumerate(found, 1)
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
    vectors = claim_vectors([c.claim.text for c in claims])
    out: list[Found] = []
    seen: set[tuple[str, ...]] = set()
    for pair in neighbour_pairs(claims, vectors, config):
        if pair.similarity < config.contradiction_similarity:
            continue
        a, b = claims[pair.a], claims[pair.b]
        if not same_voice(a, b) or a.voice == "?" or b.voice == "?":
            continue
        found = pairwise_contradiction(a, b, claim_set, config)
        if found is None:
            continue
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
    masked = claim_vectors([mask_text(a), mask_text(b)])
    if float(masked[0] @ masked[1]) < config.contradiction_masked_similarity:
        return None
    la, lb = _label(claim_set, a.claim.article), _label(claim_set, b.claim.article)
    refs = [_ref(a, claim_set), _ref(b, claim_set)]
    if numbers:
        unit, x, y = numbers
        what = f" ({unit})" if unit and unit not in x.lower() else ""
        text = f"{la} says {x}{what} where {lb} says {y}, in otherwise matching accounts."
        return Found("number", refs, text)
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
        return Found("date", refs, text)
    positive, negative = (b, a) if a.negated else (a, b)
    lp, ln = _label(claim_set, positive.claim.article), _label(claim_set, negative.claim.article)
    text = f"{lp} says “{positive.claim.text}” where {ln} says the opposite: “{negative.claim.text}”."
    return Found("negation", refs, text)


def negator_count(claim: AnalyzedClaim) -> int:
    """How many negation words the claim's own words use ('not', "n't", 'never', 'no one' ...)."""
    return sum(1 for t in claim.tokens if t.dep_ == "neg" or t.lower_ in NEGATORS)


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
    for sentence in article.sentences:
        if sentence.start <= quote.start < sentence.end:
            return ClaimRef(article=article.id, sentence=sentence.id, text=sentence.text)
    return ClaimRef(article=article.id, sentence=(quote.sentence_ids or [""])[0], text=quote.text)
