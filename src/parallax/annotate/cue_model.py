"""A learned attribution-cue scorer: logistic-regression weights over parse features of a verb.

The hand rules in ``quotes`` know the common speech and belief verbs; PolNeAR attributions also
hang on many rarer cues ("endorsed Cruz", "appeared to", "is seeking his advice"). For a verb the
rules left alone, ``quotes`` builds a candidate content (its clause, to-infinitive, object or
prepositional object) and asks this model how likely that verb is a cue whose content the
candidate matches. The weights are trained offline on the even half of the PolNeAR DEV articles
by ``benchmarks/train_cues.py`` and shipped as ``data/cue_model.json``; nothing trains at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who"}
_PERSONAL = {"i", "we", "he", "she", "they"}
_SPEAKING = {"PERSON", "ORG", "NORP", "GPE"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_OPENERS = {"that", "to", "whether", "how", "what", "why", "if"}


@dataclass(frozen=True)
class CueModel:
    """Weights by feature name and an intercept; ``threshold`` is the probability a cue needs."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def score(self, features: Iterable[str]) -> float:
        """The intercept plus the weights of the features (each counted once): the logit."""
        return self.intercept + sum(self.weights.get(f, 0.0) for f in set(features))

    def probability(self, features: Iterable[str]) -> float:
        """The logistic probability that the features describe a cue with the right content."""
        return logistic(self.score(features))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> CueModel:
        """The model of a parsed model file (weights, intercept, threshold)."""
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )

    @classmethod
    def shipped(cls, name: str) -> CueModel:
        """A model file shipped in ``parallax/data`` (weights, intercept, threshold as JSON)."""
        return cls.from_data(read_shipped(name))


def read_shipped(name: str) -> dict[str, Any]:
    """A JSON model file shipped in the package (``name`` relative to ``parallax/``)."""
    data: dict[str, Any] = json.loads(resources.files("parallax").joinpath(name).read_text("utf-8"))
    return data


def logistic(score: float) -> float:
    """The logistic function of a logit, clipped to +-50 (no overflow)."""
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))


@lru_cache(maxsize=1)
def model() -> CueModel:
    """The shipped cue model (``data/cue_model.json``)."""
    return CueModel.shipped("data/cue_model.json")


def kind_of(token: Token | None, pronouns: Collection[str] = _PRONOUNS) -> str:
    """What a subject is: an entity type, a pronoun, a proper or common noun, or nothing."""
    if token is None:
        return "none"
    if token.lower_ in pronouns:
        return "pron"
    if token.ent_type_:
        return token.ent_type_
    return token.pos_


def features(
    cue: Token,
    content_dep: str,
    subject: Token | None,
    in_lexicon: bool,
    content_words: int,
    content: Span | None = None,
) -> list[str]:
    """Feature names of a candidate cue verb: lexical, syntactic, and about its subject and content
    (whether it is a clause, quotes anything, and what it opens with)."""
    lemma = cue.lemma_.lower()
    deps = sorted({c.dep_ for c in cue.children})
    size = "1-3" if content_words <= 3 else "4-8" if content_words <= 8 else "9+"
    found = [
        f"lemma={lemma}",
        f"lemma+content={lemma}|{content_dep}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"head_pos={cue.head.pos_}",
        f"content={content_dep}",
        f"subject={kind_of(subject)}",
        f"subject+content={kind_of(subject)}|{content_dep}",
        f"lexicon={in_lexicon}",
        f"size={size}",
        f"content+size={content_dep}|{size}",
        f"head_lemma={cue.head.lemma_.lower()}",
        f"pos={cue.pos_}",
    ]
    found.extend(f"child={d}" for d in deps)
    speaking = subject is not None and (subject.ent_type_ in _SPEAKING or subject.lower_ in _PERSONAL)
    found += [
        f"speaking_subject={speaking}",
        f"negated={any(c.dep_ == 'neg' for c in cue.children)}",
        f"modal={any(c.tag_ == 'MD' for c in cue.children)}",
        f"sentence_quotes={any(t.is_quote for t in cue.sent)}",
        f"suffix={lemma[-3:]}",
    ]
    if content is not None and len(content):
        first = content[0].lower_
        found += [
            f"opens={first if first in _OPENERS else 'other'}",
            f"finite={any(t.tag_ in _FINITE for t in content)}",
            f"quotes={any(t.is_quote for t in content)}",
            f"content_pos={content.root.pos_}",
            f"content_entity={content.root.ent_type_ or '-'}",
        ]
    return found
