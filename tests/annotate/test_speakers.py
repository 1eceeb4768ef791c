"""Speaker resolution within one article: broken entities, pronouns, role nouns, documents."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from parallax.annotate import nlp
from parallax.annotate.quotes import quotes_in_text
from parallax.annotate.speakers import SpeakerResolver
from parallax.models import Quote


def _speaker_of(quotes: list[Quote], words: str) -> str | None:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return found[0].speaker_name


CREDIT = "“We won the cup and we earned it,” ―\u00a0Maria Lopez, coach\n“It was a hard season,” Lopez said."


@pytest.mark.parametrize(
    "broken",
    [
        (0, 2),  # "―\u00a0": a dash and a no-break space
        (0, 1),  # the dash alone
        (1, 2),  # the no-break space alone
        (-2, 0),  # ",”": closing punctuation
    ],
)
def test_punctuation_only_person_is_never_a_candidate(broken: tuple[int, int]) -> None:
    text = CREDIT + f" {broken}"  # a text of its own, so the cached parse is this test's alone
    doc = nlp.parse(text)
    dash = next(t.i for t in doc if t.text == "―")
    start, end = dash + broken[0], dash + broken[1]
    assert not doc[start:end].text.strip(" \u00a0―,”")  # the span is punctuation or spaces only
    doc.ents = [Span(doc, start, end, label="PERSON"), *(e for e in doc.ents if e.start >= end)]
    quotes = quotes_in_text(text, "a1")  # raised IndexError before
    # the real name is still resolved, and no quote is given to the punctuation
    assert _speaker_of(quotes, "hard season") == "Maria Lopez"
    assert all(q.speaker_name is None or q.speaker_name.strip(" \u00a0―,”") for q in quotes)
    resolver = SpeakerResolver(doc)
    assert all(p.name.strip() for p in resolver.people)


def test_possessive_only_person_names_nobody() -> None:
    text = "Lopez's team won. “It was a hard season,” she said of Lopez's rivals."
    doc = nlp.parse(text)
    doc.ents = [Span(doc, 1, 2, label="PERSON")]  # "'s" alone
    assert doc[1].text == "'s"
    resolver = SpeakerResolver(doc)
    assert resolver.people == []
    assert quotes_in_text(text, "a1")  # the quote is still found
