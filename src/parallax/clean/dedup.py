"""The same article twice in one batch: near-identical bodies, found with MinHash.

Two copies of one story differ by a line of debris or a changed word; their word 5-gram sets
still overlap almost entirely, which MinHash estimates in constant time per pair and LSH finds
without comparing every pair.
"""

from __future__ import annotations

import zlib

from datasketch import MinHash, MinHashLSH

from parallax.shingles import word_grams

_PERMUTATIONS = 64
_SHINGLE = 5


def _hash32(shingle: str) -> int:
    # CRC-32, not Python's salted str hash: the same input must drop the same borderline copies
    # on every run (with hash() an ECB+ pair flipped between runs).
    return zlib.crc32(shingle.encode("utf-8"))


def _minhash(body: str) -> MinHash:
    shingles = {" ".join(gram) for gram in word_grams(body.lower(), _SHINGLE)}
    signature = MinHash(num_perm=_PERMUTATIONS, hashfunc=_hash32)
    signature.update_batch(list(shingles))
    return signature


class Deduplicator:
    """Remembers the bodies seen so far and names the earlier article a new one copies."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.index = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
        self.seen: dict[str, MinHash] = {}

    def check(self, article_id: str, body: str) -> str | None:
        """``"duplicate of <id>"`` when ``body`` copies an earlier one, else None (and remember it)."""
        signature = _minhash(body)
        matches = [
            k for k in self.index.query(signature) if self.seen[k].jaccard(signature) >= self.threshold
        ]
        if matches:
            return f"duplicate of {min(matches, key=list(self.seen).index)}"
        key = article_id if article_id not in self.seen else f"{article_id}#{len(self.seen)}"
        self.index.insert(key, signature)
        self.seen[key] = signature
        return None
