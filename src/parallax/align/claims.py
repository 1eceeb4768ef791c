"""Claims: sentences cut into atomic propositions, each with the features alignment checks.

A sentence that carries several propositions ("X, who headed Y, was killed"; "A arrived and met
B") gives one claim per clause, each linked to its sentence. Words inside a quote are the
speaker's claim, not the outlet's: they are marked ``quoted`` with the speaker's name.

Every claim also carries what the alignment checks compare: the people and other named things it
is about (titles such as "the president" resolved to the person the story gives that title),
its numbers with what they count, its dates, its polarity and its order words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from parallax.annotate.nlp import add_sentences
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Claim, Quote
from parallax.names import name_key, without_possessive
from parallax.words import MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, WEEKDAYS

NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk")
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY_WORDS = {"dollar": "$", "buck": "$", "euro": "€", "pound": "£", "yen": "¥"}
# Order words: what happened before, and what happened after, the event they are attached to.
BEFORE_WORDS = {"before", "earlier", "previously", "prior", "ahead"}
AFTER_WORDS = {"after", "following", "later", "afterwards", "subsequently"}
HEDGES = (
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "close to",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
)
NEGATORS = {"not", "n't", "never", "no", "nothing", "none", "nobody", "neither", "nor", "without"}
# Clause-level dependents that carry a proposition of their own, cut off from a clause's core.
_SIDE_CLAUSES = {"advcl", "relcl", "conj", "ccomp", "xcomp", "parataxis", "acl", "appos", "csubj"}
_SUBJECT_CUTS = {"relcl", "appos", "acl", "advcl", "punct"}
_RELATIVE_SUBJECTS = {"who", "which", "that"}
_HONORIFIC = re.compile(r"^[A-Z][a-z]{0,3}\.$")
_CLOCK = re.compile(r"^\d{1,2}(:\d{2})?$")


@dataclass(frozen=True)
class Quantity:
    """A number and the thing it counts (lemma of the counted noun, or the currency/percent)."""

    value: float
    unit: str
    text: str
    hedge: str = ""
    # The document index of its first token (-1: unknown): the figure's own token when the same
    # word is written twice ("seven life sentences and seven sentences of life").
    start: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Dates:
    """Date parts a claim names, each as a set (weekday, month-day, month, year, part of day, clock)."""

    weekdays: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    years: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    clocks: frozenset[str] = frozenset()

    def items(self) -> list[tuple[str, frozenset[str]]]:
        return [
            ("weekday", self.weekdays),
            ("day", self.days),
            ("month", self.months),
            ("year", self.years),
            ("time of day", self.parts),
            ("time", self.clocks),
        ]


@dataclass
class AnalyzedClaim:
    """A claim with the features the alignment checks compare."""

    claim: Claim
    index: int
    article_index: int
    tokens: list[Token]
    persons: frozenset[str]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: Dates
    negated: bool
    order: frozenset[str]
    predicate: str
    root_dates: Dates = field(default_factory=Dates)
    speaker_key: str | None = None
    polarity: dict[str, bool] = field(default_factory=dict)
    dated: tuple[tuple[str, str, str], ...] = ()
    ordered: tuple[tuple[str, str, str], ...] = ()
    mood: str = "other"
    speaker_entity: str | None = None  # the entity id of a quoted claim's speaker, when linked
    verbatim: bool = False  # the claim lies in quotation marks (a direct or partial quote)

    @property
    def voice(self) -> str | None:
        """Whose claim it is: ``None`` for the outlet, else the quoted speaker ("?" if unknown)."""
        if not self.claim.quoted:
            return None
        return self.speaker_key or "?"


@dataclass
class NameIndex:
    """People of the story by surname key, with the titles the story gives them."""

    display: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        return self.display.get(key, key)


@dataclass
class ClaimSet:
    """Every claim of a story, with the parses and names they were cut from.

    ``texts`` is the analysis' parses and sentence vectors: what compares claims embeds there."""

    articles: list[Article]
    docs: list[Doc]
    claims: list[AnalyzedClaim]
    names: NameIndex
    texts: Texts

    def by_article(self) -> dict[int, list[AnalyzedClaim]]:
        out: dict[int, list[AnalyzedClaim]] = defaultdict(list)
        for c in self.claims:
            out[c.article_index].append(c)
        return out


def entity_key(span: Span) -> str:
    """A key for a named thing: people by surname, everything else by lowercased name without 'the'."""
    if span.label_ == "PERSON":
        return name_key(span.text)
    text = without_possessive(span.text.strip()).lower()
    return re.sub(r"^the\s+", "", text)


def build_name_index(docs: Sequence[Doc], config: AlignConfig = DEFAULT.align) -> NameIndex:
    """Surname keys of the story's people and the titles that stand for one of them.

    A title ("president", "supreme leader", "PM" for "Prime Minister") resolves to the person it
    precedes in most of its uses across the story, if it is used so at least twice; an
    ambiguous title resolves to nobody.
    """
    index = NameIndex()
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            key = name_key(ent.text)
            if len(key) < 2:
                continue
            if len(ent.text) > len(index.display.get(key, "")):
                index.display[key] = without_possessive(ent.text.strip())
            for title in _title_phrases(ent):
                uses[title][key] += 1
    for title, counts in uses.items():
        key, count = counts.most_common(1)[0]
        if count >= 2 and count >= config.title_dominance * sum(counts.values()):
            index.titles[title] = key
    return index


def _title_phrases(ent: Span) -> list[str]:
    """Titles written just before a name: every run of the words ("supreme leader", "leader",
    "ayatollah"), and the initials of a capitalised one ("Prime Minister" -> "pm")."""
    words: list[Token] = []
    i = ent.start - 1
    while i >= 0:
        tok = ent.doc[i]
        if tok.ent_type_ in {"GPE", "NORP", "PERSON", "ORG"} or tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            break
        if _HONORIFIC.match(tok.text) or tok.is_punct or (tok.pos_ == "ADJ" and not tok.text[:1].isupper()):
            break
        words.insert(0, tok)
        i -= 1
    lowered = [t.lower_ for t in words]
    out = {
        " ".join(lowered[a:b])
        for a in range(len(lowered))
        for b in range(a + 1, min(a + 3, len(lowered)) + 1)
    }
    capitals = [t for t in words if t.text[:1].isupper()]
    if len(capitals) >= 2:
        out.add("".join(t.text[0].lower() for t in capitals))
    return sorted(out)


def _title_mention(tok: Token) -> str:
    """The title a noun names with its title modifiers ('the Iranian supreme leader' -> 'supreme leader')."""
    mods = [
        c
        for c in tok.lefts
        if c.dep_ in {"compound", "amod"}
        and c.ent_type_ not in {"GPE", "NORP"}
        and c.pos_ in {"PROPN", "NOUN", "ADJ"}
    ]
    mods = [c for c in mods if c.i == tok.i - (len(mods) - mods.index(c))]
    return " ".join([c.lower_ for c in mods] + [tok.lower_])


def resolve_title(tok: Token, names: NameIndex) -> str | None:
    """The person a title noun stands for in this story, if the story makes that unambiguous.

    The full title is looked up first ("supreme leader"); the head word alone only when its
    modifiers are lowercase descriptions ("the Iranian supreme leader" -> "leader"), never when
    they make another title ("Foreign Minister" is not "minister").
    """
    full = _title_mention(tok)
    if full in names.titles:
        return names.titles[full]
    mods = full.split()[:-1]
    capitalised = [
        c
        for c in tok.lefts
        if c.dep_ in {"compound", "amod"} and c.text[:1].isupper() and c.ent_type_ not in {"GPE", "NORP"}
    ]
    if mods and not capitalised and tok.lower_ in names.titles:
        return names.titles[tok.lower_]
    return None


def analyze_claims(
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    config: AlignConfig = DEFAULT.align,
    texts: Texts | None = None,
) -> ClaimSet:
    """Cut every sentence of every article into claims and compute their features.

    Parses come from ``texts`` (the analysis' parses; the default model when not given). The
    analysis computes the claims once and hands the set to facts and contradictions.
    """
    texts = texts if texts is not None else Texts(DEFAULT.annotate)
    articles = [a if a.sentences else add_sentences([a], texts.config, texts)[0] for a in articles]
    docs = texts.parse_many([a.body for a in articles])
    names = build_name_index(docs, config)
    quotes_of: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        quotes_of[q.article].append(q)
    claims: list[AnalyzedClaim] = []
    for ai, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        for sentence in article.sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            for tokens in split_sentence(span, config.claim_min_words):
                if not _is_statement(tokens, config):
                    continue
                text = tokens_text(tokens)
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                quote = _quote_of(tokens, quotes_of[article.id])
                claim = Claim(
                    id=f"{article.id}:{sentence.id}:{len(claims)}",
                    article=article.id,
                    sentence=sentence.id,
                    text=text,
                    start=start,
                    end=end,
                    quoted=quote is not None,
                    speaker=(quote.speaker_name or quote.speaker_text or quote.speaker) if quote else None,
                )
                analyzed = _analyze(claim, len(claims), ai, tokens, names)
                if quote is not None:
                    # The speaker's entity id (when linked) and whether the quote is in quotation
                    # marks (direct, partial, or marks with no cue) rather than reported speech.
                    analyzed.speaker_entity = quote.speaker
                    analyzed.verbatim = quote.kind in {"direct", "partial", "unmarked"}
                claims.append(analyzed)
    return ClaimSet(articles=list(articles), docs=docs, claims=claims, names=names, texts=texts)


# --- splitting ----------------------------------------------------------------------------------


def split_sentence(sent: Span, min_words: int = 0) -> list[list[Token]]:
    """The sentence's atomic claims as token lists in text order.

    Cut off: coordinated clauses ("A arrived and met B"), and relative clauses on a name or set
    off by a comma ("X, who headed Y, ..."), whose claim gets the antecedent as its subject.
    Reported speech (ccomp) stays with its reporting verb: "X said Y" is one claim. A coordinated
    clause stays with the clause it joins when either would keep fewer than ``min_words`` words
    (too short to stand as a claim): "Rahman got up but spent the round on the ropes" is one.
    """
    out: list[list[Token]] = []
    _clause(sent.root, [], sent, out, min_words)
    return [c for c in out if c]


def _is_split(tok: Token) -> bool:
    if tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"} and tok.head.pos_ in {"VERB", "AUX"}:
        # A bare participle ("... and visiting Y") is more often a misparsed modifier than a clause.
        finite = tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children
        )
        if not finite:
            return False
        # Only clauses coordinated at clause level: verbs joined inside reported speech or an
        # infinitive ("said X had and will have") stay one claim.
        return tok.head.dep_ in {"ROOT", "relcl"} or tok.head.head.i == tok.head.i or _is_split(tok.head)
    if tok.dep_ == "relcl" and tok.head.pos_ in {"PROPN", "NOUN", "PRON"}:
        before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        nonrestrictive = before is not None and before.text == ","
        return tok.head.pos_ == "PROPN" or nonrestrictive
    return False


def _clause(
    head: Token, subject: list[Token], sent: Span, out: list[list[Token]], min_words: int = 0
) -> None:
    split_children = [
        t
        for t in head.subtree
        if t.i != head.i
        and sent.start <= t.i < sent.end
        and _is_split(t)
        and _nearest_split(t, head).i == head.i
    ]
    if min_words:
        split_children = _standing(head, subject, split_children, min_words)
    removed: set[int] = set()
    for child in split_children:
        removed.update(t.i for t in child.subtree)
        if child.dep_ == "relcl":
            # The commas that set off "X, who ..., did" go with the clause.
            for edge in (child.left_edge.i - 1, child.right_edge.i + 1):
                if 0 <= edge < len(head.doc) and head.doc[edge].text == ",":
                    removed.add(edge)
    # The conjunction and comma that joined a cut-off clause go with it.
    for child in split_children:
        if child.dep_ == "conj":
            removed.update(t.i for t in child.head.children if t.dep_ in {"cc", "punct"} and t.i < child.i)
    tokens = [t for t in head.subtree if t.i not in removed and sent.start <= t.i < sent.end]
    own_subject = _own_subject(head)
    relative = [t for t in head.children if t.lower_ in _RELATIVE_SUBJECTS | {"where", "when"}]
    if head.dep_ == "relcl" and relative:
        tokens = [t for t in tokens if t.i != relative[0].i]
    body = _strip(tokens)
    if subject and (
        not own_subject or (head.dep_ == "relcl" and relative and relative[0].dep_.startswith("nsubj"))
    ):
        # The inherited subject goes first, whatever its place in the sentence.
        subject_ids = {t.i for t in subject}
        body = sorted(subject, key=lambda t: t.i) + [t for t in body if t.i not in subject_ids]
    out.append(body)
    clause_subject = _subject_of(head, subject)
    for child in split_children:
        if child.dep_ == "relcl":
            _clause(child, _antecedent(child.head), sent, out, min_words)
        else:
            _clause(child, clause_subject, sent, out, min_words)


def _standing(head: Token, subject: list[Token], children: list[Token], min_words: int) -> list[Token]:
    """The split clauses to cut off, without the coordinated ones that leave their head, or
    themselves with the subject they inherit, fewer than ``min_words`` words."""

    def words(tokens: list[Token]) -> int:
        return sum(1 for t in tokens if t.is_alpha and t.dep_ != "cc")  # "and" goes with the cut clause

    cut = {t.i for c in children for t in c.subtree}
    if (
        words([t for t in head.subtree if t.i not in cut]) + (0 if _own_subject(head) else words(subject))
        < min_words
    ):
        return [c for c in children if c.dep_ != "conj"]
    inherited = words(_subject_of(head, subject))
    return [
        c
        for c in children
        if c.dep_ != "conj" or words(list(c.subtree)) + (0 if _own_subject(c) else inherited) >= min_words
    ]


def _own_subject(head: Token) -> bool:
    """Whether a clause head has a subject of its own."""
    return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in head.children)


def _nearest_split(tok: Token, head: Token) -> Token:
    """The clause head a split clause hangs from: the nearest ancestor that starts a claim."""
    node = tok.head
    while node.i != head.i and not _is_split(node) and node.head.i != node.i:
        node = node.head
    return node


def _subject_of(head: Token, inherited: list[Token]) -> list[Token]:
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in _RELATIVE_SUBJECTS and head.dep_ == "relcl":
                return inherited
            return [t for t in child.subtree if not any(a.dep_ in _SUBJECT_CUTS for a in _path(t, child))]
    return inherited


def _antecedent(noun: Token) -> list[Token]:
    """The noun phrase a relative clause hangs on, without the clause itself or other side parts."""
    return [
        t for t in noun.subtree if t.i <= noun.i and not any(a.dep_ in _SIDE_CLAUSES for a in _path(t, noun))
    ]


def _path(tok: Token, top: Token) -> list[Token]:
    out = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _strip(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"cc", "mark"} or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].dep_ == "cc" or tokens[-1].is_space or tokens[-1].text in {",", ";", ":", "–", "-", "—"}
    ):
        tokens = tokens[:-1]
    return tokens


def tokens_text(tokens: Sequence[Token]) -> str:
    """Tokens joined with their own spacing; a gap where words were cut out becomes one space."""
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        parts.append(tok.text)
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.i == tok.i + 1:
                parts.append(tok.whitespace_)
            elif nxt.text not in {",", ".", ";", ":", "!", "?"}:
                parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _is_statement(tokens: Sequence[Token], config: AlignConfig) -> bool:
    words = [t for t in tokens if t.is_alpha]
    if len(words) < config.claim_min_words:
        return False
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return False
    # An imperative ("Share it with a friend") asks the reader to act; it asserts nothing.
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in head.children)
    return not (head.tag_ == "VB" and not has_subject and head.dep_ in {"ROOT", "conj"})


def _quote_of(tokens: Sequence[Token], quotes: Sequence[Quote]) -> Quote | None:
    """The quote most of the claim's words lie inside, if any."""
    length = sum(len(t.text) for t in tokens) or 1
    for q in quotes:
        inside = sum(len(t.text) for t in tokens if q.start <= t.idx < q.end)
        if inside * 2 >= length:
            return q
    return None


# --- features -----------------------------------------------------------------------------------


def _analyze(claim: Claim, index: int, ai: int, tokens: list[Token], names: NameIndex) -> AnalyzedClaim:
    persons, entities = participants(tokens, names)
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    return AnalyzedClaim(
        claim=claim,
        index=index,
        article_index=ai,
        tokens=tokens,
        persons=persons,
        entities=entities,
        quantities=quantities(tokens),
        dates=dates(tokens),
        negated=negated(tokens),
        order=order_words(tokens),
        predicate=root.lemma_.lower(),
        root_dates=dates([t for t in tokens if dates_main_event(t, root)]),
        polarity=polarity(tokens),
        dated=anchored_dates(tokens),
        ordered=ordered_events(tokens),
        mood=mood(root),
        speaker_key=name_key(claim.speaker) if claim.speaker else None,
    )


def participants(tokens: Iterable[Token], names: NameIndex) -> tuple[frozenset[str], frozenset[str]]:
    """The people (surname keys, titles resolved) and all named things the tokens mention."""
    tokens = list(tokens)
    ids = {t.i for t in tokens}
    persons: set[str] = set()
    named: set[str] = set()
    seen_ents: set[int] = set()
    for tok in tokens:
        if tok.ent_type_ and tok.ent_iob_ != "O":
            ent = _entity_of(tok)
            if ent is None or ent.start in seen_ents:
                continue
            seen_ents.add(ent.start)
            if not any(t.i in ids for t in ent):
                continue
            key = entity_key(ent)
            surname = name_key(ent.text)
            titled = resolve_title(ent.root, names) if ent.label_ != "PERSON" else None
            if ent.label_ == "PERSON" or surname in names.display:
                persons.add(surname)
            elif titled:
                persons.add(titled)
            elif ent.label_ in NAMED:
                named.add(key)
        elif tok.pos_ in {"PROPN", "NOUN"} and tok.dep_ != "compound":
            titled = resolve_title(tok, names)
            if titled:
                persons.add(titled)
            elif tok.pos_ == "PROPN" and name_key(tok.text) in names.display:
                persons.add(name_key(tok.text))
    return frozenset(persons), frozenset(persons | named)


def _entity_of(tok: Token) -> Span | None:
    """The named-entity span around a token, read from its IOB tags (no scan of all entities)."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ('20', '1,500', 'five', '20 billion')."""
    total: float | None = None
    for word in re.findall(r"[\w.,]+", text.lower()):
        word = word.strip(".,")
        if word in _SCALES and total is not None:
            total *= _SCALES[word]
        elif word in NUMBER_WORDS:
            total = (total or 0) + NUMBER_WORDS[word]
        elif re.fullmatch(r"\d+(,\d{3})*(\.\d+)?", word):
            total = float(word.replace(",", ""))
    return total


def quantities(tokens: Sequence[Token]) -> tuple[Quantity, ...]:
    """Numbers with what they count: '$20 billion' -> (2e10, '$'), 'five months' -> (5, 'month')."""
    out: list[Quantity] = []
    seen: set[int] = set()
    ents: dict[int, Span] = {}
    for tok in tokens:
        if tok.ent_type_ in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"}:
            ent = _entity_of(tok)
            if ent is not None:
                ents.setdefault(ent.start, ent)
    for ent in ents.values():
        nums = [t for t in ent if t.like_num]
        if not nums:
            continue
        value = number_value(" ".join(t.text for t in ent if t.like_num or t.lower_ in _SCALES))
        if value is None:
            continue
        if ent.label_ == "MONEY":
            # The tagger may leave the sign out of the entity ("$" "87,770,623"): look just before it.
            before = [ent.doc[ent.start - 1]] if ent.start > 0 else []
            unit = next((t.text for t in [*before, *ent] if t.is_currency), "") or next(
                (t.lemma_.lower() for t in ent if t.is_alpha and t.lower_ not in _SCALES), "money"
            )
            unit = _CURRENCY_WORDS.get(unit, unit)  # "40 million dollars" and "$40 million": one unit
        elif ent.label_ == "PERCENT":
            unit = "percent"
        elif ent.label_ in {"DATE", "TIME"}:
            units = [t.lemma_.lower() for t in ent if t.lemma_.lower() in DURATION_UNITS]
            if not units or any(t.lower_ in MONTHS or t.lower_ in WEEKDAYS for t in ent):
                continue
            unit = units[-1]
        else:
            unit = _counted(ent)
        seen.update(t.i for t in ent)
        out.append(
            Quantity(
                value=value,
                unit=unit,
                text=ent.text,
                hedge=number_hedge(ent.doc, ent.start, ent.end),
                start=ent.start,
            )
        )
    for tok in tokens:
        if tok.i in seen or not tok.like_num or tok.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
            continue
        value = number_value(tok.text)
        if value is not None and not (1900 <= value <= 2100 and tok.text.isdigit()):
            unit = (
                tok.head.lemma_.lower() if tok.dep_ == "nummod" else f"{tok.dep_}:{tok.head.lemma_.lower()}"
            )
            out.append(
                Quantity(
                    value=value,
                    unit=unit,
                    text=tok.text,
                    hedge=number_hedge(tok.doc, tok.i, tok.i + 1),
                    start=tok.i,
                )
            )
    return tuple(out)


def number_step(text: str) -> float:
    """The precision a figure is written to: its last digit's place times its scale word ("13.6
    million" -> 100,000; "35.72" -> 0.01; "12" -> 1)."""
    digits = re.search(r"\d[\d,]*(\.(\d+))?", text)
    decimals = len(digits.group(2)) if digits and digits.group(2) else 0
    scale = next((_SCALES[w] for w in text.lower().split() if w in _SCALES), 1.0)
    return scale * 10.0**-decimals


def same_figure(x: float, x_text: str, y: float, y_text: str) -> bool:
    """Two figures one of which may be the other written rounded ("36 percent" / "35.7 percent"):
    equal to the precision of the less precise one. Against a figure written to the unit it may
    also be cut ("$43 million" / "$43,885,310"); two rounded figures round ("$5 billion" and
    "$5.7 billion" differ)."""
    coarse = max(number_step(x_text), number_step(y_text))
    if min(number_step(x_text), number_step(y_text)) <= 1:
        return abs(x - y) < coarse
    return abs(x - y) <= coarse / 2


def number_hedge(doc: Doc, start: int, end: int) -> str:
    """The words that make a number approximate ('about', 'more than', 'at least'), or ''."""
    words = [t.lower_ for t in doc[max(0, start - 2) : end] if not t.like_num]
    text = " ".join(words)
    return next((h for h in HEDGES if re.search(rf"\b{h}\b", text)), "")


def _counted(ent: Span) -> str:
    root = ent.root
    if root.dep_ == "nummod" or root.dep_ == "quantmod":
        return root.head.lemma_.lower()
    if root.pos_ == "NOUN" and not root.like_num:
        return root.lemma_.lower()  # a measure with its unit inside the entity ("10,000 acres")
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return nxt.lemma_.lower()
    # "The other two are ...": no counted noun, so the number's place in the clause names it.
    return f"{root.dep_}:{root.head.lemma_.lower()}"


def dates(tokens: Sequence[Token]) -> Dates:
    """Weekdays, month-days, months, years, parts of day and clock times the tokens name."""
    weekdays: set[str] = set()
    days: set[str] = set()
    months: set[str] = set()
    years: set[str] = set()
    parts: set[str] = set()
    clocks: set[str] = set()
    for k, tok in enumerate(tokens):
        word = tok.lower_.strip(".")
        if word in WEEKDAYS:
            weekdays.add(word)
        month = word if word in MONTHS else MONTH_ABBREVIATIONS.get(word) if tok.text[:1].isupper() else None
        if month and (tok.ent_type_ == "DATE" or (word in MONTHS and word != "may")):
            months.add(month)
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            prv = tokens[k - 1] if k > 0 else None
            for near in (nxt, prv):
                if near is not None and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", near.text):
                    days.add(f"{month} {int(re.sub(r'[^0-9]', '', near.text))}")
        if tok.ent_type_ in {"DATE", "TIME"} and re.fullmatch(r"1[89]\d\d|20\d\d", tok.text):
            years.add(tok.text)
        if word in PARTS_OF_DAY and tok.ent_type_ in {"DATE", "TIME"}:
            parts.add(word)
        if tok.ent_type_ == "TIME" and _CLOCK.match(tok.text):
            suffix = tokens[k + 1].lower_ if k + 1 < len(tokens) else ""
            clocks.add(tok.text + (" " + suffix if suffix in {"a.m.", "p.m.", "am", "pm"} else ""))
    return Dates(
        weekdays=frozenset(weekdays),
        days=frozenset(days),
        months=frozenset(months),
        years=frozenset(years),
        parts=frozenset(parts),
        clocks=frozenset(clocks),
    )


def polarity(tokens: Sequence[Token]) -> dict[str, bool]:
    """Each predicate's lemma and whether it is negated ('has not signed' -> {'sign': True}).

    A lemma used both negated and not within one claim is left out: it says nothing either way.
    """
    seen: dict[str, set[bool]] = defaultdict(set)
    for tok in tokens:
        if tok.pos_ not in {"VERB", "AUX", "ADJ"} or tok.dep_ in {"aux", "auxpass"}:
            continue
        heads = [tok] + [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
        negated = any(
            c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"never", "no"})
            for h in heads
            for c in h.children
        ) or any(
            c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
            and (
                c.lower_ in {"nothing", "none", "nobody"}
                or any(d.dep_ == "det" and d.lower_ == "no" and not _quoted_word(d) for d in c.children)
            )
            for c in tok.children
        )
        seen[tok.lemma_.lower()].add(negated)
    return {lemma: next(iter(v)) for lemma, v in seen.items() if len(v) == 1}


def _date_values(tok: Token, nxt: Token | None, prv: Token | None) -> list[tuple[str, str]]:
    word = tok.lower_.strip(".")
    out = []
    if word in WEEKDAYS:
        out.append(("weekday", word))
    month = word if word in MONTHS else MONTH_ABBREVIATIONS.get(word) if tok.text[:1].isupper() else None
    if month and (tok.ent_type_ == "DATE" or (word in MONTHS and word != "may")):
        out.append(("month", month))
        for near in (nxt, prv):
            if near is not None and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", near.text):
                out.append(("day", f"{month} {int(re.sub(r'[^0-9]', '', near.text))}"))
    if tok.ent_type_ in {"DATE", "TIME"} and re.fullmatch(r"1[89]\d\d|20\d\d", tok.text):
        out.append(("year", tok.text))
    if word in PARTS_OF_DAY and tok.ent_type_ in {"DATE", "TIME"}:
        out.append(("time of day", word))
    return out


def anchored_dates(tokens: Sequence[Token]) -> tuple[tuple[str, str, str], ...]:
    """(what a date is attached to, part, value): 'tour on Tuesday' -> ('tour', 'weekday', 'tuesday')."""
    out: list[tuple[str, str, str]] = []
    for k, tok in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        prv = tokens[k - 1] if k > 0 else None
        values = _date_values(tok, nxt, prv)
        if not values:
            continue
        anchor = tok.head
        while anchor.head.i != anchor.i and (anchor.ent_type_ in {"DATE", "TIME"} or anchor.pos_ == "ADP"):
            anchor = anchor.head
        out.extend((anchor.lemma_.lower(), part, value) for part, value in values)
    return tuple(out)


def ordered_events(tokens: Sequence[Token]) -> tuple[tuple[str, str, str], ...]:
    """(before|after, the event it orders, the reference): 'said it before the vote' ->
    ('before', 'say', 'the vote')."""
    out = []
    for tok in tokens:
        word = tok.lower_
        if word not in BEFORE_WORDS | AFTER_WORDS or _is_date_relative(tok):
            continue
        head = tok.head.head if tok.dep_ == "mark" else tok.head
        reference = tok.head if tok.dep_ == "mark" else tok
        rest = [t for t in reference.subtree if t.i != tok.i]
        out.append(("before" if word in BEFORE_WORDS else "after", head.lemma_.lower(), tokens_text(rest)))
    return tuple(out)


def dates_main_event(tok: Token, root: Token) -> bool:
    """Whether a date word dates the claim's main event ("met *on Tuesday*"), not a side phrase
    ("since taking office *in May*")."""
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return False
    node = tok
    while node.head.i != node.i and node.head.ent_type_ in {"DATE", "TIME"} and node.i != root.i:
        node = node.head
    if node.head.i == root.i or node.i == root.i:
        return True
    return node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.i == root.i


_PLANNED = {"set", "expect", "plan", "schedule", "poise", "intend", "due", "likely"}


def mood(root: Token) -> str:
    """'done' for a past event ('voted'), 'planned' for one still to come ('will vote', 'is set to
    vote'), 'other' for the rest; a planned event and a done one are not the same fact."""
    auxes = {c.lower_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"will", "'ll", "shall"} or root.lemma_.lower() in _PLANNED:
        return "planned"
    if root.tag_ == "VBD" and not auxes & {"would", "could", "might", "may", "should"}:
        return "done"
    return "other"


def _quoted_word(tok: Token) -> bool:
    """A word in quotation marks ('the lone "no" vote') is mentioned, not used."""
    doc = tok.doc
    before = doc[tok.i - 1].text if tok.i > 0 else ""
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    return before in {'"', "“", "'", "‘"} and after in {'"', "”", "'", "’"}


def negated(tokens: Sequence[Token]) -> bool:
    """Whether the claim's main predicate is negated ('did not meet', 'never met', 'no one met')."""
    if not tokens:
        return False
    ids = {t.i for t in tokens}
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    heads = [root] + [c for c in root.children if c.dep_ in {"aux", "auxpass"}]
    count = 0
    for head in heads:
        for child in head.children:
            if child.i not in ids:
                continue
            if (
                child.dep_ == "neg"
                or (child.dep_ == "advmod" and child.lower_ == "never")
                or (
                    child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
                    and (
                        child.lower_ in {"nothing", "none", "nobody", "noone"}
                        or any(
                            d.dep_ == "det" and d.lower_ == "no" and not _quoted_word(d)
                            for d in child.children
                        )
                    )
                )
            ):
                count += 1
    return count % 2 == 1


def order_words(tokens: Sequence[Token]) -> frozenset[str]:
    """'before' / 'after' when the claim orders its event against another one."""
    out = set()
    for tok in tokens:
        word = tok.lower_
        if word in BEFORE_WORDS and not _is_date_relative(tok):
            out.add("before")
        elif word in AFTER_WORDS and not _is_date_relative(tok):
            out.add("after")
    return frozenset(out)


def _is_date_relative(tok: Token) -> bool:
    """'earlier this year', 'later this month', 'after 2016' point at a date, not at another event."""
    for child in tok.subtree:
        if child.i == tok.i:
            continue
        if child.lemma_.lower() in DURATION_UNITS - {"day"} or (child.ent_type_ == "DATE" and child.like_num):
            return True
    return False


def mask_text(claim: AnalyzedClaim) -> str:
    """The claim with its numbers, dates and negations cut out (what is left is 'the same thing')."""
    keep = []
    for tok in claim.tokens:
        if tok.like_num or tok.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}:
            continue
        if tok.lower_ in NEGATORS or tok.dep_ == "neg":
            continue
        if tok.lower_ in BEFORE_WORDS | AFTER_WORDS:
            continue
        keep.append(tok)
    return tokens_text(keep)
