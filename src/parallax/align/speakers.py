"""Quote speakers resolved to entity ids.

A speaker is found, in order: by the words naming the speaker overlapping a mention of an entity
in the same article (which covers pronoun-free names and role phrases such as "the chancellor"
that entity linking bound to a person); else, or when that mention is not a person's, by the
speaker's name as resolved in the article (``speaker_name``, then ``speaker_text``) matching an
entity's aliases (a person found so wins over an organisation or place the words also name). An
unknown speaker stays ``None`` rather than a guess. A group ("residents of the village of X
complained", "Witnesses said") is never a person its words name: given the articles' parses, a
speaker phrase headed by a plural takes no person by overlap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from parallax import names
from parallax.config import DEFAULT, AlignConfig
from parallax.models import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A country or nationality overlapping only a small part of the speaker's words ("France" in
# "France's foreign minister") names where the speaker is from, not the speaker.
_PLACE_TYPES = frozenset({"GPE", "NORP", "LOC", "FAC"})
_SPEAKER_TYPES = ("PERSON", "ORG", "NORP", "GPE")
# After a name in the speaker's words: "'s" and lower-case words only ("X's lawyer", "X's own
# spokesman"), so the name is whose the speaker is.
_POSSESSED = re.compile(r"['’]s?(?:\s+[a-z][\w-]*)+\s*$")
# Unresolved pronouns say nothing about who spoke (and "He" is also a surname).
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})


def attach_speakers(
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    config: AlignConfig = DEFAULT.align,
    docs: Mapping[str, Doc] | None = None,
) -> list[Quote]:
    """Set each quote's ``speaker`` to the id of the entity its speaker resolves to (else None).

    ``docs`` (article id to its body's parse) lets a group's phrase be told from a person's."""
    from parallax.annotate.speakers import spoken_by_group

    spans: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            spans[m.article].append((m.start, m.end, entity))
    index = _NameIndex(entities)
    out = []
    for quote in quotes:
        speaker = _by_span(quote, spans[quote.article])
        if speaker is not None and speaker.type == "PERSON":
            # "Robert Gibbs, the president's adviser", "X, who has pulled ahead of Y": the words
            # name two people; the one the article resolved the speaker to is the speaker
            named = _found(quote.speaker_name, quote.article, index, config)
            if (
                named is not None
                and named is not speaker
                and named.type == "PERSON"
                and _overlaps(quote, named)
            ):
                speaker = named
        if speaker is not None and speaker.type == "PERSON" and _possessor_only(quote, speaker):
            speaker = None  # "Mr. X's lawyer said": X's lawyer speaks, not X
        doc = docs.get(quote.article) if docs else None
        group = doc is not None and spoken_by_group(doc, quote.speaker_start, quote.speaker_end)
        if group and speaker is not None and speaker.type == "PERSON":
            speaker = None
        if speaker is None or speaker.type != "PERSON":
            # the words may name an organisation or place beside the person who spoke ("Beaumont
            # Hospital spokeswoman Ilene Wolfe", "X, who works at LPL Financial"), or the tagger may
            # call a lone surname ORG: the name the article resolved the speaker to, when it is a
            # person's, wins over them
            for name in (quote.speaker_name, quote.speaker_text):
                found = _found(name, quote.article, index, config)
                if group and found is not None and found.type == "PERSON":
                    found = None
                if found is not None and (speaker is None or found.type == "PERSON"):
                    speaker = found
                    break
        out.append(quote.model_copy(update={"speaker": speaker.id if speaker else None}))
    return out


def _found(name: str | None, article: str, index: _NameIndex, config: AlignConfig) -> Entity | None:
    """The entity whose aliases hold a speaker's name (not a pronoun) in ``article``, if one does."""
    if not name or name.strip().lower() in _PRONOUNS:
        return None
    return index.find(name, article, config.entities.name_part_ratio)


def _overlaps(quote: Quote, entity: Entity) -> bool:
    """One of the entity's mentions lies within the quote's speaker words."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    return any(
        m.article == quote.article and m.start < quote.speaker_end and quote.speaker_start < m.end
        for m in entity.mentions
    )


def _possessor_only(quote: Quote, entity: Entity) -> bool:
    """The entity stands in the speaker's words only as the possessor of what follows in lower case
    ("Mr. Strzok's lawyer", "Smith's spokesman"): someone of that person's speaks."""
    if quote.speaker_start is None or quote.speaker_end is None or not quote.speaker_text:
        return False
    inside = [
        m
        for m in entity.mentions
        if m.article == quote.article and m.start < quote.speaker_end and quote.speaker_start < m.end
    ]
    return bool(inside) and all(
        _POSSESSED.match(quote.speaker_text[max(0, m.end - quote.speaker_start) :]) for m in inside
    )


def _by_span(quote: Quote, spans: list[tuple[int, int, Entity]]) -> Entity | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    start, end = quote.speaker_start, quote.speaker_end
    best: tuple[float, int, Entity] | None = None
    for s, e, entity in spans:
        overlap = min(e, end) - max(s, start)
        if overlap <= 0:
            continue
        share = overlap / max(1, end - start)
        if entity.type in _PLACE_TYPES and share < 0.5:
            continue
        rank = (share, -_SPEAKER_TYPES.index(entity.type) if entity.type in _SPEAKER_TYPES else -9)
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], entity)
    return best[2] if best else None


class _NameIndex:
    """Entities by the keys of their aliases, and people by their comparable names."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_key: dict[str, list[Entity]] = defaultdict(list)
        self.people: list[tuple[Entity, list[names.PersonName]]] = []
        self.surnames = names.PartIndex()  # each person's surnames, tagged with its place in people
        for entity in entities:
            for key in dict.fromkeys(_key(a) for a in entity.aliases):
                self.by_key[key].append(entity)
            if entity.type == "PERSON":
                forms = [p for p in (names.person_name(a) for a in entity.aliases) if p is not None]
                for form in forms:
                    self.surnames.add(form.surname, len(self.people))
                self.people.append((entity, forms))

    def find(self, name: str, article: str, min_ratio: float) -> Entity | None:
        """The one entity whose aliases include ``name`` (or a compatible person's name)."""
        key = _key(name)
        if not key:
            return None
        exact = self.by_key.get(key, [])
        if exact:
            return _one(exact, article)
        person = names.person_name(name)
        if person is None:
            return None
        # A compatible name has a surname that may be the same part: only those people are tested.
        fitting = [
            e
            for e, forms in (self.people[i] for i in sorted(self.surnames.near(person.surname, min_ratio)))
            if any(names.compatible(person, f, min_ratio) for f in forms)
        ]
        return _one(fitting, article)


def _one(candidates: list[Entity], article: str) -> Entity | None:
    """The single candidate, else the single one mentioned in the same article, else None."""
    if len(candidates) == 1:
        return candidates[0]
    local = [e for e in candidates if article in e.articles]
    return local[0] if len(local) == 1 else None


def _key(text: str) -> str:
    bare = names.strip_titles(names.clean_surface(text))[0] or names.clean_surface(text)
    return " ".join(names.spelling_key(t) for t in names.name_tokens(bare))
