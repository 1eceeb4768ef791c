"""Person and organisation names: honorifics, roles, surname and spelling keys, compatibility tests.

The one home of these for every stage (annotate runs before align, so it lives below both): the
title lexicon (``data/titles.json``: forms of address, ranks, honorifics, roles, modifiers), the
surname key every stage groups people by (``name_key``), and given-name genders.

Transliterated names vary in doubled letters and vowels ("Mohammad"/"Mohamad", "Mohammed"/"Muhammad",
"Hussein"/"Husein"), in the Arabic article ("al-Hassani"/"Al-Hassani"/"Hassani") and in case. A
*spelling key* folds these away; two names are the same person when their surnames agree and
their first names, where both give one, do not conflict.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from nicknames import NickNamer
from rapidfuzz import fuzz, process, utils

# Particles that prefix a name part in Arabic names and are written with or without it.
_PARTICLE = re.compile(r"^(?:al|el|ul)[-‐‑]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’`]s|s['’`]|['’`])$")
# A final "'s" or apostrophe, as the surname key and display names drop it.
_FINAL_POSSESSIVE = re.compile(r"['’]s?$")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")
_NON_WORD = re.compile(r"[^\w\s-]")
_DETERMINERS = ("the ", "a ", "an ")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})
# Honorifics that say whether the person addressed is a man or a woman ("Mrs. Trump" is not the
# "Mr. Trump" of the same story).
# Code points below this are Latin letters (given names of other scripts are left out).
_LATIN = 0x250
_ADDRESS = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "mme": "f", "dame": "f"}


@lru_cache(maxsize=1)
def _titles_data() -> dict[str, Any]:
    """``data/titles.json``: every list of titles, honorifics and roles, in one file."""
    data: dict[str, Any] = json.loads(
        resources.files("parallax.data").joinpath("titles.json").read_text("utf-8")
    )
    return data


def _lower(words: list[str]) -> list[str]:
    return [w.strip().lower() for w in words if w.strip()]


def forms_of_address() -> frozenset[str]:
    """Forms of address that precede a name ("mr", "imam"; ``titles.json`` ``address``)."""
    return frozenset(_lower(_titles_data()["address"]))


def ranks() -> frozenset[str]:
    """Title words that name an office or a rank ("president", "general"; ``titles.json`` ``ranks``)."""
    return frozenset(_lower(_titles_data()["ranks"]))


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Honorifics that precede a name and are not part of it: the forms of address, the ranks,
    and the abbreviated or several-word ones ("lt. gen", "his excellency")."""
    return forms_of_address() | ranks() | frozenset(_lower(_titles_data()["honorifics"]))


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """Every role form (lower case) mapped to its canonical role (``titles.json`` ``roles``)."""
    out: dict[str, str] = {}
    for line in _lower(_titles_data()["roles"]):
        forms = [f.strip() for f in line.split("|") if f.strip()]
        for form in forms:
            out[form] = forms[0]
    return out


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Every word of every role form ("chief of staff": "chief", "of", "staff")."""
    return frozenset(w for form in roles() for w in form.split())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Every country name or nationality form (lower case) mapped to the country (``data/demonyms.txt``)."""
    out: dict[str, str] = {}
    for line in _data_lines("demonyms.txt"):
        forms = [f.strip() for f in line.split("|") if f.strip()]
        for form in forms:
            out[form] = forms[0]
    return out


def country_key(text: str) -> str:
    """A key shared by a country and its nationality: "Yemeni" and "Yemen" -> "yemen"."""
    lowered = clean_surface(text).lower()
    known = demonyms()
    if lowered in known:
        return known[lowered]
    # Regular demonyms extend the country's name: Kenya-n, Yemen-i, Germany/German, Canad-ian.
    for suffix in ("ians", "ian", "ans", "an", "is", "i", "ese", "ish", "s"):
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 4:
            return lowered[: len(lowered) - len(suffix)]
    return lowered.rstrip("y")


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Honorifics and role forms: everything that may be stripped from the front of a name."""
    return honorifics() | frozenset(roles())


@lru_cache(maxsize=1)
def _longest_title() -> int:
    return max(len(t.split()) for t in titles())


def _data_lines(name: str) -> list[str]:
    text = resources.files("parallax.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def clean_surface(text: str) -> str:
    """A mention as written, without a leading determiner, a possessive or stray punctuation."""
    text = " ".join(text.split())
    lowered = text.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            text = text[len(det) :]
            break
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:-–—\"'“”‘’()[]")


def strip_titles(text: str) -> tuple[str, list[str]]:
    """Split leading honorifics and roles off a name: ``("Angela Merkel", ["chancellor"])``.

    Longest title first, repeatedly, so "Maj. Gen. John Smith" and "Sheikh Dr. Ahmed
    Hassan" both come down to the name; a text made only of titles comes back empty.
    """
    words = text.split()
    found: list[str] = []
    known = titles()
    longest = _longest_title()
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            candidate = " ".join(words[i : i + n]).lower().replace(".", "")
            dotted = " ".join(words[i : i + n]).lower()
            if candidate in known or dotted in known:
                found.append(dotted.rstrip("."))
                i += n
                break
        else:
            break
    return " ".join(words[i:]), found


def without_possessive(text: str) -> str:
    """``text`` without a final "'s" or apostrophe ("Obama's" -> "Obama")."""
    return _FINAL_POSSESSIVE.sub("", text)


def elided_word(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is a word with its final "g" elided ("Lyin' Ted", "Nothin'"):
    an apostrophe glued after "-in" that is no possessive ("Jenkins' office", "Putin's") and closes
    no single quotation opened right before it ("'Martin'")."""
    return (
        text[start:end].lower().endswith("in")
        and text[end : end + 1] in {"'", "’"}
        and not text[end + 1 : end + 2].isalpha()
        and text[start - 1 : start] not in {"'", "‘"}
    )


def name_key(text: str) -> str:
    """A person's surname key: "Egypt's President Abdel Fattah al-Sisi's" and "Al-Sisi" both give 'sisi'."""
    text = re.sub(r"s['’]$|['’]s?$", "", text.strip())
    words = [w for w in re.split(r"\s+", text) if w]
    # Generational suffixes are no surname: "Eric H. Holder Jr." is "holder".
    while len(words) > 1 and words[-1].lower().strip(".,") in {"jr", "sr", "ii", "iii", "iv"}:
        words.pop()
    last = words[-1].lower().strip(".,;:!?\"'“”‘’()") if words else ""
    prefix, _, rest = last.partition("-")
    if rest and len(prefix) <= 3:
        last = rest
    return last


def name_tokens(name: str) -> list[str]:
    """Lower-case name parts without Arabic particles or generational suffixes.

    "Mohamad Al-Hassani" -> [mohamad, hassani]; "Arcade Joseph Comeaux Jr." -> [arcade, joseph, comeaux].
    """
    parts = []
    for word in _NON_WORD.sub(" ", name).split():
        bare = _PARTICLE.sub("", word).strip("-‐‑")
        if bare and bare.lower() not in ("al", "el"):
            parts.append(bare.lower())
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    return parts


def spelling_key(token: str) -> str:
    """A key equal across common transliteration variants: doubled letters and vowels folded."""
    folded = _DOUBLE.sub(r"\1", utils.default_process(token).replace("-", ""))
    return _VOWELS.sub("a", folded)


def same_part(a: str, b: str, min_ratio: float) -> bool:
    """Two name parts written differently that are the same name ("Mohammad"/"Mohamad")."""
    if a == b or spelling_key(a) == spelling_key(b):
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b, processor=utils.default_process) >= min_ratio


class PartIndex:
    """Name parts, each with a tag (a cluster, an entity), to find the parts that may be
    ``same_part`` as a given one without comparing it with every part: those with the same
    spelling key, and those within ``min_ratio`` by rapidfuzz's search in C. A superset of the
    ``same_part`` matches (callers still run the full test on what it gives), so a story with
    thousands of people compares each name with a handful instead of with all of them.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tags: list[set[int]] = []
        self.row: dict[str, int] = {}
        self.by_key: dict[str, set[int]] = {}

    def add(self, part: str, tag: int) -> None:
        row = self.row.get(part)
        if row is None:
            row = self.row[part] = len(self.parts)
            self.parts.append(part)
            self.tags.append(set())
            self.by_key.setdefault(spelling_key(part), set()).add(row)
        self.tags[row].add(tag)

    def near(self, part: str, min_ratio: float) -> set[int]:
        """The tags of every stored part that ``same_part(part, stored, min_ratio)`` may accept."""
        rows = set(self.by_key.get(spelling_key(part), ()))
        found = process.extract(
            part,
            self.parts,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=min_ratio,
            limit=None,
        )
        rows.update(index for _, _, index in found)
        return {tag for row in rows for tag in self.tags[row]}


@dataclass(frozen=True)
class PersonName:
    """A person's name reduced to comparable parts."""

    tokens: tuple[str, ...]

    @property
    def surname(self) -> str:
        return self.tokens[-1]

    @property
    def given(self) -> tuple[str, ...]:
        return self.tokens[:-1]


def person_name(text: str) -> PersonName | None:
    """The comparable parts of a person mention, or None when only titles are left."""
    bare, _ = strip_titles(clean_surface(text))
    tokens = name_tokens(bare)
    return PersonName(tuple(tokens)) if tokens else None


def compatible(a: PersonName, b: PersonName, min_ratio: float) -> str | None:
    """Why two full names can be the same person, or None when they conflict.

    Both must have the same surname (up to spelling), and given names, where both have them, must
    agree or one must be an initial of the other: a first-name conflict blocks the merge.
    """
    if not same_part(a.surname, b.surname, min_ratio):
        return None
    if not a.given or not b.given:
        return "surname"
    ga, gb = a.given, b.given
    # Compare the first given names; middle names may be left out by one writer.
    x, y = ga[0], gb[0]
    if len(x) == 1 or len(y) == 1:
        return "initial" if x[0] == y[0] else None
    if not same_part(x, y, min_ratio):
        return "nickname" if nickname(x, y) else None
    return "exact" if a.tokens == b.tokens else "spelling"


@lru_cache(maxsize=1)
def _nick_namer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=4096)
def nickname(a: str, b: str) -> bool:
    """True when one given name is a listed nickname of the other: "dave"/"david", "bill"/"william".

    The pairs are the ``nicknames`` package's hand-curated English data (Apache-2.0); two
    nicknames of one name ("dave"/"davey") are not paired, nor a name with itself.
    """
    a, b = a.lower(), b.lower()
    if a == b or len(a) < 2 or len(b) < 2:
        return False
    namer = _nick_namer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)


def address(word: str) -> str | None:
    """ "m" or "f" for an honorific that says so ("Mr.", "Mrs.", "Ms."), else None."""
    return _ADDRESS.get(word.lower().rstrip("."))


def initials(words: list[str]) -> str:
    """Initial letters of the capitalised words of an expansion ("World Health Organization" -> WHO)."""
    return "".join(w[0] for w in words if w[:1].isupper())


@dataclass(frozen=True)
class TitleLexicon:
    """The speaker resolver's title words: the words stripped from the front of a name
    (``address``, ``ranks`` and ``modifiers``), role nouns that name the same office, gendered
    titles, and documents that speak for whoever issued them."""

    honorifics: frozenset[str]
    synonyms: dict[str, frozenset[str]]
    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    issuing: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    """The curated title lexicon shipped in ``parallax/data/titles.json``."""
    data = _titles_data()
    synonyms: dict[str, set[str]] = {}
    for group in data["synonyms"]:
        for word in group:
            synonyms.setdefault(word, set()).update(group)
    return TitleLexicon(
        frozenset(data["address"]) | frozenset(data["ranks"]) | frozenset(data["modifiers"]),
        {k: frozenset(v) for k, v in synonyms.items()},
        frozenset(data["male"]),
        frozenset(data["female"]),
        frozenset(data["documents"]),
        frozenset(data["issuing"]),
    )


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Given names (lower case) that are only a man's (``m``) or only a woman's (``f``), from
    ``parallax/data/first_names.json``: the table ``first_names_from_faker`` builds, written by
    ``python -m parallax.names`` (reading it takes 0.01 s; building it imports Faker's hundred
    locale modules, 0.2-0.4 s of every cold start)."""
    data = json.loads(resources.files("parallax.data").joinpath("first_names.json").read_text("utf-8"))
    return {name: gender for gender in ("m", "f") for name in data[gender]}


def first_names_from_faker() -> dict[str, str]:
    """Given names (lower case) that are only a man's (``m``) or only a woman's (``f``) across the
    Latin-script locales of Faker's person lists (MIT licence); a name listed both ways is left out."""
    import faker.providers.person as person_data

    seen: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person_data.__path__):
        provider = importlib.import_module(f"{person_data.__name__}.{module.name}").Provider
        for gender, attribute in (("m", "first_names_male"), ("f", "first_names_female")):
            for name in getattr(provider, attribute, ()):
                if name.isalpha() and all(ord(c) < _LATIN for c in name):
                    seen.setdefault(name.lower(), set()).add(gender)
    return {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}


def first_names_json(genders: dict[str, str]) -> str:
    """The text of ``first_names.json`` for ``genders``: each gender's names, sorted."""
    table = {g: sorted(n for n, found in genders.items() if found == g) for g in ("m", "f")}
    return json.dumps(table, ensure_ascii=False, indent=0) + "\n"


if __name__ == "__main__":  # rewrite parallax/data/first_names.json from the installed Faker
    from pathlib import Path

    Path(__file__).with_name("data").joinpath("first_names.json").write_text(
        first_names_json(first_names_from_faker()), encoding="utf-8"
    )
