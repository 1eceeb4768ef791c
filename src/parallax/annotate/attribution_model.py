"""The learned attribution path: the rules' attributions plus every verb they left alone, each
scored by a logistic model trained on PolNeAR's training articles, and a ``kind`` that keeps
quotes apart from other attributions.

How it works (``config.annotate.learned_attribution``):

1. Candidates: everything the cue rules of ``quotes`` find (speech, belief, intent, stance,
   "according to", colon headlines, noun cues) and every verb they left alone with the content
   it would report (``quotes.cue_candidates``). Quotation marks are then classified and the
   marks no cue claimed handed on as the rules do (continuations, cues after a quote).
2. Scoring: each resulting attribution gets the probability that its content is an attribution
   PolNeAR marks (``features``: the cue's lemma and lexicon class, how the content hangs on it,
   the speaker's kind, the content's size, marks and opening word, where the candidate came
   from). The weights are learned offline by ``benchmarks/train_attribution.py`` from
   ``polnear_train`` (690 articles, never the DEV part) and shipped as
   ``data/attribution_model.json`` with the training metrics beside it
   (``data/attribution_model.meta.json``). Those below the threshold are dropped.
3. Kind: an attribution whose cue is a speech verb, "according to" or a source phrase, or a
   colon keeps the rules' kind (``direct``, ``partial``, ``indirect``); so does content mostly in
   quotation marks. Any other (belief, intent, stance, evidence: "saw Iran and Iraq fight a
   bloody war") becomes ``attribution``: reported, but no quote (``find_quotes`` leaves it out of
   the report's quotes).

Cue, content and source spans come from the parse rules; what is learned is which of them are
attributions. Nothing trains at run time; the model is a JSON file of weights.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span, Token

from parallax.annotate.cue_model import CueModel, kind_of, logistic, read_shipped
from parallax.config import AnnotateConfig

if TYPE_CHECKING:
    from parallax.annotate.quotes import Lexicon, _Attribution

MODEL_FILE = "data/attribution_model.json"
META_FILE = "data/attribution_model.meta.json"
_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who", "which", "that"}
_OPENERS = {"that", "to", "whether", "how", "what", "why", "if", "the", "a", "he", "she", "they", "it", "we"}
_QUOTE_CUES = {"according", "per", "reportedly", "allegedly"}
_QUOTE_KINDS = {"direct", "partial"}


@dataclass(frozen=True)
class AttributionModel:
    """The cue model's logistic model (weights by feature name, an intercept, a threshold) plus,
    when trained with them, weights over the candidate's contextual token vectors (MiniLM's last
    hidden state at the ``parts`` tokens, standardised by the training ``mean`` and ``scale``).
    The shipped v3 has none: they gave no gain for a parse's worth of time (measured in
    ``benchmarks/train_attribution.py``'s notes)."""

    sparse: CueModel
    parts: tuple[str, ...] = ()
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    dense: np.ndarray | None = None

    @property
    def threshold(self) -> float:
        return self.sparse.threshold

    @property
    def weights(self) -> dict[str, float]:
        return self.sparse.weights

    @property
    def uses_vectors(self) -> bool:
        return self.dense is not None

    def probability(self, features: Iterable[str], vector: np.ndarray | None = None) -> float:
        """The logistic probability that a candidate with these features is an attribution."""
        score = self.sparse.score(features)
        if self.dense is not None and self.mean is not None and self.scale is not None and vector is not None:
            score += float(((vector - self.mean) / self.scale) @ self.dense)
        return logistic(score)

    @classmethod
    def shipped(cls, name: str) -> AttributionModel:
        data = read_shipped(name)
        sparse = CueModel.from_data(data)
        vectors = data.get("vectors")
        if not vectors:
            return cls(sparse)
        return cls(
            sparse,
            tuple(vectors["parts"]),
            np.asarray(vectors["mean"], dtype=np.float32),
            np.asarray(vectors["scale"], dtype=np.float32),
            np.asarray(vectors["weights"], dtype=np.float32),
        )


@lru_cache(maxsize=1)
def model() -> AttributionModel:
    """The shipped model (``data/attribution_model.json``)."""
    return AttributionModel.shipped(MODEL_FILE)


def vector_features(doc: Doc, item: _Attribution, vectors: np.ndarray, parts: Sequence[str]) -> np.ndarray:
    """A candidate's contextual vectors side by side, one block per part: ``cue`` (the cue's head
    word), ``root`` (the content's head word), ``first`` / ``last`` (the content's first and last
    words), ``before`` (the word before the content); a part with no token is a zero block."""
    width = vectors.shape[1]
    out = np.zeros(width * len(parts), dtype=np.float32)
    content = doc.char_span(item.start, item.end, alignment_mode="expand")
    for number, part in enumerate(parts):
        token: Token | None = None
        if part == "cue":
            token = cue_token(doc, item)
        elif content is not None and len(content):
            token = {
                "root": content.root,
                "first": content[0],
                "last": content[-1],
                "before": doc[content.start - 1] if content.start else None,
            }[part]
        if token is not None:
            out[number * width : (number + 1) * width] = vectors[token.i]
    return out


@dataclass
class Scored:
    """One candidate attribution, where it came from, and its features."""

    attribution: _Attribution
    origin: str
    features: list[str]


def candidates(doc: Doc, text: str, config: AnnotateConfig) -> tuple[list[Scored], list[bool]]:
    """Every candidate attribution of a parsed text with its features, and which tokens are quoted."""
    from parallax.annotate import quotes as q

    sentences = list(_sentences(doc))
    found, marked, inside, paragraphs = q._by_rules(doc, text)
    origin = {id(a): "rule" for a in found}
    # quotation marks are handed out among the rules' attributions exactly as the rules do
    used = q._classify(found, marked, text, config)
    found.extend(q._leftover_marks(text, sentences, marked, used, found, inside, q.lexicon(), config))
    q._open_before_continuation(found, text)  # as the rules path does
    extra = [
        c.attribution
        for c in q.cue_candidates(doc, text, found, inside, paragraphs)
        if not _addressee(doc, c.cue, c.attribution)
    ]
    origin.update({id(a): "verb" for a in extra})
    more = wider_candidates(doc, text, found + extra, inside, paragraphs)
    origin.update({id(a): kind for a, kind in more})
    extra += [a for a, _ in more]
    q._classify(extra, marked, text, config)  # direct or partial where the candidate holds marks
    kept = q._one_per_span(found + extra)
    lex = q.lexicon()
    doc.user_data["parallax.inside"] = inside
    scored = [
        Scored(
            a,
            origin.get(id(a), "marks"),
            features(doc, text, a, origin.get(id(a), "marks"), lex) + context_features(text, a, kept),
        )
        for a in kept
    ]
    return scored, inside


def context_features(text: str, item: _Attribution, others: list[_Attribution]) -> list[str]:
    """What surrounds a candidate: the content's first and last words, the words either side of
    it, the speaker's last word, and whether the cue sits in another candidate's content or the
    content holds other cues (PolNeAR nests attributions: "X said Y wants Z"). Measured by 5-fold
    CV on polnear_train: F1 0.713 without them, 0.719 with them."""
    from parallax.annotate import quotes as q

    found = []
    words = q._words(text[item.start : item.end])
    if words:
        found += [f"first_word={words[0].lower()}", f"last_word={words[-1].lower()}"]
    before = q._words(text[max(0, item.start - _CONTEXT_CHARS) : item.start])
    after = q._words(text[item.end : item.end + _CONTEXT_CHARS])
    found += [
        f"word_before={before[-1].lower() if before else '-'}",
        f"word_after={after[0].lower() if after else '-'}",
    ]
    if item.speaker is not None:
        named = q._words(text[item.speaker[0] : item.speaker[1]])
        found += [
            f"speaker_word={named[-1].lower() if named else '-'}",
            f"speaker_words={min(len(named), 5)}",
        ]
    if item.cue is not None:
        cue = item.cue[0]
        nested = any(o is not item and o.start <= cue < o.end for o in others)
        holds = sum(
            1 for o in others if o is not item and o.cue is not None and item.start <= o.cue[0] < item.end
        )
        found += [f"nested={nested}", f"holds={min(holds, 3)}"]
    return found


_CONTEXT_CHARS = 40


_OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
_NOUN_LINKS = {"of", "on", "for", "to", "against", "about", "over", "with", "from", "that"}


def wider_candidates(
    doc: Doc, text: str, found: list[_Attribution], inside: list[bool], paragraphs: list[tuple[int, int]]
) -> list[tuple[_Attribution, str]]:
    """Candidates neither the rules nor ``cue_candidates`` build, each with its origin: a verb's
    one-word object or prepositional object ("endorsed Trump"), a passive verb's subject ("the plan
    was approved"), a verb's whole clause but the verb ("X seems stable", "is expected to …"), a
    noun's prepositional object or clause ("his attack on Trump")."""
    from parallax.annotate import quotes as q

    claimed = {i for a in found if a.cue is not None for i in range(a.cue[0], a.cue[1])}
    taken = [set(q._word_starts(text, a.start, a.end)) for a in found]
    out: list[tuple[_Attribution, str]] = []

    def add(cue: Token, content: list[Token], origin: str, speaker_of: Token | None) -> None:
        extent = q._chars(content)
        if extent is None:
            return
        auxiliaries = [c for c in cue.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < cue.i]
        item = q._Attribution(extent[0], extent[1], "indirect", cue=q._chars([*auxiliaries, cue]))
        if speaker_of is not None and speaker_of.lower_ not in q._WH_SUBJECTS:
            item.speaker_token, item.speaker = q._speaker(speaker_of)
        clipped = q._clip_to_paragraph(item, cue, paragraphs) if origin != "short" else item
        if clipped is None or not q._words(text[clipped.start : clipped.end]):
            return
        words = set(q._word_starts(text, clipped.start, clipped.end))
        if any(4 * len(words & other) >= len(words) + len(other) for other in taken):
            return
        taken.append(words)
        out.append((clipped, origin))

    for token in doc:
        if inside[token.i] or token.idx in claimed:
            continue
        if token.pos_ in {"VERB", "AUX"}:
            passive = next((c for c in token.children if c.dep_ in q._PASSIVE_SUBJECTS), None)
            subject = passive if passive is not None else q._subject_of(token)
            objects = [c for c in token.rights if c.dep_ in _OBJECT_DEPS]
            preps = [c for c in token.rights if c.dep_ == "prep"]
            pobj = next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)
            target = objects[0] if objects else pobj
            speech = q._lemma(token, q.lexicon()) in speech_verbs()
            if target is not None and target.pos_ in {"PROPN", "NOUN", "PRON"} and not speech:
                # "endorsed Trump", "compared abortion to the Holocaust": the object with its complements
                # (a speech verb's object is whom it addresses: "told reporters", "answered the critics")
                rest = q._rest_of_clause(token, target) if objects else list(target.subtree)
                add(token, q._without_aside(rest), "short", subject or _governing_subject(token))
            if passive is not None:
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                source = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                )
                add(token, list(passive.subtree), "passive", source)
            if (
                subject is not None
                and passive is None
                and any(c.dep_ in {"xcomp", "acomp"} for c in token.rights)
            ):
                cut = {token.i} | {
                    c.i for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "punct"}
                }
                whole = [t for t in token.subtree if t.i not in cut]
                # "X seems stable": the whole clause, no source; "X is considering Y": X the source
                add(token, whole, "clause", None)
                own = {t.i for t in subject.subtree}
                add(token, [t for t in whole if t.i not in own and t.i > token.i], "clause_subject", subject)
        elif token.pos_ == "NOUN":
            content: list[Token] = []
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in _NOUN_LINKS:
                    content = [t for c in child.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
                elif child.dep_ in {"acl", "ccomp"}:
                    content = list(child.subtree)
                if content:
                    break
            if content:
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                add(token, q._without_aside(content), "noun", owner or _governing_subject(token))
    return out


def _addressee(doc: Doc, cue: Token, item: _Attribution) -> bool:
    """A speech verb's object is whom it addresses ("answered the critics", "told reporters"), not
    what was said."""
    from parallax.annotate import quotes as q

    if q._lemma(cue, q.lexicon()) not in speech_verbs():
        return False
    content = doc.char_span(item.start, item.end, alignment_mode="expand")
    return content is not None and content.root.head.i == cue.i and content.root.dep_ in {"dobj", "dative"}


def _governing_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above a token ("…, slamming X": the one who slammed; "made
    the usual statements of support for X"): the parse rules' climb stops short of these."""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.i not in {t.i for t in token.subtree}:
            return subject if subject.dep_ == "nsubj" else None
    return None


def attribute(doc: Doc, text: str, config: AnnotateConfig) -> tuple[list[_Attribution], list[bool]]:
    """The attributions the model keeps, each with its kind (``attribution`` for non-quotes)."""
    from parallax.annotate import quotes as q

    scorer = model()
    scored, inside = candidates(doc, text, config)
    lex = q.lexicon()
    if scorer.uses_vectors and scored:
        from parallax import embed
        from parallax.annotate import nlp

        vectors = embed.token_vectors(doc, list(nlp.sentences(doc)), config.embed_threads)
        probabilities = [
            scorer.probability(s.features, vector_features(doc, s.attribution, vectors, scorer.parts))
            for s in scored
        ]
    else:
        probabilities = [scorer.probability(s.features) for s in scored]
    chosen = set(select(text, [s.attribution for s in scored], probabilities, scorer.threshold, sure(scored)))
    kept = []
    for number, item in enumerate(scored):
        if item.attribution.kind == "unmarked":  # marks with no cue: kept as the rules keep them
            kept.append(item.attribution)
            continue
        if number not in chosen:
            continue
        if not is_quote(doc, item.attribution, lex):
            item.attribution.kind = "attribution"
        cue = cue_token(doc, item.attribution)
        if _unsourced(cue):
            asker = _by_phrase(cue) if cue is not None else None
            item.attribution.speaker_token, item.attribution.speaker = (
                q._speaker(asker) if asker is not None else (None, None)
            )
        elif (controller := _controller(cue)) is not None:
            item.attribution.speaker_token, item.attribution.speaker = q._speaker(controller)
        elif (
            item.origin == "clause"
            and cue is not None
            and cue.pos_ != "AUX"  # "X was outright hostile": a copula's subject is what is described
            and (subject := q._subject_of(cue)) is not None
            and subject.lower_ not in q._WH_SUBJECTS
        ):
            # "X supports Y" kept whole (subject and all): X still holds it (polnear_train: 48 such
            # speakerless attributions had the subject as PolNeAR's source, 5 had none)
            item.attribution.speaker_token, item.attribution.speaker = q._speaker(subject)
        elif item.attribution.speaker is None and cue is not None and (agent := _agent(cue)) is not None:
            # "X is considered unclean by Y": Y holds it (the rules' cues read no agent)
            item.attribution.speaker_token, item.attribution.speaker = q._speaker(agent)
        kept.append(item.attribution)
    # a belief or stance reported inside a quotation ("…, and you risk being perceived as trying to
    # buy votes") is part of that quote for a reader, not an attribution of its own
    shown = [a for a in kept if a.kind not in {"attribution", "unmarked"}]
    return [
        a
        for a in kept
        if a.kind != "attribution" or not any(b.start <= a.start and a.end <= b.end for b in shown)
    ], inside


# cues whose subject holds no attribution: "X seems to …", "X appears to …" (a raising verb: X is what
# the content is about). On polnear_train's matched attributions that have a speaker, 45 of 53
# "seem" and 39 of 44 "appear" are PolNeAR's Attribution-no-source.
_RAISING = {"seem", "appear"}
# "Asked about X, Y said …", "when asked whether …": the asker goes unnamed and Y is who answers
# (the participle "ask" with no subject of its own: 34 of 42 no-source on polnear_train; the tagger
# reads a sentence-opening "Asked" as a past tense too); "Asked by X whether …": X asks (5 more
# right on polnear_train, none lost)
_QUESTIONED = {"ask", "press", "question"}


def _unsourced(cue: Token | None) -> bool:
    """The cue's source is not the subject the rules climb to: a raising verb, or a question verb as
    a bare participle opening an adverbial clause ("Asked about X, …"; its "by" phrase, if any, asks)."""
    if cue is None:
        return False
    lemma = cue.lemma_.lower()
    if lemma in _RAISING and cue.pos_ in {"VERB", "AUX"}:
        return True
    return (
        lemma in _QUESTIONED
        and cue.tag_ in {"VBN", "VBD"}
        and cue.dep_ == "advcl"
        and not any(c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in cue.children)
    )


# verbs whose subject, not their object, does what their "to …" clause says ("promised voters to
# cut taxes", "used the speech to attack X")
_SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten", "use", "take", "spend"}


def _controller(cue: Token | None) -> Token | None:
    """The object that says a "to …" cue hung on its verb ("the win led Y to declare …", "prompted
    some to speculate"), not what led them; subject-control verbs keep their subject. On
    polnear_train (applied inside the rules' subject climb): 13 speakers fixed, 5 broken."""
    verb = cue.head if cue is not None and cue.dep_ == "conj" else cue  # "led Y to joke and call X …"
    if verb is None or verb.dep_ != "xcomp" or not any(c.tag_ == "TO" for c in verb.children):
        return None
    if verb.head.lemma_.lower() in _SUBJECT_CONTROL:
        return None
    return next((c for c in verb.head.children if c.dep_ in {"dobj", "obj"} and c.i < verb.i), None)


def _agent(cue: Token) -> Token | None:
    """The "by" phrase's noun of a passive cue ("is seen as X by most voters")."""
    if not any(c.dep_ == "auxpass" for c in cue.children):
        return None
    return _by_phrase(cue)


def _by_phrase(cue: Token) -> Token | None:
    """The noun of the cue's "by" agent ("Asked by X whether …": X asked)."""
    by = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def sure(scored: list[Scored]) -> set[int]:
    """The rules' quotations (content in quotation marks, a cue the rules know): kept whatever the
    model says, since a reader sees them as quotes."""
    return {
        i
        for i, s in enumerate(scored)
        if s.origin in {"rule", "marks"} and s.attribution.kind in _QUOTE_KINDS
    }


def select(
    text: str,
    items: list[_Attribution],
    probabilities: list[float],
    threshold: float,
    sure: Collection[int] = (),
) -> list[int]:
    """Indices of the attributions kept: the ``sure`` ones and those above the threshold, most
    probable first, and none whose content words mostly repeat (overlap F1 >= 0.5) those of one
    already kept."""
    from parallax.annotate import quotes as q

    kept: list[int] = []
    seen: list[set[int]] = []
    for number in sorted(range(len(items)), key=lambda i: (i not in sure, -probabilities[i])):
        if probabilities[number] < threshold and number not in sure:
            break
        item = items[number]
        if item.kind == "unmarked":
            continue
        own = {w for part in (item.speaker, item.cue) if part for w in q._word_starts(text, *part)}
        words = set(q._word_starts(text, item.start, item.end)) - own
        if any(2 * len(words & other) >= len(words) + len(other) for other in seen):
            continue
        kept.append(number)
        seen.append(words)
    return sorted(kept)


def _sentences(doc: Doc) -> Iterable[Span]:
    from parallax.annotate import nlp

    return nlp.sentences(doc)


def cue_token(doc: Doc, item: _Attribution) -> Token | None:
    """The head word of an attribution's cue (None for a continuation with no cue of its own)."""
    if item.cue is None:
        return None
    span = doc.char_span(item.cue[0], item.cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.pos_ in {"VERB", "NOUN"} and t.dep_ not in {"aux", "auxpass"}]
    return verbs[-1] if verbs else span.root


def is_quote(doc: Doc, item: _Attribution, lex: Lexicon) -> bool:
    """A quote as a reader means it: content in quotation marks, or a cue of speech, of a source
    ("according to"), or a headline colon."""
    from parallax.annotate import quotes as q

    if item.kind in _QUOTE_KINDS or item.cue is None:
        return True
    cue = cue_token(doc, item)
    if cue is None:
        return True
    if cue.is_punct or cue.lower_ in _QUOTE_CUES or cue.lower_ in lex.sources:
        return True
    lemma = q._lemma(cue, lex)
    if lemma in lex.clause_only:
        # "is charged with murder", "found him hiding", "responded with tear gas":
        # an act, not speech, unless a finite clause says what was said ("charged that …")
        return _finite_clause(doc, item)
    return lemma in speech_verbs()


_CLAUSE_OPENERS = {"that", "whether", "if", "how", "what", "why", "when", "where", "who"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}


def _finite_clause(doc: Doc, item: _Attribution) -> bool:
    """The content is a clause with a subject and a finite verb, or opens with "that"/"whether"/a
    wh-word: what was said, not a noun phrase or a participle."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    if span[0].lower_ in _CLAUSE_OPENERS:
        return True
    root = span.root
    finite = root.tag_ in _FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in root.children
    )
    return finite and any(c.dep_ in _CLAUSE_SUBJECTS for c in root.children)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The speech list of ``data/speech_verbs.json`` (belief, intent and stance lists are not speech)."""
    from parallax.annotate.quotes import lexicon

    return lexicon().speech


def _lex_class(lemma: str, cue: Token, lex: Lexicon) -> str:
    if cue.is_punct:
        return "colon"
    if cue.lower_ in _QUOTE_CUES:
        return "according"
    if lemma in speech_verbs():
        return "speech"
    if lemma in lex.clause:
        return "belief"
    if lemma in lex.intent:
        return "intent"
    if lemma in lex.stance or lemma in lex.seeing:
        return "stance"
    if lemma in lex.prepositional:
        return "prep"
    if lemma in lex.nouns:
        return "noun"
    return "none"


def features(doc: Doc, text: str, item: _Attribution, origin: str, lex: Lexicon) -> list[str]:
    """Feature names of one candidate attribution."""
    from parallax.annotate import quotes as q

    words = len(q._words(text[item.start : item.end]))
    size = "1-3" if words <= 3 else "4-8" if words <= 8 else "9-20" if words <= 20 else "21+"
    found = [
        "bias",
        f"origin={origin}",
        f"kind={item.kind}",
        f"origin+kind={origin}|{item.kind}",
        f"size={size}",
        f"kind+size={item.kind}|{size}",
        f"speaker={kind_of(item.speaker_token, _PRONOUNS) if item.speaker is not None else 'none'}",
    ]
    content = doc.char_span(item.start, item.end, alignment_mode="expand")
    cue = cue_token(doc, item)
    if content is not None and len(content):
        first = content[0].lower_
        found += [
            f"opens={first if first in _OPENERS else content[0].pos_}",
            f"content_root={content.root.pos_}",
            f"content_entity={content.root.ent_type_ or '-'}",
            f"finite={any(t.tag_ in {'VBD', 'VBZ', 'VBP', 'MD'} for t in content)}",
            f"quotes={any(t.is_quote for t in content)}",
        ]
        if cue is not None:
            root = content.root
            relation = root.dep_ if root.head.i == cue.i else ("inside" if cue in content else "other")
            if root.head.dep_ == "prep" and root.head.head.i == cue.i:
                relation = f"prep:{root.head.lower_}"
            found += [f"relation={relation}", f"lemma+relation={q._lemma(cue, lex)}|{relation}"]
        marked = sum(inside[t.i] for t in content) / len(content) if (inside := _marked(doc)) else 0.0
        found.append(f"marked={round(marked * 4) / 4}")
    if cue is None:
        found.append("cue=none")
        return found
    lemma = q._lemma(cue, lex)
    klass = _lex_class(lemma, cue, lex)
    speaker = kind_of(item.speaker_token, _PRONOUNS) if item.speaker is not None else "none"
    found += [
        f"lemma={lemma}",
        f"lemma+kind={lemma}|{item.kind}",
        f"lemma+origin={lemma}|{origin}",
        f"class={klass}",
        f"class+kind={klass}|{item.kind}",
        f"class+origin={klass}|{origin}",
        f"class+speaker={klass}|{speaker}",
        f"class+size={klass}|{size}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"class+dep={klass}|{cue.dep_}",
        f"head_pos={cue.head.pos_}",
        f"negated={any(c.dep_ == 'neg' for c in cue.children)}",
        f"modal={any(c.tag_ == 'MD' for c in cue.children)}",
        f"suffix={lemma[-3:]}",
        f"cue_after={item.cue[0] >= item.end}" if item.cue else "cue_after=none",
        f"lemma+speaker={lemma}|{speaker}",
        f"lemma+size={lemma}|{size}",
        f"origin+speaker={origin}|{speaker}",
        f"head_lemma={cue.head.lemma_.lower() if cue.head.i != cue.i else '-'}",
        f"dep+head={cue.dep_}|{cue.head.pos_}",
        f"before={doc[cue.i - 1].lower_ if cue.i else '-'}",
        f"sentence_quotes={any(t.is_quote for t in cue.sent)}",
        f"distance={_bucket(_gap(item))}",
    ]
    return found


def _gap(item: _Attribution) -> int:
    if item.cue is None:
        return 0
    if item.cue[0] >= item.end:
        return item.cue[0] - item.end
    if item.cue[1] <= item.start:
        return item.start - item.cue[1]
    return -1


def _bucket(chars: int) -> str:
    return (
        "inside"
        if chars < 0
        else "0-2"
        if chars <= 2
        else "3-20"
        if chars <= 20
        else "21-80"
        if chars <= 80
        else "far"
    )


def _marked(doc: Doc) -> list[bool]:
    """Which tokens lie inside quotation marks (set on the doc by ``candidates``)."""
    return list(doc.user_data.get("parallax.inside", []))
