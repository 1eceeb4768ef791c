"""The search paths that keep a large story near-linear give what the plain all-pairs loops gave.

Issue 16's 1,000-article story: utterance clustering, adoption of unattributed quotes, long-quote
parts, person-name grouping, speaker lookup and timeline merging each compared every item with
every other (or searched a whole matrix per merge). They now search candidates (sparse word
overlaps, a surname index, one cosine product) or keep each row's best link. Each test runs the
plain loop of the code before (copied here) beside the fast path on seeded random input full of
ties, shared words and near-threshold scores, and asserts the same groups, pairs and scores.
"""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from parallax import names
from parallax.align import utterances as U
from parallax.align.entities import _cluster_people, _Mention
from parallax.align.speakers import _NameIndex
from parallax.config import DEFAULT
from parallax.interpret import timeline as T
from parallax.models import Entity, Quote, SentenceRef

_VOCABULARY = [
    "tariff",
    "steel",
    "border",
    "wall",
    "minister",
    "budget",
    "deficit",
    "strike",
    "retaliate",
    "embassy",
    "sanction",
    "nuclear",
    "deal",
    "treaty",
    "election",
    "ballot",
    "court",
    "ruling",
    "senate",
    "vote",
    "inflation",
    "market",
    "troops",
    "withdraw",
    "ceasefire",
    "talks",
]


def _quote(n: int, article: int, start: int, text: str, speaker: str | None) -> Quote:
    return Quote(
        id=f"q{n}",
        article=f"a{article}",
        text=text,
        start=start,
        end=start + len(text),
        kind="direct",
        speaker=speaker,
    )


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(2, 9))) + "."


# --- the plain loops of the code before -----------------------------------------------------------


def _plain_cluster(quotes: list[Quote], scores: np.ndarray, threshold: float) -> list[list[int]]:
    n = len(quotes)
    link = scores.astype(np.float64)
    for i in range(n):
        for j in range(i + 1, n):
            if quotes[i].article == quotes[j].article and not U._contiguous(quotes[i], quotes[j]):
                link[i, j] = link[j, i] = -np.inf
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(n)
    members = [[i] for i in range(n)]
    active = np.ones(n, dtype=bool)
    while active.sum() > 1:
        masked = np.where(active[:, None] & active[None, :], link, -np.inf)
        a, b = np.unravel_index(int(np.argmax(masked)), masked.shape)
        if masked[a, b] < threshold:
            break
        merged = (sizes[a] * link[a] + sizes[b] * link[b]) / (sizes[a] + sizes[b])
        link[a, :] = link[:, a] = merged
        link[a, a] = -np.inf
        sizes[a] += sizes[b]
        members[a] += members[b]
        active[b] = False
    return [sorted(members[i]) for i in range(n) if active[i]]


def _plain_lexical(texts: list[str], rarity: dict[str, float]) -> np.ndarray:
    words = [U._content_words(t) for t in texts]
    unseen = max(rarity.values(), default=1.0)
    lexical = np.zeros((len(texts), len(texts)), dtype=np.float32)  # the cosines' type, as before
    for i, a in enumerate(words):
        for j in range(i + 1, len(words)):
            lexical[i, j] = lexical[j, i] = U._containment(a, words[j], rarity, unseen)
    return lexical


def _plain_adopt(groups, unresolved, entities, embedded, topic, rarity, named, threshold) -> None:  # type: ignore[no-untyped-def]
    vectors, row = embedded
    present = {e.id: set(e.articles) for e in entities}
    members = [q for g in groups for q in g]
    owner = [k for k, g in enumerate(groups) for _ in g]
    centred = vectors - topic
    centred /= np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)
    mine, theirs = centred[[row[q.id] for q in unresolved]], centred[[row[q.id] for q in members]]
    cosine = np.clip(mine @ theirs.T, 0.0, 1.0)
    words = [U._content_words(q.text) - named for q in members]
    unseen = max(rarity.values(), default=1.0)

    def open_to(quote, group):  # type: ignore[no-untyped-def]
        return quote.article in present.get(group[0].speaker or "", set()) and all(
            q.article != quote.article or U._contiguous(q, quote) for q in group
        )

    fits = []
    for i, quote in enumerate(unresolved):
        own = U._content_words(quote.text) - named
        best: dict[int, float] = {}
        for j, other in enumerate(words):
            score = max(float(cosine[i, j]), U._containment(own, other, rarity, unseen))
            best[owner[j]] = max(best.get(owner[j], 0.0), score)
        ranked = sorted(((k, s) for k, s in best.items() if open_to(quote, groups[k])), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < threshold:
            continue
        speaker = groups[ranked[0][0]][0].speaker
        if not any(groups[k][0].speaker != speaker and s >= threshold for k, s in best.items()):
            fits.append((ranked[0][1], i, ranked[0][0]))
    for _, i, k in sorted(fits, reverse=True):
        if open_to(unresolved[i], groups[k]):
            groups[k].append(unresolved[i])


def _plain_parts(groups, rarity, named, threshold):  # type: ignore[no-untyped-def]
    unseen = max(rarity.values(), default=1.0)
    words = [[U._content_words(q.text) - named for q in g] for g in groups]
    found: list[list[tuple[Quote, str]]] = [[] for _ in groups]
    for a, group in enumerate(groups):
        for quote in group:
            segments = [(s, U._content_words(s) - named) for s in U._segments(quote.text)]
            if not segments:
                continue
            for b, other in enumerate(groups):
                if b == a or other[0].speaker != quote.speaker:
                    continue
                if any(q.article == quote.article for q in other):
                    continue
                best, text = 0.0, ""
                for segment, own in segments:
                    for theirs in words[b]:
                        score = U._containment(own, theirs, rarity, unseen)
                        if score > best or (score == best and len(segment) < len(text)):
                            best, text = score, segment
                if best >= threshold:
                    found[b].append((quote, text))
    return found


# --- utterances -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_cluster_keeps_the_merges_of_the_whole_matrix_search(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 60)
    quotes = [_quote(i, rng.randint(0, n // 3), rng.choice([0, 30, 200, 500]), "x", "e1") for i in range(n)]
    values = np.random.default_rng(seed).random((n, n))
    # Coarse values, many ties (merged averages tie too when only two values occur).
    scores = np.round(values, 1) if seed % 2 else np.where(values < 0.5, 0.25, 0.75)
    if seed % 4 == 0:
        scores = np.full((n, n), 0.75)  # every link ties, and every merged link: order alone decides
    scores = np.maximum(scores, scores.T)
    plain = _plain_cluster(quotes, scores, 0.5)
    assert U._cluster(quotes, scores, 0.5) == plain
    assert len(plain) < n  # merges happened: the comparison is not between two no-ops


@pytest.fixture(params=[0, 200], ids=["sparse", "small"])
def sparse_from(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Both paths: the sparse word matrix (from 0 quotes) and the plain loop of small stories."""
    monkeypatch.setattr(U, "_PLAIN_MAX", request.param)
    return int(request.param)


@pytest.mark.parametrize("seed", range(4))
def test_lexical_scores_are_the_all_pairs_scores(seed: int, sparse_from: int) -> None:
    rng = random.Random(seed)
    texts = [_text(rng) for _ in range(80)]
    rarity = U._rarity(texts[:40])
    vectors = np.random.default_rng(seed).random((80, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = U.pair_scores(texts, vectors, vectors.mean(axis=0), rarity)
    plain = _plain_lexical(texts, rarity)
    assert np.count_nonzero(plain) > 100  # many pairs share words
    centred = vectors - vectors.mean(axis=0)
    centred /= np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)
    expected = np.maximum(np.clip(centred @ centred.T, 0.0, 1.0), plain)
    np.fill_diagonal(expected, 1.0)
    assert np.array_equal(scores, expected)


def _story(seed: int) -> tuple[list[list[Quote]], list[Quote], list[Entity], dict[str, float], np.ndarray]:
    """Quotes of three speakers (each with words and vectors of its own, so unattributed quotes
    can fit one speaker alone), a third of them unattributed, grouped at random."""
    rng = random.Random(seed)
    centres = np.random.default_rng(seed).normal(size=(3, 8))
    quotes, rows = [], []
    for n in range(120):
        topic = rng.randrange(3)
        speaker = f"e{topic + 1}" if rng.random() < 0.65 else None
        words = _VOCABULARY[topic * 9 : topic * 9 + 12]
        sentences = " ".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(2, 7))).capitalize() + "."
            for _ in range(rng.randint(1, 3))
        )
        quotes.append(_quote(n, rng.randint(0, 20), rng.randint(0, 3) * 100, sentences, speaker))
        rows.append(centres[topic] + np.random.default_rng(seed * 1000 + n).normal(scale=0.8, size=8))
    entities = [
        Entity(id=e, name=e, type="PERSON", articles=[f"a{k}" for k in range(21) if rng.random() < 0.7])
        for e in ("e1", "e2", "e3")
    ]
    known = [q for q in quotes if q.speaker]
    groups: list[list[Quote]] = []
    for q in known:  # one quote per article and speaker in each group: the shape _cluster leaves
        target = next(
            (g for g in groups if g[0].speaker == q.speaker and all(o.article != q.article for o in g)), None
        )
        if target is not None and rng.random() < 0.6:
            target.append(q)
        else:
            groups.append([q])
    rarity = U._rarity([q.text for q in quotes[:60]])
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return groups, [q for q in quotes if not q.speaker], entities, rarity, vectors


@pytest.mark.parametrize("seed", range(6))
def test_adoption_is_the_all_pairs_adoption(seed: int) -> None:
    groups, unresolved, entities, rarity, vectors = _story(seed)
    row = {q.id: int(q.id[1:]) for g in groups for q in g} | {q.id: int(q.id[1:]) for q in unresolved}
    topic = vectors.mean(axis=0)
    plain = [list(g) for g in groups]
    fast = [list(g) for g in groups]
    for threshold in (0.3, 0.6):
        _plain_adopt(plain, unresolved, entities, (vectors, row), topic, rarity, frozenset(), threshold)
        U._adopt(fast, unresolved, entities, (vectors, row), topic, rarity, frozenset(), threshold)
        assert [[q.id for q in g] for g in fast] == [[q.id for q in g] for g in plain]
    assert sum(map(len, plain)) > sum(map(len, groups))  # some quotes were adopted


@pytest.mark.parametrize("seed", range(6))
def test_parts_are_the_all_pairs_parts(seed: int, sparse_from: int) -> None:
    groups, _, _, rarity, _ = _story(seed)
    for threshold in (0.4, 0.6, 1.0):
        plain = _plain_parts(groups, rarity, frozenset({"minist"}), threshold)
        fast = U._parts(groups, rarity, frozenset({"minist"}), threshold)
        assert [[(q.id, t) for q, t in f] for f in fast] == [[(q.id, t) for q, t in f] for f in plain]
    assert any(_plain_parts(groups, rarity, frozenset(), 0.4))  # parts were found


# --- names ----------------------------------------------------------------------------------------

_SURNAMES = [
    "Mohammad",
    "Muhammad",
    "Mohamad",
    "Hassan",
    "Hussein",
    "Smith",
    "Smyth",
    "Lee",
    "Li",
    "Al-Sisi",
    "Sisi",
]
_GIVEN = ["Ali", "Alley", "John", "Jon", "Jonathan", "William", "Bill", "J.", "Abdel", "Mary"]


def test_part_index_finds_every_part_that_may_be_the_same() -> None:
    index = names.PartIndex()
    parts = [names.name_tokens(p)[-1] for p in _SURNAMES + _GIVEN]
    for tag, part in enumerate(parts):
        index.add(part, tag)
    ratio = DEFAULT.align.entities.name_part_ratio
    for part in parts:
        expected = {tag for tag, other in enumerate(parts) if names.same_part(part, other, ratio)}
        found = index.near(part, ratio)
        assert expected <= found
        assert len(found) < len(parts)  # the index rules out names: it is not the whole list
    assert index.near("mohammad", ratio) >= {0, 1, 2}
    assert not index.near("mohammad", ratio) & {3, 4}  # Hassan / Hussein are other names


def _mentions(seed: int) -> list[_Mention]:
    rng = random.Random(seed)
    out = []
    for k in range(150):
        surname = rng.choice(_SURNAMES)
        surface = surname if rng.random() < 0.3 else f"{rng.choice(_GIVEN)} {surname}"
        start = k * 10
        out.append(_Mention(f"a{k % 30}", start, start + len(surface), surface, "PERSON", 0, 2, surface))
    return out


def _plain_people(mentions, min_ratio, bodies):  # type: ignore[no-untyped-def]
    """The code before: every name compared with every group (patched searches give all groups)."""

    class Everything(names.PartIndex):
        def near(self, part: str, min_ratio: float) -> set[int]:
            return set().union(*self.tags) if self.tags else set()

    original = names.PartIndex
    names.PartIndex = Everything  # type: ignore[misc]
    try:
        return _cluster_people(mentions, min_ratio, bodies)
    finally:
        names.PartIndex = original  # type: ignore[misc]


@pytest.mark.parametrize("seed", range(4))
def test_people_are_grouped_as_by_comparing_every_group(seed: int) -> None:
    mentions = _mentions(seed)
    bodies = {f"a{k}": "" for k in range(30)}
    ratio = DEFAULT.align.entities.name_part_ratio
    fast = _cluster_people(mentions, ratio, bodies)
    plain = _plain_people(mentions, ratio, bodies)
    shown = [[(m.article, m.surface, m.start) for m in c.mentions] for c in fast]
    assert shown == [[(m.article, m.surface, m.start) for m in c.mentions] for c in plain]
    assert [c.reasons for c in fast] == [c.reasons for c in plain]
    assert len(fast) < len({m.surface for m in mentions})  # spellings were joined


def test_speaker_lookup_finds_the_people_every_comparison_finds() -> None:
    entities = [
        Entity(id=f"e{k}", name=f"{g} {s}", type="PERSON", aliases=[f"{g} {s}", s], articles=["a1"])
        for k, (g, s) in enumerate((g, s) for g in _GIVEN[:4] for s in _SURNAMES)
    ]
    index = _NameIndex(entities)
    ratio = DEFAULT.align.entities.name_part_ratio
    for name in ("Jon Mohamad", "J. Smyth", "Mary Lee", "Ali Hassan", "John Sisi", "Bill Li"):
        person = names.person_name(name)
        assert person is not None
        plain = [e for e, forms in index.people if any(names.compatible(person, f, ratio) for f in forms)]
        near = sorted(index.surnames.near(person.surname, ratio))
        assert [e for e, _ in (index.people[i] for i in near) if e in plain] == plain
        assert len(near) < len(index.people)


# --- timeline -------------------------------------------------------------------------------------


class _Vectors:
    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.table[t] for t in texts])


@pytest.mark.parametrize("seed", range(4))
def test_timeline_merges_as_the_cluster_by_cluster_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, 16))
    mentions, table = [], {}
    for k in range(90):
        vector = centres[k % 6] + rng.normal(scale=0.6, size=16)
        text = f"event {k}"
        table[text] = (vector / np.linalg.norm(vector)).astype(np.float32)
        day = date(2020, 1, 1 + k % 3)
        ref = SentenceRef(article=f"a{k % 10}", sentence=f"s{k}")
        mentions.append(T._Mention(day, "day", text, f"a{k % 10}", f"s{k}", [ref]))
    config = DEFAULT.interpret
    fast = T._merge(mentions, config, _Vectors(table))  # type: ignore[arg-type]
    plain: list[list[str]] = []
    for day in sorted({m.day for m in mentions}, key=lambda d: [m.day for m in mentions].index(d)):
        clusters: list[list[str]] = []
        for m in (m for m in mentions if m.day == day):
            for cluster in clusters:
                if max(float(table[m.text] @ table[t]) for t in cluster) >= config.timeline_merge_similarity:
                    cluster.append(m.text)
                    break
            else:
                clusters.append([m.text])
        plain += clusters
    assert sum(len(e.support) for e in fast) == len(mentions)
    assert len(fast) == len(plain)
    assert 3 < len(plain) < len(mentions)  # mentions of one date merged, not all of them
    by_support = sorted(sorted(r.sentence for r in e.support) for e in fast)
    assert by_support == sorted(sorted(f"s{t.split()[1]}" for t in c) for c in plain)


# --- summary leads --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_lead_groups_are_the_group_by_group_search(seed: int) -> None:
    from parallax.interpret.summary import _first_close_groups

    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(5, 12))[rng.integers(0, 5, 120)] + rng.normal(scale=0.7, size=(120, 12))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    sims = vectors @ vectors.T
    threshold = DEFAULT.interpret.summary_lead_similarity
    plain: list[list[int]] = []
    for i in range(len(sims)):
        for group in plain:
            if float(sims[i, group].max()) >= threshold:
                group.append(i)
                break
        else:
            plain.append([i])
    assert _first_close_groups(sims, threshold) == plain
    assert 1 < len(plain) < len(sims)
