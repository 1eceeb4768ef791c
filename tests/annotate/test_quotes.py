"""Quotes from the parse: kinds, cues, speakers resolved within the article, robustness."""

from __future__ import annotations

import pytest

from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes, quotes_in_text
from parallax.models import Article, Quote

STORY = (
    "Prime Minister Jane Holloway met the union leaders in Leeds on Monday.\n"
    "“We will not give up on this plan,” Holloway said, “whatever it costs us.”\n"
    "“The workers deserve better. They have waited long enough.”\n"
    "The premier also warned that strikes would hurt the economy.\n"
    "She stressed that the talks were a “last chance for a deal.”\n"
    "According to union officials, the talks will resume next week.\n"
    "Critics called the plan a “fairy tale” in a statement.\n"
)


@pytest.fixture(scope="module")
def story() -> list[Quote]:
    return quotes_in_text(STORY, "a1")


def _find(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return found[0]


def test_offsets_index_the_text_as_given(story: list[Quote]) -> None:
    for quote in story:
        assert STORY[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert STORY[quote.speaker_start : quote.speaker_end] == quote.speaker_text
        if quote.cue_start is not None and quote.cue_end is not None:
            assert STORY[quote.cue_start : quote.cue_end] == quote.cue


def test_quote_split_by_the_speech_verb_is_one_direct_quote(story: list[Quote]) -> None:
    quote = _find(story, "give up on this plan")
    assert quote.kind == "direct"
    assert "whatever it costs us" in quote.text
    assert quote.cue == "said"
    assert quote.speaker_text == "Holloway"
    assert quote.speaker_name == "Jane Holloway"


def test_paragraph_of_quotation_after_an_attributed_one_takes_its_speaker(story: list[Quote]) -> None:
    quote = _find(story, "The workers deserve better")
    assert quote.kind == "direct"
    assert quote.speaker_name == "Jane Holloway"
    assert quote.text.endswith("long enough.”")


def test_role_noun_and_pronoun_resolve_to_the_named_person(story: list[Quote]) -> None:
    warned = _find(story, "strikes would hurt the economy")
    assert warned.kind == "indirect"
    assert warned.speaker_text == "The premier"
    assert warned.speaker_name == "Jane Holloway"
    stressed = _find(story, "last chance for a deal")
    assert stressed.speaker_text == "She"
    assert stressed.speaker_name == "Jane Holloway"


def test_quoted_fragment_in_reported_speech_is_partial(story: list[Quote]) -> None:
    quote = _find(story, "last chance for a deal")
    assert quote.kind == "partial"
    assert "the talks were" in quote.text


def test_according_to_names_the_source(story: list[Quote]) -> None:
    quote = _find(story, "the talks will resume next week")
    assert quote.cue == "According to"
    assert quote.speaker_text == "union officials"


def test_sentence_ids_are_the_sentences_the_quote_overlaps() -> None:
    [article] = add_sentences([Article(id="a1", source="x", body=STORY)])
    quotes = find_quotes([article])
    by_id = {s.id: s for s in article.sentences}
    for quote in quotes:
        assert quote.sentence_ids
        for sid in quote.sentence_ids:
            sentence = by_id[sid]
            assert sentence.start < quote.end and sentence.end > quote.start


def test_quote_ids_are_unique_across_articles() -> None:
    articles = [Article(id="a1", source="x", body=STORY), Article(id="a2", source="y", body=STORY)]
    quotes = find_quotes(articles)
    assert len({q.id for q in quotes}) == len(quotes)
    assert {q.article for q in quotes} == {"a1", "a2"}


def test_quoted_phrase_with_no_speaker_is_unmarked() -> None:
    quotes = quotes_in_text("The so-called “peace dividend” never came to the region.\n", "a1")
    assert [(q.kind, q.speaker_text, q.speaker_name) for q in quotes] == [("unmarked", None, None)]


def test_unbalanced_marks_lose_no_other_quote() -> None:
    text = (
        'The mayor said "the budget is fine. Nobody believed it.\n'
        '"We will cut taxes," Mayor Tom Briggs said on Friday.\n'
        "“The roads come first,” Briggs added.\n"
    )
    quotes = quotes_in_text(text, "a1")
    texts = [q.text for q in quotes]
    assert any("We will cut taxes" in t for t in texts)
    assert any("The roads come first" in t for t in texts)
    assert all(q.speaker_name == "Tom Briggs" for q in quotes if "roads" in q.text or "taxes" in q.text)


def test_nested_quotes_stay_one_quote() -> None:
    text = "“He told me ‘never again’ and then he left the room,” said Maria Lopez, a witness.\n"
    quotes = quotes_in_text(text, "a1")
    assert len(quotes) == 1
    assert "never again" in quotes[0].text
    assert quotes[0].speaker_name == "Maria Lopez"


def test_a_hundred_paragraph_article_keeps_every_quote() -> None:
    paragraphs = [f"“Item {i} is ready for the market,” the trader Sam Obi said." for i in range(100)]
    quotes = quotes_in_text("\n".join(paragraphs) + "\n", "a1")
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 100
    assert {q.speaker_name for q in direct} == {"Sam Obi"}


def test_empty_and_quote_free_text_give_no_quotes() -> None:
    assert quotes_in_text("", "a1") == []
    assert quotes_in_text("The river rose two metres overnight.\n", "a1") == []
    # positive control: the same sentence attributed is one quote
    quotes = quotes_in_text("The river rose two metres overnight, the mayor said.\n", "a1")
    assert [(q.cue, q.text) for q in quotes] == [("said", "The river rose two metres overnight")]


def test_question_quote_takes_the_cue_opening_the_next_sentence() -> None:
    text = (
        "Voters listened.\n"
        "“Is this a priority for the two of them because it is an election year?” Ann Pratt asked, "
        "according to a transcript.\n"
    )
    [quote] = quotes_in_text(text, "a1")
    assert quote.kind == "direct"
    assert quote.cue == "asked"
    assert quote.speaker_name == "Ann Pratt"


def test_participle_cue_takes_the_reporting_subject_not_a_possessor() -> None:
    text = (
        "Mayor Tom Briggs warned that the city will raise taxes next year, "
        "telling Leeds’s council that cuts are coming.\n"
    )
    [quote] = [q for q in quotes_in_text(text, "a1") if q.cue == "telling"]
    assert quote.text == "that cuts are coming"
    assert quote.speaker_name == "Tom Briggs"


def test_headline_colon_attributes_to_the_name_after_it() -> None:
    text = "Taxes will rise again next year: Briggs\nMayor Tom Briggs spoke to the council on Monday.\n"
    [quote] = quotes_in_text(text, "a1")
    assert quote.text == "Taxes will rise again next year"
    assert quote.cue == ":"
    assert quote.speaker_name == "Tom Briggs"


def test_name_hung_on_the_clause_before_the_cue_is_still_the_speaker() -> None:
    text = (
        "The city will never forget the flood of its old harbour district, "
        "Mayor Tom Briggs said on Tuesday.\n"
    )
    quote = _find(quotes_in_text(text, "a1"), "never forget the flood")
    assert quote.speaker_name == "Tom Briggs"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the parser hangs the prepositional phrase on the verb, not on the object
        (
            "The ministry has vigorously denied any role in the 2019 harbour fire, and the police "
            "have never charged anyone.",
            "any role in the 2019 harbour fire",
        ),
        ("Mayor Tom Briggs announced a benefit concert in support of the flood victims.", "in support of"),
        # "as" opens a clause of its own: still what the object was described as
        (
            "Mayor Tom Briggs described the old harbour as beset by floods, some of them deadly.",
            "as beset by",
        ),
    ],
)
def test_object_content_runs_on_through_its_complements(text: str, content: str) -> None:
    [quote] = quotes_in_text(text + "\n", "a1")
    assert content in quote.text
    assert "police" not in quote.text  # the next clause is the reporter's


def test_content_runs_past_the_colon_that_announces_its_rest() -> None:
    [quote] = quotes_in_text("Union leaders say they have a powerful new weapon: the general strike.\n", "a1")
    assert quote.text == "they have a powerful new weapon: the general strike"


def test_descriptive_apposition_after_the_object_is_the_reporters() -> None:
    text = "Mayor Tom Briggs praised the harbour plan, something that could bring thousands of jobs.\n"
    [quote] = quotes_in_text(text, "a1")
    assert quote.text == "the harbour plan"


def test_cue_right_after_the_closing_mark_attributes_a_quote_the_parser_split() -> None:
    text = (
        "“The harbour is moving a bit to the left and I think that’s fine, and people who live there "
        "understand that,” Briggs told the Leeds Post in May.\n"
    )
    [quote] = quotes_in_text(text, "a1")
    assert quote.kind == "direct"
    assert quote.cue == "told"
    assert quote.speaker_text == "Briggs"


def test_short_quotation_followed_by_its_cue_is_speech_not_a_phrase() -> None:
    [quote] = quotes_in_text('"The flooding," council leader Ann Pratt said, as the crowd cheered.\n', "a1")
    assert quote.kind == "direct"
    assert quote.speaker_name == "Ann Pratt"


def test_headline_source_noun_before_a_colon_is_the_speaker() -> None:
    [quote] = quotes_in_text("Poll: Briggs leads the mayoral race by ten points\n", "a1")
    assert quote.cue == ":"
    assert quote.speaker_text == "Poll"
    assert quote.text == "Briggs leads the mayoral race by ten points"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "As reported by the Leeds Post, the council will close the harbour in March.",
            "reported",
            "Leeds Post",
        ),
        (
            "As the Leeds Post has reported, the council will close the harbour in March.",
            "has reported",
            "Leeds Post",
        ),
        ("As the Leeds Post put it, the council will close the harbour in March.", "put it", "Leeds Post"),
    ],
)
def test_as_reported_phrase_vouches_for_the_clause_it_modifies(text: str, cue: str, speaker: str) -> None:
    [quote] = quotes_in_text(text + "\n", "a1")
    assert quote.text == "the council will close the harbour in March"
    assert quote.cue == cue
    assert speaker in (quote.speaker_text or "")


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tom Briggs answered the critics by saying the harbour will stay open.",
        "Mayor Tom Briggs said in a statement that the harbour will stay open.",
    ],
)
def test_reported_clause_hung_off_a_prepositional_phrase(text: str) -> None:
    [quote] = quotes_in_text(text + "\n", "a1")
    assert quote.text.endswith("the harbour will stay open")
    assert quote.speaker_name == "Tom Briggs"


def test_quotation_marks_do_not_end_an_objects_complement() -> None:
    [quote] = quotes_in_text("Critics have called the harbour plan “a fairy tale for the rich.”\n", "a1")
    assert "fairy tale for the rich" in quote.text
    assert quote.speaker_text == "Critics"


def test_preposition_of_a_cue_may_open_a_clause() -> None:
    [quote] = quotes_in_text("The union is calling for the government to raise wages this year.\n", "a1")
    assert quote.text == "the government to raise wages this year"
    assert quote.speaker_text == "The union"


def test_clause_after_the_cue_wins_over_a_clause_before_it() -> None:
    text = (
        "Jane Doe, the inspector general, has indicated that some files contained secrets; "
        "the State Department has indicated that it has not analyzed the files.\n"
    )
    quotes = quotes_in_text(text, "a1")
    assert "that it has not analyzed the files" in [q.text for q in quotes]
    assert "that some files contained secrets" in [q.text for q in quotes]


def test_infinitive_after_a_quoted_object_is_not_a_trailing_cue() -> None:
    text = (
        "Still, Mayor Tom Briggs advised “the young voters” to know the nature of the council as "
        "“the enemy” whose presence “anywhere can be a source of corruption.”\n"
    )
    quotes = quotes_in_text(text, "a1")
    assert quotes
    assert all(q.cue == "advised" for q in quotes)


def test_second_that_clause_conjoined_to_the_cue_is_reported_too() -> None:
    text = (
        "Mayor Tom Briggs believes there are no good options, but that sometimes the lesser evil will do.\n"
    )
    [quote] = quotes_in_text(text, "a1")
    assert quote.text.endswith("the lesser evil will do")


def test_clause_conjoined_to_a_parenthetical_cue_goes_on_with_the_host() -> None:
    text = (
        "Raise taxes before the election, the advisers said, "
        "and you risk being perceived as trying to buy votes.\n"
    )
    [quote] = quotes_in_text(text, "a1")
    assert quote.text.startswith("Raise taxes")
    assert quote.text.endswith("trying to buy votes")


def test_scare_quoted_word_ending_a_clause_is_not_a_direct_quote_of_the_next_cue() -> None:
    text = (
        "People should provide evidence and not wave around speculative words like “maybe” and "
        "“perhaps”, he told reporters.\n"
    )
    assert not [q for q in quotes_in_text(text, "a1") if q.kind == "direct"]
    # positive control: a quoted sentence before the same cue is a direct quote
    quoted = quotes_in_text("“We will win the next vote,” he told reporters.\n", "a1")
    assert [(q.cue, q.kind) for q in quoted] == [("told", "direct")]


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ana Ortega visited the site.\n“We will rebuild the bridge by spring," Ortega said.',
        'Mayor Ana Ortega visited the site.\n"We will rebuild the bridge by spring,” Ortega said.',
    ],
)
def test_mismatched_quote_marks_pair_so_the_cue_after_them_is_found(text: str) -> None:
    [quote] = [q for q in quotes_in_text(text, "a1") if "rebuild" in q.text]
    assert quote.kind == "direct"
    assert quote.text.startswith(("“We", '"We')) and quote.text.endswith(('spring,"', "spring,”"))
    assert quote.speaker_name == "Ana Ortega"


def test_word_of_the_quotation_parsed_as_a_second_subject_is_not_the_speaker() -> None:
    text = (
        "Senator Ana Ortega spoke on Friday.\n"
        "“Everyone so focused on the old rival should start also looking in another direction, Canada,”"
        " Ms. Ortega wrote."
    )
    [quote] = [q for q in quotes_in_text(text, "a1") if "rival" in q.text]
    assert quote.speaker_text == "Ms. Ortega"
    assert quote.speaker_name == "Ana Ortega"


@pytest.mark.parametrize(("opening", "closing"), [('"', '"'), ("“", "”")])
def test_quotation_continued_into_a_paragraph_with_no_opening_mark_keeps_its_cue(
    opening: str, closing: str
) -> None:
    text = (
        "Senator Tom Hale posted twice on Monday.\n\n"
        f"{opening}The new rules, which I never saw, were written in secret.\n\n"
        f"They were meant to pass in May but the board just rushed them,{closing} Hale wrote.\n\n"
        "The board did not reply."
    )
    quotes = quotes_in_text(text, "a1")
    first = next(q for q in quotes if "written in secret" in q.text)
    rest = next(q for q in quotes if "rushed them" in q.text)
    assert rest.kind == first.kind == "direct"
    assert rest.speaker_name == first.speaker_name == "Tom Hale"
    assert "Hale wrote" not in rest.text
    # near miss: no cue after the closing mark, nobody's quotation
    lone = text.replace(" Hale wrote.", "")
    assert all(q.speaker_name is None for q in quotes_in_text(lone, "a1") if "secret" in q.text)


def test_speech_verbs_of_acts_quote_only_a_clause() -> None:
    import json
    from pathlib import Path

    from parallax.annotate.quotes import quotes_in_text

    cases = json.loads((Path(__file__).parents[1] / "fixtures" / "unseen_speakers.json").read_text())
    cases = cases["non_speech_cues"]
    # "is charged with murder", "found him hiding", "responded with tear gas": acts, kept as
    # attributions but no quote a reader would see
    for text in cases["acts"]:
        kinds = {q.kind for q in quotes_in_text(text, "a")}
        assert kinds <= {"attribution"}, (text, kinds)
    # positive controls: the same verbs with a finite clause report what was said
    for text in cases["speech"]:
        assert "indirect" in {q.kind for q in quotes_in_text(text, "a")}, text


def test_a_quotation_is_not_cut_at_a_verb_of_saying_inside_it() -> None:
    import json
    from pathlib import Path

    from parallax.annotate.quotes import quotes_in_text

    cases = json.loads((Path(__file__).parents[1] / "fixtures" / "unseen_speakers.json").read_text())
    cases = cases["nested_cues"]
    # ``…'' (Penn Treebank / LaTeX marks) pair like curly ones: "to say" inside is no cue of its own
    for text in (cases["backticks"], cases["curly"]):
        [quote] = [q for q in quotes_in_text(text, "a") if q.kind != "attribution"]
        assert (quote.kind, quote.cue, quote.speaker_text) == ("direct", "said", "he")
        assert quote.text.rstrip("'”,").endswith("I'm sorry")
    # control: a longer speaker phrase before the cue after the closing mark names the speaker
    [quote] = quotes_in_text(cases["long_speaker"], "a")
    assert (quote.kind, quote.cue, quote.speaker_name) == ("direct", "told", "Rosa Ortiz")
