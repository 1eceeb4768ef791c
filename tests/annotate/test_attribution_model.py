"""The learned attribution path: shipped model, kinds that keep quotes apart, the example story."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from parallax.annotate import attribution_model, nlp
from parallax.annotate.quotes import find_quotes, lexicon, quotes_in_text
from parallax.config import DEFAULT
from parallax.models import Article, Quote
from tests.annotate.test_example_quotes import MIN_RECALL, _matches

LEARNED = DEFAULT.annotate.model_copy(update={"learned_attribution": True})


def test_shipped_model_loads_offline_with_its_training_record() -> None:
    model = attribution_model.model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100
    meta = json.loads(resources.files("parallax").joinpath(attribution_model.META_FILE).read_text("utf-8"))
    assert meta["trained_on"].startswith("polnear_train")
    assert [point["share"] for point in meta["learning_curve"]] == [0.25, 0.5, 1.0]
    speech = model.probability(["bias", "origin=rule", "class=speech", "lemma=say", "kind=direct"])
    unknown = model.probability(["bias", "origin=verb", "class=none", "lemma=win", "kind=indirect"])
    assert 0.0 < unknown < speech < 1.0


def _attribution(text: str, cue_word: str) -> attribution_model.Scored:
    doc = nlp.parse(text)
    scored, _ = attribution_model.candidates(doc, text, DEFAULT.annotate)
    return next(s for s in scored if s.attribution.cue and cue_word in text[slice(*s.attribution.cue)])


def test_speech_and_sources_are_quotes_and_stances_are_not() -> None:
    said = "The minister said the talks would resume next week in Geneva."
    according = "The talks will resume next week, according to two officials in Geneva."
    saw = "The decade saw Iran and Iraq fight a bloody war over the border."
    lex = lexicon()
    for text, cue in ((said, "said"), (according, "according")):
        item = _attribution(text, cue)
        assert attribution_model.is_quote(nlp.parse(text), item.attribution, lex), text
    item = _attribution(saw, "saw")
    assert not attribution_model.is_quote(nlp.parse(saw), item.attribution, lex)


def test_context_features_see_nested_attributions_and_the_words_around() -> None:
    text = (
        "The senator said on Monday that the governor, who took office in May after a long campaign, "
        "wants a new tax on imports."
    )
    said = _attribution(text, "said")
    wants = _attribution(text, "wants")
    # the reporting verb holds another candidate's cue; the reported one sits inside its content
    assert "holds=1" in said.features and "nested=False" in said.features
    assert "nested=True" in wants.features and "holds=0" in wants.features
    assert "speaker_word=senator" in said.features and "first_word=that" in said.features
    assert "word_before=wants" in wants.features and "last_word=imports" in wants.features


def test_learned_path_marks_non_speech_as_attribution_and_the_report_leaves_it_out() -> None:
    text = (
        "The senator said the bill would pass before the summer recess.\n"
        "Most voters believe the economy is getting worse, a new poll shows."
    )
    found = quotes_in_text(text, "a1", LEARNED)
    kinds = {q.cue: q.kind for q in found}
    assert kinds.get("said") == "indirect", kinds
    assert kinds.get("believe") == "attribution", kinds
    article = Article(id="a1", source="https://example.com/a1", body=text)
    shown = find_quotes([article], LEARNED)
    assert [q.cue for q in shown] == ["said"]
    assert len({q.id for q in shown}) == len(shown)


def _by_cue(text: str) -> dict[str | None, Quote]:
    return {q.cue: q for q in quotes_in_text(text, "a1", LEARNED)}


def test_the_unnamed_asker_and_a_raising_verb_name_no_speaker() -> None:
    """ "Asked about X, Y said": Y answers, the asker goes unnamed; "X appears to …" is no one's
    view. A finite "asked" and the answer's "said" keep their speakers (the controls)."""
    asked = _by_cue("Asked about the budget, the senator said the bill would pass before the recess.")
    assert asked["Asked about"].speaker_text is None and asked["Asked about"].speaker_name is None
    assert asked["said"].speaker_text == "the senator"
    when = _by_cue("When asked whether he would run again, the governor said he had not decided.")
    assert when["asked"].speaker_text is None and when["said"].speaker_text == "the governor"
    by = _by_cue("Asked by a reporter whether he would run again, the governor said he had not decided.")
    assert by["Asked"].speaker_text == "a reporter" and by["said"].speaker_text == "the governor"
    finite = _by_cue("The senator asked whether the bill would pass before the recess.")
    assert finite["asked"].speaker_text == "The senator"
    for text, cue in (
        ("Enthusiasm for the governor appears to have plummeted since the spring.", "appears"),
        ("The mayor's plan seems to have stalled in the council.", "seems"),
    ):
        assert _by_cue(text)[cue].speaker_text is None, text


def test_a_whole_clause_kept_as_content_keeps_its_subject_as_speaker() -> None:
    """The learned path may keep a stance with its subject inside the content ("X supports Y"):
    X still holds it."""
    text = "Mr. Hale supports squeezing out undocumented immigrants by tightening enforcement at the border."
    quote = _by_cue(text)["supports"]
    assert quote.start == 0 and quote.kind == "attribution"
    assert quote.speaker_text == "Mr. Hale" and quote.speaker_name == "Hale"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # object control: who was led or prompted to say it says it, not what led them
        (
            "The decisive victory led party chairman Ann Pratt to declare that the race was over.",
            "to declare",
            "Ann Pratt",
        ),
        (
            "The defeat prompted the governor to warn that the campaign had run out of money.",
            "to warn",
            "the governor",
        ),
        (
            "That prompted the senator to make a joke and call the governor “very flexible.”",
            "call",
            "the senator",
        ),
        # subject control (the control): the subject says it, the object is a means
        ("The senator used the speech to declare that the race was over.", "to declare", "The senator"),
    ],
)
def test_to_clause_cue_is_said_by_the_object_that_controls_it(text: str, cue: str, speaker: str) -> None:
    quote = _by_cue(text)[cue]
    assert quote.speaker_text is not None and quote.speaker_text.endswith(speaker)


def test_a_passive_cue_is_held_by_its_agent() -> None:
    by = _by_cue("The plan is considered reckless by most economists in the region.")["is considered"]
    assert by.speaker_text == "most economists in the region"
    # the control: no "by" phrase, nobody holds it
    assert _by_cue("The plan is considered reckless in the region.")["is considered"].speaker_text is None


@pytest.fixture(scope="module")
def learned(example_files: list[Path]) -> dict[str, tuple[str, list[Quote]]]:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in example_files}
    return {key: (text, quotes_in_text(text, key, LEARNED)) for key, text in texts.items()}


def test_example_story_keeps_its_hand_checked_quotes(learned: dict[str, tuple[str, list[Quote]]]) -> None:
    shown = {
        key: (text, [q for q in quotes if q.kind != "attribution"]) for key, (text, quotes) in learned.items()
    }
    pairs = _matches(shown)
    recall = sum(quote is not None for _, quote in pairs) / len(pairs)
    assert recall >= MIN_RECALL, [item["text"][:60] for item, quote in pairs if quote is None]


def test_example_story_gains_no_non_speech_quote(learned: dict[str, tuple[str, list[Quote]]]) -> None:
    """Every quote shown has quotation marks or a speech / source / colon cue; the rest is
    ``attribution`` (and the learned path does find some of those: the positive control)."""
    speech = attribution_model.speech_verbs()
    kinds = [q.kind for _, quotes in learned.values() for q in quotes]
    assert "attribution" in kinds
    for _, quotes in learned.values():
        for quote in quotes:
            if quote.kind not in {"indirect"} or quote.cue is None:
                continue
            doc = nlp.parse(learned[quote.article][0])
            span = doc.char_span(quote.cue_start or 0, quote.cue_end or 0, alignment_mode="expand")
            assert span is not None
            words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
            assert (
                words & (speech | {"according", ":"})
                or any(t.is_punct for t in span)
                or (words & set(lexicon().sources))
            ), quote


def test_vector_weights_add_to_the_score_and_read_the_cue_and_content_head() -> None:
    import math

    import numpy as np

    from parallax.annotate.cue_model import CueModel

    text = "The minister said the talks would resume next week in Geneva."
    doc = nlp.parse(text)
    item = _attribution(text, "said").attribution
    vectors = np.arange(len(doc) * 2, dtype=np.float32).reshape(len(doc), 2)
    block = attribution_model.vector_features(doc, item, vectors, ("cue", "root"))
    said = next(t for t in doc if t.text == "said")
    root = doc.char_span(item.start, item.end, alignment_mode="expand").root
    assert block.tolist() == [*vectors[said.i], *vectors[root.i]]
    sparse = CueModel({"lemma=say": 1.0}, 0.0, 0.5)
    plain = attribution_model.AttributionModel(sparse)
    mixed = attribution_model.AttributionModel(
        sparse, ("cue",), np.zeros(2, np.float32), np.ones(2, np.float32), np.array([0.5, -1.0], np.float32)
    )
    assert not plain.uses_vectors and mixed.uses_vectors
    assert plain.probability(["lemma=say"]) == mixed.probability(["lemma=say"])  # no vector given
    expected = 1 / (1 + math.exp(-(1.0 + 0.5 * 2 - 1.0 * 1)))
    assert math.isclose(mixed.probability(["lemma=say"], np.array([2.0, 1.0])), expected, rel_tol=1e-6)
