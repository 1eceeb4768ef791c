"""Closed English word classes several stages need: weekdays, months, small number words.

One list each, so the claim checker, the timeline, the corpus features and the benchmarks read
dates and counts with the same vocabulary.
"""

from __future__ import annotations

import re

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
