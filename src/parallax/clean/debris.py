"""Text-level debris rules: which paragraphs of already-extracted text are not the article.

Every rule looks at the *shape* of a paragraph (length, final punctuation, position relative to the
first body paragraph) together with generic markers from ``parallax/data/debris.toml``; none names
an outlet or a story. A paragraph is only ever removed whole, and only when a rule is confident: a
sentence of the article lost is worse than a piece of debris kept. Each removal carries its reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from parallax.config import CleanConfig
from parallax.models import RemovalReason
from parallax.words import MONTH_NAME, lower_matches

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
# A final sentence mark, closing quotes or brackets after it allowed (read by _ends: a regular
# expression anchored with ``$`` is tried at every position of the paragraph).
_FINAL_MARKS = ".!?…:;"
_SENTENCE_MARKS = ".!?…"
_CLOSERS = "'\"”’)]"
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►»]|\d{1,2}[.)])\s+")
# An HTML tag or a CMS shortcode left in the text by a scraper ("<tweet tweet-id=...>", "[button ...]").
_MARKUP = re.compile(r"</?[a-z][\w-]*(?:\s+[\w-]+=\"[^\"]*\")*\s*/?>|\[/?[a-z_]+(?:\s+[a-z_]+=[^\]]*)*\]")
_MARK_BULLET = re.compile(r"^\s*[-–—•*·▪►»]\s+")
_CAMEL_GLUE = re.compile(r"[a-z]{2,}[A-Z][a-z]{2,}")
_CRUMB_SEPARATORS = re.compile(r"\s[>»›|/]\s")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_STAMP_MAX_TOKENS = 20
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2} ?[/.] ?\d{1,2} ?[/.] ?\d{2,4}|\d{4}-\d\d-\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "By Jane Doe and John Roe, Agency": a byline on its own line (names capitalised, no sentence).
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin))*"
_BYLINE = re.compile(rf"^\s*By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*$")
_BYLINE_TAIL = re.compile(r"\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$")
_STAMP_LABEL = re.compile(r"^\s*(?:(?:last |first )?(?:published|updated|posted|modified))\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
# A calendar date with the month in words ("May 2, 2013", "7 May 2024", "November 28th, 2005").
_WORDED_DATE = (
    rf"(?:{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME},?\s+\d{{4}})"
)
_DATE_PHRASE = re.compile(rf"\b{_WORDED_DATE}\b", re.IGNORECASE)
# A date closing a paragraph, the way a photo caption ends ("... greets delegates. March 3, 2021").
_TRAILING_DATE = re.compile(
    rf"(?:{_WORDED_DATE}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\s*$", re.IGNORECASE
)
_STRAY = re.compile(r"\d{1,4}|[|•·]+")
_COUNT_LINE = re.compile(r"\d+\s+comments?|\d+\s+min(ute)?s?\s+read")
_SIBLING_SITE = re.compile(r"^also on [\w.-]+\.[a-z]{2,}\b", re.IGNORECASE)
# "@" and "|" part a stamp's date from its time ("12 January 2010 @ 9:29 pm", "Sunday, March 17 | 5:00 PM")
_NOT_DATE_CHAR = re.compile(r"[^\w\s,.:/()+|@-]")
# Python's regular expressions match "i" and "s" case-insensitively with these, str.lower() does not.
_FOLDED_APART = re.compile("[İıſ]")
# "Name – The story begins": an outlet's name glued in front of the first paragraph.
_NAME_PREFIX = re.compile(
    r"^((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|the|de|al)){0,3})\s+[–—-]\s+(?=[A-Z\"“‘'])"
)


@dataclass(frozen=True)
class Phrase:
    """A case-insensitive pattern of ``debris.toml`` and the lower-case words it opens with, if any."""

    pattern: re.Pattern[str]
    needs: str = ""


def _found(phrases: Sequence[Phrase], text: str) -> bool:
    """Whether any of ``phrases`` matches in ``text``.

    A phrase whose opening words are not in the lower-cased text cannot match there, and that
    test takes a fifth of the time of a search. (A character that case-insensitive matching
    equates with "i" or "s" while ``str.lower`` does not makes every phrase searched.)
    """
    lowered: str | None = None
    for phrase in phrases:
        if phrase.needs:
            if lowered is None:
                lowered = "" if _FOLDED_APART.search(text) else text.lower()
            if lowered and phrase.needs not in lowered:
                continue
        if phrase.pattern.search(text):
            return True
    return False


def _phrase(source: str) -> Phrase:
    """Compile one pattern with the plain words that open it after a ``\\b`` (a quantifier after
    the last letter makes that letter optional; an alternative at the top level needs nothing)."""
    pattern = re.compile(source, re.IGNORECASE)
    opening = re.match(r"\\b([a-z][a-z ]*)([?*+{]?)", source)
    if opening is None or _top_level_alternative(source):
        return Phrase(pattern)
    words = opening.group(1)[:-1] if opening.group(2) else opening.group(1)
    return Phrase(pattern, words)


def _top_level_alternative(source: str) -> bool:
    """Whether a pattern has a ``|`` outside any group (escapes and character sets skipped)."""
    depth, escaped, set_start = 0, False, -1  # set_start: where the set being read opened
    for index, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif set_start >= 0:
            # A "]" right after "[" or "[^" is one of the set's characters, not its end.
            if char == "]" and index > set_start + 1 + (source[set_start + 1] == "^"):
                set_start = -1
        elif char == "[":
            set_start = index
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


@dataclass(frozen=True)
class Lexicon:
    """The phrase lists of ``debris.toml``, compiled."""

    navigation: frozenset[str]
    related_markers: frozenset[str]
    prompts: re.Pattern[str]
    prompt_triggers: frozenset[str]
    # Each trigger word: the prompt patterns that can match where it is (see ``prompt``).
    prompt_parts: dict[str, tuple[re.Pattern[str], ...]]
    credits: tuple[Phrase, ...]
    boilerplate: tuple[Phrase, ...]
    captions: tuple[Phrase, ...]
    photo_credits: frozenset[str]
    stamp_labels: frozenset[str]
    date_words: frozenset[str]
    related_prefix: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    """Load and compile the debris lexicon once per process."""
    raw = tomllib.loads(resources.files("parallax.data").joinpath("debris.toml").read_text("utf-8"))

    def compiled(key: str) -> tuple[Phrase, ...]:
        return tuple(_phrase(p) for p in raw[key])

    markers = sorted(raw["related_markers"], key=len, reverse=True)
    triggers = frozenset(raw["prompt_triggers"])
    prefix = re.compile(
        r"^\[?\s*(?:"
        + "|".join(re.escape(m) for m in markers)
        + r")\s*(?::|\||–|—|\.\.\.|…)\s*(?P<rest>.+?)\]?$",
        re.IGNORECASE,
    )
    return Lexicon(
        navigation=frozenset(raw["navigation"]),
        related_markers=frozenset(markers),
        # One alternation: a paragraph is scanned once instead of once per pattern.
        prompts=re.compile("|".join(f"(?:{p})" for p in raw["prompt_patterns"]), re.IGNORECASE),
        prompt_triggers=triggers,
        prompt_parts=_prompt_parts(raw["prompt_patterns"], triggers),
        credits=compiled("credit_patterns"),
        boilerplate=compiled("boilerplate_patterns"),
        captions=compiled("caption_patterns"),
        photo_credits=frozenset(raw["photo_credits"]),
        stamp_labels=frozenset(w for label in raw["stamp_labels"] for w in label.split()),
        date_words=frozenset(raw["date_words"]),
        related_prefix=prefix,
    )


def _prompt_parts(patterns: list[str], triggers: frozenset[str]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """For each trigger word, the prompt patterns naming it, or a word it begins or that begins it.

    A pattern matches only where a trigger word it names is, or a longer or shorter form of it
    ("click(ing)?", "tips?"): the trigger words of a paragraph select the patterns to try.
    """
    named = []
    for pattern in patterns:
        spelled = set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", pattern)))  # escapes like \\b left out
        named.append((triggers & spelled, re.compile(pattern, re.IGNORECASE)))
    return {
        word: tuple(
            compiled
            for names, compiled in named
            if any(word.startswith(name) or name.startswith(word) for name in names)
        )
        for word in triggers
    }


def words(text: str) -> list[str]:
    """The words of a paragraph (letters and digits, inner apostrophes and hyphens kept)."""
    return list(_words(text))


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    # The rules ask for one paragraph's words several times in a row: find them once.
    return tuple(_WORD.findall(text))


def bare(text: str) -> str:
    """Lower-cased, apostrophes straightened, surrounding punctuation and spaces stripped."""
    return text.replace("’", "'").strip(" \t:;,.!?…|-–—()[]*•·\"“”'‘’").lower()


def is_sentence(text: str, min_words: int) -> bool:
    """A paragraph that reads as prose: enough words and a final sentence mark."""
    return len(words(text)) >= min_words and _ends(text.rstrip(), _SENTENCE_MARKS)


def is_headline(text: str, config: CleanConfig) -> bool:
    """Short, and no final period: a headline, a related link, a crumb or a label."""
    return not _ends(text.rstrip(), _FINAL_MARKS) and 1 <= len(words(text)) <= config.headline_max_words


def _ends(text: str, marks: str) -> bool:
    """Whether ``text`` ends with one of ``marks``, closing quotes or brackets after it allowed.

    The same as searching ``[marks][closers]*$`` (``$`` also matches before a final newline).
    """
    for end in (text, text[:-1] if text.endswith("\n") else ""):
        stripped = end.rstrip(_CLOSERS)
        if stripped and stripped[-1] in marks:
            return True
    return False


def is_date_only(text: str) -> bool:
    """Only a calendar date, possibly behind stamp labels ("Published: Updated:", "Tuesday , 7 May 2024").

    A bare time ("10 p.m.") or number ("02-751-1500") is not one: a date needs a month or weekday
    name, or a numeric day/month/year.
    """
    lex = lexicon()
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    # two stamps on one line ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET")
    if not tokens or len(tokens) > _STAMP_MAX_TOKENS or _NOT_DATE_CHAR.search(text.replace("’", "")):
        return False
    if not all(t.isdigit() or t in lex.date_words or t in lex.stamp_labels for t in tokens):
        return False
    if all(t in lex.stamp_labels for t in tokens):
        return True
    named = any(t in lex.date_words and len(t) >= 3 and t.isalpha() for t in tokens) and any(
        t.isdigit() for t in tokens
    )
    return named or bool(_NUMERIC_DATE.search(text))


def labelled_stamp(text: str) -> bool:
    """A line that says what it is: "Published: …", "Updated …", "Posted on …"."""
    return bool(_STAMP_LABEL.match(text))


def is_stamp(text: str, lead: bool) -> bool:
    """A date line: a stamp label followed by a date, a time or nothing; in the lead, a date alone."""
    if not lead and not labelled_stamp(text):
        return False  # (the common case, decided before the byline search below)
    # A byline glued after the date is allowed ("5:45 AM PST 11/19/2019 by Jane Doe").
    rest = _BYLINE_TAIL.sub("", text)
    if labelled_stamp(text):
        # "Updated at 1:23 p.m." / "Published: Updated:": a time alone will do after a label.
        tokens = [t.lower() for t in _TOKEN.findall(rest)]
        lex = lexicon()
        return len(tokens) <= 14 and all(
            t.isdigit() or t in lex.date_words or t in lex.stamp_labels for t in tokens
        )
    return lead and is_date_only(rest)


def is_glued_crumbs(text: str) -> bool:
    """Category crumbs run together ("WorldEurope News"): capitalised words glued, no sentence."""
    tokens = text.split()
    return (
        1 <= len(tokens) <= 6
        and bool(_CAMEL_GLUE.search(text))
        and all(t[0].isupper() or t == "&" for t in tokens)
        and not _ends(text, _FINAL_MARKS)
    )


def is_crumb_trail(text: str) -> bool:
    """A breadcrumb trail ("Home > News > World"): short capitalised segments between separators."""
    parts = [p.strip() for p in re.split(r"\s[>»›|/]\s", text)]
    return (
        len(_CRUMB_SEPARATORS.findall(text)) >= 2
        and all(p and len(words(p)) <= 4 and p[0].isupper() for p in parts)
        and not _ends(text, _FINAL_MARKS)
    )


def _outside_quotes(text: str, position: int) -> bool:
    """True when ``position`` is not inside a quotation (an even number of quote marks before it)."""
    before = text[:position]
    straight = before.count('"') % 2 == 0
    curly = before.count("“") <= before.count("”")
    return straight and curly


def prompt(text: str) -> bool:
    """A call to the reader: share, subscribe, follow, click, download, tell us (outside quotations)."""
    lex = lexicon()
    named = lex.prompt_triggers.intersection(lower_matches(_PLAIN_WORD, text))
    if not named:
        return False
    straight = text.replace("’", "'")
    # Only the patterns the paragraph's trigger words select are tried first: one search each
    # instead of the alternation of all at every position (the costliest debris rule). With a
    # character that case-insensitive matching equates with "i" or "s", all are tried.
    if not _FOLDED_APART.search(text) and not any(
        pattern.search(straight) for pattern in {p for word in named for p in lex.prompt_parts[word]}
    ):
        return False
    return any(_outside_quotes(straight, m.start()) for m in lex.prompts.finditer(straight))


def credit(text: str) -> bool:
    """A reporting or editing credit, a source line, an editor's note."""
    straight = text.replace("’", "'")
    return _found(lexicon().credits, straight)


def caption_marked(text: str) -> bool:
    """A photo credit alone, a paragraph labelled as a caption, or one ending with a bracketed credit."""
    lex = lexicon()
    return bare(text) in lex.photo_credits or _found(lex.captions, text)


def related_marker(text: str) -> bool:
    """A heading that opens a list of links to other stories ("Read more:", "You may also like...")."""
    return bare(text) in lexicon().related_markers


def related_link(text: str, config: CleanConfig) -> bool:
    """One link to another story: a related marker then a headline on the same line."""
    lex = lexicon()
    match = lex.related_prefix.match(text.strip())
    if match and is_headline(match.group("rest"), config):
        return True
    # "Also on example.com Headline": a link to a sibling site's story.
    return bool(_SIBLING_SITE.match(text.strip()))


def shouting(text: str) -> bool:
    """A long line in capitals with no final period: an inline teaser for another story.

    Subheadings in capitals are shorter, and numbered list items ("3. WHY IT MATTERS.") are content.
    """
    if _BULLET.match(text) or _ends(text, _FINAL_MARKS):
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        len(words(text)) >= 8
        and len(letters) >= 12
        and sum(c.isupper() for c in letters) / len(letters) >= 0.9
    )


def stray_token(text: str) -> bool:
    """A stray token: a lone number or a bar on its own line ("0", "|"), not a list number ("8.")."""
    return bool(_STRAY.fullmatch(text))


def trailing_date(text: str) -> bool:
    """A paragraph ending with a calendar date and no final sentence mark after it."""
    return bool(_TRAILING_DATE.search(text))


def date_phrase(text: str) -> str | None:
    """The calendar date inside a line ("Posted on Thu Jun 13, 2013 08:45 AM" → "Jun 13, 2013").

    Month in words, or ISO ``2013-06-13``; "05/02/07" is left out, its order is anyone's guess.
    """
    match = _DATE_PHRASE.search(text) or _ISO_DATE.search(text)
    return match.group(0) if match else None


def years(text: str) -> set[int]:
    """The four-digit years a text mentions."""
    return {int(y) for y in _YEAR.findall(text)}


def name_prefix(paragraph: str) -> str | None:
    """The "Name – " in front of a paragraph, if a mixed-case name (all capitals is a place dateline)."""
    match = _NAME_PREFIX.match(paragraph)
    if not match:
        return None
    name = match.group(1)
    if name.isupper() or len(words(name)) > 4:
        return None
    return match.group(0)


@dataclass
class Decision:
    """What the rules decided for one paragraph: kept (reason None) or removed with a reason."""

    text: str
    reason: RemovalReason | None = None


def classify(paragraphs: Sequence[str], config: CleanConfig) -> list[Decision]:
    """Mark the debris among ``paragraphs`` (already stripped, none empty); the rest is kept.

    Position matters: captions, crumbs and scrape stamps are only taken from the *lead* (the
    paragraphs before the first one that reads as body prose); related-link blocks end at the
    first prose paragraph after their marker.
    """
    decisions = [Decision(p) for p in paragraphs]
    first_body = next(
        (i for i, p in enumerate(paragraphs) if is_sentence(p, config.body_min_words)), len(paragraphs)
    )
    lex = lexicon()
    in_related = 0
    for i, decision in enumerate(decisions):
        text = decision.text
        lead = i < first_body
        if in_related and (is_headline(text, config) or _BULLET.match(text)) and not is_sentence(text, 12):
            decision.reason = "related-links"
            in_related -= 1
            continue
        in_related = 0
        decision.reason = _rule(text, lead, i, len(paragraphs), config, lex)
        if decision.reason == "related-links" and related_marker(text):
            in_related = config.related_block_max
    _below_headline_lead(decisions, first_body, config)
    _headline_lists(decisions, first_body, config)
    return decisions


def title_case(text: str) -> bool:
    """Headline capitalisation: nearly every word of four letters or more starts with a capital."""
    long_words = [w for w in words(text) if len(w) >= 4 and w[0].isalpha()]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.8


def _headline_lists(decisions: list[Decision], first_body: int, config: CleanConfig) -> None:
    """A bulleted run of title-cased headlines after the story began: links to other stories.

    Numbered items are left alone (a numbered list is the content of a listicle), and so are items
    under four words (a list of names).
    """
    run: list[Decision] = []
    for decision in [*decisions[first_body:], Decision("")]:
        text = decision.text
        if (
            decision.reason is None
            and _MARK_BULLET.match(text)
            and is_headline(text, config)
            and len(words(text)) >= 4
            and title_case(text)
        ):
            run.append(decision)
            continue
        if len(run) >= 2:
            for item in run:
                item.reason = "related-links"
        run = []


def _rule(
    text: str, lead: bool, index: int, total: int, config: CleanConfig, lex: Lexicon
) -> RemovalReason | None:
    """The first rule that claims one paragraph, or None."""
    key = bare(text)
    edge = lead or index >= total - 2
    # n words need 2n - 1 characters: a paragraph this short has no more than the maximum.
    short = len(text) <= 2 * config.prompt_max_words or len(words(text)) <= config.prompt_max_words
    if edge and stray_token(text):
        return "scrape-artifact"
    if ("<" in text or "[" in text) and (
        _MARKUP.match(text) or (_MARKUP.search(text) and not any(c.isalpha() for c in _MARKUP.sub("", text)))
    ):
        return "scrape-artifact"
    if key in lex.navigation or _COUNT_LINE.fullmatch(key):
        return "navigation"
    if is_stamp(text, lead):
        return "dateline"
    if key in lex.related_markers or related_link(text, config):
        return "related-links"
    if short and prompt(text):
        return "share-prompt"
    if short and credit(text):
        return "credit"
    if edge and _BYLINE.match(text):
        return "credit"
    if short and _found(lex.boilerplate, text):
        return "boilerplate"
    if short and (key in lex.photo_credits or _found(lex.captions, text)):  # caption_marked(text)
        return "caption"
    if index > 0 and "|" not in text and shouting(text):
        return "related-links"
    if edge and is_crumb_trail(text):
        return "navigation"
    return None


def _below_headline_lead(decisions: list[Decision], first_body: int, config: CleanConfig) -> None:
    """Rules that need the headline's place in the lead, so that the headline itself is never taken.

    Glued category crumbs sit above a headline-like line; a photo caption (a short line ending with
    a date, no final sentence mark) sits below one.
    """
    lead = [d for d in decisions[:first_body] if d.reason is None]
    headlines = [n for n, d in enumerate(lead) if is_headline(d.text, config) and not is_glued_crumbs(d.text)]
    for position, decision in enumerate(lead):
        text = decision.text
        if is_glued_crumbs(text) and any(n > position for n in headlines):
            decision.reason = "navigation"
        elif (
            headlines
            and headlines[0] < position
            and len(words(text)) <= config.prompt_max_words
            and trailing_date(text)
            and not _ends(text, _SENTENCE_MARKS)
        ):
            decision.reason = "caption"
