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


_STAND = (
    "we stand by our reporting and the sources who informed it, and we urge the counsel to say what he "
    "disputes"
)


def test_a_verb_negated_with_the_auxiliary_do_is_a_misquote() -> None:
    said = _SPOKE + "“" + _STAND[0].upper() + _STAND[1:] + ",” Okafor said on Twitter."
    found = _found(
        said, _SPOKE + "Okafor later wrote that “" + _STAND.replace("we stand", "we do not stand") + ".”"
    )
    assert _kinds(found) == ["misquote"]
    # Near miss: the emphatic "do" without a negation says the same.
    assert not _found(
        said, _SPOKE + "Okafor later wrote that “" + _STAND.replace("we stand", "we do stand") + ".”"
    )


def test_an_abbreviated_title_is_the_same_word() -> None:
    said = "“I feel badly for {} Flynn and his family after the long months of the trial,” Okafor said."
    assert not _found(_SPOKE + said.format("General"), _SPOKE + said.format("Gen."))
    # Positive control: the same, one outlet's words negated.
    negated = said.replace("I feel", "I do not feel")
    assert _kinds(_found(_SPOKE + said.format("General"), _SPOKE + negated.format("Gen."))) == ["misquote"]


_HERDS = (
    "both believe that conservation and healthy herds are critical to the region. As a result, in a manner "
    "compliant with every law and regulation, the issuing of permits is put on hold"
)


def test_words_an_outlet_marks_as_left_out_do_not_hide_a_misquote() -> None:
    full = _SPOKE + "Okafor said they had talked and “" + _HERDS + ".”"
    cut = (
        "Okafor said they had talked and “both {}believe that conservation and healthy herds are critical … "
        "the issuing of permits is put on hold.”"
    )
    assert not _found(full, _SPOKE + cut.format(""))
    assert _kinds(_found(full, _SPOKE + cut.format("do not "))) == ["misquote"]
    # Without the ellipsis, the left-out sentence is another wording: nothing to compare.
    assert not _found(full, _SPOKE + cut.replace(" …", ",").format("do not "))


def test_words_between_two_pieces_of_quotation_are_left_out_not_reworded() -> None:
    full = (
        _SPOKE
        + "“We cannot allow a single rumor to destroy a person’s career. However, if these reports are "
        "true, the chairman will do the right thing and step aside,” Okafor said."
    )
    pieces = (
        _SPOKE + "Okafor said that “we cannot allow a single rumor to destroy a person’s career” but that if "
        "the reports hold, “the chairman will {}do the right thing and step aside.”"
    )
    assert not _found(full, pieces.format(""))
    assert _kinds(_found(full, pieces.format("not "))) == ["misquote"]


def test_a_partial_quote_negated_outside_its_quotation_marks_is_a_misquote() -> None:
    whole = _SPOKE + "Okafor said she was “deeply saddened by this decision of the board.”"
    found = _found(whole, _SPOKE + "Okafor wrote that she was not “deeply saddened” by the decision.")
    assert _kinds(found) == ["misquote"]
    # Near misses: both negated (inside the other's quotation marks); "not only" denies nothing.
    assert not _found(
        _SPOKE + "“I am not deeply saddened by this decision of the board,” Okafor said.",
        _SPOKE + "Okafor wrote that she was not “deeply saddened” by the decision.",
    )
    assert not _found(
        _SPOKE + "“The decision is not only a departure from the usual practice of the board, but unfair,” "
        "Okafor said.",
        _SPOKE + "Okafor called the decision “a departure from the usual practice of the board” and unfair.",
    )


_ELEPHANTS = (
    "“Elephants and other big game are blood currency for armed groups, and they are {}being killed at an "
    "alarming rate,” {} said."
)


def test_a_quotation_whose_speaker_is_unresolved_is_compared_by_its_words() -> None:
    named = _SPOKE + _ELEPHANTS.format("", "Okafor")
    unresolved = "The committee met on Tuesday. " + _ELEPHANTS.format("not ", "the committee chairman")
    assert _kinds(_found(named, unresolved)) == ["misquote"]
    # Near misses: the same words; a different statement sharing some of them; the same words
    # given to another named speaker (an attribution conflict, not one statement misquoted).
    assert not _found(
        named, "The committee met on Tuesday. " + _ELEPHANTS.format("", "the committee chairman")
    )
    other = (
        "“Elephants are not being killed at an alarming rate in the north, where patrols work,” the "
        "chairman said."
    )
    assert not _found(named, "The committee met on Tuesday. " + other)
    apart = _found(named, "Representative Paul Ortega spoke too. " + _ELEPHANTS.format("not ", "Ortega"))
    assert _kinds(apart) == ["attribution"]


def test_the_outlets_own_words_in_brackets_are_not_the_quotation() -> None:
    said = (
        "“Nobody knows what is happening, and now it looks like ({} strongman {}) {} is going to beat "
        "the United States by {} votes,” Okafor said."
    )
    assert not _found(
        _SPOKE + said.format("Libyan", "Muammar", "al-Qaddafi", "ten"),
        _SPOKE + said.format("Libyan", "Moammar", "Gadhafi", "ten"),
    )
    # Positive control: the same quotations with another figure outside the brackets.
    found = _found(
        _SPOKE + said.format("Libyan", "Muammar", "al-Qaddafi", "ten"),
        _SPOKE + said.format("Libyan", "Moammar", "Gadhafi", "twenty"),
    )
    assert _kinds(found) == ["misquote"]


_MET = "The accusation was first published on Thursday by a newspaper in the state capital. "
_TOLD = (
    "The woman told the newspaper that {} first approached her in 1979 outside a courtroom in the capital."
)
_REPORTED = "The woman reported that {} had first approached {} in 1979 outside a courtroom in the capital."


def test_the_doer_of_an_act_a_report_tells_of_is_compared() -> None:
    told = _MET + _TOLD.format("Senator Helen Marsh")
    found = _found(told, _MET + _REPORTED.format("Paul Ortega", "the girl"))
    assert _kinds(found) == ["attribution"]
    assert found[0].values == ["Helen Marsh", "Paul Ortega"]
    # Near misses: the same doer by surname; another named undergoer (two acts).
    assert not _found(told, _MET + _REPORTED.format("Marsh", "the girl"))
    assert not _found(told, _MET + _REPORTED.format("Paul Ortega", "Anna Reyes"))


# --- negation read on the verb's own words (issue 13, ECB+ tune half) -----------------------------


def _partial_quoted(first: str, second: str) -> list[str]:
    """Kinds found when the first article's claim holds a partial quote its speaker said (as the
    quote finder marks "X led the crowd in singing “Happy Birthday”" when it takes the title for
    X's words)."""
    articles = story(_SPOKE + first, _SPOKE + second)
    claims = analyze_claims(articles, [])
    for c in claims.claims:
        if c.article_index == 0 and "“" in c.claim.text:
            c.verbatim = True
            c.claim = c.claim.model_copy(update={"quoted": True, "speaker": "Okafor"})
            c.speaker_key = "okafor"
    facts = align_facts(articles, [], DEFAULT.align, claims)
    return _kinds(find_contradictions(facts, articles, [], DEFAULT.align, claims=claims))


def test_a_verb_outside_a_partial_quotes_marks_is_the_outlets_words() -> None:
    sang = " the crowd in singing “Happy Birthday” to the speaker of the house."
    assert _partial_quoted(
        "After the vote, Okafor led" + sang, "After the vote, Okafor did not lead" + sang
    ) == ["negation"]
    # Near miss: the verb inside the marks in one outlet, outside them in the other (quoted words
    # against the outlet's own: no one voice to compare).
    assert not _partial_quoted(
        "After the vote, Okafor said she “will lead the crowd in singing” to the speaker of the house.",
        "After the vote, Okafor said she will not lead the crowd in singing to the speaker of the house.",
    )


_DIRECTED = (
    "In March, Governor Helen Marsh {} the agencies to review the water rules, "
    "saying “we should strengthen the rules, not weaken them.”"
)
_REVIEW = (
    "In March, Governor Helen Marsh {} the state departments to review the water rules of the previous board."
)


def test_a_negation_inside_another_clauses_quotation_is_not_the_verbs() -> None:
    found = _found(_PASSED + _DIRECTED.format("directed"), _PASSED + _REVIEW.format("did not direct"))
    assert _kinds(found) == ["negation"]
    # Near misses: both negated, or neither (the quotation's "not" is the same in both).
    assert not _found(
        _PASSED + _DIRECTED.format("did not direct"), _PASSED + _REVIEW.format("did not direct")
    )
    assert not _found(_PASSED + _DIRECTED.format("directed"), _PASSED + _REVIEW.format("directed"))


_DECLINED = (
    "The pastor, Larry Kroon, spoke to reporters on Sunday. "
    "He {} to say whether the church had received threats."
)
_ACCEPTED = (
    "The pastor, Larry Kroon, spoke to reporters on Sunday. “I {} the offer of the city council,” Kroon said."
)


def test_reported_speech_told_the_opposite_way_is_a_negation_not_a_misquote() -> None:
    assert _kinds(_found(_DECLINED.format("declined"), _DECLINED.format("did not decline"))) == ["negation"]
    # Near miss: the verb inside quotation marks stays a misquote.
    assert _kinds(_found(_ACCEPTED.format("accepted"), _ACCEPTED.format("did not accept"))) == ["misquote"]


_LEARNED = "Investigators learned on Friday that Senator Helen Marsh {} the ethics committee about the loan."
_DESCRIBED = "Prosecutors described on Friday how Senator Paul Ortega {} the ethics committee about the loan."


def test_the_doer_of_an_act_below_the_main_clause_is_compared() -> None:
    found = _found(_PASSED + _LEARNED.format("lied to"), _PASSED + _DESCRIBED.format("had lied to"))
    assert _kinds(found) == ["attribution"]
    assert found[0].values == ["Helen Marsh", "Paul Ortega"]
    # Near misses: the act under a denial; one act done, the other still to come; the article
    # that names the second doer says the first did it too.
    denied = _LEARNED.replace("learned", "did not learn").format("lied to")
    assert not _found(_PASSED + denied, _PASSED + _DESCRIBED.format("had lied to"))
    assert not _found(_PASSED + _LEARNED.format("misled"), _PASSED + _DESCRIBED.format("will mislead"))
    both = _DESCRIBED.format("had lied to") + " Marsh lied to the committee too."
    assert not _found(_PASSED + _LEARNED.format("lied to"), _PASSED + both)


_MINDSET = (
    "But while Okafor said it's time to get off the \"mindset that if we {}disagree, we have to disqualify "
    'each other" comments like Ortega\'s show that the primary "has been a race to the bottom. We have seen '
    "nastiness, divisiveness, ugliness, distortion of opponents' records and of the governor's record.\""
)
_POLITICS = (
    "\"I think it's time in our politics that we get rid of this mindset that if we disagree, we have to "
    'disqualify each other," {} said.'
)


def test_one_speakers_quotations_no_utterance_joins_are_compared_word_by_word() -> None:
    # The quotations share few content words (the one outlet cut it short and ran it into another
    # quotation), so no utterance joins them; one linked speaker and the same run of words do.
    found = _found(_SPOKE + _MINDSET.format("do not "), _SPOKE + _POLITICS.format("Okafor"))
    assert _kinds(found) == ["misquote"]
    # Near misses: the same words without the negation; the words given to another named person.
    assert not _found(_SPOKE + _MINDSET.format(""), _SPOKE + _POLITICS.format("Okafor"))
    assert not _found(_SPOKE + _MINDSET.format("do not "), _SPOKE + _POLITICS.format("Senator Paul Ortega"))
