"""Closed English word classes several stages need: weekdays, months, small number words, and the
attribution verbs with the neutral ones among them.

One list each, so the claim checker, the timeline, the corpus features and the benchmarks read
dates and counts with the same vocabulary, and the framing view and the reports agree on which
attribution verbs judge the speaker.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Abbreviations as newsrooms write them ("Sept. 11", "Jan 3").
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Number words up to ninety and their values; larger counts are written with scale words.
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS


def lower_matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """``pattern``'s matches in ``text``, each lower-cased. Found in the lower-cased text in one
    pass, which gives the same words except for "İ" (two characters in lower case) and a final
    "Σ" (its lower case depends on what follows the word): with those, each match is lowered."""
    if "İ" in text or "Σ" in text:
        return [match.lower() for match in pattern.findall(text)]
    return pattern.findall(text.lower())


@lru_cache(maxsize=1)
def _verb_lexicon() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        resources.files("parallax").joinpath("data/speech_verbs.json").read_text("utf-8")
    )
    return data


def attribution_verbs() -> frozenset[str]:
    """Lemmas of verbs a reader takes as attributing speech, judging ones included ("slam")
    (``data/speech_verbs.json``, ``attribution``)."""
    verbs = _verb_lexicon()["attribution"]
    assert isinstance(verbs, list)
    return frozenset(verbs)


def neutral_verbs() -> frozenset[str]:
    """Lemmas of the attribution verbs that carry no judgement of the speaker ("say", "note")."""
    verbs = _verb_lexicon()["neutral"]
    assert isinstance(verbs, dict)
    return frozenset(verbs)


def neutral_verb_forms() -> frozenset[str]:
    """The neutral attribution verbs as written: each lemma and its inflected forms ("noted"),
    and the cue "according to"."""
    verbs, cues = _verb_lexicon()["neutral"], _verb_lexicon()["neutral_cues"]
    assert isinstance(verbs, dict) and isinstance(cues, list)
    return frozenset(verbs) | frozenset(form for forms in verbs.values() for form in forms) | frozenset(cues)
