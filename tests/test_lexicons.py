"""One home per word list: the attribution verbs and their neutral subset are read from one place."""

from __future__ import annotations

from parallax.annotate.nlp import parse
from parallax.annotate.quotes import lexicon as cue_lexicon
from parallax.interpret.framing import lexicon as framing_lexicon
from parallax.interpret.framing import loaded_tokens
from parallax.report.views import NEUTRAL_VERBS
from parallax.words import attribution_verbs, neutral_verb_forms, neutral_verbs


def test_framing_and_reports_share_the_neutral_verbs() -> None:
    assert framing_lexicon().neutral_attribution == neutral_verbs()
    assert framing_lexicon().attribution == attribution_verbs()
    assert neutral_verb_forms() == NEUTRAL_VERBS
    # "noted" was judging in the reports and neutral in the framing view: now neutral in both.
    assert {"noted", "note", "said", "according to"} <= NEUTRAL_VERBS
    # Positive control: a verb that judges the speaker stays out.
    assert "slammed" not in NEUTRAL_VERBS and "slam" in attribution_verbs()
    assert neutral_verbs() <= attribution_verbs()
    # Every neutral verb is a speech cue for the quote finder too.
    assert neutral_verbs() <= cue_lexicon().speech


def test_a_neutral_verb_is_not_loaded_and_a_judging_one_is() -> None:
    noted = {t.text for t in loaded_tokens(parse("The minister noted that the talks had stalled."))}
    scoffed = {t.text for t in loaded_tokens(parse("The minister scoffed that the talks had stalled."))}
    assert "noted" not in noted
    assert "scoffed" in scoffed


def test_month_patterns_come_from_the_month_list() -> None:
    import re

    from parallax.words import MONTH_NAME, MONTH_PREFIX

    name = re.compile(rf"^{MONTH_NAME}$", re.IGNORECASE)
    assert all(name.match(m) for m in ("January", "Sept.", "sep", "Dec.", "june", "Jun"))
    assert not any(name.match(m) for m in ("Marching", "Septx", "Junes"))
    prefix = re.compile(rf"^{MONTH_PREFIX}$", re.IGNORECASE)
    assert prefix.match("Septembre") and prefix.match("Jan.")
    assert not prefix.match("Monday")


def test_shipped_first_names_are_fakers_table() -> None:
    # The shipped table is what parallax.names builds from the installed Faker (regenerate with
    # `python -m parallax.names` when Faker changes); a table with a name dropped differs.
    from parallax.names import first_name_genders, first_names_from_faker, first_names_json

    built = first_names_from_faker()
    shipped = first_name_genders()
    assert shipped == built
    assert shipped["john"] == "m" and shipped["mary"] == "f"
    less = dict(built)
    less.pop("john")
    assert first_names_json(less) != first_names_json(built)
