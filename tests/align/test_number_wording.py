"""Counts and dates told in other words by two outlets (issue 13, ECB+ tune half): each rule flagged
on a pair the code before it missed, beside the near miss of its guard that is not flagged."""

from __future__ import annotations

from tests.align.helpers import contradiction_kinds, contradictions_in

_contradictions = contradictions_in
_kinds = contradiction_kinds


_SENTENCES = (
    "Nichols was sentenced Saturday morning to seven life sentences and four sentences of life "
    "without parole plus 485 years."
)


def test_figures_of_one_noun_paired_by_their_qualifiers() -> None:
    # The same word written twice is two figures, each with its own qualifiers.
    found = _contradictions(
        "Nichols was sentenced Saturday morning to seven life sentences and seven sentences of life "
        "without parole plus 485 years.",
        _SENTENCES,
    )
    assert [c.kind for c in found] == ["number"]
    assert found[0].values == ["seven", "four"]


def test_figures_of_one_noun_qualified_otherwise_are_not_paired() -> None:
    assert not _contradictions(
        "Nichols was sentenced Saturday morning to seven life sentences and seven other sentences "
        "plus 485 years.",
        _SENTENCES,
    )
    assert not _contradictions(_SENTENCES, _SENTENCES.replace("Saturday morning", "on Saturday"))


_KILLED = (
    "A judge on Saturday sentenced the man who killed four people in a courthouse escape to "
    "multiple life sentences."
)


def test_the_year_of_one_day_names_no_period() -> None:
    # "left seven people dead": the count of the dead, whatever the verb; the year dates the day.
    assert _kinds(
        "Judge James Bodiford sentenced Nichols to life without parole for the March 11, 2005, "
        "rampage that left seven people dead.",
        _KILLED,
    ) == ["number"]


def test_a_year_alone_is_still_the_period_of_a_figure() -> None:
    assert not _contradictions(
        "Judge James Bodiford sentenced Nichols to life without parole for the 2005 rampage that "
        "left seven people dead.",
        _KILLED,
    )


def test_a_count_left_in_another_state_is_another_act() -> None:
    assert not _contradictions(
        "Judge James Bodiford sentenced Nichols to life without parole for the March 11, 2005, "
        "rampage that left seven people injured.",
        _KILLED,
    )


_COUNTS = (
    "He was sentenced to life in prison for indecency with a child, aggravated sexual assault and "
    "two counts of aggravated assault with a deadly weapon, MyFoxHouston."
)


def test_a_count_the_parser_left_without_a_role_keeps_its_qualifiers() -> None:
    assert _kinds(
        "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault "
        "and five counts of aggravated assault with a deadly weapon, it said.",
        _COUNTS,
    ) == ["number"]


def test_counts_of_another_charge_are_no_conflict() -> None:
    assert not _contradictions(
        "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault "
        "and five counts of burglary with a deadly weapon, it said.",
        _COUNTS,
    )


_CANDIDATES = (
    "Almost all of the 288 candidates running for 125 seats in the parliament came either from the "
    "sole political party, the Democratic Party, or state-affiliated organisations."
)


def test_the_wholes_parts_are_taken_from_are_compared() -> None:
    assert _kinds(
        "Ninety percent of the 579 candidates come from the Democratic Party, with the other 10 "
        "percent coming from so-called initiative groups that have little clout.",
        _CANDIDATES,
    ) == ["number"]


def test_a_whole_is_not_compared_with_the_part() -> None:
    assert not _contradictions(
        "Some 250 candidates come from the Democratic Party, with the other 38 coming from "
        "so-called initiative groups that have little clout.",
        _CANDIDATES,
    )


_DAMAGES = (
    "The former candidate went to the church Saturday to apologize to pastors in case the "
    "estimated $1 million fire damages were in any way connected to the attention the church has received."
)


def test_an_amount_a_passive_verb_puts_a_thing_at_is_that_things() -> None:
    assert _kinds(
        "Damage to the Wasilla Bible Church was estimated at $5 million, authorities said Saturday.", _DAMAGES
    ) == ["number"]


def test_an_amount_a_passive_verb_puts_another_thing_at_is_no_conflict() -> None:
    assert not _contradictions(
        "The cost of the new Wasilla Bible Church was estimated at $5 million, authorities said Saturday.",
        _DAMAGES,
    )


_CHILDREN = (
    "No one was injured, but several people, including two children, were inside the church when "
    "the blaze started."
)


def test_a_count_under_the_same_verb_is_compared_in_less_alike_sentences() -> None:
    assert _kinds(
        "No one was injured in the fire last night, which was intentionally set while people, including "
        "five children, were inside.",
        _CHILDREN,
    ) == ["number"]


def test_counts_under_other_verbs_need_the_closer_sentences() -> None:
    # As close as the pair above (cosine 0.49), but "were" / "including": no count of one act.
    assert not _contradictions(
        "No one was injured in the fire last night, which was intentionally set while people, among "
        "them five children, were inside.",
        _CHILDREN,
    )


_TWEETED = (
    "President Donald Trump tweeted on Thursday that Defense Secretary Jim Mattis, a retired "
    "general, would be retiring at the end of February."
)


def test_two_statements_each_with_its_own_date_inside_are_two_statements() -> None:
    assert not _contradictions(
        "President Trump announced Sunday that Defense Secretary Jim Mattis, a retired general, "
        "will be leaving on January 1.",
        _TWEETED,
    )


def test_one_statement_dated_two_ways_with_the_same_date_inside_is_flagged() -> None:
    assert _kinds(
        "President Trump announced Sunday that Defense Secretary Jim Mattis, a retired general, "
        "would be retiring at the end of February.",
        _TWEETED,
    ) == ["date"]


_TEN_YEARS = (
    "He initially was imprisoned in February 1979 on three 10-year sentences for rape of a child "
    "and burglary of a building with the intent to commit theft."
)


def test_a_count_the_tagger_joined_to_a_duration_is_a_count() -> None:
    found = _contradictions(_TEN_YEARS.replace("three 10-year", "six 10-year"), _TEN_YEARS)
    assert [(c.kind, c.values) for c in found] == [("number", ["six", "three"])]


def test_a_count_joined_to_a_duration_counts_its_own_noun() -> None:
    other = _TEN_YEARS.replace("three 10-year sentences", "six 10-year terms of probation")
    assert not _contradictions(other, _TEN_YEARS)


_RECEIVED = "Comeaux was convicted of additional assault charges and received five additional life sentences."


def test_a_year_in_a_clause_without_the_figure_is_not_its_period() -> None:
    assert _kinds(
        _RECEIVED,
        "Comeaux was given two extra life sentences after being convicted for stabbing his wife "
        "and another person in 1999 while she visited him in prison.",
    ) == ["number"]


def test_a_year_in_the_figures_clause_is_its_period() -> None:
    assert not _contradictions(
        _RECEIVED,
        "In 1999 Comeaux was given two extra life sentences after being convicted for stabbing "
        "his wife and another person while she visited him in prison.",
    )


_DEAL = (
    "The source said Stefanski expected more from a team that had signed free agent Elton Brand "
    "to an $82 million deal."
)


def test_an_amount_a_thing_is_worth_is_that_things() -> None:
    assert _kinds(
        "They signed Elton Brand to a five-year deal worth nearly $163 million last summer.", _DEAL
    ) == ["number"]


def test_an_amount_another_thing_is_worth_is_no_conflict() -> None:
    assert not _contradictions(
        "They signed Elton Brand to a five-year deal with a house worth nearly $163 million last summer.",
        _DEAL,
    )


_STOPPED = (
    "Wladimir Klitschko defended his IBF heavyweight crown by stopping Hasim Rahman in the seventh "
    "round at SAP Arena on Saturday."
)


def test_a_named_person_and_a_role_noun_may_undergo_one_dated_act() -> None:
    assert _kinds(
        "Wladimir Klitschko easily set aside the challenge of substitute Hasim Rahman, stopping the "
        "former heavyweight champion in seven rounds on Monday in Mannheim, Germany.",
        _STOPPED,
    ) == ["date"]


def test_two_named_people_undergoing_a_dated_act_are_two_acts() -> None:
    assert not _contradictions(
        "Wladimir Klitschko easily set aside the challenge of substitute Hasim Rahman, stopping "
        "Samuel Peter in seven rounds on Monday in Mannheim, Germany.",
        _STOPPED,
    )


# --- rules of the numbers branch (ECB+ tune half misses) -------------------------------------------


def _piped(*bodies: str) -> list[str]:
    """Contradiction kinds with quotes, speakers and utterances found as the pipeline finds them."""
    from tests.align.test_misquotes_actors import _found

    return [c.kind for c in _found(*bodies)]


_PASTOR = (
    "Larry Kroon, pastor of the Wasilla Bible Church, estimates damages at more than $5 million "
    "to the church."
)


def test_a_figure_outside_a_partial_quote_is_the_outlets_own() -> None:
    # The quote finder takes the reported speech around “...” for one partial quote: the figure
    # outside the marks is still compared with the other outlet's own figure.
    assert _piped(
        _PASTOR,
        "Officials estimated the fire caused around $1 million in damage to the Wasilla Bible Church "
        "-- which Sarah hoped wasn't in connection to the “undeserved negative attention” from her "
        "failed campaign, according to the Sun Times News Group.",
    ) == ["number"]


def test_a_figure_inside_the_marks_is_not_the_outlets_own() -> None:
    assert not _piped(
        _PASTOR,
        "Officials estimated the fire caused “around $1 million in damage” to the Wasilla Bible "
        "Church, according to the Sun Times News Group.",
    )


_THREE_STORY = (
    "Firefighters were called to Wasilla Bible Church about 9:40 p.m. and found flames and smoke "
    "coming out windows at the back of the three-story structure, said James Steele, chief of the "
    "Central Mat-Su Fire Department."
)
_SIX_STORY = (
    "Flames and smoke were coming from the Wasilla Bible Church Friday evening when as many as 30 "
    "to 40 volunteer firefighters arrived at the six-story structure, and officials said Saturday "
    "they were treating the fire as a possible arson."
)


def test_a_size_joined_to_its_unit_belongs_to_the_thing_whatever_the_verb() -> None:
    found = _contradictions(_SIX_STORY, _THREE_STORY)
    assert [(c.kind, c.values) for c in found] == [("number", ["six", "three"])]


def test_the_size_of_another_thing_is_no_conflict() -> None:
    assert not _contradictions(
        _SIX_STORY.replace("six-story structure", "six-story parking garage"), _THREE_STORY
    )


_HOSTAGE = (
    "Officials said Arcade Joseph Comeaux Jr., 49, took two transport officers hostage on Monday "
    "morning and then escaped from the vehicle and took off on foot."
)
_HANDCUFFED = (
    "Officials could answer few questions about how convicted rapist Arcade Joseph Comeaux Jr., 49, "
    "escaped Monday from a prison van in Baytown after pulling a gun and handcuffing five transport "
    "officers, stealing their three guns and walking away."
)


def test_the_subject_of_a_bare_verb_after_a_verb_undergoes_the_first() -> None:
    # "took two officers hostage": "hostage" parsed as a verb with "officers" as its subject.
    assert _kinds(_HANDCUFFED, _HOSTAGE) == ["number"]


def test_a_subject_of_a_tensed_clause_after_a_verb_of_saying_does_not() -> None:
    assert not _contradictions(
        _HANDCUFFED,
        _HOSTAGE.replace("took two transport officers hostage", "said two transport officers died"),
    )
    assert not _contradictions(
        _HANDCUFFED.replace("five transport officers", "five police officers"), _HOSTAGE
    )


_SENTENCED = (
    "He was sentenced to life in prison for indecency with a child, aggravated sexual assault and "
    "two counts of aggravated assault with a deadly weapon, MyFoxHouston. com reports."
)


_SERVING = (
    "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault and "
    "five counts of aggravated assault with a deadly weapon, it said."
)


def test_a_count_in_apposition_has_the_role_of_its_head() -> None:
    # The parser hangs "aggravated sexual assault and two counts ..." on "He" (the passive's subject).
    assert _kinds(_SERVING, _SENTENCED) == ["number"]


def test_a_count_in_apposition_of_another_charge_is_no_conflict() -> None:
    other = _SERVING.replace("five counts of aggravated assault", "five counts of burglary")
    assert not _contradictions(other, _SENTENCED)


_HOLDOUTS = "Howard said other jurors told him the three holdouts refused to deliberate."
_ASKED = (
    "In fact, Howard said, the nine pro-death jurors asked the six holdouts how many people Nichols "
    "would have to kill before they would be willing to vote for execution."
)


def test_a_definite_count_is_the_size_of_one_group_whatever_it_does() -> None:
    found = _contradictions(_ASKED, _HOLDOUTS)
    assert [(c.kind, c.values) for c in found] == [("number", ["six", "three"])]


def test_an_indefinite_count_or_a_group_told_apart_is_not() -> None:
    assert not _contradictions(_ASKED.replace("the six holdouts", "six holdouts"), _HOLDOUTS)
    assert not _contradictions(
        _ASKED.replace("the six holdouts", "the six holdouts who had voted for life"), _HOLDOUTS
    )


_CALLED_ON = (
    "More than 1,300 federal and independent scientists with biological expertise and three leading "
    "scientific societies today called on the Interior and Commerce departments to overturn rule "
    "changes made in January."
)
_SENT = (
    "In a related story, 1,300 biologists and six scientific societies representing some 20,000 "
    "scientists sent separate letters last Friday to the Interior and Commerce departments urging "
    "them to overturn the rule changes."
)


def test_doers_named_alike_beside_a_figure_both_give_are_one_group() -> None:
    found = _contradictions(_SENT, _CALLED_ON)
    assert [(c.kind, c.values) for c in found] == [("number", ["six", "three"])]


def test_doers_without_the_shared_figure_or_named_otherwise_are_two_groups() -> None:
    assert not _contradictions(_SENT.replace("1,300 biologists", "1,200 biologists"), _CALLED_ON)
    assert not _contradictions(_SENT.replace("six scientific societies", "six medical societies"), _CALLED_ON)
