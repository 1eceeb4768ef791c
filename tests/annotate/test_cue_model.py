"""The learned cue model: shipped weights, and the cues it adds to the rules' quotes."""

from __future__ import annotations

from parallax.annotate import cue_model
from parallax.annotate.quotes import quotes_in_text as rule_quotes
from parallax.config import DEFAULT
from parallax.models import Quote

LEARNED = DEFAULT.annotate.model_copy(update={"learned_cues": True, "learned_attribution": False})
RULES = DEFAULT.annotate.model_copy(update={"learned_cues": False, "learned_attribution": False})


def quotes_in_text(text: str, article_id: str) -> list[Quote]:
    """Quotes with the learned cue model switched on (it is off by default)."""
    return rule_quotes(text, article_id, LEARNED)


def test_learned_cues_are_off_by_default() -> None:
    text = "The ministry is looking to completely dry up the country's oil exports."
    assert rule_quotes(text, "a1", RULES) == []
    assert [q.cue for q in quotes_in_text(text, "a1")] == ["is looking"]


def test_shipped_model_scores_probabilities_below_and_above_its_threshold() -> None:
    model = cue_model.model()
    assert 0.0 < model.threshold < 1.0
    assert model.weights
    stance = model.probability(["lemma=support", "content=dobj", "subject=PERSON", "lexicon=False"])
    unknown = model.probability(["lemma=win", "content=dobj", "subject=PERSON", "lexicon=False"])
    assert 0.0 < unknown < stance < 1.0


def test_endorsement_by_a_named_person_is_an_indirect_quote() -> None:
    quotes = quotes_in_text("Senator Jane Doe endorsed the governor for president on Monday.", "a1")
    assert [(q.cue, q.speaker_text, q.kind) for q in quotes] == [("endorsed", "Senator Jane Doe", "indirect")]
    assert quotes[0].text.startswith("the governor")


def test_an_ordinary_action_verb_is_no_cue() -> None:
    assert quotes_in_text("The company built a new factory in the town last year.", "a1") == []
    # positive control: the same clause reported by a speech verb is a quote
    quotes = quotes_in_text("The company said it built a new factory in the town last year.", "a1")
    assert [(q.cue, q.kind) for q in quotes] == [("said", "indirect")]


def test_content_a_rule_reports_is_not_reported_twice() -> None:
    text = "The mayor said that the council would approve the new budget next week."
    quotes = quotes_in_text(text, "a1")
    assert len(quotes) == 1
    assert quotes[0].cue == "said"


def test_a_verb_inside_a_learned_cue_content_is_not_a_second_quote() -> None:
    quotes = quotes_in_text("The ministry is looking to completely dry up the country's oil exports.", "a1")
    assert [q.cue for q in quotes] == ["is looking"]
    assert quotes[0].text.startswith("to completely dry up")


def test_features_describe_the_candidate_content() -> None:
    from parallax.annotate import nlp

    doc = nlp.parse("The senator hinted that she would run again.\n")
    cue = doc[2]
    content = doc[3:8]
    found = cue_model.features(cue, "ccomp", doc[1], False, 5, content)
    assert {"opens=that", "finite=True", "quotes=False", "speaking_subject=False"} <= set(found)
    assert not any(f.startswith("opens=") for f in cue_model.features(cue, "ccomp", doc[1], False, 5))
