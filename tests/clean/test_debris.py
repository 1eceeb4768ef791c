"""Debris rules on made-up paragraphs: each removes what it should and keeps prose that looks alike."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from parallax.clean.debris import _phrase, classify, credit, is_date_only, is_stamp, name_prefix, prompt
from parallax.config import DEFAULT

CONFIG = DEFAULT.clean
PROSE = "The minister said on Monday that the talks would continue next week in the capital."


def reasons(paragraphs: list[str]) -> list[str | None]:
    return [d.reason for d in classify(paragraphs, CONFIG)]


def test_prompt_outside_quotes_only() -> None:
    assert prompt("Sign up for our free newsletter to get the news in your inbox.")
    assert prompt("Follow Newsroom on Twitter and Instagram.")
    assert not prompt('"Follow us on Twitter," the spokesman told reporters.')


def test_prompt_found_through_other_forms_of_its_trigger_word() -> None:
    """Patterns are tried by the trigger words of the paragraph: "clicking" selects "click(ing)?"."""
    assert prompt("By clicking here you agree to receive our offers")
    assert prompt("Have a tip? Email the newsroom")
    assert prompt("Comment below and tell a friend")
    assert prompt("SUBSCRİBE TO OUR NEWSLETTER")  # "İ" matches "i" case-insensitively


def test_phrase_needs_only_the_words_every_match_has() -> None:
    assert _phrase(r"\bcontributed (to )?this\b").needs == "contributed "
    assert _phrase(r"\bnewsletters?\b").needs == "newsletter"
    assert _phrase(r"\bsign up|subscribe\b").needs == ""
    assert _phrase(r"\bsign up (now|here)|subscribe\b").needs == ""
    assert _phrase(r"^\s*(copyright|©)").needs == ""
    assert credit("Jane Doe contributed to this report.")
    assert credit("JANE DOE CONTRİBUTED TO THİS REPORT.")  # no "contributed" once lower-cased


def test_prose_mentioning_subscriptions_is_kept() -> None:
    text = "Subscribers can sign up for a free seven-day trial before paying $6.99 a month, the company said."
    assert reasons([PROSE, text]) == [None, None]


def test_related_block_ends_at_prose() -> None:
    paragraphs = [PROSE, "Read more:", "Minister visits capital", "Talks set for next week", PROSE]
    assert reasons(paragraphs) == [None, "related-links", "related-links", "related-links", None]


def test_related_link_on_one_line() -> None:
    assert reasons([PROSE, "Related: Ten things to know about the talks", PROSE])[1] == "related-links"
    assert reasons([PROSE, "Read more: The ministry said talks would resume.", PROSE])[1] is None


def test_caption_below_headline_only() -> None:
    headline = "Minister Opens Talks In Capital"
    caption = "The minister greets delegates at the palace. March 3, 2021"
    assert reasons([headline, caption, PROSE]) == [None, "caption", None]
    # Without a headline above it the same line could be the headline: it stays.
    assert reasons([caption, PROSE]) == [None, None]


def test_glued_crumbs_above_headline_only() -> None:
    assert reasons(["WorldEurope", "Minister Opens Talks In Capital", PROSE]) == ["navigation", None, None]
    assert reasons(["PlayStation Sales Rise", PROSE]) == [None, None]


def test_stamps_and_scrape_dates() -> None:
    assert is_stamp("Published: Updated:", lead=False)
    assert is_stamp("Updated at 1:23 p.m.", lead=False)
    assert is_date_only("Tuesday , 7 May 2024")
    assert not is_date_only("10 p.m.")
    assert not is_date_only("02-751-1500")
    assert not is_date_only("Голосование продлится до 8 октября до 18:00")
    # A date alone inside the story is a section heading of a live blog, not a stamp.
    assert reasons([PROSE, "March 3, 2021", PROSE])[1] is None


def test_stray_token_at_the_end_but_not_a_separator() -> None:
    assert reasons([PROSE, PROSE, "0"]) == [None, None, "scrape-artifact"]
    assert reasons([PROSE, "___", PROSE]) == [None, None, None]


def test_credits_and_navigation() -> None:
    paragraphs = [PROSE, "(Reporting by Jane Doe; Editing by John Roe)", "Back to top", "3 comments"]
    assert reasons(paragraphs) == [None, "credit", "navigation", "navigation"]


def test_shouting_teaser_but_not_short_capital_subheading() -> None:
    teaser = "MINISTER SAYS TALKS WILL GO ON DESPITE THE PROTESTS OUTSIDE"
    assert reasons([PROSE, teaser, PROSE])[1] == "related-links"
    assert reasons([PROSE, "HOW THE TALKS WORK", PROSE])[1] is None


def test_name_prefix_shapes() -> None:
    assert name_prefix("Newsroom – The minister said on Monday.") == "Newsroom – "
    assert name_prefix("WASHINGTON – The minister said on Monday.") is None
    assert name_prefix("The minister – a veteran – said on Monday.") is None


def test_markup_and_photo_credits() -> None:
    paragraphs = [PROSE, '<tweet tweet-id="123"><tweet/>.', "Getty Images", "Jane Doe / Agency.", PROSE]
    assert reasons(paragraphs) == [None, "scrape-artifact", "caption", "caption", None]


def test_lowercase_slash_line_is_not_a_credit() -> None:
    assert reasons([PROSE, "yes / no", PROSE])[1] is None


def test_bulleted_headlines_after_the_story_but_not_names_or_numbered_items() -> None:
    links = ["- Ten Things We Learnt From The Harbour Vote", "- Why The Ferry Terminal Took A Decade"]
    assert reasons([PROSE, *links]) == [None, "related-links", "related-links"]
    assert reasons([PROSE, "- Marianne Lindqvist", "- Theodore Blackwood"]) == [None, None, None]
    numbered = ["1) Complete Harbour Collection Box Set", "2) Ferry Terminal Stories Deluxe Edition"]
    assert reasons([PROSE, *numbered]) == [None, None, None]


def test_furniture_lines() -> None:
    paragraphs = [
        PROSE,
        "Filed under: Harbour |",
        "Copyright Example Media 2019",
        "[button link=x]Send[/button]",
    ]
    assert reasons(paragraphs) == [None, "boilerplate", "boilerplate", "scrape-artifact"]


def test_every_prompt_pattern_has_a_trigger_word() -> None:
    """The trigger prefilter may never hide a prompt: each pattern names one of the trigger words."""
    raw = tomllib.loads(resources.files("parallax.data").joinpath("debris.toml").read_text("utf-8"))
    triggers = set(raw["prompt_triggers"])
    for pattern in raw["prompt_patterns"]:
        assert triggers & set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", pattern))), pattern


def test_markup_inside_a_sentence_keeps_the_sentence() -> None:
    sentence = "The minister added that <script>alert(3)</script> nothing changed."
    assert reasons([PROSE, sentence]) == [None, None]


def test_byline_in_the_lead_but_not_a_sentence_starting_with_by() -> None:
    headline = "Council Approves Ferry Terminal"
    assert reasons([headline, "By Jane Doe and John Roe, Reuters", PROSE]) == [None, "credit", None]
    assert reasons([headline, "By the numbers", PROSE]) == [None, None, None]


def test_stamps_with_a_separator_or_two_dates_are_no_headline() -> None:
    import json
    from pathlib import Path

    from parallax.clean import clean_articles
    from parallax.models import RawArticle

    cases = json.loads((Path(__file__).parents[1] / "fixtures" / "unseen_speakers.json").read_text())[
        "stamps"
    ]
    for line in cases["lines"]:
        assert is_date_only(line), line
    # positive controls: headlines, one with a separator, are no stamp
    for line in cases["headlines"]:
        assert not is_date_only(line), line
    body = "The prison agency made sweeping changes on Tuesday after the escape, officials said."
    raw = RawArticle(id="a", source="t", text=f"{cases['lines'][0]}\n\n{cases['headlines'][0]}\n\n{body}")
    [article], _ = clean_articles([raw])
    assert article.title == cases["headlines"][0]


def test_a_short_headline_goes_on_into_the_title_case_line_below_it() -> None:
    from parallax.clean import clean_articles
    from parallax.models import RawArticle

    # ECB+ DEV 16_1ecbplus (first lines as the corpus spaces them; body sentence shortened)
    body = "District Attorney Steve Cooley announced today that capital murder charges were filed."
    text = f"Hawaiian Gardens Gang Member\nCharged with Murdering Sheriff ’ s Deputy\nJuly 26, 2005\n{body}"
    [article], _ = clean_articles([RawArticle(id="a", source="t", text=text)])
    assert article.title == "Hawaiian Gardens Gang Member Charged with Murdering Sheriff ’ s Deputy"
    assert "Murdering" not in article.body and body in article.body
    # positive control: a headline of its own keeps its subheading apart (ECB+ DEV 10_4ecbplus)
    text = f"Sources: Sox May Not Be Out Of Teixeira Chase\nTeam Execs Meet With Player's Agent\n{body}"
    [article], _ = clean_articles([RawArticle(id="a", source="t", text=text)])
    assert article.title == "Sources: Sox May Not Be Out Of Teixeira Chase"
