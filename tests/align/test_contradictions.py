from __future__ import annotations

from pathlib import Path

from parallax.align.contradictions import find_contradictions
from parallax.align.facts import align_facts
from parallax.annotate.nlp import add_sentences
from parallax.models import Article, Contradiction, Quote
from parallax.pipeline import extract
from tests.align.helpers import story


def _contradictions(*bodies: str, quotes: list[Quote] | None = None) -> list[Contradiction]:
    articles = story(*bodies)
    facts = align_facts(articles, quotes or [])
    return find_contradictions(facts, articles, quotes or [])


def test_number_for_the_same_thing() -> None:
    found = _contradictions(
        "The siege of the city lasted five months.", "The siege of the city lasted six months."
    )
    assert [c.kind for c in found] == ["number"]
    assert "five months" in found[0].explanation and "six months" in found[0].explanation
    assert {r.article for r in found[0].claims} == {"a1", "a2"}


def test_date_of_the_same_event() -> None:
    found = _contradictions(
        "The foreign minister met the president in the capital on Tuesday.",
        "The foreign minister met the president in the capital on Wednesday.",
    )
    assert [c.kind for c in found] == ["date"]
    assert "Tuesday" in found[0].explanation and "Wednesday" in found[0].explanation


def test_negation_of_the_same_predicate() -> None:
    found = _contradictions(
        "The foreign minister met the president in the capital on Tuesday.",
        "The foreign minister did not meet the president in the capital on Tuesday.",
    )
    assert [c.kind for c in found] == ["negation"]
    assert "did not meet" in found[0].explanation


def test_paraphrases_and_hedged_numbers_are_no_contradiction() -> None:
    assert not _contradictions(
        "The foreign minister met the president in the capital on Tuesday.",
        "On Tuesday the president held talks with the foreign minister in the capital.",
    )
    assert not _contradictions(
        "About five hundred people attended the rally in the park.",
        "Six hundred people attended the rally in the park.",
    )


def test_temporal_order_of_two_events() -> None:
    found = _contradictions(
        "Before meeting President Adams, the envoy held talks with Prime Minister Brown.",
        "After meeting President Adams, the envoy held talks with Prime Minister Brown.",
        "The envoy held talks with Prime Minister Brown before he met President Adams.",
    )
    assert [c.kind for c in found] == ["temporal-order"]
    assert {r.article for r in found[0].claims} == {"a1", "a2", "a3"}
    assert "before" in found[0].explanation and "after" in found[0].explanation


def test_consistent_orders_told_both_ways_are_no_contradiction() -> None:
    assert not _contradictions(
        "Before meeting President Adams, the envoy held talks with Prime Minister Brown.",
        "The envoy met President Adams after talks with Prime Minister Brown.",
    )


def test_a_quoted_no_is_no_negation() -> None:
    assert not _contradictions(
        'The lone "no" vote in the Senate was Senator Harry Reid of Nevada.',
        "Senator Harry Reid of Nevada was the lone opposition in the Senate.",
    )


def test_quoted_claim_does_not_contradict_the_outlet() -> None:
    first = "The army did not enter the northern town on Monday."
    body = 'A spokesman disputed it. "The army entered the northern town on Monday," said Omar Haddad.'
    start = body.index('"The') + 1
    end = body.index(',"')
    quote = Quote(
        id="q1",
        article="a2",
        text=body[start:end],
        start=start,
        end=end,
        kind="direct",
        speaker_text="Omar Haddad",
        speaker_name="Omar Haddad",
    )
    assert not [c for c in _contradictions(first, body, quotes=[quote]) if c.kind == "negation"]


def test_same_words_given_to_different_speakers() -> None:
    words = "we will rebuild every school that was destroyed this year"
    bodies = [f'"{words.capitalize()}," said Anna Weber.', f'"{words.capitalize()}," said Lars Olsen.']
    articles = story(*bodies)
    quotes = [
        Quote(
            id=f"q{i}",
            article=a.id,
            text=a.body[1 : a.body.index(',"')],
            start=1,
            end=a.body.index(',"'),
            kind="direct",
            speaker_text=name,
            speaker_name=name,
        )
        for i, (a, name) in enumerate(zip(articles, ["Anna Weber", "Lars Olsen"], strict=True))
    ]
    found = find_contradictions(align_facts(articles, quotes), articles, quotes)
    assert [c.kind for c in found] == ["attribution"]
    assert "Anna Weber" in found[0].explanation and "Lars Olsen" in found[0].explanation


def test_example_order_of_the_two_meetings_is_a_temporal_contradiction(example_dir: Path) -> None:
    articles: list[Article]
    articles, _ = extract([str(example_dir)])
    articles = add_sentences(articles)
    found = find_contradictions(align_facts(articles, []), articles, [])
    temporal = [
        c
        for c in found
        if c.kind == "temporal-order" and any("Following the sit-down" in r.text for r in c.claims)
    ]
    assert len(temporal) == 1
    involved = {r.article[:3]: r.text for r in temporal[0].claims}
    assert set(involved) == {"000", "001", "002", "003"}
    assert "earlier meeting" in involved["000"]
    assert "Following the sit-down" in involved["001"]
    assert "earlier in the day" in involved["002"]
    assert "Before meeting" in involved["003"]
    assert "before" in temporal[0].explanation and "after" in temporal[0].explanation
