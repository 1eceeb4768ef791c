"""Misquotes read from utterance groups, and the actor of the main verb (issue 13)."""

from __future__ import annotations

from parallax.align.claims import analyze_claims
from parallax.align.contradictions import find_contradictions
from parallax.align.entities import link_entities
from parallax.align.facts import align_facts
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import fill_speakers, group_utterances
from parallax.annotate.quotes import find_quotes
from parallax.config import DEFAULT
from parallax.models import Contradiction
from tests.align.helpers import story


def _found(*bodies: str) -> list[Contradiction]:
    """Contradictions with quotes, speakers and utterances found as the pipeline finds them."""
    articles = story(*bodies)
    entities = link_entities(articles)
    quotes = attach_speakers(find_quotes(articles), entities)
    utterances = group_utterances(quotes, entities, articles)
    quotes = fill_speakers(quotes, utterances)
    claims = analyze_claims(articles, quotes)
    facts = align_facts(articles, quotes, DEFAULT.align, claims)
    return find_contradictions(facts, articles, quotes, DEFAULT.align, entities, claims, utterances)


def _kinds(found: list[Contradiction]) -> list[str]:
    return [c.kind for c in found]


_SPOKE = "Senator Mara Okafor spoke to reporters after the vote in the state capital. "


def test_one_utterance_quoted_with_another_figure_is_a_misquote() -> None:
    said = "“We gave the program twelve million dollars last year and the schools saw nothing of it,”"
    found = _found(
        _SPOKE + said + " Okafor said at the meeting.",
        _SPOKE + "At a meeting, Okafor, a Democrat, complained that “we gave the program twenty million "
        "dollars last year and the schools saw nothing of it.”",
    )
    assert _kinds(found) == ["misquote"]
    assert found[0].values == ["twelve", "twenty"]
    # Near miss: the same statement with the same figure, cut shorter and reworded around it.
    assert not _found(
        _SPOKE + said + " Okafor said at the meeting.",
        _SPOKE + "Okafor complained that “we gave the program twelve million dollars last year.”",
    )


def test_one_utterance_quoted_with_another_name_is_a_misquote() -> None:
    found = _found(
        _SPOKE + "“Daniel Brooks told me the funds had been spent on the new buildings,” Okafor said.",
        _SPOKE + "Okafor said that “Peter Chang told me the funds had been spent on the new buildings.”",
    )
    assert _kinds(found) == ["misquote"]
    assert found[0].values == ["Daniel Brooks", "Peter Chang"]
    # Near miss: a shorter form of the same name is the same name.
    assert not _found(
        _SPOKE + "“Daniel Brooks told me the funds had been spent on the new buildings,” Okafor said.",
        _SPOKE + "Okafor said that “Brooks told me the funds had been spent on the new buildings.”",
    )


def test_a_reworded_utterance_is_a_paraphrase_not_a_misquote() -> None:
    plan = "“I will support the plan to close the eastern hospital next spring,” Okafor said."
    assert not _found(
        _SPOKE + plan,
        _SPOKE + "Okafor told the crowd: “I will back the plan to shut the eastern hospital next spring.”",
    )
    # Positive control: the same words with a negation one outlet adds.
    found = _found(
        _SPOKE + plan,
        _SPOKE
        + "Okafor told the crowd: “I will not support the plan to close the eastern hospital next spring.”",
    )
    assert _kinds(found) == ["misquote"]


_PASSED = "The state legislature passed the water bill last month after a long debate. "


def test_another_person_as_the_doer_of_one_act_is_an_attribution_conflict() -> None:
    vetoed = _PASSED + "Governor Helen Marsh vetoed the water bill on Friday, citing its cost."
    found = _found(
        vetoed, _PASSED + "Lieutenant Governor Paul Ortega vetoed the water bill on Friday, citing the cost."
    )
    assert _kinds(found) == ["attribution"]
    assert found[0].values == ["Helen Marsh", "Paul Ortega"]
    # Near misses: the same person by surname; a pronoun (who it is, is a guess).
    assert not _found(vetoed, _PASSED + "Marsh vetoed the water bill on Friday because of the cost.")
    assert not _found(vetoed, _PASSED + "She vetoed the water bill on Friday, citing the cost.")


def test_an_act_both_people_did_is_no_attribution_conflict() -> None:
    said = " on Friday in a floor speech, saying its cost to the taxpayers of the state was far too high."
    criticised = "Senator Helen Marsh criticized the water bill" + said
    other = "Senator Paul Ortega criticized the water bill" + said
    # The second article says both did it: no conflict.
    assert not _found(_PASSED + criticised, _PASSED + other + " Marsh criticized the water bill too.")
    # Another undergoer of the same noun is another act.
    assert not _found(_PASSED + criticised, _PASSED + "Senator Paul Ortega criticized the school bill" + said)
    # Positive control: the same act and object, each outlet naming only its own doer.
    assert _kinds(_found(_PASSED + criticised, _PASSED + other)) == ["attribution"]


def test_the_attribution_between_two_parts_of_a_quotation_is_not_quoted_words() -> None:
    split = (
        "“I will support the plan to close the eastern hospital,” Okafor said on Monday, "
        "“and I will vote for it when it comes to the floor next spring.”"
    )
    whole = (
        "Okafor told the crowd: “I will {}support the plan to close the eastern hospital and I will "
        "vote for it when it comes to the floor next spring.”"
    )
    assert not _found(_SPOKE + split, _SPOKE + whole.format(""))
    # Positive control: the same, one outlet's words negated.
    assert _kinds(_found(_SPOKE + split, _SPOKE + whole.format("not "))) == ["misquote"]


def test_a_few_words_one_outlet_leaves_out_do_not_hide_a_misquote() -> None:
    said = (
        "“We gave the program {} million dollars last year and the {}schools saw nothing of it,” Okafor said."
    )
    assert not _found(_SPOKE + said.format("twelve", ""), _SPOKE + said.format("twelve", "public "))
    # Positive control: the same omission beside another figure.
    found = _found(_SPOKE + said.format("twelve", ""), _SPOKE + said.format("twenty", "public "))
    assert _kinds(found) == ["misquote"]


def test_contractions_with_either_apostrophe_are_the_same_words() -> None:
    curly = "“As mayor, I’ll end the hiring freeze and I’ll fight for every job in this city,” Okafor said."
    straight = (
        "Okafor told the crowd: \"As mayor, I'll {}end the hiring freeze and I'll fight for every job "
        'in this city."'
    )
    assert not _found(_SPOKE + curly, _SPOKE + straight.format(""))
    # Positive control: one outlet's words negated.
    assert _kinds(_found(_SPOKE + curly, _SPOKE + straight.format("not "))) == ["misquote"]
