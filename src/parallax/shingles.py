"""Word shingles, content hashes and MinHash signatures: the one home of near-duplicate measures.

Three users compare texts by their word n-grams: the batch deduplicator (``clean.dedup``), the
boilerplate learner's independence test (``clean.signatures``) and corpus mode's duplicate index
(``corpus.dedupe``, with the signatures ``corpus.features`` stores). They tokenise differently on
purpose, and each keeps its tokenisation (stored signatures and tuned thresholds depend on it):
``word_grams`` reads ``\\w+`` words, ``byte_grams`` the whitespace-separated words of normalised text.
"""

from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from parallax.config import DEFAULT, CorpusConfig
from parallax.words import WORD

# The MinHash scheme, named so that signatures stored by one run are read back the same way.
SCHEME = "affine32"


def word_grams(text: str, size: int) -> set[tuple[str, ...]]:
    """The distinct ``size``-grams of the ``\\w+`` words of ``text`` (as written: lower-case it first
    to compare without case); a text of fewer words gives its words as one gram."""
    tokens = WORD.findall(text)
    if len(tokens) < size:
        return {tuple(tokens)}
    # zip builds the n-grams without slicing the token list once per position.
    return set(zip(*(tokens[i:] for i in range(size)), strict=False))


def overlap(a: set[int], b: set[int]) -> float:
    """The part of the smaller set that the other set also has (the overlap coefficient)."""
    return len(a & b) / (min(len(a), len(b)) or 1)


def normalise(text: str) -> str:
    """Lower-case, single-spaced text: the form that hashes and shingles are taken from."""
    return " ".join(text.split()).lower()


def body_hash(text: str) -> str:
    """Hash of the normalised body: equal for exact copies whatever their whitespace or case."""
    return normalised_hash(normalise(text))


def normalised_hash(normalised: str) -> str:
    """SHA-256 of text already normalised (see ``normalise``)."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the normalised text, as bytes ready for hashing."""
    return set(byte_grams(normalise(text), size))


def byte_grams(normalised: str, size: int) -> list[bytes]:
    """Word ``size``-grams of normalised text, repeats kept. Built as bytes directly: normalised
    text is single-spaced, so its UTF-8 splits into the words' UTF-8."""
    words = normalised.encode("utf-8").split()
    if len(words) < size:
        return [b" ".join(words)] if words else []
    # zip builds the n-grams without slicing the word list once per position.
    return [b" ".join(gram) for gram in zip(*(words[i:] for i in range(size)), strict=False)]


@lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations for these settings, drawn once (datasketch draws them per object)."""
    template = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
    a, b = template.permutations
    return a, b


def minhash(num_perm: int, seed: int, hashvalues: np.ndarray | None = None) -> MinHash:
    """A MinHash with cached permutations, empty or from stored hash values."""
    return MinHash(
        num_perm=num_perm,
        seed=seed,
        hashfunc=zlib.crc32,
        scheme=SCHEME,
        permutations=permutations(num_perm, seed),
        hashvalues=hashvalues,
    )


def signature(text: str, config: CorpusConfig = DEFAULT.corpus) -> np.ndarray:
    """MinHash signature of the word shingles (crc32 hashing: fast and stable across processes)."""
    return normalised_signature(normalise(text), config)


def normalised_signature(normalised: str, config: CorpusConfig) -> np.ndarray:
    """``signature`` of text already normalised."""
    # Repeated shingles are kept: a minimum does not change with them.
    grams = byte_grams(normalised, config.shingle_words)
    minhash_ = minhash(config.num_perm, config.minhash_seed)
    minhash_.update_batch(grams)
    return np.asarray(minhash_.hashvalues, dtype=np.uint64)
