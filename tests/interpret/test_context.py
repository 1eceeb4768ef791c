from __future__ import annotations

from pathlib import Path

from parallax.align.facts import align_facts
from parallax.annotate.nlp import add_sentences
from parallax.interpret.context import added_context, is_background
from parallax.pipeline import extract
from tests.align.helpers import story


def test_figures_and_the_past_are_background_the_event_itself_is_not() -> None:
    assert is_background("Trade between the two countries reached $20 billion.")
    assert is_background("The two countries fought a war between 1980 and 1988.", 2020)
    assert is_background("Hours later, the army shot down a passenger plane.")
    assert not is_background("The minister met the president in the capital on Tuesday.", 2020)
    assert not is_background("The 81-year-old leader has rarely appeared in public.", 2020)


def test_added_context_lists_only_one_outlets_background() -> None:
    articles = story(
        "The foreign minister met the president in the capital on Tuesday. "
        "The two countries fought a bloody war between 1980 and 1988.",
        "On Tuesday the foreign minister met with the president in the capital. "
        "The minister wore a dark suit for the meeting with the president.",
    )
    facts = align_facts(articles, [])
    items = added_context(facts, articles)
    texts = {next(f for f in facts if f.id == i.fact).text: i.article for i in items}
    assert any("1980" in t for t in texts)
    assert all(a == "a1" for t, a in texts.items() if "1980" in t)
    assert not any("met" in t for t in texts)
    assert not any("dark suit" in t for t in texts)


def test_example_background_is_listed_for_the_outlet_that_gives_it(example_dir: Path) -> None:
    articles, _ = extract([str(example_dir)])
    articles = add_sentences(articles)
    facts = align_facts(articles, [])
    by_id = {f.id: f for f in facts}
    items = [(i.article[:3], by_id[i.fact].text) for i in added_context(facts, articles)]
    for article, words in [("001", "1980"), ("003", "$20 billion"), ("000", "rockets"), ("002", "plane")]:
        assert any(a == article and words in t for a, t in items), words
