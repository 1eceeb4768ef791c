from __future__ import annotations

from parallax.align.claims import analyze_claims, name_key, number_value
from parallax.models import Quote
from tests.align.helpers import story


def _texts(body: str) -> list[str]:
    return [c.claim.text for c in analyze_claims(story(body), []).claims]


def test_coordinated_clauses_become_two_claims_sharing_the_subject() -> None:
    texts = _texts("The minister arrived in Paris on Monday and met the president on Tuesday.")
    assert len(texts) == 2
    assert texts[0].startswith("The minister arrived in Paris on Monday")
    assert texts[1].startswith("The minister met the president on Tuesday")


def test_relative_clause_on_a_name_is_its_own_claim_about_that_name() -> None:
    texts = _texts("Jane Smith, who led the committee for ten years, resigned on Friday.")
    assert any(t.startswith("Jane Smith resigned on Friday") for t in texts)
    assert any(t.startswith("Jane Smith led the committee for ten years") for t in texts)
    assert not any("who" in t.split() for t in texts)


def test_reported_speech_stays_one_claim_of_its_reporting_verb() -> None:
    texts = _texts("The mayor said the bridge will open next week and the tolls will fall.")
    assert texts == ["The mayor said the bridge will open next week and the tolls will fall."]


def test_imperatives_and_fragments_are_no_claims() -> None:
    assert _texts("Share this story with a friend!\nBreaking News") == []
    # positive control: a statement beside them is still a claim
    assert _texts("Share this story with a friend!\nThe council approved the new budget on Monday.") == [
        "The council approved the new budget on Monday."
    ]


def test_claims_link_back_to_their_sentence_and_offsets() -> None:
    articles = story(
        "A storm hit the coast on Monday. The mayor, who was re-elected in May, declared an emergency."
    )
    claims = analyze_claims(articles, []).claims
    body = articles[0].body
    for c in claims:
        sentence = next(s for s in articles[0].sentences if s.id == c.claim.sentence)
        assert sentence.start <= c.claim.start < c.claim.end <= sentence.end
        assert body[c.claim.start : c.claim.end].split()[-1].strip(".") in c.claim.text
    assert {c.claim.sentence for c in claims} == {"s1", "s2"}


def test_words_inside_a_quote_are_the_speakers_claim() -> None:
    body = 'The peace talks failed on Friday. "We will never accept these terms," said Maria Lopez.'
    articles = story(body)
    start = body.index('"We')
    quote = Quote(
        id="q1",
        article="a1",
        text=body[start + 1 : body.index(',"')],
        start=start + 1,
        end=body.index(',"'),
        kind="direct",
        speaker_text="Maria Lopez",
        speaker_name="Maria Lopez",
    )
    claims = analyze_claims(articles, [quote]).claims
    outlet = [c for c in claims if not c.claim.quoted]
    quoted = [c for c in claims if c.claim.quoted]
    assert [c.claim.text for c in outlet] == ["The peace talks failed on Friday."]
    assert quoted and quoted[0].claim.speaker == "Maria Lopez"
    assert quoted[0].voice == "lopez"


def test_features_polarity_numbers_dates_and_order() -> None:
    claims = analyze_claims(
        story(
            "The minister did not meet the president on Tuesday. "
            "The strike lasted five months. "
            "Exports reached $20 billion in 2019. "
            "Before meeting the envoy, the minister spoke to reporters."
        ),
        [],
    ).claims
    negation, strike, exports, order = claims
    assert negation.negated and not strike.negated
    assert negation.dates.weekdays == {"tuesday"}
    assert [(q.value, q.unit) for q in strike.quantities] == [(5, "month")]
    assert (2e10, "$") in [(q.value, q.unit) for q in exports.quantities]
    assert exports.dates.years == {"2019"}
    assert order.order == {"before"}


def test_titles_resolve_to_the_person_the_story_gives_them() -> None:
    articles = story(
        "President Jane Doe visited the port. President Jane Doe spoke to workers.",
        "The president also met Foreign Minister Carl Berg.",
    )
    claims = analyze_claims(articles, []).claims
    met = next(c for c in claims if "also met" in c.claim.text)
    assert met.persons == {"doe", "berg"}


def test_name_keys_and_number_words() -> None:
    assert name_key("Mustafa al-Kadhimi's") == name_key("Al-Kadhimi") == "kadhimi"
    assert number_value("five") == 5
    assert number_value("1,500") == 1500
    assert number_value("20 billion") == 2e10
