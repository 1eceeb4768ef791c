"""Cheap per-article features for corpus mode: salient terms, named-entity-like phrases, a lead date,
a content hash and a MinHash signature.

Everything here is a pure function of one article (no corpus statistics), so it can run on any
worker of a cluster and give byte-identical results; corpus-level weighting (IDF) happens in
``clustering``. No spaCy: corpus mode must keep up with hundreds of articles per second.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from parallax.config import DEFAULT, CorpusConfig
from parallax.models import Article
from parallax.words import MONTHS, WEEKDAYS, lower_matches

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d+(?:[.,]\d+)*")
# A run of capitalised words (allowing a few lower-case joiners: "Gulf of Aden", "Bank of England").
_NAME = re.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?)(?:\s+(?:(?:of|de|del|la|le|al|bin|van|von|der|the)\s+)?"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?))*"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?P<mdy>{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d)\b"
    rf"|\b(?P<dmy>\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d)\b"
    r"|\b(?P<num>\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)
# The MinHash scheme, named so that signatures stored by one run are read back the same way.
SCHEME = "affine32"
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported", "mr", "ms"}
_CALENDAR = frozenset((*WEEKDAYS, *MONTHS, "today", "yesterday"))


@dataclass
class Features:
    """What corpus mode knows about one article, computed without any corpus statistics."""

    terms: Counter[str]
    entities: Counter[str]
    published: date | None
    body_hash: str
    minhash: np.ndarray = field(repr=False)
    lead: str = ""


def normalise(text: str) -> str:
    """Lower-case, single-spaced text: the form that hashes and shingles are taken from."""
    return " ".join(text.split()).lower()


def body_hash(text: str) -> str:
    """Hash of the normalised body: equal for exact copies whatever their whitespace or case."""
    return _hash(normalise(text))


def _hash(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def terms(text: str) -> Counter[str]:
    """Content words (stop words and one-letter tokens dropped), lower-cased, with counts."""
    counts = Counter(lower_matches(_WORD, text))
    return Counter({w: n for w, n in counts.items() if len(w) > 1 and w not in _STOP})


def entities(text: str) -> Counter[str]:
    """Capitalised phrases (a cheap stand-in for NER): names of people, places, organisations.

    A lone capitalised stop word or calendar word ("The", "Monday") is not a name.
    """
    found: Counter[str] = Counter()
    for line in text.splitlines():
        for match in _NAME.finditer(line):
            words = match.group(0).strip(" .").split()
            # A capitalised sentence starter ("The", "On Monday") is not part of the name.
            while words and ((first := words[0].lower()) in _STOP or first.strip(".") in _CALENDAR):
                words.pop(0)
            phrase = " ".join(words)
            if len(phrase) >= 2:
                found[phrase.lower()] += 1
    return found


def lead_date(text: str, lines: int = 4, words: int = 14) -> date | None:
    """A date written on a short line among the first ones (a byline or dateline), when the input
    gave none; a date inside a sentence of the lead is usually about the past, not the article."""
    import dateparser

    for line in text.splitlines()[:lines]:
        if len(line.split()) > words:
            continue
        match = _DATE.search(line)
        if not match:
            continue
        found = re.sub(r"\s*/\s*", "/", match.group(0))
        parsed = dateparser.parse(
            found, languages=["en"], settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first"}
        )
        if parsed is not None:
            return parsed.date()
    return None


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the normalised text, as bytes ready for hashing."""
    return set(_grams(normalise(text), size))


def _grams(normalised: str, size: int) -> list[bytes]:
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
    return _signature(normalise(text), config)


def _signature(normalised: str, config: CorpusConfig) -> np.ndarray:
    # Repeated shingles are kept: a minimum does not change with them.
    grams = _grams(normalised, config.shingle_words)
    minhash_ = minhash(config.num_perm, config.minhash_seed)
    minhash_.update_batch(grams)
    return np.asarray(minhash_.hashvalues, dtype=np.uint64)


def lead_text(article: Article, words: int) -> str:
    """Title and the first ``words`` words of the body: what an embedding of the article reads."""
    head = " ".join(article.body.split(maxsplit=words)[:words])
    return (
        f"{article.title}\n{head}" if article.title and not article.body.startswith(article.title) else head
    )


def extract(article: Article, config: CorpusConfig = DEFAULT.corpus) -> Features:
    """All the features of one article. The terms and names of the title and the first
    ``lead_boost_words`` words count twice: a news lead says which event the article reports,
    the rest of the body adds background that two events of one topic share."""
    text = f"{article.title}\n{article.body}" if article.title else article.body
    normalised = normalise(article.body)  # once for the hash and the shingles
    lead = lead_text(article, config.lead_boost_words)
    return Features(
        terms=terms(text) + terms(lead),
        entities=entities(text) + entities(lead),
        published=article.published or lead_date(article.body),
        body_hash=_hash(normalised),
        minhash=_signature(normalised, config),
        lead=lead_text(article, config.lead_words),
    )
