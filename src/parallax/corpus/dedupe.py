"""Exact and near-duplicate detection over a stream of articles, and wire-copy lineage.

Exact copies share the hash of their normalised body; near copies (an agency text with a new
headline, a cut paragraph, an added sentence) are found by MinHash LSH over word shingles
(datasketch) and confirmed by the estimated Jaccard similarity. Copies form a group whose
*origin* is the earliest publication (then the first one seen); every other member records that
it copies the origin and which sentences it added or removed.
"""

from __future__ import annotations

import difflib
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from parallax.config import DEFAULT, CorpusConfig
from parallax.models import Lineage
from parallax.shingles import minhash, normalise
from parallax.words import split_sentences

_FAR_FUTURE = date.max


@dataclass
class Match:
    """The article a new one copies, as found when it arrived."""

    key: str
    similarity: float
    exact: bool


@dataclass
class _Entry:
    published: date | None
    order: int
    origin: str
    story: str


class DuplicateIndex:
    """Incremental duplicate index: ``add`` each article once, in arrival order."""

    def __init__(self, config: CorpusConfig = DEFAULT.corpus) -> None:
        self.config = config
        self._lsh = MinHashLSH(threshold=config.near_duplicate_threshold, num_perm=config.num_perm)
        # Every article by body hash, with its date: exact copies are found within the window
        # around the copy's own date, whatever order articles arrive in (a key per article).
        self._exact: dict[str, list[tuple[date | None, str]]] = {}
        self._signatures: dict[str, np.ndarray] = {}
        self._entries: dict[str, _Entry] = {}
        self._groups: dict[str, list[str]] = {}
        # Dated articles in arrival order, so that those older than the dedupe window can leave
        # the LSH index (memory and query cost stay flat; see ``_forget``).
        self._dated: deque[tuple[date, str, str]] = deque()
        self._latest: date | None = None
        # The MinHash of the last signature: ``find`` then ``add`` use the same one.
        self._last: tuple[np.ndarray, MinHash] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def _minhash(self, signature: np.ndarray) -> MinHash:
        if self._last is None or self._last[0] is not signature:
            self._last = (signature, minhash(self.config.num_perm, self.config.minhash_seed, signature))
        return self._last[1]

    def find(self, body_hash: str, signature: np.ndarray, published: date | None = None) -> Match | None:
        """The closest earlier article this one copies, exactly or nearly, if any, among those
        published within ``dedupe_window_days`` of ``published`` (see ``_within``)."""
        for day, key in self._exact.get(body_hash, ()):
            if self._within(day, published):
                return Match(key, 1.0, True)
        if not self._entries:
            return None
        query = self._minhash(signature)
        best: Match | None = None
        # Sorted so that ties resolve the same way in every process (LSH returns a set).
        for key in sorted(self._lsh.query(query)):
            if not self._within(self._entries[key].published, published):
                continue
            similarity = float(np.mean(self._signatures[key] == signature))
            if similarity >= self.config.near_duplicate_threshold and (
                best is None or similarity > best.similarity
            ):
                best = Match(key, similarity, False)
        return best

    def _within(self, day: date | None, published: date | None) -> bool:
        """Whether an article of ``day`` is within the copy window of one of ``published``; an
        undated copy is measured from the latest date seen (it has none of its own)."""
        reference = published or self._latest
        if day is None or reference is None:
            return True
        return abs((day - reference).days) <= self.config.dedupe_window_days

    def add(
        self,
        key: str,
        body_hash: str,
        signature: np.ndarray,
        published: date | None,
        story: str,
        match: Match | None,
    ) -> list[str]:
        """Index one article with what ``find`` matched; return the keys whose origin changed.

        An article published before its group's origin becomes the new origin, so the result
        lists every member that must now point at it (empty when nothing changed).
        """
        order = len(self._entries)
        self._index(key, body_hash, signature, published)
        if match is None:
            self._entries[key] = _Entry(published, order, key, story)
            self._groups[key] = [key]
            return []
        origin = self._entries[match.key].origin
        members = self._groups[origin]
        if self._earlier(published, order, self._entries[origin]):
            self._entries[key] = _Entry(published, order, key, story)
            members.append(key)
            for member in members:
                self._entries[member].origin = key
            self._groups[key] = self._groups.pop(origin)
            return [m for m in members if m != key]
        self._entries[key] = _Entry(published, order, origin, story)
        members.append(key)
        return []

    def restore(
        self, key: str, body_hash: str, signature: np.ndarray, published: date | None, origin: str, story: str
    ) -> None:
        """Re-index an article stored by an earlier run, in its original arrival order."""
        self._index(key, body_hash, signature, published)
        self._entries[key] = _Entry(published, len(self._entries), origin, story)
        self._groups.setdefault(origin, [])
        if key != origin or key not in self._groups[origin]:
            self._groups[origin].append(key)

    def origin(self, key: str) -> str:
        """The key of the earliest article of ``key``'s group (``key`` itself for an original)."""
        return self._entries[key].origin

    def story(self, key: str) -> str:
        """The story ``key`` was assigned to."""
        return self._entries[key].story

    def _index(self, key: str, body_hash: str, signature: np.ndarray, published: date | None) -> None:
        self._exact.setdefault(body_hash, []).append((published, key))
        self._signatures[key] = signature
        self._lsh.insert(key, self._minhash(signature), check_duplication=False)
        if published is not None:
            self._dated.append((published, key, body_hash))
            if self._latest is None or published > self._latest:
                self._latest = published
                self._forget()

    def _forget(self) -> None:
        """Take articles published more than ``dedupe_window_days`` before the latest one out of
        the LSH index, so that memory and query cost stay flat (a near copy is looked for among
        recent articles). Exact copies stay findable by their hash: that costs one key per
        article, and an archive read out of date order still finds every exact copy."""
        if self._latest is None:
            return
        horizon = self._latest - timedelta(days=self.config.dedupe_window_days)
        while self._dated and self._dated[0][0] < horizon:
            _, key, _ = self._dated.popleft()
            if key in self._signatures:
                self._lsh.remove(key)
                del self._signatures[key]

    def set_story(self, key: str, story: str) -> None:
        """Record the story ``key`` ended in (batch re-assignment may move it)."""
        self._entries[key].story = story

    def group(self, key: str) -> list[str]:
        """Every key in ``key``'s duplicate group, origin first."""
        origin = self.origin(key)
        members = self._groups[origin]
        return [origin, *[m for m in members if m != origin]]

    def similarity(self, a: str, b: str) -> float:
        """Estimated Jaccard similarity of two indexed articles (0 when one left the index)."""
        if a not in self._signatures or b not in self._signatures:
            return 0.0
        return float(np.mean(self._signatures[a] == self._signatures[b]))

    @staticmethod
    def _earlier(published: date | None, order: int, entry: _Entry) -> bool:
        mine = (published or _FAR_FUTURE, order)
        theirs = (entry.published or _FAR_FUTURE, entry.order)
        return mine < theirs


# Copies share most sentences with their origin: each distinct sentence is normalised once.
_normal_sentence = lru_cache(maxsize=16384)(normalise)


@lru_cache(maxsize=256)
def _parsed(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """A body's sentences, their normalised forms and its normalised text: an origin is diffed
    against each of its copies, mostly within one batch, so it is parsed once."""
    sentences = tuple(split_sentences(text))
    return sentences, tuple(map(_normal_sentence, sentences)), normalise(text)


def lineage(
    origin_id: str,
    origin_body: str,
    origin_title: str | None,
    copy_body: str,
    copy_title: str | None,
    similarity: float,
    config: CorpusConfig = DEFAULT.corpus,
) -> Lineage:
    """What a copy changed relative to its origin: sentences added and removed, a new headline."""
    before, before_normal, origin_normal = _parsed(origin_body)
    after, after_normal, copy_normal = _parsed(copy_body)
    matcher = difflib.SequenceMatcher(a=before_normal, b=after_normal, autojunk=False)
    added: list[str] = []
    removed: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            removed.extend(before[i1:i2])
        if tag in ("insert", "replace"):
            added.extend(after[j1:j2])
    limit = config.lineage_max_sentences
    return Lineage(
        origin=origin_id,
        similarity=round(similarity, 4),
        exact=origin_normal == copy_normal,
        added=added[:limit],
        removed=removed[:limit],
        title_changed=normalise(origin_title or "") != normalise(copy_title or ""),
    )
