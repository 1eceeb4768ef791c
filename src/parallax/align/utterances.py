"""Utterances: one statement by one speaker, as each outlet reported it.

Quotes of the same speaker entity are grouped by average-linkage clustering on a pairwise score:
the larger of the sentence-embedding cosine once the story's common topic is subtracted (catches
translations: "strike back at the U.S." / "strike a retaliatory blow to the Americans") and the
share of rare words one quote finds in the other (catches partial quotes: "source of corruption
and destruction" inside a longer quote). Two quotes from one article never join one utterance
unless they are contiguous (a quote split by its speech verb), so one speaker's distinct
statements cannot chain into a single blob.

Every quote with a resolved speaker belongs to exactly one utterance, so a statement only one
outlet reports is an utterance with one variant (``agreement`` "verbatim": nothing differs).
A long quote that holds several statements ("I feel badly for him. She lied and nothing
happened to her.") may also join, as a *part*, the utterance of another statement when one of
its sentences (or two adjacent ones) is that statement as other outlets quote it on its own:
the utterance lists it in ``parts`` and its variant gives only the matching sentences.
Quotes whose speaker is unknown are not grouped: sameness of speaker cannot be checked. The list
is ordered by the number of articles, so statements reported across outlets come first.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz, utils
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from parallax.annotate.speakers import spoken_by_group
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AlignConfig, UtterancesConfig
from parallax.models import Agreement, Article, Entity, Quote, Utterance, UtteranceVariant
from parallax.names import title_lexicon

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|nobody|none|neither|nor|cannot|won't|n't)\b|n[’']t\b", re.I
)
# Quotes of one article closer than this (characters between them) are one statement split by
# its attribution: '"…," he said, "…"'.
_CONTIGUOUS_GAP = 40
# Quotes with fewer content words than this are compared by their embeddings only.
_MIN_CONTENT_WORDS = 3
# Quotes scored against every utterance member in one matrix product: bounds the product's memory
# (chunk x members floats) on stories of thousands of quotes; small stories take one chunk.
_CHUNK = 1024
# Up to this many quotes, every pair is scored (building the sparse word matrix costs more).
_PLAIN_MAX = 200
# How far under a threshold the sparse containment filter keeps a pair (float summation order).
_SLACK = 1e-6
# Wordings this close (token_sort_ratio) that differ in negation say opposite things.
_MOSTLY_SAME = 70
# The longest abbreviated title a sentence may seem to end with ("Gov.", "Sen.", "Capt.").
_TITLE_ABBREVIATION = 4
# Sentence ends inside a quote: ". " before a capital, quote marks allowed on either side.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z\[])")


def group_utterances(
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    articles: Sequence[Article],
    config: AlignConfig = DEFAULT.align,
    texts: Texts | None = None,
) -> list[Utterance]:
    """Group quotes across articles that report the same statement by the same speaker.

    Only quotes whose speaker is one of ``entities`` are grouped; ``articles`` give the story's
    sentences, from which the common topic and word rarity are measured.
    """
    cfg = config.utterances
    article_order = {a.id: i for i, a in enumerate(articles)}
    known = {e.id for e in entities}
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker in known and quote.text.strip():
            by_speaker[quote.speaker].append(quote)
    if not by_speaker:
        return []
    context = tuple(s.text for a in articles for s in a.sentences) or tuple(q.text for q in quotes)
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    pool = [q for qs in by_speaker.values() for q in qs]
    unresolved = [q for q in quotes if q.speaker is None and q.text.strip()]
    # The story's sentences and the quotes in one batched call: sorted by length together, they
    # are cut into fewer, fuller runs than two calls make (the example story: 5,502 instead of
    # 5,677 token positions and run costs; vectors do not depend on their batch).
    texts.embed_all([*context, *(q.text for q in pool + unresolved)])
    topic = _topic(context, texts)
    # Names are what the whole story is about, not what a statement says: "Merkel" in two
    # quotes does not make them one statement.
    named = frozenset(w for e in entities for alias in e.aliases for w in _content_words(alias))
    rarity = _rarity(context)
    vectors = texts.embed([q.text for q in pool + unresolved])
    row = {q.id: i for i, q in enumerate(pool + unresolved)}
    clustered: list[list[Quote]] = []
    for speaker_quotes in by_speaker.values():
        speaker_quotes.sort(key=lambda q: (article_order.get(q.article, len(article_order)), q.start))
        rows = [row[q.id] for q in speaker_quotes]
        scores = pair_scores([q.text for q in speaker_quotes], vectors[rows], topic, rarity, named)
        clustered += [
            [speaker_quotes[i] for i in m] for m in _cluster(speaker_quotes, scores, cfg.same_statement)
        ]
    bodies = {a.id: a.body for a in articles}
    # a group's statement ("Police said", "officials said") is no one person's utterance
    adoptable = [q for q in unresolved if not _said_by_group(q, bodies, texts)]
    _adopt(clustered, adoptable, entities, (vectors, row), topic, rarity, named, cfg.adopt)
    parts = _parts(clustered, rarity, named, cfg.part)
    part_vectors = texts.embed([text for found in parts for _, text in found]) if any(parts) else None
    groups: list[tuple[list[Quote], list[tuple[Quote, str]], Agreement, str]] = []
    taken = 0
    for chosen, found in zip(clustered, parts, strict=True):
        chosen.sort(key=lambda q: (article_order.get(q.article, len(article_order)), q.start))
        group_vectors = vectors[[row[q.id] for q in chosen]]
        said = [q.text for q in chosen] + [text for _, text in found]
        if found and part_vectors is not None:
            all_vectors = np.vstack([group_vectors, part_vectors[taken : taken + len(found)]])
            taken += len(found)
        else:
            all_vectors = group_vectors
        scores = pair_scores(said, all_vectors, topic, rarity, named)
        agreement = _agreement(said, scores, cfg)
        canonical = _canonical(list(range(len(chosen))), chosen, group_vectors, agreement)
        groups.append((chosen, found, agreement, canonical))
    groups.sort(
        key=lambda g: (
            -len({q.article for q in g[0]} | {q.article for q, _ in g[1]}),
            -len(g[0]),
            article_order.get(g[0][0].article, 0),
            g[0][0].start,
        )
    )
    return [
        Utterance(
            id=f"u{k}",
            speaker=next(q.speaker for q in chosen if q.speaker),
            quotes=[q.id for q in chosen] + [q.id for q, _ in found],
            canonical_text=canonical,
            variants=[UtteranceVariant(article=q.article, quote=q.id, text=q.text) for q in chosen]
            + [UtteranceVariant(article=q.article, quote=q.id, text=text) for q, text in found],
            agreement=agreement,
            parts=[q.id for q, _ in found],
        )
        for k, (chosen, found, agreement, canonical) in enumerate(groups, 1)
    ]


def _segments(text: str) -> list[str]:
    """A long quote's sentences and pairs of adjacent sentences (one statement may take two)."""
    sentences: list[str] = []
    for piece in (s for s in _SENTENCE_END.split(text.strip()) if s.strip()):
        if sentences and _abbreviated(sentences[-1]):
            sentences[-1] += " " + piece  # "Mr. Mattis": no sentence ends at a title's dot
        else:
            sentences.append(piece)
    if len(sentences) < 2:
        return []
    return sentences + [f"{a} {b}" for a, b in pairwise(sentences)]


def _abbreviated(sentence: str) -> bool:
    """The text ends with an abbreviated title or an initial ("… that Mr.", "John F."), not a sentence."""
    last = sentence.split()[-1] if sentence.split() else ""
    bare = last.rstrip(".").lower()
    return last.endswith(".") and (
        (len(bare) == 1 and bare.isalpha())
        or (len(bare) <= _TITLE_ABBREVIATION and bare in title_lexicon().honorifics)
    )


def _parts(
    groups: list[list[Quote]], rarity: dict[str, float], named: frozenset[str], threshold: float
) -> list[list[tuple[Quote, str]]]:
    """For each utterance, the long quotes of other utterances that hold it in some of their sentences.

    A quote of utterance A joins utterance B as a part when B's speaker is A's, B holds no quote of
    the quote's article, and one segment of the quote (a sentence or two adjacent ones, 3+ content
    words) finds at least ``threshold`` of its rarity-weighted content words in one of B's quotes,
    or that quote's in it (the smaller side counts, as for partial quotes). The best segment is
    kept. Words alone decide: a sentence's embedding is too loose to tell one claim from another.
    """
    unseen = max(rarity.values(), default=1.0)
    words = [[_content_words(q.text) - named for q in g] for g in groups]
    found: list[list[tuple[Quote, str]]] = [[] for _ in groups]
    # Only a group with a quote whose containment with some segment may reach ``threshold`` can
    # take the quote as a part: those are found from the sparse word matrix, then scored exactly.
    owner = [b for b, ws in enumerate(words) for _ in ws]
    lexicon = _Lexicon([w for ws in words for w in ws], rarity, unseen) if len(owner) > _PLAIN_MAX else None
    for a, group in enumerate(groups):
        for quote in group:
            segments = [(s, _content_words(s) - named) for s in _segments(quote.text)]
            if not segments:
                continue
            if lexicon is None:
                candidates: Iterable[int] = range(len(groups))
            else:
                near = lexicon.near([own for _, own in segments], threshold)
                candidates = sorted({owner[j] for found_near in near for j in found_near.tolist()})
            for b in candidates:
                other = groups[b]
                if b == a or other[0].speaker != quote.speaker:
                    continue
                if any(q.article == quote.article for q in other):
                    continue
                best, text = 0.0, ""
                for segment, own in segments:
                    for theirs in words[b]:
                        score = _containment(own, theirs, rarity, unseen)
                        if score > best or (score == best and len(segment) < len(text)):
                            best, text = score, segment
                if best >= threshold:
                    found[b].append((quote, text))
    return found


def fill_speakers(quotes: Sequence[Quote], utterances: Sequence[Utterance]) -> list[Quote]:
    """Give a quote with no resolved speaker the speaker of the utterance it was grouped into.

    ``speaker_evidence`` names the utterance and the quote of another outlet whose speaker it is.
    """
    by_id = {q.id: q for q in quotes}
    filled: dict[str, Quote] = {}
    for u in utterances:
        known = [by_id[q] for q in u.quotes if q in by_id and by_id[q].speaker]
        for qid in u.quotes:
            quote = by_id.get(qid)
            if quote is None or quote.speaker or not known or u.speaker is None:
                continue
            source = known[0]
            evidence = f"utterance {u.id}: the same statement as {source.id} in {source.article}"
            filled[qid] = quote.model_copy(update={"speaker": u.speaker, "speaker_evidence": evidence})
    return [filled.get(q.id, q) for q in quotes]


def pair_scores(
    texts: Sequence[str],
    vectors: np.ndarray,
    topic: np.ndarray,
    rarity: dict[str, float],
    named: frozenset[str] = frozenset(),
) -> np.ndarray:
    """Pairwise same-statement scores: max(topic-centred cosine, weighted word containment).

    Every quote of one story is about the story's topic, so raw cosines of different statements
    are high (0.5-0.74 on the example). Subtracting the mean embedding of the story's sentences
    (``topic``) removes that shared topic. The lexical side is the share of the shorter quote's
    content words (``named`` words of the story's entities left out), weighted by rarity in the
    story, found in the other: a partial quote ("source of corruption and destruction") scores 1
    against the full one.
    """
    centred = vectors - topic
    centred /= np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)
    cosine = np.clip(centred @ centred.T, 0.0, 1.0)
    words = [_content_words(t) - named for t in texts]
    unseen = max(rarity.values(), default=1.0)  # the weight of a word the story's sentences lack
    lexical = np.zeros_like(cosine)
    # Only pairs sharing a content word have a containment above 0: on many quotes, only those
    # are scored.
    if len(words) <= _PLAIN_MAX:
        nearby: Iterable[np.ndarray] = (np.arange(len(words)) for _ in words)
    else:
        nearby = _Lexicon(words, rarity, unseen).near(words, 0.0)
    for i, near in enumerate(nearby):
        for j in near[near > i].tolist():
            lexical[i, j] = lexical[j, i] = _containment(words[i], words[j], rarity, unseen)
    scores: np.ndarray = np.maximum(cosine, lexical)
    np.fill_diagonal(scores, 1.0)
    return scores


def _said_by_group(quote: Quote, bodies: dict[str, str], texts: Texts) -> bool:
    """A group speaks ("Authorities said"): not the one person whose utterance it may repeat."""
    body = bodies.get(quote.article)
    return body is not None and spoken_by_group(texts.parse(body), quote.speaker_start, quote.speaker_end)


def _adopt(
    groups: list[list[Quote]],
    unresolved: Sequence[Quote],
    entities: Sequence[Entity],
    embedded: tuple[np.ndarray, dict[str, int]],
    topic: np.ndarray,
    rarity: dict[str, float],
    named: frozenset[str],
    threshold: float,
) -> None:
    """Add each quote whose speaker is unknown to the one utterance it repeats ("the governor said").

    The utterance's speaker must be named in the quote's article, the utterance must not yet hold
    a quote of that article, and no utterance of another speaker may fit as well: then the quote
    is that statement, reported without a name the linker could resolve. Best fits go first.
    """
    if not unresolved or not groups:
        return
    vectors, row = embedded
    present = {e.id: set(e.articles) for e in entities}
    members = [q for g in groups for q in g]
    owner = [k for k, g in enumerate(groups) for _ in g]
    centred = vectors - topic
    centred /= np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)
    theirs = centred[[row[q.id] for q in members]]
    words = [_content_words(q.text) - named for q in members]
    unseen = max(rarity.values(), default=1.0)

    def open_to(quote: Quote, group: list[Quote]) -> bool:
        return quote.article in present.get(group[0].speaker or "", set()) and all(
            q.article != quote.article or _contiguous(q, quote) for q in group
        )

    # Only a group with a member scoring ``threshold`` or more can be adopted or block adoption,
    # so each quote scores the members whose cosine reaches it (a matrix product, in chunks of
    # quotes) and those sharing a content word with it (no shared word: containment 0).
    fits: list[tuple[float, int, int]] = []
    own_words = [_content_words(q.text) - named for q in unresolved]
    lexical = _Lexicon(words, rarity, unseen)
    for begin in range(0, len(unresolved), _CHUNK):
        chunk = unresolved[begin : begin + _CHUNK]
        mine = centred[[row[q.id] for q in chunk]]
        cosine = np.clip(mine @ theirs.T, 0.0, 1.0)
        near = lexical.near(own_words[begin : begin + _CHUNK], threshold)
        for offset, quote in enumerate(chunk):
            own = own_words[begin + offset]
            close = cosine[offset]
            candidates = np.union1d(np.flatnonzero(close >= threshold), near[offset]).tolist()
            best: dict[int, float] = {}
            for j in candidates:
                score = max(float(close[j]), _containment(own, words[j], rarity, unseen))
                if score >= threshold:
                    best[owner[j]] = max(best.get(owner[j], 0.0), score)
            ranked = sorted(
                ((k, s) for k, s in best.items() if open_to(quote, groups[k])), key=lambda kv: (-kv[1], kv[0])
            )
            if not ranked:
                continue
            speaker = groups[ranked[0][0]][0].speaker
            if not any(groups[k][0].speaker != speaker for k in best):
                fits.append((ranked[0][1], begin + offset, ranked[0][0]))
    for _, i, k in sorted(fits, reverse=True):
        if open_to(unresolved[i], groups[k]):
            groups[k].append(unresolved[i])


class _Lexicon:
    """Content-word sets as a sparse matrix, to find the pairs whose containment can reach a
    threshold without scoring every pair in Python (stories of thousands of quotes).

    ``near`` is a filter: the weighted overlaps are summed by SciPy in another order than
    ``_containment`` sums them, so it keeps pairs down to ``_SLACK`` under the threshold and the
    caller scores the kept pairs exactly; a pair it drops scores under the threshold.
    """

    def __init__(self, words: Sequence[set[str]], weight: dict[str, float], default: float) -> None:
        self.weight, self.default = weight, default
        self.vocabulary: dict[str, int] = {}
        self.matrix = self._rows(words, grow=True).T.tocsr()
        self.mass = self._masses(words)

    def _rows(self, words: Sequence[set[str]], grow: bool) -> sparse.csr_matrix:
        data: list[float] = []
        columns: list[int] = []
        pointers = [0]
        for found in words:
            if len(found) >= _MIN_CONTENT_WORDS:  # fewer words never score (``_containment``)
                for word in found:
                    column = self.vocabulary.get(word)
                    if column is None and grow:
                        column = self.vocabulary[word] = len(self.vocabulary)
                    if column is not None:
                        columns.append(column)
                        data.append(self.weight.get(word, self.default) if not grow else 1.0)
            pointers.append(len(columns))
        shape = (len(words), max(1, len(self.vocabulary)))
        return sparse.csr_matrix((np.array(data, dtype=np.float64), columns, pointers), shape=shape)

    def _masses(self, words: Sequence[set[str]]) -> np.ndarray:
        return np.array([sum(self.weight.get(w, self.default) for w in found) for found in words])

    def near(self, words: Sequence[set[str]], threshold: float) -> list[np.ndarray]:
        """Per word set, the indices of the stored sets whose containment with it may reach ``threshold``."""
        out = []
        for begin in range(0, len(words), _CHUNK):
            part = words[begin : begin + _CHUNK]
            shared = (self._rows(part, grow=False) @ self.matrix).tocsr()
            mass = self._masses(part)
            for i in range(len(part)):
                start, end = shared.indptr[i], shared.indptr[i + 1]
                columns = shared.indices[start:end]
                smaller = np.minimum(mass[i], self.mass[columns])
                keep = shared.data[start:end] >= (threshold - _SLACK) * smaller
                out.append(np.sort(columns[keep]))
        return out


def _topic(context: Sequence[str], texts: Texts) -> np.ndarray:
    """Mean embedding of the story's sentences (from the analysis' vector table)."""
    return np.asarray(texts.embed(context).mean(axis=0))


def _content_words(text: str) -> set[str]:
    # A six-letter prefix is a cheap stem: "expels"/"expelled", "Americans"/"American". A negated
    # auxiliary ("don't", "couldn’t") is a function word, not "don" or "couldn".
    words = (w.replace("’", "'") for w in _WORD.findall(text.lower()))
    return {
        w[:6]
        for w in (w.split("'")[0] for w in words if not w.endswith("n't"))
        if w not in STOP_WORDS and len(w) > 2
    }


def _rarity(texts: Sequence[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_content_words(text))
    total = len(texts)
    return {w: math.log((total + 1) / (c + 1)) + 1 for w, c in counts.items()}


def _containment(a: set[str], b: set[str], weight: dict[str, float], default: float) -> float:
    # One or two words ("improved relations") are too few to tell one statement from another.
    if len(a) < _MIN_CONTENT_WORDS or len(b) < _MIN_CONTENT_WORDS:
        return 0.0

    def mass(words: set[str]) -> float:
        return sum(weight.get(w, default) for w in words)

    return mass(a & b) / min(mass(a), mass(b))


def _cluster(quotes: list[Quote], scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage groups whose pairs are all from different articles (or contiguous).

    A forbidden pair links at -inf, and the Lance-Williams update of average linkage carries the
    -inf into every merged group, so the constraint holds without re-checking members. Each
    row's best link is kept and only the rows a merge touches are searched again, so a merge
    costs a row or a few rather than the whole matrix (quadratic, not cubic: one speaker can have
    thousands of quotes in a story of a thousand articles); the pair merged is the one a search
    of the whole matrix finds (the highest link, the first row then the first column among ties).
    """
    n = len(quotes)
    link = scores.astype(np.float64)
    article = np.array([q.article for q in quotes], dtype=object)
    for i in range(n):
        same = np.flatnonzero(article[i + 1 :] == article[i]) + i + 1
        for j in same.tolist():
            if not _contiguous(quotes[i], quotes[j]):
                link[i, j] = link[j, i] = -np.inf
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(n)
    members = [[i] for i in range(n)]
    active = np.ones(n, dtype=bool)
    best = np.full(n, -np.inf)
    best_at = np.zeros(n, dtype=np.int64)

    def search(rows: np.ndarray) -> None:
        masked = np.where(active[None, :], link[rows], -np.inf)
        best_at[rows] = np.argmax(masked, axis=1)
        best[rows] = masked[np.arange(len(rows)), best_at[rows]]

    if n:
        search(np.arange(n))
    while active.sum() > 1:
        a = int(np.argmax(np.where(active, best, -np.inf)))
        b = int(best_at[a])
        if not active[a] or best[a] < threshold:
            break
        merged = (sizes[a] * link[a] + sizes[b] * link[b]) / (sizes[a] + sizes[b])
        link[a, :] = link[:, a] = merged
        link[a, a] = -np.inf
        sizes[a] += sizes[b]
        members[a] += members[b]
        active[b] = False
        best[b] = -np.inf
        # Rows whose best was a or b search again; any other row compares its link to a.
        stale = active & ((best_at == a) | (best_at == b))
        stale[a] = True
        column = link[:, a]
        better = active & ~stale & ((column > best) | ((column == best) & (a < best_at)))
        best[better] = column[better]
        best_at[better] = a
        search(np.flatnonzero(stale))
    return [sorted(members[i]) for i in range(n) if active[i]]


def _contiguous(x: Quote, y: Quote) -> bool:
    first, second = (x, y) if x.start <= y.start else (y, x)
    return 0 <= second.start - first.end <= _CONTIGUOUS_GAP


def _agreement(texts: list[str], scores: np.ndarray, cfg: UtterancesConfig) -> Agreement:
    """verbatim: every pair the same words (or one a verbatim excerpt of the other); paraphrase:
    every pair scores as the same statement; divergent: some pair scores low, negates the other or
    gives other figures.
    """
    verbatim = True
    for i, a in enumerate(texts):
        for j in range(i + 1, len(texts)):
            b = texts[j]
            # A negation present in only one of two mostly equal wordings reverses the claim.
            if (_NEGATION.search(a) is None) != (_NEGATION.search(b) is None) and _mostly_same(a, b):
                return "divergent"
            # Both give figures and none agree: "$20 billion" against "$10 billion".
            numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
            if numbers_a and numbers_b and not numbers_a & numbers_b:
                return "divergent"
            if scores[i, j] < cfg.paraphrase:
                return "divergent"
            if not _same_words(a, b, cfg.verbatim):
                verbatim = False
    return "verbatim" if verbatim else "paraphrase"


def _mostly_same(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process) >= _MOSTLY_SAME


def _same_words(a: str, b: str, threshold: float) -> bool:
    x, y = utils.default_process(a), utils.default_process(b)
    if fuzz.ratio(x, y) >= threshold * 100:
        return True
    short, long = sorted((x, y), key=len)
    return len(short.split()) >= 3 and fuzz.partial_ratio(short, long) >= threshold * 100


def _canonical(members: list[int], quotes: list[Quote], vectors: np.ndarray, agreement: Agreement) -> str:
    """The longest variant when all are verbatim, else the one closest to the centroid."""
    texts = [quotes[i].text for i in members]
    if agreement == "verbatim" or len(members) < 3:
        return max(texts, key=len)
    centroid = vectors[members].mean(axis=0)
    closeness = vectors[members] @ centroid
    best = max(range(len(members)), key=lambda k: (round(float(closeness[k]), 4), len(texts[k])))
    return texts[best]
