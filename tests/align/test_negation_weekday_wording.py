"""Negations, weekdays and doers told in other words by two outlets (issue 13), each rule built
from a miss of the ECB+ DEV tune half or the BASIL DEV tune half (the sentences here are written
after them, names changed): the pair the rule flags beside the near miss its guard keeps apart."""

from __future__ import annotations

from parallax.align.claims import split_sentence
from parallax.annotate.nlp import parse
from tests.align.helpers import contradictions_in


def _kinds(*bodies: str) -> list[str]:
    return [c.kind for c in contradictions_in(*bodies)]


def _claims(text: str, min_words: int = 4) -> list[str]:
    (sent,) = parse(text).sents
    return [" ".join(t.text for t in tokens if not t.is_punct) for tokens in split_sentence(sent, min_words)]


# --- a clause too short to stand alone (ECB+ 7: "Rahman got up but spent the remainder ...") ---


def test_a_coordinated_clause_too_short_to_stand_stays_with_the_other() -> None:
    assert _claims("Marek got up but spent the rest of the round on the ropes.") == [
        "Marek got up but spent the rest of the round on the ropes"
    ]
    # Without the floor (or with clauses long enough) the two clauses are two claims.
    assert len(_claims("Marek got up but spent the rest of the round on the ropes.", 0)) == 2
    assert _claims("The minister met the king on Monday and the premier resigned on Friday.") == [
        "The minister met the king on Monday",
        "the premier resigned on Friday",
    ]


def test_a_short_clause_kept_whole_is_compared_for_negation() -> None:
    got_up = "Marek got up but spent the rest of the round on the ropes, taking a beating."
    assert "negation" in _kinds("Marek did not get up after a count of eight.", got_up)
    assert not _kinds("Marek did not get up after a count of eight.", "Marek did not get up after the count.")


# --- a negation that is not the verb's own ---------------------------------------------------

_DIRECTED = (
    "In March, President Alan Brooks directed the agencies to review the water rule, "
    'stating that "we should be looking at ways to strengthen the law -- not weaken it.'
)


def test_a_negation_inside_a_quotation_that_runs_on_is_not_the_verbs() -> None:
    # ECB+ 9: the quotation opens after the verb and closes in the next sentence.
    assert "negation" in _kinds(
        "In March, President Alan Brooks did not direct the agencies to review the water rule.", _DIRECTED
    )


def test_a_negation_of_the_verb_before_a_quotation_still_counts() -> None:
    negated = _DIRECTED.replace("directed", "did not direct")
    assert "negation" not in _kinds(
        "In March, President Alan Brooks did not direct the agencies to review the water rule.", negated
    )


_DOMINATED = (
    "Brandt dominated the early rounds, repeatedly landing hard jabs that Reyes just couldn't answer."
)


def test_a_negation_in_a_clause_with_its_own_subject_is_not_the_verbs() -> None:
    # ECB+ 7: the "couldn't" is Reyes's, below "landing"; Brandt's "dominated" is affirmed.
    assert "negation" in _kinds("Brandt did not dominate the early rounds against Reyes.", _DOMINATED)
    assert "negation" not in _kinds(
        "Brandt did not dominate the early rounds against Reyes.",
        _DOMINATED.replace("dominated", "did not dominate"),
    )


# --- the doer or undergoer of a dated act named by a title ------------------------------------

_CHAMPION = (
    "Former champion Tom Cole watched from ringside in Mannheim. "
    "Vitali Brandt easily set aside the challenge of substitute Marco Reyes, stopping the former "
    "champion in seven rounds on Monday in Mannheim. "
    "Former champion Tom Cole said afterwards that the fight had been one-sided."
)
_STOPPING = "Vitali Brandt defended his crown by stopping {} in the seventh round at the arena on Saturday."


def test_a_title_beside_the_name_it_stands_for_may_be_that_person() -> None:
    # ECB+ 7: the story gives "former champion" to another man, but the sentence names the one
    # stopped right before the title.
    assert "date" in _kinds(_CHAMPION, _STOPPING.format("Marco Reyes"))


def test_a_title_of_another_person_than_the_one_named_elsewhere_stays_apart() -> None:
    # The same pair with another man stopped on Saturday: the title (Cole's in this story) and
    # that name are two people, two fights.
    assert "date" not in _kinds(_CHAMPION, _STOPPING.format("Dan Otto"))


# --- another doer of one act, a name in the sentence that only tells a thing apart ----------

_KNEW = (
    "The president and his lawyer, Tom Dale, now claim that the president already knew about "
    "Jensen lying to the FBI, renewing questions of whether he obstructed justice."
)
_KNOWN = (
    "That tweet caused problems for the White House, as some legal experts said the president "
    "would have known Mike Hobbs lied to agents when he asked {}."
)


def test_a_name_that_only_modifies_a_noun_is_no_other_doer() -> None:
    # BASIL (tune half): the other outlet's doer appears only in "the Jensen investigation".
    assert "attribution" in _kinds(_KNOWN.format("the director to drop the Jensen investigation"), _KNEW)


def test_the_other_doer_named_as_a_person_in_the_sentence_is_no_conflict() -> None:
    assert "attribution" not in _kinds(_KNOWN.format("Jensen to drop the investigation"), _KNEW)


# --- refusing an act against doing it (no dev case: written for the "refused") --------

_SIGNED = "Governor Ann Hale signed the school funding bill on Friday, aides said."


def test_refusing_an_act_is_the_negation_of_doing_it() -> None:
    assert "negation" in _kinds(
        "Governor Ann Hale refused to sign the school funding bill on Friday.", _SIGNED
    )
    assert "negation" in _kinds(
        "Governor Ann Hale declined to sign the school funding bill on Friday, aides said.", _SIGNED
    )


def test_refusing_another_persons_act_or_another_thing_is_no_negation() -> None:
    # Pairs as close as the flagged ones (cosine above the negation floor), one role apart.
    signed = "The governor signed the school funding bill on Friday, aides said."
    assert "negation" in _kinds(
        "The governor refused to sign the school funding bill on Friday, aides said.", signed
    )
    assert "negation" not in _kinds(
        "The mayor refused to sign the school funding bill on Friday, aides said.", signed
    )
    assert "negation" not in _kinds(
        "The governor refused to sign the school funding order on Friday, aides said.", signed
    )
