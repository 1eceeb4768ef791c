"""Entities across articles: one entity per real-world referent, with aliases and merge evidence.

The steps, in order:

1. *Mentions*: spaCy named entities of every article, repaired where cheap (possessives, a
   leading "the", spans running over a line break, fragments of a title such as "Supreme" in
   "Supreme Leader", headline words glued to a name), plus acronyms defined in the text
   ("World Health Organization (WHO)") and every later use of them in any article.
2. *Types* by majority vote over all mentions of one surface form, so a name that spaCy tags
   PERSON four times and GPE once is a person; a single word that is the surname of a person
   named in full elsewhere counts as a vote for PERSON, and its uses in an article that names
   one person in full with it vote PERSON whatever spaCy tagged them.
3. *People* merge when their surnames agree up to spelling (doubled letters, vowels, "al-",
   case) and their given names do not conflict; a surname (or a first name that is nobody's
   surname) alone joins the one person it fits, preferring the person named in the same article.
4. *Other names* merge on equal spelling keys, high string similarity or an acronym.
5. *Roles* ("Italy's premier", "the chancellor") become mentions of the one person the text binds
   to that role ("Italian Prime Minister X", "X, France's president"), in the same article first and
   else in the story; a role held by two people binds to nobody.

Every merge keeps its reason in ``Entity.merge_reasons``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from spacy.tokens import Doc, Span

from parallax import names
from parallax.annotate.nlp import text_of
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AlignConfig
from parallax.models import Article, Entity, Mention

_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&]*[A-Z])\s*\)")
_MINOR_WORDS = frozenset({"of", "and", "for", "the", "de", "du", "des", "la", "le", "&", "on", "in"})
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_QUALIFIER_LABELS = frozenset({"GPE", "NORP", "ORG"})
# Tags of tokens that never start a name: conjunctions, determiners, adverbs, pronouns.
# Between two names in one tagged span: "and", "&" or a lower-case word ("Manley put Reid").
_JOINED = re.compile(r"\s+(?:&|[a-z]+)\s+")
_NOT_NAME_TAGS = frozenset({"CC", "DT", "RB", "PRP", "PRP$", "IN", "WDT", "WP"})
# Words that make a role another office: "deputy prime minister", "former president".
_ROLE_MODIFIERS = frozenset(
    {
        "deputy", "vice", "assistant", "associate", "acting", "interim", "former", "ex", "ex-", "late",
        "outgoing", "next", "future", "previous", "prior", "junior", "senior", "second", "third",
    }
)  # fmt: skip
# Words that may stand between a country and a role: "Italy's visiting Prime Minister".
_ROLE_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "VBG", "VBN", "CD", "HYPH"})


@dataclass
class _Mention:
    """A mention being linked: where it is, what it says, and what it was merged into."""

    article: str
    start: int
    end: int
    text: str
    label: str
    token_start: int
    token_end: int
    surface: str = ""
    role: str | None = None  # canonical role for a role mention ("prime minister")
    qualifier: _Mention | None = None  # the country of a role mention ("Italy" in "Italy's premier")
    cluster: int = -1

    @property
    def is_role(self) -> bool:
        return self.role is not None


@dataclass
class _Binding:
    """A person named together with a role in the text: "French President Emmanuel Macron"."""

    article: str
    role: str
    qualifier: _Mention | None
    person: _Mention
    evidence: str  # the words that bind them, for merge_reasons


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    label: str = ""
    reasons: list[str] = field(default_factory=list)
    # Forms that name the referent with extra words ("French Foreign Legion"): never canonical.
    qualified: set[str] = field(default_factory=set)


def link_entities(
    articles: Sequence[Article], config: AlignConfig = DEFAULT.align, texts: Texts | None = None
) -> list[Entity]:
    """One entity per real-world referent across all articles.

    Canonical name is the fullest form used; ``aliases`` holds every surface form (roles
    included), ``merge_reasons`` why the forms were judged to be one referent. Ids ``e1``…
    follow salience (number of mentions). The bodies' parses come from ``texts`` (the analysis'
    parses); without it they are parsed with the default model.
    """
    cfg = config.entities
    docs = (texts or Texts(DEFAULT.annotate)).parse_many([a.body for a in articles])
    mentions: list[_Mention] = []
    roles: list[_Mention] = []
    bindings: list[_Binding] = []
    acronyms: dict[str, str] = {}
    for article, doc in zip(articles, docs, strict=True):
        found = _named_mentions(article.id, doc, cfg.labels, article.body)
        mentions.extend(found)
        acronyms.update(_acronym_definitions(article.body))
        article_roles, article_bindings = _roles(article.id, doc, found)
        roles.extend(article_roles)
        bindings.extend(article_bindings)
    mentions = _trim_headline_words(
        mentions, {a.id: (a.body, doc) for a, doc in zip(articles, docs, strict=True)}
    )
    mentions.extend(_acronym_mentions(articles, docs, mentions, acronyms))
    bodies = {a.id: a.body for a in articles}
    _vote_types(mentions, bodies)
    mentions = _split_joined_people(mentions, {a.id: doc for a, doc in zip(articles, docs, strict=True)})
    clusters = _cluster_people([m for m in mentions if m.label == "PERSON"], cfg.name_part_ratio, bodies)
    clusters += _cluster_names([m for m in mentions if m.label != "PERSON"], acronyms, cfg.surface_ratio)
    for index, cluster in enumerate(clusters):
        for m in cluster.mentions:
            m.cluster = index
    _resolve_roles(roles, bindings, clusters)
    _propagate(articles, docs, clusters)
    return _entities(clusters, articles)


# --- 1. mentions ------------------------------------------------------------------------------


def _named_mentions(article: str, doc: Doc, labels: Iterable[str], body: str) -> list[_Mention]:
    keep = set(labels)
    out = []
    for ent in (piece for e in doc.ents for piece in _split_people(e)):
        if ent.label_ not in keep:
            continue
        span = _repair(ent)
        if span is None:
            continue
        surface = names.clean_surface(span.text)
        if not surface or not any(c.isalpha() for c in surface):
            continue
        # Lower-case "kingdom" or "supreme leader" is a common noun spaCy took for a name; a
        # role alone ("King", "supreme leader") is left to the role pass below.
        if not any(c.isupper() for c in surface) or _title_fragment(span, body):
            continue
        if not names.strip_titles(surface)[0]:
            continue
        start = span.start_char + span.text.find(surface) if surface in span.text else span.start_char
        if names.elided_word(body, start, start + len(surface)):
            continue
        out.append(
            _Mention(
                article=article,
                start=start,
                end=start + len(surface) if surface in span.text else span.end_char,
                text=surface if surface in span.text else span.text,
                label=ent.label_,
                token_start=span.start,
                token_end=span.end,
                surface=surface,
            )
        )
    return out


def _split_people(ent: Span) -> list[Span]:
    """A PERSON span cut at a conjunction, a verb or a quote mark inside it: spaCy's "Trump and
    Mattis", "Manley put Reid", "Hail Mary,” Moore" are two names or a name and other words."""
    if ent.label_ != "PERSON":
        return [ent]
    pieces, start = [], ent.start
    for token in ent[1:-1] if len(ent) > 2 else ():
        if token.tag_ == "CC" or token.pos_ in {"VERB", "AUX"} or token.tag_ in {"''", "``", ","}:
            if token.i > start:
                pieces.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start == ent.start:
        return [ent]
    pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return [p for p in pieces if any(t.is_title or t.is_upper for t in p)]


def _repair(ent: Span) -> Span | None:
    """The entity cut at a line break (spaCy joins a headline to the next line)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    # Leading punctuation, a sentence-initial conjunction spaCy took in ("Plus Obama"), and a
    # gerund opening the sentence ("Joining Cooley at the news conference was …", ECB+ 16).
    while start < end and (
        doc[start].is_space
        or doc[start].is_punct
        or doc[start].tag_ in _NOT_NAME_TAGS
        or (doc[start].tag_ == "VBG" and start < end - 1)
    ):
        start += 1
    for i in range(start, end):
        # "(" opens an acronym after the name; a possessive inside ends the name ("Obama's Afghan").
        if doc[i].text == "(" or (doc[i].tag_ == "POS" and i > start):
            end = i
            break
        if "\n" in doc[i].text or (i < end - 1 and "\n" in doc[i].whitespace_):
            end = i if "\n" in doc[i].text else i + 1
            break
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    return doc[start:end] if end > start else None


def _title_fragment(span: Span, body: str) -> bool:
    """True for spaCy's "Supreme" in "Supreme Leader X": part of a title, not a name."""
    lowered = span.text.lower()
    for title in names.titles():
        if (
            len(title) > len(lowered)
            and title.startswith(lowered + " ")
            and body[span.start_char : span.start_char + len(title)].lower() == title
        ):
            return True
    return False


def _trim_headline_words(mentions: list[_Mention], texts: dict[str, tuple[str, Doc]]) -> list[_Mention]:
    """Cut words glued to a name in a title-case headline ("Lindsay Lohan Checks Into Rehab").

    The name alone must be a mention elsewhere, and either the longer form sits in a title-case
    line and is at most half as frequent as the name, or it occurs once and its extra words are
    in no other mention (then they are not part of any name in the story).
    """
    counts = Counter(m.surface for m in mentions)
    words_in_mentions: Counter[str] = Counter()
    for m in mentions:
        words_in_mentions.update(set(m.surface.lower().split()))
    for m in mentions:
        words = m.surface.split()
        if len(words) < 2:
            continue
        body, doc = texts[m.article]
        headline = _title_case_line(body, m.start)
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            if head not in counts:
                continue
            tail = [w.lower() for w in words[n:]]
            unique_tail = counts[m.surface] == 1 and all(words_in_mentions[w] == 1 for w in tail)
            if unique_tail or (headline and counts[head] >= 2 * counts[m.surface]):
                span = doc.char_span(m.start, m.start + len(head), alignment_mode="expand")
                if span is None:
                    break
                m.surface = m.text = head
                m.end = m.start + len(head)
                m.token_end = span.end
                break
    return mentions


def _title_case_line(body: str, offset: int) -> bool:
    """True when the line holding ``offset`` is a headline: short, most words capitalised."""
    start = body.rfind("\n", 0, offset) + 1
    end = body.find("\n", offset)
    words = [w for w in body[start : end if end >= 0 else len(body)].split() if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in words)
    return 0 < len(words) <= 20 and capitalised >= 0.7 * len(words)


def _acronym_definitions(body: str) -> dict[str, str]:
    """Acronyms defined in the text: "World Health Organization (WHO)" -> {"WHO": "World …"}."""
    out = {}
    for match in _ACRONYM.finditer(body):
        acronym = match.group(1)
        letters = "".join(c for c in acronym if c.isupper())
        words = body[max(0, match.start() - 300) : match.start()].split()
        # Walk back over the words before "(" until their capitals spell the acronym.
        taken: list[str] = []
        for word in reversed(words[-(len(letters) * 2 + 2) :]):
            word = word.strip(",;:\"'“”")
            if not word:
                break
            if word.lower() in _MINOR_WORDS and taken:
                taken.insert(0, word)
                continue
            if not word[:1].isupper():
                break
            taken.insert(0, word)
            if names.initials([w for w in taken if w.lower() not in _MINOR_WORDS]).upper() == letters:
                while taken and taken[0].lower() in _MINOR_WORDS:
                    taken.pop(0)
                out[acronym] = " ".join(taken)
                break
    return out


def _acronym_mentions(
    articles: Sequence[Article], docs: Sequence[Doc], mentions: list[_Mention], acronyms: dict[str, str]
) -> list[_Mention]:
    """Every use of a defined acronym (and its expansion) that spaCy did not tag, in any article."""
    if not acronyms:
        return []
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        covered[m.article].append((m.start, m.end))
    out = []
    for article, doc in zip(articles, docs, strict=True):
        for form in [*acronyms, *acronyms.values()]:
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", article.body):
                start, end = match.span()
                if any(s < end and start < e for s, e in covered[article.id]):
                    continue
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                covered[article.id].append((start, end))
                out.append(_Mention(article.id, start, end, form, "ORG", span.start, span.end, surface=form))
    return out


# --- 2. types ---------------------------------------------------------------------------------


def _key(surface: str) -> str:
    return " ".join(names.spelling_key(t) for t in names.name_tokens(surface))


def _titled(m: _Mention, bodies: dict[str, str]) -> bool:
    """The mention follows an honorific or a role ("Mr. X", "Gov. X", "Attorney General X")."""
    if names.strip_titles(m.surface)[1]:
        return True
    before = bodies.get(m.article, "")[max(0, m.start - 24) : m.start].split()
    return any(names.strip_titles(" ".join(before[-n:]) + " x")[0] == "x" for n in (1, 2) if before[-n:])


def _split_joined_people(mentions: list[_Mention], docs: dict[str, Doc]) -> list[_Mention]:
    """A name of something else that is two people's names joined by "and" or a lower-case word
    ("Trump and Mattis", "Manley put Reid": spaCy's ORG over a conjunction or a verb) is those two
    people, when each piece ends in the surname of a person the story names."""
    surnames = {
        key.split()[-1]
        for m in mentions
        if m.label == "PERSON" and (key := _key(names.strip_titles(m.surface)[0]))
    }
    out = []
    for m in mentions:
        pieces = _JOINED.split(m.surface) if m.label != "PERSON" else []
        keys = [_key(piece).split() for piece in pieces]
        fits = [bool(k) and k[-1] in surnames and p[:1].isupper() for k, p in zip(keys, pieces, strict=True)]
        if len(pieces) < 2 or not all(fits):
            out.append(m)
            continue
        doc = docs[m.article]
        text = text_of(doc)
        offset = m.start
        for piece in pieces:
            start = text.find(piece, offset, m.end + 1)
            span = doc.char_span(start, start + len(piece), alignment_mode="expand") if start >= 0 else None
            if span is None:
                continue
            offset = start + len(piece)
            out.append(
                _Mention(m.article, start, offset, piece, "PERSON", span.start, span.end, surface=piece)
            )
    return out


def _vote_types(mentions: list[_Mention], bodies: dict[str, str]) -> None:
    """Give every mention of one surface form its majority label (ties go to PERSON, then ORG)."""
    surnames: Counter[str] = Counter()
    # article -> surname -> the given names of the people the article names in full with it
    named_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        person = names.person_name(m.surface) if m.label == "PERSON" else None
        if person and person.given:
            surnames[names.spelling_key(person.surname)] += 1
            named_in[m.article][names.spelling_key(person.surname)].add(names.spelling_key(person.given[0]))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        key = _key(m.surface)
        # "Sheriff Robert Pickell said … Pickell said": a lone word the article itself gave one
        # person in full as surname is that person, however spaCy tagged it (often ORG); with two
        # bearers there ("Charlene Kafoury", "Charlie Kafoury") it may be a third, left as tagged
        lone_surname = " " not in key and len(named_in[m.article].get(key, ())) == 1
        votes[key]["PERSON" if lone_surname else m.label] += 1
    for key, count in surnames.items():
        if key in votes:
            votes[key]["PERSON"] += count
    # Only a person is "Mr. Christie" or "Gov. Christie": the surname of a person named in full,
    # written after a title, is a person, whatever spaCy tagged its other uses.
    for m in mentions:
        key = _key(m.surface)
        if key in surnames and " " not in key and _titled(m, bodies):
            votes[key]["PERSON"] += sum(votes[key].values())
    # A two-word name ending in the surname the story gives a person after a title ("Aitan
    # Goelman" tagged ORG beside "Mr. Goelman") is that person's full name.
    bare = [(m, _key(names.strip_titles(m.surface)[0])) for m in mentions if m.label == "PERSON"]
    titled = {key for m, key in bare if key and " " not in key and _titled(m, bodies)}
    for m in mentions:
        key = _key(m.surface)
        words = m.surface.split()
        if (
            len(words) == 2
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and len(parts := key.split()) > 1
            and parts[-1] in titled
        ):
            votes[key]["PERSON"] += sum(votes[key].values())
    preference = {"PERSON": 2, "ORG": 1}
    for m in mentions:
        counter = votes[_key(m.surface)]
        m.label = max(counter, key=lambda label: (counter[label], preference.get(label, 0)))


# --- 3. people --------------------------------------------------------------------------------


def _cluster_people(mentions: list[_Mention], min_ratio: float, bodies: dict[str, str]) -> list[_Cluster]:
    """Persons by name: full names first (most parts first), then surnames alone."""
    forms: dict[names.PersonName, list[_Mention]] = defaultdict(list)
    for m in mentions:
        person = names.person_name(m.surface)
        if person:
            forms[person].append(m)
    full = sorted((p for p in forms if p.given), key=lambda p: (-len(p.tokens), -len(forms[p])))
    groups: list[tuple[list[names.PersonName], _Cluster]] = []
    # A group can take a name only if every member's surname may be its surname (``compatible``
    # requires it): the groups are searched through an index of their surnames, in their order.
    surnames = names.PartIndex()
    for person in full:
        for k in sorted(surnames.near(person.surname, min_ratio)):
            members, cluster = groups[k]
            reasons = [names.compatible(person, other, min_ratio) for other in members]
            if all(reasons):
                cluster.reasons.append(
                    f"{_shown(forms[person])} ~ {_shown(forms[members[0]])}: same name ({reasons[0]})"
                )
                members.append(person)
                cluster.mentions.extend(forms[person])
                surnames.add(person.surname, k)
                break
        else:
            surnames.add(person.surname, len(groups))
            groups.append(([person], _Cluster(list(forms[person]), "PERSON")))
    given = names.PartIndex()
    for k, (members, _) in enumerate(groups):
        for other in members:
            given.add(other.given[0], k)
    clusters = [cluster for _, cluster in groups]
    # Full-name mentions per person, before any surname joins: who dominates a shared surname.
    named = [len(c.mentions) for c in clusters]
    for person, found in forms.items():
        if person.given:
            continue
        fits = [
            i
            for i in sorted(surnames.near(person.surname, min_ratio))
            if any(names.compatible(person, other, min_ratio) for other in groups[i][0])
        ]
        bearers = _Bearers(fits, clusters, named, found, bodies) if fits else None
        if not fits:
            # A first name alone ("Lindsay") when it is nobody's surname.
            fits = [
                i
                for i in sorted(given.near(person.surname, min_ratio))
                if any(names.same_part(person.surname, other.given[0], min_ratio) for other in groups[i][0])
            ]
        alone: _Cluster | None = None
        for m in found:
            if bearers is not None:
                target, why = bearers.pick(m)
            else:
                target, why = _pick(fits, m.article, clusters), ""
            if target is None:
                if alone is None:
                    alone = _Cluster([], "PERSON")
                    clusters.append(alone)
                alone.mentions.append(m)
                continue
            cluster = clusters[target]
            reason = f"{m.surface!r} is part of the name of {_shown(cluster.mentions)}" + why
            if reason not in cluster.reasons:
                cluster.reasons.append(reason)
            cluster.mentions.append(m)
    return clusters


class _Bearers:
    """Which of several people sharing a surname a surname-only mention ("Trump", "Mrs. Trump") means.

    In order: the bearer named in full by the last mention of that surname before it in the same
    paragraph ("Melania Trump arrived. Trump said"); else the dominant bearer, named in full at least
    twice as often as any other, unless the mention's honorific is not the one the story uses for
    the dominant bearer ("Mrs. Trump" where "Mr. Trump" is the usual form): then the one other
    bearer; else the one bearer named in the same article; else nobody.
    """

    def __init__(
        self,
        fits: list[int],
        clusters: list[_Cluster],
        named: list[int],
        found: list[_Mention],
        bodies: dict[str, str],
    ) -> None:
        self.fits, self.clusters, self.bodies = fits, clusters, bodies
        ranked = sorted(fits, key=lambda i: -named[i])
        runner_up = named[ranked[1]] if len(ranked) > 1 else 0
        self.dominant = ranked[0] if named[ranked[0]] >= 2 * runner_up else None
        self.share = f"{named[ranked[0]]} of {sum(named[i] for i in fits)} full-name mentions"
        # Every mention of the surname in each article, in text order: (start, end, bearer or None).
        self.order: dict[str, list[tuple[int, int, int | None]]] = defaultdict(list)
        for i in fits:
            for m in clusters[i].mentions:
                self.order[m.article].append((m.start, m.end, i))
        for m in found:
            self.order[m.article].append((m.start, m.end, None))
        for spans in self.order.values():
            spans.sort()
        addressed = Counter(a for a in map(self._address, found) if a)
        self.usual = addressed.most_common(1)[0][0] if addressed else None

    def _address(self, m: _Mention) -> str | None:
        _, found = names.strip_titles(m.surface)
        before = self.bodies.get(m.article, "")[max(0, m.start - 8) : m.start].split()
        for word in [*found, *before[-1:]]:
            if names.address(word):
                return names.address(word)
        return None

    def _named_before(self, m: _Mention) -> int | None:
        """The bearer the last earlier mention of the surname in the paragraph names in full."""
        spans = self.order[m.article]
        k = bisect_right(spans, (m.start, -1, -1)) - 1
        if k < 0 or spans[k][2] is None:
            return None
        between = self.bodies.get(m.article, "")[spans[k][1] : m.start]
        return spans[k][2] if "\n" not in between else None

    def pick(self, m: _Mention) -> tuple[int | None, str]:
        """The bearer and why (appended to the merge reason), or None when nothing decides."""
        if len(self.fits) == 1:
            return self.fits[0], ""
        shown = _shown
        near = self._named_before(m)
        if near is not None:
            return near, f" (named just before: {shown(self.clusters[near].mentions)})"
        address = self._address(m)
        if self.dominant is not None:
            if address is None or self.usual is None or address == self.usual:
                return self.dominant, f" (the surname's dominant bearer: {self.share})"
            others = [i for i in self.fits if i != self.dominant]
            if len(others) == 1:
                return others[0], f" ({m.surface!r} is not addressed as the dominant bearer is)"
            return None, ""
        return _pick(self.fits, m.article, self.clusters), ""


def _pick(candidates: list[int], article: str, clusters: list[_Cluster]) -> int | None:
    """The one candidate person, else the one named in the same article, else nobody."""
    if len(candidates) == 1:
        return candidates[0]
    local = [i for i in candidates if any(m.article == article for m in clusters[i].mentions)]
    return local[0] if len(local) == 1 else None


def _shown(mentions: Sequence[_Mention]) -> str:
    return repr(max((m.surface for m in mentions), key=len))


# --- 4. other names ---------------------------------------------------------------------------


def _cluster_names(mentions: list[_Mention], acronyms: dict[str, str], min_ratio: float) -> list[_Cluster]:
    """Organisations, places and groups: equal spelling keys, near-equal strings, acronyms."""
    by_key: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_key[(m.label, _key(m.surface))].append(m)
    clusters: list[_Cluster] = []
    index: dict[str, int] = {}  # spelling key -> cluster, across labels of a merged cluster
    representatives: dict[str, list[str]] = defaultdict(list)  # label -> first surface of each cluster
    representative_cluster: dict[tuple[str, str], int] = {}
    for (label, key), found in sorted(by_key.items(), key=lambda kv: -len(kv[1])):
        target = index.get(key)
        reason = ""
        if target is None and representatives[label]:
            # The closest name of the same type, searched in C by rapidfuzz (stories can be large).
            best = process.extractOne(
                found[0].surface,
                representatives[label],
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=min_ratio,
            )
            if best is not None:
                other = best[0]
                target = representative_cluster[(label, other)]
                reason = f"{found[0].surface!r} ~ {other!r}: string similarity"
        surfaces = sorted({m.surface for m in found})
        if len(surfaces) > 1:
            reason = reason or f"{' = '.join(map(repr, surfaces))}: same spelling up to case and letters"
        if target is None:
            index[key] = len(clusters)
            representatives[label].append(found[0].surface)
            representative_cluster[(label, found[0].surface)] = len(clusters)
            clusters.append(_Cluster(list(found), label, [reason] if reason else []))
            continue
        index[key] = target
        clusters[target].mentions.extend(found)
        if reason:
            clusters[target].reasons.append(reason)
    return _merge_qualified(_merge_long_forms(_merge_acronyms(clusters, acronyms)))


def _merge_qualified(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join "French Foreign Legion" to "Foreign Legion": an organisation prefixed by another known name."""
    keys: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        for m in cluster.mentions:
            keys.setdefault(_key(m.surface), i)
    merged: dict[int, int] = {}
    for i, cluster in enumerate(clusters):
        if cluster.label != "ORG":
            continue
        for m in cluster.mentions:
            words = m.surface.split()
            for n in range(1, len(words) - 1):
                head, rest = _key(" ".join(words[:n])), _key(" ".join(words[n:]))
                target = keys.get(rest)
                if head in keys and keys[head] != i and target is not None and target != i:
                    while target in merged:
                        target = merged[target]
                    if target != i and clusters[target].label == "ORG":
                        merged[i] = target
                        cluster.qualified.add(m.surface)
                        clusters[target].reasons.append(
                            f"{m.surface!r} is {' '.join(words[n:])!r} qualified by {' '.join(words[:n])!r}"
                        )
                    break
            if i in merged:
                break
    for i, target in merged.items():
        while target in merged:
            target = merged[target]
        clusters[target].mentions.extend(clusters[i].mentions)
        clusters[target].reasons.extend(clusters[i].reasons)
        clusters[target].qualified |= clusters[i].qualified
    return [c for i, c in enumerate(clusters) if i not in merged]


def _merge_long_forms(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join a place's formal name to its short name: "Republic of Korea" -> "Korea"."""
    keys: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        if cluster.label == "GPE":
            for m in cluster.mentions:
                keys.setdefault(_key(m.surface), i)
    merged: set[int] = set()
    for i, cluster in enumerate(clusters):
        if cluster.label != "GPE":
            continue
        surface = max((m.surface for m in cluster.mentions), key=len)
        head, sep, tail = surface.rpartition(" of ")
        target = keys.get(_key(tail)) if sep and all(w[:1].isupper() for w in head.split()) else None
        if target is None or target == i or target in merged:
            continue
        clusters[target].mentions.extend(cluster.mentions)
        clusters[target].reasons.append(f"{surface!r} is the formal name of {tail!r}")
        merged.add(i)
    return [c for i, c in enumerate(clusters) if i not in merged]


def _merge_acronyms(clusters: list[_Cluster], acronyms: dict[str, str]) -> list[_Cluster]:
    """Join an acronym to its expansion: defined in some article, or spelled by its initials."""
    spellers: dict[str, set[int]] = defaultdict(set)
    for i, cluster in enumerate(clusters):
        for m in cluster.mentions:
            words = names.clean_surface(m.surface).split()
            letters = names.initials([w for w in words if w.lower() not in _MINOR_WORDS])
            if len(words) > 1 and len(letters) >= 2:
                spellers[letters].add(i)
    # Initials that two names spell are ambiguous; two letters need a name used in several
    # articles ("United States"), not a one-off ("Deuel County" for "D.C.").
    expansions = {
        letters: next(iter(found))
        for letters, found in spellers.items()
        if len(found) == 1
        and (len(letters) > 2 or len({m.article for m in clusters[next(iter(found))].mentions}) > 1)
    }
    merged_into: dict[int, int] = {}
    for i, cluster in enumerate(clusters):
        short = cluster.mentions[0].surface.replace(".", "")
        if not (short.isupper() and 2 <= len(short) <= 8):
            continue
        target = None
        defined = acronyms.get(short)
        if defined:
            target = next(
                (
                    j
                    for j, c in enumerate(clusters)
                    if j != i and any(m.surface == defined for m in c.mentions)
                ),
                None,
            )
            reason = f"acronym {short!r} defined as {defined!r}"
        if target is None and short in expansions and expansions[short] != i:
            target = expansions[short]
            spelled = _shown(clusters[target].mentions)
            reason = f"acronym {cluster.mentions[0].surface!r} spells the initials of {spelled}"
        if target is None:
            continue
        while target in merged_into:
            target = merged_into[target]
        if target == i:
            continue
        clusters[target].mentions.extend(cluster.mentions)
        clusters[target].reasons.extend([reason, *cluster.reasons])
        merged_into[i] = target
    return [c for i, c in enumerate(clusters) if i not in merged_into]


# --- 5. roles ---------------------------------------------------------------------------------


def _roles(article: str, doc: Doc, mentions: list[_Mention]) -> tuple[list[_Mention], list[_Binding]]:
    """Role phrases of one article: bound to a named person, or standing for one."""
    forms = names.roles()
    longest = max(len(f.split()) for f in forms)
    first_words = {f.split()[0] for f in forms}
    lowered = [t.lower_.rstrip(".") for t in doc]
    starting = {m.token_start: m for m in mentions}
    ending = {m.token_end: m for m in mentions}
    inside = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    role_mentions: list[_Mention] = []
    bindings: list[_Binding] = []
    i = 0
    while i < len(doc):
        match = None
        for n in range(min(longest, len(doc) - i), 0, -1) if lowered[i] in first_words else ():
            phrase = " ".join(lowered[i : i + n])
            if phrase in forms and not any("\n" in t.text for t in doc[i : i + n]):
                match = (n, forms[phrase])
                break
        if match is None:
            i += 1
            continue
        n, role = match
        start, end = i, i + n
        i = end
        # "Deputy Attorney General", "former president", "the second black senator": another
        # office, or another holder, than the bare role.
        j = start
        while j > 0 and start - j < 3 and (lowered[j - 1] in _ROLE_MODIFIERS or doc[j - 1].tag_ == "JJ"):
            j -= 1
            if lowered[j] in _ROLE_MODIFIERS:
                role = f"{lowered[j]} {role}"
                start = j
        if doc[end - 1].tag_ in {"NNS", "NNPS"}:
            continue
        qualifier, first = _qualifier_before(doc, start, ending)
        after = end
        if qualifier is None and end + 1 < len(doc) and doc[end].lower_ == "of":
            found = starting.get(end + 1) or starting.get(end + 2)
            if found and found.label in _QUALIFIER_LABELS:
                qualifier, after = found, found.token_end
        host = inside.get(start)
        person = host if host and host.label == "PERSON" else _person_after(doc, after, starting)
        if person is None:
            person = _person_before(doc, first, after, ending)
        country = qualifier if qualifier and qualifier.label in _COUNTRY_LABELS else None
        if person is not None:
            left, right = min(first, person.token_start), max(after, person.token_end)
            bindings.append(_Binding(article, role, country, person, doc[left:right].text))
            continue
        if start in inside:
            continue
        definite = first < start or doc[start].is_title or doc[start].is_upper
        if not definite:
            continue
        span = doc[first:after]
        role_mentions.append(
            _Mention(
                article,
                span.start_char,
                span.end_char,
                span.text,
                "ROLE",
                first,
                after,
                surface=span.text,
                role=role,
                qualifier=country,
            )
        )
    return role_mentions, bindings


def _qualifier_before(doc: Doc, start: int, ending: dict[int, _Mention]) -> tuple[_Mention | None, int]:
    """The country or body before a role ("Italy's", "Italian") and where the role phrase begins."""
    j = start
    while j > 0 and doc[j - 1].tag_ in _ROLE_MODIFIER_TAGS and doc[j - 1].is_lower and start - j < 3:
        j -= 1
    if j > 1 and doc[j - 1].lower_ in {"'s", "’s"} and j - 1 in ending:
        found = ending[j - 1]
        return found, found.token_start
    if j in ending and ending[j].label in _QUALIFIER_LABELS:
        found = ending[j]
        first = found.token_start
        if first > 0 and doc[first - 1].lower_ == "the":
            first -= 1
        return found, first
    if j > 0 and doc[j - 1].lower_ in {"the", "this", "that"}:
        return None, j - 1
    return None, start


def _person_after(doc: Doc, i: int, starting: dict[int, _Mention]) -> _Mention | None:
    """A name right after a role, past honorifics: "President X", "Prime Minister of Italy, Mr. X".

    After a comma the name must close the apposition ("…, Mr. X, arrived"), so that "before
    meeting the president, X flew home" binds nothing.
    """
    comma = False
    steps = 0
    while i < len(doc) and steps < 6:
        if i in starting:
            found = starting[i]
            return found if not comma or _closes(doc, found.token_end) else None
        word = doc[i].lower_.rstrip(".")
        if doc[i].text == ",":
            comma = True
        elif not doc[i].is_space and doc[i].text != "." and word not in names.honorifics():
            return None
        i += 1
        steps += 1
    return None


def _person_before(doc: Doc, first: int, after: int, ending: dict[int, _Mention]) -> _Mention | None:
    """A name followed by a comma and the role, closing there: "Emmanuel Macron, France's president, …"."""
    if first > 1 and doc[first - 1].text == "," and first - 1 in ending and _closes(doc, after):
        return ending[first - 1]
    return None


def _closes(doc: Doc, i: int) -> bool:
    """True at the end of an apposition: punctuation, a line break or the end of the text."""
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    return i >= len(doc) or doc[i].is_punct or "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_


def _resolve_roles(roles: list[_Mention], bindings: list[_Binding], clusters: list[_Cluster]) -> None:
    """Add each role mention to the one person it can only mean, in its article or else the story."""

    def country(m: _Mention | None) -> str | None:
        if m is None:
            return None
        surfaces = Counter(x.surface for x in clusters[m.cluster].mentions) if m.cluster >= 0 else None
        return names.country_key(surfaces.most_common(1)[0][0] if surfaces else m.surface)

    held = [
        (b.article, b.role, country(b.qualifier), b.person.cluster)
        for b in bindings
        if b.person.cluster >= 0 and clusters[b.person.cluster].label == "PERSON"
    ]
    evidence: dict[tuple[str | None, str, int], str] = {}
    for b in bindings:
        evidence.setdefault((b.article, b.role, b.person.cluster), b.evidence)
        evidence.setdefault((None, b.role, b.person.cluster), b.evidence)
    for m in roles:
        wanted = country(m.qualifier)
        target = None
        ambiguous = False
        # Same article before the story; a role with a country binds only within that country,
        # one without binds to any holder.
        for scope in (m.article, None):
            for strict in (True, False):
                holders = {
                    person
                    for article, role, where, person in held
                    if role == m.role
                    and (scope is None or article == scope)
                    and (_same_country(where, wanted) if strict else wanted is None)
                }
                if len(holders) == 1:
                    target = holders.pop()
                ambiguous = len(holders) > 1
                if target is not None or ambiguous:
                    break
            if target is not None or ambiguous:
                break
        if target is None:
            continue
        cluster = clusters[target]
        cluster.mentions.append(m)
        role = m.role or ""
        bound_by = evidence.get((m.article, role, target)) or evidence.get((None, role, target), "")
        reason = f"role {m.surface!r} held only by {_shown([x for x in cluster.mentions if not x.is_role])}"
        reason += f" (apposition: {bound_by!r})" if bound_by else ""
        if reason not in cluster.reasons:
            cluster.reasons.append(reason)


def _same_country(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= 4 and longer.startswith(shorter))


# --- 6. names spaCy missed --------------------------------------------------------------------


def _propagate(articles: Sequence[Article], docs: Sequence[Doc], clusters: list[_Cluster]) -> None:
    """Tag later uses of a person's or organisation's name that spaCy left untagged ("Modi said").

    Only names that belong to one entity in the story are used; a person's surname counts when no
    other person in the story shares it.
    """
    owners: dict[str, set[int]] = defaultdict(set)
    for i, cluster in enumerate(clusters):
        if cluster.label not in {"PERSON", "ORG"}:
            continue
        for m in cluster.mentions:
            if m.is_role:
                continue
            owners[m.surface].add(i)
            if cluster.label == "PERSON":
                bare = names.strip_titles(m.surface)[0].split()
                if len(bare) > 1:
                    owners[bare[-1]].add(i)
                    owners[re.sub(r"^(?:al|el)[-‐‑]", "", bare[-1], flags=re.I)].add(i)
    # A one-word name that the story also uses as a plain word ("People", "Force") is not
    # searched for: its capitalised uses at a sentence start would be taken for the name.
    plain = {w for a in articles for w in re.findall(r"\b[a-z][\w-]*", a.body)}
    forms = sorted(
        (
            f
            for f, o in owners.items()
            if len(o) == 1
            and len(f) >= 3
            and any(c.isupper() for c in f)
            and (" " in f or f.lower() not in plain)
        ),
        key=len,
        reverse=True,
    )
    if not forms:
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for cluster in clusters:
        for m in cluster.mentions:
            covered[m.article].append((m.start, m.end))
    for article, doc in zip(articles, docs, strict=True):
        for match in pattern.finditer(article.body):
            start, end = match.span()
            if any(s < end and start < e for s, e in covered[article.id]):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            target = next(iter(owners[match.group()]))
            cluster = clusters[target]
            cluster.mentions.append(
                _Mention(
                    article.id,
                    start,
                    end,
                    match.group(),
                    cluster.label,
                    span.start,
                    span.end,
                    surface=match.group(),
                )
            )
            covered[article.id].append((start, end))
            reason = f"{match.group()!r} found untagged: a name only {_shown(cluster.mentions)} uses"
            if reason not in cluster.reasons:
                cluster.reasons.append(reason)


# --- output -----------------------------------------------------------------------------------


def _entities(clusters: list[_Cluster], articles: Sequence[Article]) -> list[Entity]:
    order = {a.id: i for i, a in enumerate(articles)}
    starts = {a.id: [s.start for s in a.sentences] for a in articles}
    ids = {a.id: [s.id for s in a.sentences] for a in articles}

    def sentence(m: _Mention) -> str | None:
        k = bisect_right(starts[m.article], m.start) - 1
        return ids[m.article][k] if k >= 0 else None

    built = []
    for cluster in clusters:
        named = [m for m in cluster.mentions if not m.is_role]
        if not named:
            continue
        mentions = sorted(cluster.mentions, key=lambda m: (order[m.article], m.start))
        built.append((len(mentions), order[mentions[0].article], mentions[0].start, cluster, mentions, named))
    built.sort(key=lambda b: (-b[0], b[1], b[2]))
    out = []
    for k, (_, _, _, cluster, mentions, named) in enumerate(built, 1):
        out.append(
            Entity(
                id=f"e{k}",
                name=_canonical(
                    [m for m in named if m.surface not in cluster.qualified] or named, cluster.label
                ),
                type=cluster.label,
                aliases=list(dict.fromkeys(m.surface for m in mentions)),
                mentions=[
                    Mention(article=m.article, sentence=sentence(m), text=m.text, start=m.start, end=m.end)
                    for m in mentions
                ],
                articles=sorted({m.article for m in mentions}, key=order.__getitem__),
                merge_reasons=cluster.reasons,
            )
        )
    return out


def _canonical(mentions: list[_Mention], label: str) -> str:
    """The fullest form: most name parts once titles are stripped, then the most frequent."""
    counts = Counter(m.surface for m in mentions)

    def bare(surface: str) -> str:
        return names.strip_titles(surface)[0] if label == "PERSON" else surface

    def size(form: str) -> int:
        # A place goes by its most used name ("Korea", not "Republic of Korea").
        if label in {"GPE", "NORP", "LOC"}:
            return 0
        return len(names.name_tokens(form)) if label == "PERSON" else len(form.split())

    forms = {bare(s): 0 for s in counts}
    for surface, count in counts.items():
        forms[bare(surface)] += count
    return max(forms, key=lambda f: (size(f), forms[f], len(f)))
