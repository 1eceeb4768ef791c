"""Boilerplate learnt from repetition: a paragraph that many articles of one outlet share.

A site's furniture ("Get the magazine delivered every month", "Tell us what you think") repeats
word for word across its articles while their stories differ. The signatures are learnt over the
batch being cleaned and kept as data (:class:`Signatures`), never written as rules. Two guards keep
article sentences safe: articles that share much of their wording (the same wire story run twice,
even edited) do not count as independent witnesses, and where the outlet is unknown — a story told
by several outlets, which repeat its facts and quotes — more witnesses are needed and only lines
that do not read as reporting (labels, prompts without a final period) can be learnt.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parallax.config import CleanConfig
from parallax.shingles import overlap, word_grams

_QUOTES = ('"', "“", "”", "``", "''")
_SENTENCE_END = re.compile(r"[.!?…]['\")\]]*$")


def signature_key(paragraph: str) -> str:
    """The form under which repeated paragraphs are compared: lower case, single spaces."""
    return " ".join(paragraph.replace("’", "'").split()).lower()


@dataclass
class Signatures:
    """Paragraph keys known to be boilerplate, per outlet group ("" = outlet unknown)."""

    by_group: dict[str, set[str]] = field(default_factory=dict)

    def __contains__(self, item: tuple[str, str]) -> bool:
        group, paragraph = item
        keys = self.by_group.get(group)
        return keys is not None and signature_key(paragraph) in keys

    def __len__(self) -> int:
        return sum(len(keys) for keys in self.by_group.values())


@dataclass(frozen=True)
class Document:
    """One article as the learner sees it: its outlet group and its paragraphs."""

    group: str
    paragraphs: Sequence[str]


def learn_signatures(documents: Iterable[Document], config: CleanConfig) -> Signatures:
    """Paragraphs repeated in enough *independent* articles of one group are boilerplate."""
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for document in documents:
        groups[document.group].append([signature_key(p) for p in document.paragraphs if p.strip()])
    learnt = Signatures()
    for group, docs in groups.items():
        known = bool(group)
        needed = config.signature_min_articles if known else config.signature_min_articles_unknown_outlet
        keys = _repeated(docs, needed, known, config.signature_max_shared)
        if keys:
            learnt.by_group[group] = keys
    return learnt


def _repeated(docs: list[list[str]], needed: int, known_outlet: bool, max_shared: float) -> set[str]:
    if len(docs) < needed:
        return set()
    seen_in: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(docs):
        for key in set(keys):
            seen_in[key].append(index)
    candidates = {k: ids for k, ids in seen_in.items() if len(ids) >= needed}
    if not known_outlet:
        # Articles of one story from unknown outlets repeat its facts and quotes ("She was 85."):
        # there only furniture that does not read as reporting can be learnt.
        candidates = {k: ids for k, ids in candidates.items() if not _reads_as_reporting(k)}
    shingles: dict[int, set[int]] = {}
    signatures: set[str] = set()
    for key, ids in candidates.items():
        witnesses: list[int] = []
        for doc in ids:
            mine = shingles.get(doc)
            if mine is None:  # each article's 5-grams once (not once per repeated paragraph)
                mine = shingles[doc] = _shingles(docs[doc])
            if all(overlap(mine, shingles[w]) < max_shared for w in witnesses):
                witnesses.append(doc)
        if len(witnesses) >= needed:
            signatures.add(key)
    return signatures


def _reads_as_reporting(key: str) -> bool:
    """Prose: a sentence of three words or more, or anything quoted."""
    if any(q in key for q in _QUOTES):
        return True
    return len(key.split()) >= 3 and bool(_SENTENCE_END.search(key))


def _shingles(paragraphs: list[str]) -> set[int]:
    """Hashed word 5-grams of a whole article (edited copies of one story still share most of them)."""
    return set(map(hash, word_grams(" ".join(paragraphs), 5)))
