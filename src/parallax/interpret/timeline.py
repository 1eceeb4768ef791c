"""Timeline: dated events normalised against each article's publication date.

spaCy finds the date expressions (``DATE`` entities); dateparser resolves them against the
article's own publication date, or, when the article has none, against a full date the article
itself gives (a dateline such as "July 21, 2020"). Without either, only dates that name their
year are kept: a date is never invented. Events on the same date whose texts mean the same are
merged across articles, each keeping its supporting sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from parallax.annotate.nlp import add_sentences
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, InterpretConfig
from parallax.models import Article, Precision, SentenceRef, TimelineEvent
from parallax.words import MONTH_NAME, WEEKDAYS

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(rf"\b{MONTH_NAME}\s+{_ORDINAL}\b|\b{_ORDINAL}\s+(?:of\s+)?{MONTH_NAME}\b", re.I)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
# "last Tuesday" / "next Tuesday" really mean another week; a bare weekday means this week.
_WEEK_SHIFT = re.compile(r"\b(last|next|previous|past|coming)\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RANGE = re.compile(r"^(?:(?:between|from)\s+)?(.+?)\s+(?:and|to|until|through)\s+(.+)$", re.I)
# "nearly a month ago": the approximation does not change the month it names.
_APPROXIMATELY = re.compile(r"^(?:nearly|almost|about|around|roughly|some|more than|less than)\s+", re.I)
# Auxiliaries that put a clause in the future ("will meet on Tuesday", "would face him in November").
_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
_YEAR_RANGE = re.compile(r"^(1[5-9]\d\d|20\d\d)\s*[–—-]\s*(\d{2}|\d{4})$")
# "early/late/mid January": the modifier narrows a month without naming a day.
_MODIFIER = re.compile(r"^(?:the\s+)?(?:early|late|mid|middle of|end of|beginning of|start of)[\s-]+", re.I)
# "earlier this year", "later in the day": the position within the period is not a date.
_VAGUE_ORDER = re.compile(r"^(?:earlier|later)\s+(?:in\s+)?", re.I)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNIT = r"(day|week|month|year)s?"
_LATER = re.compile(r"^(\w+)\s+" + _UNIT + r"\s+(later|after(?:wards?)?|earlier|before)$", re.I)
_AGO = re.compile(r"\b(ago|last|this|next|past|previous|today|yesterday|tomorrow)\b", re.I)
_DURATION = re.compile(r"\b(\d+|" + "|".join(_NUMBERS) + r"|several|few|many|recent)\s+" + _UNIT, re.I)
_AGE = re.compile(r"\b(old|aged?)\b|-year|-month|-day|-week", re.I)
# A noun phrase dated by its modifier ("the 2015 nuclear deal") says the event only when it
# has a few words besides the date; "Tuesday evening" does not.
_MIN_PHRASE_WORDS = 4
_PERIOD_PRECISION: dict[str, Precision] = {
    "day": "day",
    "part_of_day": "day",
    "month": "month",
    "year": "year",
}


@dataclass
class _Mention:
    """One dated event as one article tells it."""

    day: date
    precision: Precision
    text: str
    article: str
    sentence: str
    supports: list[SentenceRef] = field(default_factory=list)


@lru_cache(maxsize=256)
def _parser(base: date, future: bool = False) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "future" if future else "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def names_year(text: str) -> bool:
    """Whether a date expression writes its year ("June 24, 2005"), rather than leaving it to
    the publication date ("June 24")."""
    return bool(_YEAR.search(text))


def resolve_date(
    text: str,
    base: date | None,
    future: bool = False,
    ahead_days: int = DEFAULT.interpret.month_day_ahead_days,
) -> list[tuple[date, Precision]]:
    """Resolve one date expression against ``base`` (the publication date, or None).

    Returns one (date, precision) per date the expression names: two for a range
    ("between 1980 and 1988"), none for durations, ages and vague periods ("recent weeks").
    Without a base only expressions naming their year resolve. ``future`` says the sentence
    looks ahead ("will meet on Tuesday"), so a bare weekday or month is the next one; a month
    and day without a year (and no ``future``) up to ``ahead_days`` ahead is that day.
    """
    text = " ".join(text.split()).strip(" ,.;:()")
    if not text or _AGE.search(text):
        return []
    ranged = _RANGE.match(text) or _YEAR_RANGE.match(text)
    if ranged:
        first, second = ranged.group(1), ranged.group(2)
        if len(second) == 2 and first.isdigit():
            second = first[:2] + second
        return resolve_date(first, base, future, ahead_days) + resolve_date(second, base, future, ahead_days)
    text = _APPROXIMATELY.sub("", text)
    if re.fullmatch(r"\d{1,3}|\d+\.\d+", text):
        # An age or a count ("Huckabee, 59,"), or a decimal ("a magnitude 5.9 quake" when the
        # tagger takes "5.9" for a date): never a date on its own.
        return []
    if _DURATION.search(text) and not _AGO.search(text):
        return []
    text = _VAGUE_ORDER.sub("", text)
    if text.lower() in ("the day", "day"):
        text = "today"
    text = _MODIFIER.sub("", text)
    has_year = bool(_YEAR.search(text))
    if base is None and not has_year:
        return []
    found = _parse(text, base, future)
    weekday = _WEEKDAY.search(text)
    if found is None and weekday:
        # The tagger sometimes takes a noun into the date ("an interview Tuesday").
        found = _parse(weekday.group(0), base, future)
    if found is None:
        return []
    resolved, precision = found
    if (
        base is not None
        and precision == "day"
        and abs((resolved - base).days) == 7
        and resolved.weekday() == base.weekday()
        and _WEEKDAY.search(text)
        and not _WEEK_SHIFT.search(text)
    ):
        # dateparser sends a weekday equal to the base's weekday to the week before (or after);
        # a bare "on Tuesday" in an article published on a Tuesday means that very day.
        resolved = base
    if precision == "year" and not has_year and not re.search(r"\byears?\b", text, re.I):
        return []
    if base is not None and precision == "day" and not future and not has_year and _MONTH_DAY.search(text):
        # a month and day without a year a few weeks ahead is that day: "his next hearing April
        # 19" in an article of April 11 is eight days ahead, not a year back (a date a year away
        # carries its year); a weekday keeps the past/future reading above
        ahead = _parse(text, base, True)
        if ahead is not None and ahead[1] == "day" and (ahead[0] - base).days <= ahead_days:
            resolved = ahead[0]
    return [(resolved, precision)]


# dateparser takes ~4 ms a call, and one analysis asks for few distinct expressions many times
# (the example story: 127 calls, 22 distinct, 7 % of its CPU; contradictions date each act of
# every pair): remembered, as ``_parser`` is. The answer depends on the arguments only.
@lru_cache(maxsize=4096)
def _parse(text: str, base: date | None, future: bool) -> tuple[date, Precision] | None:
    data = _parser(base or date(2000, 1, 1), future).get_date_data(text)
    if data.date_obj is None or data.period not in _PERIOD_PRECISION:
        return None
    return data.date_obj.date(), _PERIOD_PRECISION[data.period]


def future_reference(ent: Span) -> bool:
    """Whether the clause a date belongs to looks ahead: a future or conditional auxiliary, or a
    to-infinitive ("running to face him in November").

    Only a date that modifies the verb itself counts: in "will see retaliation for the January
    strike" the date belongs to the strike, which may well be past.
    """
    head: Token = ent.root
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        if head.i != ent.root.i and head.pos_ in ("NOUN", "PROPN"):
            return False
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return any(
        child.dep_ in ("aux", "auxpass") and (child.lower_ in _FUTURE_AUX or child.tag_ == "TO")
        for child in head.children
    )


def _shift(text: str, previous: tuple[date, Precision] | None) -> list[tuple[date, Precision]]:
    """ "three days later": counted from the event the article dated just before."""
    match = _LATER.match(" ".join(text.split()).strip(" ,.;"))
    if not match or previous is None:
        return []
    count_word, unit, direction = match.group(1).lower(), match.group(2).lower(), match.group(3).lower()
    count = int(count_word) if count_word.isdigit() else _NUMBERS.get(count_word)
    if count is None:
        return []
    anchor, anchor_precision = previous
    precision: Precision = "day" if unit in ("day", "week") else ("month" if unit == "month" else "year")
    order = ("day", "month", "year")
    if order.index(anchor_precision) > order.index(precision):
        return []
    step = relativedelta(**{unit + "s": count})
    moved = anchor + step if direction.startswith(("later", "after")) else anchor - step
    return [(moved, precision)]


# Removed debris that still dates the page: a photo caption or a dateline belongs to the article
# (unlike a scrape stamp, which cleaning marks "scrape-artifact" and which is never used).
_DATING_DEBRIS = ("caption", "dateline")


def _anchor(article: Article, ents: Sequence[Span], parsed: Texts, body: bool = True) -> date | None:
    """The base for an undated article: the latest full date (day and year) it gives itself, in
    its removed caption or dateline, or (``body``) in its body."""
    texts = [ent.text for ent in ents] if body else []
    dating = [r.text for r in article.removed if r.reason in _DATING_DEBRIS and _YEAR.search(r.text)]
    for doc in parsed.parse_many(dating):
        texts += [ent.text for ent in doc.ents if ent.label_ == "DATE"]
    days = []
    for text in texts:
        if _YEAR.search(text):
            days += [d for d, p in resolve_date(text, None) if p == "day"]
    return max(days) if days else None


# Parts of a clause that tell another event than the dated one; left out unless they hold the date.
_SIDE_CLAUSES = {"relcl", "advcl", "parataxis", "dep"}
# Coordinated clauses ("... and met X") are side events; coordinated names ("Iran and Iraq") are not.
_CLAUSE_COORDINATION = {"conj", "cc"}


def _antecedent(verb: Token) -> list[Token]:
    """What a relative clause is about ("X, who was killed ..." -> X), as a short phrase."""
    noun = verb.head
    ent = next((e for e in noun.doc.ents if e.start <= noun.i < e.end), None)
    if ent is not None and len(ent) <= 5:
        return list(ent)
    left = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nummod")]
    return [*left, noun] if len(left) < 4 else [noun]


def _clause_tokens(head: Token, ent: Span, sent: Span) -> list[Token]:
    """The tokens of ``head``'s clause without the side clauses that do not hold the date."""
    dated = set(range(ent.start, ent.end))
    dropped: set[int] = set()
    for token in head.subtree:
        side = (
            token.dep_ in _SIDE_CLAUSES
            or (token.dep_ in _CLAUSE_COORDINATION and token.head.pos_ in ("VERB", "AUX"))
            or (token.dep_ == "appos" and token.pos_ == "NOUN")  # a description, not a name
        )
        if token.i != head.i and side:
            inner = {t.i for t in token.subtree}
            if not inner & dated:
                # The commas or dashes around a left-out part go with it.
                for edge in (min(inner) - 1, max(inner) + 1):
                    if 0 <= edge < len(ent.doc) and ent.doc[edge].is_punct and edge not in dated:
                        inner.add(edge)
                dropped |= inner
    tokens = [t for t in head.subtree if sent.start <= t.i < sent.end and t.i not in dropped]
    relative = tokens and tokens[0].tag_ in ("WP", "WDT") and tokens[0].dep_.startswith("nsubj")
    if head.dep_ == "relcl" and relative:
        tokens = [*_antecedent(head), *tokens[1:]]
    elif head.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in head.children):
        # "X arrived and met Y on Tuesday": the second verb's subject is the first one's.
        subject = next((c for c in head.head.children if c.dep_.startswith("nsubj")), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            tokens = [*_antecedent(head.head), *tokens]
        elif subject is not None and len(list(subject.subtree)) <= 5:
            tokens = [*subject.subtree, *tokens]
    return tokens


def _clause(ent: Span, sent: Span, max_words: int) -> str:
    """The clause around a date: the dated word with what belongs to it, cut to ``max_words``.

    A date inside a noun phrase ("the 2015 nuclear deal") dates that noun; otherwise it dates
    the verb that governs it ("was killed ... on January 3"). Side clauses that do not hold the
    date are left out, and a relative pronoun gives way to what it stands for.
    """
    head: Token = ent.root
    noun = head.head
    if (
        head.dep_ in ("compound", "nummod", "amod", "nmod", "poss")
        and noun.pos_ in ("NOUN", "PROPN")
        and sum(1 for _ in noun.subtree) - len(ent) >= _MIN_PHRASE_WORDS
    ):
        head = noun
    else:
        while (
            head.head.i != head.i
            and head.pos_ not in ("VERB", "AUX")
            and sent.start <= head.head.i < sent.end
        ):
            head = head.head
    dated = set(range(ent.start, ent.end))
    tokens = _clause_tokens(head, ent, sent)
    # A clause that says little besides its date ("said on Tuesday", parsed as a side clause of
    # what was said) widens to the clause it hangs from.
    while (
        len(tokens) - len(ent) < _MIN_PHRASE_WORDS
        and head.head.i != head.i
        and sent.start <= head.head.i < sent.end
    ):
        head = head.head
        tokens = _clause_tokens(head, ent, sent)
    if len(tokens) - len(ent) < _MIN_PHRASE_WORDS:
        tokens = [t for t in sent if not t.is_space]  # the parser split the sentence: take it whole
    if len(tokens) > max_words:
        # Keep the clause's opening (its subject) when the date falls early enough, else a window
        # centred on the date, so the event stays next to its date.
        at = next((k for k, t in enumerate(tokens) if t.i in dated), 0)
        start = 0 if at < max_words - 4 else max(0, min(at - max_words // 2, len(tokens) - max_words))
        tokens = tokens[start : start + max_words]
    # A clause must not open on a dangling possessive or punctuation ("'s Prime Minister").
    while tokens and tokens[0].i not in dated and (tokens[0].is_punct or tokens[0].dep_ == "case"):
        tokens = tokens[1:]
    # Tokens left apart by a removed part get a space between them.
    text = "".join(
        t.text + (" " if t.whitespace_ or (k + 1 < len(tokens) and tokens[k + 1].i != t.i + 1) else "")
        for k, t in enumerate(tokens)
    )
    return " ".join(text.split()).strip(" ,;:-—–")


def _has_event(ent: Span, sent: Span) -> bool:
    """A sentence that is only a date (a dateline, a page header) tells no event."""
    words = [t for t in sent if t.is_alpha and not (ent.start <= t.i < ent.end)]
    return any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in words) and len(words) >= 2


def _sentence_of(article: Article, doc: Doc, offset: int) -> tuple[str, Span] | None:
    """The article's sentence (id and parsed span) holding a character offset."""
    sentence = article.sentence_at(offset)
    if sentence is None:
        return None
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    return (sentence.id, span) if span is not None else None


def _dates(doc: Doc) -> list[Span]:
    return [e for e in doc.ents if e.label_ == "DATE"]


def _mentions(article: Article, doc: Doc, base: date | None, config: InterpretConfig) -> list[_Mention]:
    ents = _dates(doc)
    out: list[_Mention] = []
    previous: tuple[date, Precision] | None = None
    for ent in ents:
        resolved = resolve_date(ent.text, base, future_reference(ent), config.month_day_ahead_days) or _shift(
            ent.text, previous
        )
        if not resolved:
            continue
        previous = resolved[-1]
        found = _sentence_of(article, doc, ent.start_char)
        if found is None or not _has_event(ent, found[1]):
            continue
        sentence, sent = found
        text = _clause(ent, sent, config.timeline_max_words)
        for day, precision in resolved:
            ref = SentenceRef(article=article.id, sentence=sentence)
            out.append(_Mention(day, precision, text, article.id, sentence, [ref]))
    return out


def _iso(day: date, precision: Precision) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _merge(mentions: list[_Mention], config: InterpretConfig, texts: Texts) -> list[TimelineEvent]:
    """Group mentions by date, then join those whose texts are similar (embeddings)."""
    from parallax.embed import cosine

    by_date: dict[tuple[str, Precision], list[_Mention]] = {}
    for mention in mentions:
        by_date.setdefault((_iso(mention.day, mention.precision), mention.precision), []).append(mention)
    vectors = texts.embed([m.text for m in mentions]) if mentions else None
    index = {id(m): i for i, m in enumerate(mentions)}
    events: list[TimelineEvent] = []
    for (iso, precision), group in by_date.items():
        clusters: list[list[_Mention]] = []
        # Each mention joins the first cluster holding a mention it is similar enough to: the
        # cosines to every earlier mention of the date in one product, not one per cluster
        # (a date every article of a large story mentions has thousands of mentions).
        assert vectors is not None
        rows = [index[id(m)] for m in group]
        cluster_of: list[int] = []
        for position, mention in enumerate(group):
            joined = None
            if position:
                sims = cosine(vectors[[rows[position]]], vectors[rows[:position]])[0]
                close = np.flatnonzero(sims >= config.timeline_merge_similarity)
                if len(close):
                    joined = min(cluster_of[k] for k in close.tolist())
            if joined is None:
                joined = len(clusters)
                clusters.append([])
            clusters[joined].append(mention)
            cluster_of.append(joined)
        for cluster in clusters:
            refs: list[SentenceRef] = []
            for mention in cluster:
                refs += [r for r in mention.supports if r not in refs]
            # The most central wording (highest mean similarity to the others) speaks for all.
            rows = [index[id(m)] for m in cluster]
            assert vectors is not None
            centrality = cosine(vectors[rows], vectors[rows]).mean(axis=1)
            text = cluster[int(centrality.argmax())].text
            events.append(TimelineEvent(date=iso, precision=precision, text=text, support=refs))
    order = {"year": 0, "month": 1, "day": 2}
    events.sort(key=lambda e: (e.date[:4], e.date, order[e.precision], -len(e.support)))
    return events


def build_timeline(
    articles: Sequence[Article], config: InterpretConfig = DEFAULT.interpret, texts: Texts | None = None
) -> list[TimelineEvent]:
    """Dated events normalised against each article's publication date, merged across articles.

    Parses and vectors come from ``texts`` (the analysis' table; the default model when not given)."""
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    if any(not a.sentences for a in articles):
        articles = add_sentences(articles, texts.config, texts)
    docs = texts.parse_many([a.body for a in articles])
    published = [a.published for a in articles if a.published is not None]
    # A full date in an undated article's body is often an event's, not the article's ("won
    # confirmation on Jan. 20, 2017" in a story of December 2018): when other articles of the
    # story are dated, only its own dateline or caption dates it, else the story's date does.
    bases = [
        a.published or _anchor(a, _dates(doc), texts, body=not published)
        for a, doc in zip(articles, docs, strict=True)
    ]
    # An article that dates itself nowhere is read against the story's date: the articles of one
    # story report one event, days apart at most, so "on Tuesday" or "January 3" there means the
    # same days as in the dated articles. The story's date is the latest publication date given,
    # else the lower median of the dates articles give themselves (one stray stamp cannot move
    # it). A story with no date at all resolves only absolute dates.
    known = sorted(b for b in bases if b is not None)
    story_base = max(published) if published else (known[(len(known) - 1) // 2] if known else None)
    mentions: list[_Mention] = []
    for article, doc, base in zip(articles, docs, bases, strict=True):
        mentions += _mentions(article, doc, base or story_base, config)
    return _merge(mentions, config, texts)
