"""Framing: term choices, titles, attribution verbs and loaded words, found from the texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.annotate.nlp import parse
from parallax.interpret.framing import analyze_framing, loaded_tokens
from parallax.models import Article, Entity, Framing, Mention, Quote


def _articles(files: list[Path]) -> list[Article]:
    return [Article(id=f.stem[:3], source=str(f), body=f.read_text()) for f in files]


@pytest.fixture(scope="module")
def example_framing(example_files: list[Path]) -> Framing:
    return analyze_framing(_articles(example_files), [], [], [])


def test_killing_named_differently_per_outlet(example_framing: Framing) -> None:
    row = next(t for t in example_framing.terms if "Soleimani" in t.referent)
    by_article: dict[str, set[str]] = {}
    for choice in row.choices:
        by_article.setdefault(choice.article, set()).add(choice.term)
    assert "assassination" in by_article["001"]
    assert "killing" in by_article["002"]
    assert "martyrdom" in by_article["004"]
    assert len(by_article) >= 4


def test_claimed_is_one_outlets_attribution_verb(example_framing: Framing) -> None:
    verbs = {(v.article, v.verb) for v in example_framing.attribution_verbs}
    assert ("002", "claimed") in verbs
    assert [a for a, v in verbs if v == "claimed"] == ["002"]
    assert ("000", "charged") in verbs


def test_titles_from_compounds_and_appositions(example_framing: Framing) -> None:
    titles = {(t.article, t.title) for t in example_framing.titles}
    assert ("004", "Imam") in titles
    assert ("004", "Leader of the Islamic Ummah and Oppressed") in titles
    assert ("002", "Supreme Leader") in titles
    assert ("001", "commander of Iran’s elite Quds Force") in titles
    assert ("002", "slain general") in titles


def test_linked_entities_and_quote_cues_are_used() -> None:
    body = "Senator Jane Roe slammed the bill. Roe's ouster followed. The ouster of Roe was swift."
    other = (
        "Critics praised the removal of Jane Roe. Jane Roe was ousted on Monday, the mayor said. Roe's ouster"
    )
    articles = [Article(id="a", source="a", body=body), Article(id="b", source="b", body=other)]

    def mention(article: str, text: str, start: int) -> Mention:
        return Mention(article=article, text=text, start=start, end=start + len(text))

    roe = Entity(
        id="e1",
        name="Jane Roe",
        type="PERSON",
        mentions=[
            mention("a", "Jane Roe", body.index("Jane")),
            mention("a", "Roe", body.index("Roe's")),
            mention("a", "Roe", body.rindex("Roe")),
            mention("b", "Jane Roe", other.index("Jane")),
            mention("b", "Jane Roe", other.rindex("Jane")),
            mention("b", "Roe", other.rindex("Roe")),
        ],
        articles=["a", "b"],
    )
    cue = body.index("slammed")
    quote = Quote(
        id="q1", article="a", text="the bill", start=0, end=10, kind="indirect", cue="slammed", cue_start=cue
    )
    framing = analyze_framing(articles, [roe], [quote], [])
    assert {(t.entity, t.title) for t in framing.titles} >= {("e1", "Senator")}
    row = framing.terms[0]
    assert row.referent == "Jane Roe"
    assert {(c.article, c.term) for c in row.choices} >= {("a", "ouster"), ("b", "ousted")}
    slammed = [v for v in framing.attribution_verbs if v.verb == "slammed"]
    assert [(v.article, v.count) for v in slammed] == [("a", 1)]  # the cue, not counted twice
    said = [v for v in framing.attribution_verbs if v.verb == "said"]
    assert [(v.article, v.count) for v in said] == [("b", 1)]  # no quote there: read off the parse
    unplaced = quote.model_copy(update={"cue_start": None, "sentence_ids": ["s1"]})
    again = analyze_framing(articles, [roe], [unplaced], [])
    assert [v.count for v in again.attribution_verbs if v.verb == "slammed"] == [1]


def test_loaded_words_beyond_the_lexicon() -> None:
    doc = parse('The minister grudgingly conceded the "reform" had stalled, he charged.')
    words = {t.text for t in loaded_tokens(doc)}
    assert {"grudgingly", "reform", "charged"} <= words
    assert "minister" not in words


def test_empty_inputs_give_empty_framing() -> None:
    assert analyze_framing([], [], [], []) == Framing()


def test_central_event_qualified_differently() -> None:
    bodies = {
        "a": "The terrorist attack on the embassy killed five guards. The attack began at night.",
        "b": "The attack on the embassy killed five guards, officials said.",
        "c": "The coordinated attack on the embassy killed five guards. More attacks followed.",
    }
    articles = [Article(id=k, source=k, body=v) for k, v in bodies.items()]
    row = next(t for t in analyze_framing(articles, [], [], []).terms if t.referent == "the attack")
    terms = {(c.article, c.term) for c in row.choices}
    assert {("a", "terrorist attack"), ("b", "attack"), ("c", "coordinated attack")} <= terms
    assert not any("more" in term for _, term in terms)  # counting words are not framing


def test_legal_charge_and_accusation_are_not_loaded() -> None:
    # Crime-story uses: the legal term, not a judging verb of telling.
    legal = (
        "Smith was charged with murder on Tuesday. Police charged Smith with murder. "
        "The accused gunman appeared in court. The man accused of the shooting was arrested. "
        "Prosecutors accused him of fraud. He faces charges of murder. The alleged gunman fled."
    )
    assert not {t.lemma_.lower() for t in loaded_tokens(parse(legal))} & {"charge", "accuse", "allege"}
    # The same words as verbs of telling stay loaded (the positive control).
    telling = "Senator Jones charged that the plan was a sham. He accused Trump of forcing a shutdown."
    assert {"charged", "accused"} <= {t.text for t in loaded_tokens(parse(telling))}


def test_product_name_before_a_person_is_no_title() -> None:
    body = (
        "A shotgun was found in the silver Ford Fusion LaCalamita was driving. "
        "Ford spokeswoman Jane Miller said the car was new. Texas Gov. Rick Perry said so too. "
        "House Majority Whip Steve Scalise agreed."
    )
    titles = {t.title for t in analyze_framing([Article(id="a", source="a", body=body)], [], [], []).titles}
    assert not any("Fusion" in t for t in titles)
    # Titles that hold a firm's or a place's name and end in a role stay (the positive control).
    assert {"Ford spokeswoman", "Texas Gov.", "House Majority Whip"} <= titles
