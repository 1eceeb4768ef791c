"""Speakers resolved within one article: pronouns, role nouns and surnames to the fullest name.

spaCy has no coreference model that runs offline, so resolution uses what the article itself
says: PERSON entities (NER), the titles and role nouns written before a name ("Iranian supreme
leader Ayatollah X", "Prime Minister Y") or in apposition to it ("X, Iran's president"), and
the order of mentions.

- "he"/"she" takes, among the people of its own and the previous sentence who agree with it, the
  previous speaker, else the subject, else the one person named; two at that rank leave it
  unresolved (never a guess); with nobody that close, the last speaker or subject who agrees.
  Agreement comes from gendered titles and role nouns ("Mrs.", "the congresswoman"), given names
  only one gender bears in Faker's per-locale lists (MIT), and "X said she …" / "X … himself".
- a role noun ("the governor", "the four-term congressman", "the spokesperson for X") takes the
  most recent person the article gave that role (title, apposition, "who is the aide to …", or a
  synonym or abbreviation from ``data/titles.json``; not a possessor's role: "Y, the president's
  adviser" is no president); a role held before ("then-President X") only answers "the former
  president"; a plural ("Police said", "officials said") is a group and takes nobody.
- a document ("the statement said") speaks for whoever the text says issued it.
- a surname takes the longest name ending with it; an entity of punctuation names nobody.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parallax.annotate.nlp import sentences, text_of
from parallax.names import first_name_genders, name_key, title_lexicon

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
# where a pronoun in a person's own clause stands for that person: "X said he …", "X defended
# himself" (not a possessive: "X praised her work" is often another woman's)
_SELF_DEPS = {"ccomp": {"nsubj", "nsubjpass"}}
_REFLEXIVE = {"himself", "herself"}
# the range of Latin letters (with accents) a given name in Faker's lists is read from
# a role someone held before ("then-President X", "former governor Y") is not the role the article
# means by "the president" now
_PAST = {"former", "ex", "then", "onetime", "late"}
# "Y, who is the aide to Z", "Y, who serves as the party's chairman": the role in a relative clause
_BEING = {"be", "serve", "work", "act"}
# "the spokesperson for X", "the head of X": what the role noun is a role of
_ROLE_OF = {"for", "of", "at", "with"}
_ISSUED_BY = {"from", "by"}
# "a statement", "another letter": a document of its own, not the one named before
_NEW = {"a", "an", "another"}
_GROUP_PRONOUNS = {"they", "it", "its", "their", "them"}
_FORMER_LATTER = {"latter": 0, "former": 1}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# clauses below another verb: "X defended what he called", "the plan, which he called"
_EMBEDDED = {"ccomp", "relcl"}
_GROUPS = {"ORG", "GPE", "NORP"}


_PLURAL_TAGS = {"NNS", "NNPS"}
_WE_THEY = {"they", "them", "we"}


def spoken_by_group(doc: Doc, start: int | None, end: int | None) -> bool:
    """The speaker words at ``start:end`` of ``doc`` are headed by a plural or "they"/"we" ("Police
    said", "Two officials said", "residents of the village of X complained"): a group speaks, never
    one person named inside the phrase or elsewhere. A singular ("the governor said") may be one."""
    if start is None or end is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    return span.root.tag_ in _PLURAL_TAGS or span.root.lower_ in _WE_THEY


def _reported(token: Token) -> bool:
    """The token sits in a clause another clause reports ("Y suggested X might want to …"): X's
    own attribution there is not the paragraph's speaker."""
    return any(t.dep_ in {"ccomp", "xcomp"} for t in token.ancestors)


def _possessor(token: Token, person: Token) -> bool:
    """The token names, or stands inside, a possessor below the person's name ("the president's"
    in "Y, the president's adviser"): another person's role, not the described one's."""
    for t in [token, *token.ancestors]:
        if t.i == person.i:
            return False
        if t.dep_ == "poss":
            return True
    return False


def _mod_key(token: Token) -> str:
    """Place words compared by stem, so "Iraq's" matches "Iraqi"."""
    return token.lower_[:4]


@dataclass
class _Person:
    position: int
    name: str
    roles: frozenset[str]
    places: frozenset[str]
    subject: bool
    genders: frozenset[str] = frozenset()


class SpeakerResolver:
    """Resolve speaker phrases of one parsed article, in reading order."""

    def __init__(self, doc: Doc, quoted: list[bool] | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.ents = list(doc.ents)
        self.lexicon = title_lexicon()
        self.quoted = quoted or [False] * len(doc)
        self.fullest: dict[str, str] = {}
        # a PERSON the tagger made of punctuation or spaces ("―\u00a0" before a credit) names nobody
        people = [e for e in self.ents if e.label_ == "PERSON" and name_key(self._name(e))]
        # a full name the tagger called ORG ("Aitan Goelman, Mr. Strzok's lawyer") whose surname
        # the article gives a person ("Mr. Goelman said") is that person
        surnames = {name_key(self._name(e).split()[-1]) for e in people}
        people += [
            e
            for e in self.ents
            if e.label_ == "ORG"
            and len(e) == 2
            and all(t.pos_ == "PROPN" and t.is_title for t in e)
            and name_key(e[-1].text) in surnames
        ]
        people.sort(key=lambda e: e.start)
        for ent in people:
            name = self._name(ent)
            key = name_key(name.split()[-1])
            if key and len(name.split()) > len(self.fullest.get(key, "").split()):
                self.fullest[key] = name
        self.people = [self._person(ent) for ent in people if not self.quoted[ent.root.i]]
        evidence: dict[str, set[str]] = {}
        for person in self.people:
            evidence.setdefault(person.name, set()).update(person.genders)
        # conflicting evidence says nothing
        self.gender = {name: next(iter(g)) for name, g in evidence.items() if len(g) == 1}
        self.sentence_starts = [sent.start_char for sent in sentences(doc)]
        self.resolved: dict[int, str | None] = {}
        self.groups = [
            (e.start_char, e.text)
            for e in self.ents
            if e.label_ in _GROUPS and e.root.dep_ in _SUBJECT_DEPS and not self.quoted[e.root.i]
        ]
        # (position, name, is a person, spoke as a subject: "X said", not "X's criticism of …")
        self.said: list[tuple[int, str, bool, bool]] = []

    def _name(self, ent: Span) -> str:
        """The entity's words without punctuation, spaces, a possessive or leading honorifics."""
        tokens = list(ent)
        if len(tokens) > 1 and tokens[0].tag_ == "VBG":
            tokens.pop(0)  # a gerund opening the sentence: "Joining Cooley at the news conference was …"
        words = [
            t.text for t in tokens if not ((t.is_punct and t.text != "-") or t.is_space or not t.text.strip())
        ]
        if words and words[-1].lower() in {"'s", "’s"}:
            words.pop()
        while len(words) > 1 and words[0].lower().rstrip(".") in self.lexicon.honorifics:
            words.pop(0)
        return " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")

    def _full(self, name: str) -> str:
        return self.fullest.get(name_key(name.split()[-1]), name) if name.split() else name

    def _person(self, ent: Span) -> _Person:
        root = ent.root
        described = [t for t in root.subtree if t.i < ent.start]
        described += [t for t in ent if t.lower_.rstrip(".") in self.lexicon.honorifics]
        # "then-President X": the parser hangs "then" on the verb, outside the name's subtree
        first = min([t.i for t in described] + [ent.start])
        before = [t for t in self.doc[max(0, first - 2) : first] if t.text != "-"]
        if before and before[-1].lower_ in _PAST:
            described.append(before[-1])
        places = {_mod_key(t) for t in described if t.ent_type_ in _GROUPS}
        for noun in (
            [c for c in root.children if c.dep_ == "appos"]
            + ([root.head] if root.dep_ in {"appos", "conj"} else [])
            + self._relative_roles(root)
        ):
            if noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.lower_ in self.lexicon.honorifics):
                described += [t for t in noun.subtree if t.i <= noun.i]
                places |= {_mod_key(t) for t in noun.subtree if t.ent_type_ in _GROUPS}
        return _Person(
            position=ent.start_char,
            name=self._full(self._name(ent)),
            # "Y, the president's second secretary of state": the possessor's role is not Y's
            roles=self._roles([t for t in described if not _possessor(t, root)]),
            places=frozenset(places),
            subject=root.dep_ in _SUBJECT_DEPS or (root.dep_ == "conj" and root.head.dep_ in _SUBJECT_DEPS),
            genders=self._genders(ent, described),
        )

    @staticmethod
    def _relative_roles(root: Token) -> list[Token]:
        """The nouns a relative clause on a name says the person is ("X, who is the aide to Y")."""
        nouns = []
        for clause in (c for c in root.children if c.dep_ == "relcl" and c.lemma_ in _BEING):
            nouns += [c for c in clause.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "as"):
                nouns += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
        return nouns

    def _genders(self, ent: Span, described: list[Token]) -> frozenset[str]:
        """What one mention says of the person's gender: a gendered title or role ("Mrs.", "the
        congresswoman"), a given name only one gender bears, a pronoun in the person's own clause."""
        found: set[str] = set()
        words = {t.lower_.rstrip(".") for t in described} | {t.lemma_.lower() for t in described}
        if ent.start > 0:
            words.add(self.doc[ent.start - 1].lower_.rstrip("."))
        if words & self.lexicon.male:
            found.add("m")
        if words & self.lexicon.female:
            found.add("f")
        name = self._name(ent).split()
        if len(name) > 1 and name[0].lower() in first_name_genders():
            found.add(first_name_genders()[name[0].lower()])
        root = ent.root
        others = [e for e in ent.sent.ents if e.label_ == "PERSON" and e != ent and name_key(self._name(e))]
        if root.dep_ in _SUBJECT_DEPS and not others:
            for token in root.head.subtree:
                reflexive = token.lower_ in _REFLEXIVE and token.head == root.head
                clause = token.dep_ in _SELF_DEPS.get(token.head.dep_, ()) and token.head.head == root.head
                if (reflexive or clause) and token.lower_ in _PRONOUN_GENDER and not self.quoted[token.i]:
                    found.add(_PRONOUN_GENDER[token.lower_])
        return frozenset(found)

    def _roles(self, tokens: list[Token]) -> frozenset[str]:
        """Role words and adjacent pairs; a role after "former"/"then-" is kept only as "former X"."""
        words: list[str] = []
        past = False
        for token in sorted(tokens, key=lambda t: t.i):
            bare = token.lower_.rstrip(".")
            if bare in _PAST or bare.split("-")[0] in _PAST:
                past = True
            if token.pos_ == "NOUN" or (bare in self.lexicon.honorifics and bare not in _PAST):
                words.append(token.lemma_.lower() if token.pos_ == "NOUN" else bare)
        roles = {f"{a} {b}" for a, b in itertools.pairwise(words)}
        if past:
            return frozenset(roles | {f"former {w}" for w in words})
        return frozenset(roles | set(words))

    def resolve(self, token: Token | None, span: tuple[int, int] | None, position: int) -> str | None:
        """The fullest name for the speaker whose head is ``token`` (``span``: its words), or None."""
        if token is None:
            return None
        conjuncts = [token, *(c for c in token.children if c.dep_ == "conj")]
        if len(conjuncts) > 1 and all(c.pos_ == "PROPN" for c in conjuncts):
            # "X and Y said": both, each by the fullest name
            names = [self._resolve(c, None, position)[0] or c.text for c in conjuncts]
            return " and ".join(dict.fromkeys(names))
        if token.i in self.resolved:
            # a continuation quote names its speaker with the previous quote's words: the same person
            return self.resolved[token.i]
        name, person = self._resolve(token, span, position)
        self.resolved[token.i] = name
        if name is not None:
            self.said.append((token.idx, name, person, token.dep_ != "poss" and not _reported(token)))
        return name

    def _resolve(self, token: Token, span: tuple[int, int] | None, position: int) -> tuple[str | None, bool]:
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in _PERSON_PRONOUNS:
                bound = self._bound(token)
                if bound is not None:
                    return bound, True
                return self._pronoun(lower, position, self._topic_before(token)), True
            if lower in _GROUP_PRONOUNS:
                return self._latest_group(position), False
            return None, False
        if lower in _FORMER_LATTER:
            return self._former_latter(lower, position), True
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.lexicon.documents:
            issuer, is_person = self._document(token)
            if issuer is not None:
                return issuer, is_person
        plural = token.tag_ in {"NNS", "NNPS"}
        if (token.pos_ == "NOUN" or token.lower_ in self.lexicon.honorifics) and not plural:
            # "the ayatollah", "Leader of the Revolution": the person last named with that role;
            # a plural ("Police said", "officials said") is a group, never the one person named
            # "police Lt. X" or "a provincial official, Y" before
            person = self._by_role(token, position)
            if person is not None:
                return person, True
        ent = next((e for e in self.ents if e.start <= token.i < e.end and name_key(self._name(e))), None)
        if ent is not None and (ent.label_ == "PERSON" or name_key(ent[-1].text) in self.fullest):
            # the tagger may call a lone surname ORG; the article named that person in full before
            return self._full(self._name(ent)), True
        if ent is not None:
            text = ent.text
            return (text[4:] if text.lower().startswith("the ") else text), False
        if token.pos_ == "PROPN":
            words = [c.text for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token.text]
            return self._full(" ".join(words)), True
        text = self.text[span[0] : span[1]] if span else token.text
        return text, False

    def _document(self, token: Token) -> tuple[str | None, bool]:
        """ "The statement said": whoever the text says issued it, here or where it was introduced
        (back over "the statement" to the last "a statement"); unresolved when the text names nobody."""
        lemma = token.lemma_.lower()
        for mention in [token, *(t for t in reversed(self.doc[: token.i]) if t.lemma_.lower() == lemma)]:
            issuer = self._issuer(mention)
            if issuer is not None and issuer.lemma_.lower() not in self.lexicon.documents:
                return self._resolve(issuer, None, issuer.idx)
            if mention is not token and any(c.dep_ == "det" and c.lower_ in _NEW for c in mention.children):
                break
        return None, False

    def _issuer(self, document: Token) -> Token | None:
        """Who issued a document: "X's statement", "a statement from X", "a letter signed by X",
        "X issued a statement", "in a statement, X said"."""
        for child in document.children:
            if child.dep_ == "poss":
                return child
            objects = [child] if child.dep_ == "prep" and child.lower_ in _ISSUED_BY else []
            if child.dep_ == "acl":
                objects = [c for c in child.children if c.dep_ == "agent"]
            for prep in objects:
                source = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if source is not None:
                    return source
        head = document.head
        if document.dep_ in {"dobj", "obj"} and head.lemma_.lower() in self.lexicon.issuing:
            return next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
        if document.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB":
            return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        return None

    def _sentence_bounds(self, position: int) -> tuple[int, int]:
        """Where the sentence before the one holding ``position`` starts, and where that one
        starts (characters; 0 without sentences)."""
        sentence = bisect.bisect_right(self.sentence_starts, position) - 1
        since = self.sentence_starts[max(0, sentence - 1)] if self.sentence_starts else 0
        own = self.sentence_starts[sentence] if sentence >= 0 else 0
        return since, own

    def _bound(self, pronoun: Token) -> str | None:
        """The person whose clause holds the pronoun's ("X defended what he called …", "X said he
        …"): the subject of the nearest verb above it, when a named person agreeing with it. A
        subject holding the pronoun ("Y, whom he called …, left") is passed over; a group or thing
        leaves the pronoun to salience. Where the parse gives no such subject ("It's useful to
        remember when X, running for …, defended what he called": "defended" hangs off "It's"), the
        one person named as a subject before it in its sentence, if one agrees."""
        gender = _PRONOUN_GENDER[pronoun.lower_]
        for verb in pronoun.head.ancestors:
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None or pronoun in subject.subtree:
                continue
            if subject.pos_ == "PRON":
                break  # "It's useful …": an expletive, no one
            ent = next((e for e in self.ents if e.start <= subject.i < e.end), None)
            given = [c for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
            if ent is None and subject.pos_ == "PROPN" and given and given[0].lower_ in first_name_genders():
                # a name the tagger missed, a person by its given name ("Todd Akin defended")
                name = self._full(" ".join([*(c.text for c in given), subject.text]))
            elif ent is None or ent.label_ != "PERSON" or not name_key(self._name(ent)):
                return None
            else:
                name = self._full(self._name(ent))
            if self.quoted[subject.i]:
                return None
            return name if self.gender.get(name, gender) == gender else None
        if pronoun.head.dep_ not in _EMBEDDED:
            return None
        _, own = self._sentence_bounds(pronoun.idx)
        names = {
            self._full(self._name(e))
            for e in self.ents
            if e.label_ == "PERSON"
            and own <= e.start_char < pronoun.idx
            and e.root.dep_ in _SUBJECT_DEPS
            and pronoun not in e.root.subtree
            and not self.quoted[e.root.i]
            and name_key(self._name(e))
        }
        names = {name for name in names if self.gender.get(name, gender) == gender}
        return names.pop() if len(names) == 1 else None

    def _topic_before(self, token: Token) -> range:
        """Characters of a prepositional phrase that opens the pronoun's sentence right before it
        ("Of Obama, he said", "About his rival, she wrote"): whom it names is the topic, never the
        pronoun (who speaks of someone is not that someone)."""
        since, start = self._sentence_bounds(token.idx)
        before = [t for t in self.doc[: token.i] if t.idx >= start and not t.is_space]
        if (
            len(before) >= 2
            and before[0].pos_ == "ADP"
            and before[-1].text == ","
            and not any(t.pos_ in {"VERB", "AUX"} for t in before)
        ):
            return range(before[0].idx, token.idx)
        # an interviewer's one-name question before it ("Governor X? “Strong,” he said."): the
        # person asked about is the topic, not the one answering
        question = [t for t in self.doc[: token.i] if since <= t.idx < start and not t.is_space]
        if (
            question
            and question[-1].text == "?"
            and not self.quoted[question[-1].i]
            and not any(t.pos_ in {"VERB", "AUX"} for t in question)
        ):
            return range(since, start)
        return range(0)

    def _pronoun(self, pronoun: str, position: int, topic: range = range(0)) -> str | None:
        """The person a "he"/"she" stands for: among the people of this and the previous sentence who
        agree with it, the previous speaker, else the subject, else the one named; two at the most
        salient rank leave it unresolved. With nobody there, the last speaker or subject before. A
        person named in a phrase opening the sentence ("Of Obama, he said") is its topic, not it."""
        gender = _PRONOUN_GENDER[pronoun]

        # the topic's names by their last word (the tagger may not call the topic's name a PERSON)
        topical = {name_key(t.text) for t in self.doc if t.idx in topic and t.pos_ == "PROPN"}

        def fits(name: str) -> bool:
            last = name_key(name.split()[-1]) if name.split() else ""
            return self.gender.get(name, gender) == gender and last not in topical

        since, own = self._sentence_bounds(position)
        # rank: a speaker, a subject, a person named; of two at one rank, the one in the pronoun's
        # own sentence ("X said. Y, who …, said that when he …": Y)
        near = [
            ((int(p.subject), p.position >= own), p.name)
            for p in self.people
            if since <= p.position < position
        ]
        near += [
            ((2 if subject else 0, pos >= own), name)
            for pos, name, person, subject in self.said
            if person and since <= pos < position
        ]
        near = [(rank, name) for rank, name in near if fits(name)]
        if near:
            top = max(rank for rank, _ in near)
            names = {name for rank, name in near if rank == top}
            return names.pop() if len(names) == 1 else None
        return self._latest_person(position, fits)

    def _latest_person(self, position: int, fits: Callable[[str], bool]) -> str | None:
        candidates = [(p.position, p.name) for p in self.people if p.subject and p.position < position]
        candidates += [(pos, name) for pos, name, person, _ in self.said if person and pos < position]
        candidates = [(pos, name) for pos, name in candidates if fits(name)]
        if not candidates:
            candidates = [(p.position, p.name) for p in self.people if p.position < position and fits(p.name)]
        return max(candidates)[1] if candidates else None

    def _former_latter(self, word: str, position: int) -> str | None:
        """ "The latter": the last person named before; "the former": the one named before that."""
        names = list(
            dict.fromkeys(
                p.name for p in sorted(self.people, key=lambda p: -p.position) if p.position < position
            )
        )
        index = _FORMER_LATTER[word]
        return names[index] if len(names) > index else None

    def _latest_group(self, position: int) -> str | None:
        candidates = [(pos, text) for pos, text in self.groups if pos < position]
        candidates += [(pos, name) for pos, name, person, _ in self.said if not person and pos < position]
        return max(candidates)[1] if candidates else None

    def _by_role(self, token: Token, position: int) -> str | None:
        lemma = token.lemma_.lower()
        words = [lemma]
        before = [c for c in token.children if c.dep_ in {"compound", "amod"} and c.i < token.i]
        if before:
            words.append(f"{before[-1].lower_} {lemma}")
        keys = set(words)
        for word in words:
            keys |= self.lexicon.synonyms.get(word, frozenset())
        if any(c.lower_ in _PAST or c.lower_.split("-")[0] in _PAST for c in token.children):
            keys |= {f"former {k}" for k in keys}
        matching = [p for p in self.people if p.roles & keys]
        places = {_mod_key(t) for t in token.subtree if t.ent_type_ in _GROUPS and t.i < token.i}
        if places:
            matching = [p for p in matching if p.places & places] or matching
        # "the spokesperson for X" is X's: a spokesperson of another organisation is not them
        of = {
            _mod_key(t)
            for prep in token.rights
            if prep.dep_ == "prep" and prep.lower_ in _ROLE_OF
            for t in prep.subtree
            if t.ent_type_ in _GROUPS
        }
        if of:
            matching = [p for p in matching if p.places & of]
        if not matching:
            return None
        earlier = [p for p in matching if p.position < position]
        if not earlier:
            return matching[0].name
        latest = max(earlier, key=lambda p: p.position)
        # a holder named in this or the previous sentence is the one meant; farther back, "the
        # president" is the holder the article names most, not the last one it mentioned in passing
        # ("… lauded by President X of Russia" paragraphs after the story's own president)
        since, _ = self._sentence_bounds(position)
        if latest.position >= since:
            return latest.name
        named = Counter(p.name for p in self.people if p.position < position)
        return max(earlier, key=lambda p: (named[p.name], p.position)).name
