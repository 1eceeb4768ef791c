"""Cheap per-article features for corpus mode: salient terms, named-entity-like phrases, a lead date
(``clean.metadata.lead_date``), a content hash and a MinHash signature (``parallax.shingles``).

Everything here is a pure function of one article (no corpus statistics), so it can run on any
worker of a cluster and give byte-identical results; corpus-level weighting (IDF) happens in
``clustering``. No spaCy: corpus mode must keep up with hundreds of articles per second.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from parallax.clean.metadata import lead_date
from parallax.config import DEFAULT, CorpusConfig
from parallax.models import Article
from parallax.shingles import normalise, normalised_hash, normalised_signature
from parallax.words import MONTHS, WEEKDAYS, lower_matches

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d+(?:[.,]\d+)*")
# A run of capitalised words (allowing a few lower-case joiners: "Gulf of Aden", "Bank of England").
_NAME = re.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?)(?:\s+(?:(?:of|de|del|la|le|al|bin|van|von|der|the)\s+)?"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?))*"
)
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
        body_hash=normalised_hash(normalised),
        minhash=normalised_signature(normalised, config),
        lead=lead_text(article, config.lead_words),
    )
