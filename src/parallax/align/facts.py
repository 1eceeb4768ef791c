"""Facts: claims aligned across articles, with support and status.

Candidates come from sentence embeddings by nearest-neighbour search (each claim's top-k among
the claims of its article's nearest articles: all pairs for small stories, linear in the
story's size for big ones). A candidate pair supports one fact only if the checks agree: the
same voice (outlet or the same quoted speaker), the same polarity, no different number for the
same thing, no different date, no different people, no opposite order words, not one event
planned and the other done. So "met on Tuesday" and "did not meet on Tuesday" never support one
fact; they are left to ``contradictions``.

Every sentence of a story is close to every other (they share its topic), so a cosine alone joins
sentences that share a topic but not a proposition ("the ruling gives gay couples the same tax
benefits" / "gay couples will now pay the marriage penalty"). Two claims support one fact only if
their cosine, plus a bonus for the distinctive words they share (content words weighted by how
rare they are in this story, so the topic's own words count little), reaches
``fact_proposition_score``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parallax.align.claims import AnalyzedClaim, ClaimSet, Dates, analyze_claims, same_figure
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Fact, FactStatus, Quote, Support

# Parts of speech whose lemmas carry a claim's content (the words compared by ``shared_words``).
_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
_RANGE = re.compile(r"\b(to|and|or|between)\b|\d\s*[-–—]\s*\d", re.IGNORECASE)


def claim_vectors(strings: Sequence[str], texts: Texts) -> np.ndarray:
    """Embeddings of the strings, from the analysis' vector table (each text embedded once)."""
    if not strings:
        return np.zeros((0, 0), dtype=np.float32)
    return texts.embed(strings)


@dataclass(frozen=True)
class Pair:
    """Two claims of different articles that the neighbour search found close."""

    a: int
    b: int
    similarity: float


def neighbour_pairs(claims: Sequence[AnalyzedClaim], vectors: np.ndarray, config: AlignConfig) -> list[Pair]:
    """Each claim's top-k most similar claims among its article's nearest articles (pairs once, a < b).

    Per-article neighbour search: every article is compared, through the mean of its claim
    vectors, with every other (articles are few), and its claims are scored only against the
    claims of its ``article_neighbours`` nearest articles (and of those that chose it). With
    that many neighbours or fewer, this is the exact all-pairs search; beyond, the claim
    comparisons grow as claims x neighbours x claims per article, linear in the story's size.
    """
    n = len(claims)
    if n < 2:
        return []
    articles = np.array([c.article_index for c in claims])
    ids = sorted(set(articles.tolist()))
    members = {a: np.flatnonzero(articles == a) for a in ids}
    centres = np.stack([vectors[members[a]].mean(axis=0) for a in ids])
    centres /= np.clip(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9, None)
    closeness = centres @ centres.T
    np.fill_diagonal(closeness, -np.inf)
    chosen = max(0, min(config.article_neighbours, len(ids) - 1))
    near: dict[int, set[int]] = {a: set() for a in ids}
    if chosen:
        top = np.argpartition(-closeness, chosen - 1, axis=1)[:, :chosen]
        for row, a in enumerate(ids):
            for col in top[row].tolist():
                near[a].add(ids[col])
                near[ids[col]].add(a)
    floor = min(config.fact_similarity, config.contradiction_similarity, *slot_similarities(config))
    found: dict[tuple[int, int], float] = {}
    for a in ids:
        if not near[a]:
            continue
        mine = members[a]
        others = np.concatenate([members[b] for b in sorted(near[a])])
        sims = vectors[mine] @ vectors[others].T
        k = min(config.fact_neighbours, len(others))
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, i in enumerate(mine.tolist()):
            for col in top[row].tolist():
                value = float(sims[row, col])
                if value >= floor:
                    j = int(others[col])
                    found[(min(i, j), max(i, j))] = value
    return [Pair(a, b, s) for (a, b), s in sorted(found.items())]


def slot_similarities(config: AlignConfig) -> tuple[float, ...]:
    """The cosines from which the contradiction slot checks compare a pair of claims."""
    return (
        config.slot_number_similarity,
        config.slot_date_similarity,
        config.slot_negation_similarity,
        config.slot_negation_anchored_similarity,
        config.slot_event_similarity,
        config.slot_dated_act_similarity,
        config.slot_same_verb_count_similarity,
    )


def conflict(a: AnalyzedClaim, b: AnalyzedClaim) -> str | None:
    """Why two claims cannot support one fact (``None`` when nothing objects)."""
    if not same_voice(a, b):
        return "voice"
    if a.negated != b.negated or polarity_conflict(a, b):
        return "negation"
    if number_conflict(a, b):
        return "number"
    if date_conflict(a, b):
        return "date"
    if a.order and b.order and a.order != b.order:
        return "order"
    if (a.persons - b.persons) and (b.persons - a.persons):
        return "people"
    if {a.mood, b.mood} == {"planned", "done"}:
        return "mood"
    return None


def same_voice(a: AnalyzedClaim, b: AnalyzedClaim) -> bool:
    """Both the outlets' own claims, or both quotes of the same (or an unknown) speaker."""
    if a.voice is None or b.voice is None:
        return a.voice is None and b.voice is None
    return a.voice == b.voice or "?" in (a.voice, b.voice)


def polarity_conflict(a: AnalyzedClaim, b: AnalyzedClaim) -> str | None:
    """A predicate one claim negates and the other affirms ('signed' / 'has not signed')."""
    for lemma in sorted(a.polarity.keys() & b.polarity.keys()):
        if a.polarity[lemma] != b.polarity[lemma]:
            return lemma
    return None


def number_conflict(
    a: AnalyzedClaim, b: AnalyzedClaim, same_hedge: bool = False
) -> tuple[str, str, str] | None:
    """A thing both claims count with different numbers: (unit, a's number, b's number).

    With ``same_hedge``, numbers hedged differently ('about 500' / '600') do not count: only
    numbers stated the same way and differing are in conflict.
    """
    units_a = {q.unit for q in a.quantities if q.unit}
    for unit in sorted(units_a & {q.unit for q in b.quantities if q.unit}):
        va = [q for q in a.quantities if q.unit == unit]
        vb = [q for q in b.quantities if q.unit == unit]
        if (
            len(va) == 1
            and len(vb) == 1
            and not same_figure(va[0].value, va[0].text, vb[0].value, vb[0].text)
        ):
            if same_hedge and va[0].hedge != vb[0].hedge:
                continue
            if _RANGE.search(va[0].text) or _RANGE.search(vb[0].text):
                continue  # "10 to 15" against "12": a range holds the value
            return unit, va[0].text, vb[0].text
    return None


def anchored_date_conflict(a: AnalyzedClaim, b: AnalyzedClaim) -> tuple[str, str, str] | None:
    """A date part both claims attach to the same word ('the tour on Tuesday' / '... on Wednesday')."""
    values_a: dict[tuple[str, str], set[str]] = {}
    values_b: dict[tuple[str, str], set[str]] = {}
    for values, claim in ((values_a, a), (values_b, b)):
        for anchor, part, value in claim.dated:
            values.setdefault((anchor, part), set()).add(value)
    for key in sorted(values_a.keys() & values_b.keys()):
        va, vb = values_a[key], values_b[key]
        if len(va) == 1 and len(vb) == 1 and va != vb:
            return key[1], next(iter(va)), next(iter(vb))
    return None


def order_conflict(a: AnalyzedClaim, b: AnalyzedClaim) -> tuple[str, str, str] | None:
    """The same event put before something in one claim and after it in the other."""
    for direction, head, reference in a.ordered:
        others = {d for d, h, _ in b.ordered if h == head}
        if others and direction not in others:
            return head, direction, reference
    return None


def date_conflict(a: AnalyzedClaim, b: AnalyzedClaim) -> tuple[str, str, str] | None:
    """A date part both claims give for their main event, with different values."""
    da: Dates = a.root_dates
    db: Dates = b.root_dates
    for (part, va), (_, vb) in zip(da.items(), db.items(), strict=True):
        if len(va) == 1 and len(vb) == 1 and va != vb:
            return part, next(iter(va)), next(iter(vb))
    return None


def content_words(claim: AnalyzedClaim) -> frozenset[str]:
    """The claim's content lemmas (nouns, names, verbs, adjectives, adverbs, numbers; no stop words)."""
    return frozenset(
        t.lemma_.lower()
        for t in claim.tokens
        if (t.pos_ in _CONTENT and t.is_alpha and not t.is_stop) or t.like_num
    )


@dataclass(frozen=True)
class StoryWords:
    """Each claim's content words and how distinctive each word is in the story: log((n + 1) / df)
    over its n claims, so a word most claims use (the story's topic) weighs little."""

    words: list[frozenset[str]]
    weight: dict[str, float]

    @classmethod
    def of(cls, claims: Sequence[AnalyzedClaim]) -> StoryWords:
        words = [content_words(c) for c in claims]
        df = Counter(w for ws in words for w in ws)
        n = len(claims)
        return cls(words, {w: math.log((n + 1) / d) for w, d in df.items()})

    def shared(self, i: int, j: int) -> float:
        """The weight of the words claims i and j share, over the smaller claim's weight (0-1):
        a claim that states the other's proposition plus more still shares all of it."""
        a, b = self.words[i], self.words[j]
        smaller = min(sum(self.weight[w] for w in a), sum(self.weight[w] for w in b))
        if smaller <= 0:
            return 0.0
        return sum(self.weight[w] for w in a & b) / smaller


def same_proposition(similarity: float, shared: float, config: AlignConfig = DEFAULT.align) -> bool:
    """Whether two claims of one story state the same proposition, not only the same topic: their
    cosine plus ``fact_shared_words_weight`` x their shared distinctive words reaches
    ``fact_proposition_score``."""
    return similarity + config.fact_shared_words_weight * shared >= config.fact_proposition_score


def align_facts(
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
    claims: ClaimSet | None = None,
) -> list[Fact]:
    """Claims aligned across articles into facts with support and status.

    ``claims``: the analysis' claims of these articles and quotes (cut here when not given)."""
    claim_set = claims if claims is not None else analyze_claims(articles, quotes, config)
    groups = group_claims(claim_set, config)
    return facts_from_groups(claim_set, groups)


def group_claims(claim_set: ClaimSet, config: AlignConfig = DEFAULT.align) -> list[list[int]]:
    """Claims grouped into facts: at most one claim per article, every pair without conflict.

    Candidate pairs are merged best first (agglomerative), and a claim joins a group only if its
    mean similarity to the group's claims reaches ``fact_group_similarity`` and it states the same
    proposition as each of them (``same_proposition``): a chain of near-neighbours cannot drift
    into a group of unrelated claims, nor a claim on the same topic join one it does not restate.
    """
    claims = claim_set.claims
    vectors = claim_vectors([c.claim.text for c in claims], claim_set.texts)
    words = StoryWords.of(claims)
    pairs = [p for p in neighbour_pairs(claims, vectors, config) if p.similarity >= config.fact_similarity]
    pairs.sort(key=lambda p: (-p.similarity, p.a, p.b))
    group_of = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for pair in pairs:
        ga, gb = group_of[pair.a], group_of[pair.b]
        if ga == gb:
            continue
        left, right = members[ga], members[gb]
        if {claims[i].article_index for i in left} & {claims[j].article_index for j in right}:
            continue
        if any(conflict(claims[i], claims[j]) for i in left for j in right):
            continue
        block = vectors[left] @ vectors[right].T
        if float(block.mean()) < config.fact_group_similarity:
            continue
        if not all(
            same_proposition(float(block[x, y]), words.shared(i, j), config)
            for x, i in enumerate(left)
            for y, j in enumerate(right)
        ):
            continue
        for i in right:
            group_of[i] = ga
        members[ga] = left + right
        del members[gb]
    return [sorted(m, key=lambda i: (claims[i].article_index, i)) for m in members.values()]


def status_of(count: int, articles: int) -> FactStatus:
    """consensus (every article), majority (more than half), minority, unique (one article)."""
    if count <= 1:
        return "unique"
    if count >= articles:
        return "consensus"
    if count * 2 > articles:
        return "majority"
    return "minority"


def facts_from_groups(claim_set: ClaimSet, groups: list[list[int]]) -> list[Fact]:
    """One fact per group: the most central claim as its text, every claim as support."""
    claims = claim_set.claims
    vectors = claim_vectors([c.claim.text for c in claims], claim_set.texts)
    n_articles = len(claim_set.articles)
    ordered = sorted(groups, key=lambda g: (-len(g), claims[g[0]].article_index, g[0]))
    facts = []
    for number, group in enumerate(ordered, 1):
        sims = vectors[group] @ vectors[group].T
        centre = group[int(np.argmax(sims.sum(axis=1)))]
        supports = [
            Support(
                article=claims[i].claim.article,
                sentence=claims[i].claim.sentence,
                text=claims[i].claim.text,
                similarity=round(float(vectors[i] @ vectors[centre]), 3) if i != centre else 1.0,
            )
            for i in group
        ]
        facts.append(
            Fact(
                id=f"f{number}",
                text=claims[centre].claim.text,
                support=supports,
                status=status_of(len({claims[i].article_index for i in group}), n_articles),
                speaker=claims[centre].claim.speaker,
            )
        )
    return facts
