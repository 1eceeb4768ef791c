"""Closed English word classes several stages need: weekdays, months, small number words, the
attribution verbs with the neutral ones among them; and the word and sentence patterns read without
a parse (``WORD``, ``split_sentences``).

One list each, so the claim checker, the timeline, the corpus features and the benchmarks read
dates and counts with the same vocabulary, and the framing view and the reports agree on which
attribution verbs judge the speaker. Stages that need a narrower word (letters only, a name, a
term with its apostrophe) keep their own pattern beside the code that relies on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

# A word as the shingles and the quote finder count them: a run of letters, digits or underscores.
WORD = re.compile(r"\w+")
# A sentence end: a mark, closing quotes and space before an opening quote or a capital; or a
# run of line breaks. The match starts at the mark (which stays with its sentence, see
# ``split_sentences``): a pattern opening with a character set lets the regex engine jump
# between candidates instead of trying a look-behind at every position (3x faster, same splits).
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9]))")

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
# Patterns for dates written in words (compile them case-insensitive): a month in full or
# abbreviated, with an optional period, longest form first; and, looser, a month's abbreviation
# with any letters after it ("Sept", "Septembre").
MONTH_NAME = "(?:" + "|".join(sorted({*MONTHS, *MONTH_ABBREVIATIONS}, key=lambda m: (-len(m), m))) + r")\.?"
MONTH_PREFIX = "(?:" + "|".join(MONTH_ABBREVIATIONS) + r")[a-z]*\.?"
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
def verb_lexicon() -> dict[str, Any]:
    """``data/speech_verbs.json``, parsed once: the quote finder's cue lists and the attribution
    verbs below."""
    data: dict[str, Any] = json.loads(
        resources.files("parallax").joinpath("data/speech_verbs.json").read_text("utf-8")
    )
    return data


def attribution_verbs() -> frozenset[str]:
    """Lemmas of verbs a reader takes as attributing speech, judging ones included ("slam")
    (``data/speech_verbs.json``, ``attribution``)."""
    return frozenset(verb_lexicon()["attribution"])


def neutral_verbs() -> frozenset[str]:
    """Lemmas of the attribution verbs that carry no judgement of the speaker ("say", "note")."""
    return frozenset(verb_lexicon()["neutral"])


def neutral_verb_forms() -> frozenset[str]:
    """The neutral attribution verbs as written: each lemma and its inflected forms ("noted"),
    and the cue "according to"."""
    verbs: dict[str, list[str]] = verb_lexicon()["neutral"]
    cues: list[str] = verb_lexicon()["neutral_cues"]
    return frozenset(verbs) | frozenset(form for forms in verbs.values() for form in forms) | frozenset(cues)


def split_sentences(text: str) -> list[str]:
    """Cheap sentence split (punctuation then a capital, or a line break): enough to diff copies."""
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        mark = match.start()
        pieces.append(text[start : mark if text[mark] == "\n" else mark + 1])
        start = match.end()
    pieces.append(text[start:])
    return [s.strip() for s in pieces if s and s.strip()]


# Words every headline may share without saying the same thing.
_TITLE_GLUE = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "as",
        "by",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "after",
        "over",
        "its",
        "his",
        "her",
        "their",
        "says",
        "say",
        "said",
    ]
)


def story_title(titles: Sequence[str]) -> str | None:
    """The title that says most of what the other titles say (mean Dice overlap of their words,
    glue words left out), the shortest of those that say it equally: a sidebar, related-links or
    teaser line taken as one article's title ("More from …", "Did the earth move for you?") shares
    little with the others, however short. With one or two titles, the shorter."""
    if not titles:
        return None
    words = [{w for w in lower_matches(WORD, t) if w not in _TITLE_GLUE} for t in titles]

    def shared(i: int) -> float:
        return sum(
            2 * len(words[i] & words[j]) / max(1, len(words[i]) + len(words[j]))
            for j in range(len(titles))
            if j != i
        )

    best = max(range(len(titles)), key=lambda i: (round(shared(i), 9), -len(titles[i]), -i))
    return titles[best]
