"""Boilerplate learnt from repetition: a paragraph that many articles of one outlet share.

A site's furniture ("Get the magazine delivered every month", "Tell us what you think") repeats
word for word across its articles while their stories differ. The signatures are learnt over the
batch being cleaned and kept as data (:class:`Signatures`), never written as rules. Two guards keep
article sentences safe: articles that share most of their text (the same wire story run twice) do
not count as independent witnesses, and where the outlet is unknown — a story told by several
outlets, which may quote the same statement — more witnesses are needed and quotations never count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parallax.config import CleanConfig

_SPACE = re.compile(r"\s+")
_QUOTES = ('"', "“", "”")


def signature_key(paragraph: str) -> str:
    """The form under which repeated paragraphs are compared: lower case, single spaces."""
    return _SPACE.sub(" ", paragraph.replace("’", "'")).strip().lower()


@dataclass
class Signatures:
    """Paragraph keys known to be boilerplate, per outlet group ("" = outlet unknown)."""

    by_group: dict[str, set[str]] = field(default_factory=dict)

    def __contains__(self, item: tuple[str, str]) -> bool:
        group, paragraph = item
        return signature_key(paragraph) in self.by_group.get(group, set())

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
        needed = config.signature_min_articles if group else config.signature_min_articles_unknown_outlet
        keys = _repeated(group, docs, needed, config.signature_max_shared)
        if keys:
            learnt.by_group[group] = keys
    return learnt


def _repeated(group: str, docs: list[list[str]], needed: int, max_shared: float) -> set[str]:
    if len(docs) < needed:
        return set()
    seen_in: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(docs):
        for key in set(keys):
            seen_in[key].append(index)
    candidates = {k: ids for k, ids in seen_in.items() if len(ids) >= needed}
    if not group:
        candidates = {k: ids for k, ids in candidates.items() if not any(q in k for q in _QUOTES)}
    sizes = [sum(len(k) for k in keys) or 1 for keys in docs]
    sets = [set(keys) for keys in docs]
    signatures: set[str] = set()
    for key, ids in candidates.items():
        witnesses: list[int] = []
        for doc in ids:
            if all(_shared(sets[doc], sets[w], sizes[doc], sizes[w]) < max_shared for w in witnesses):
                witnesses.append(doc)
        if len(witnesses) >= needed:
            signatures.add(key)
    return signatures


def _shared(a: set[str], b: set[str], size_a: int, size_b: int) -> float:
    """The part of the shorter article (in characters) made of paragraphs the other one also has."""
    return sum(len(k) for k in a & b) / min(size_a, size_b)
