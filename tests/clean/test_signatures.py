"""Boilerplate learnt from repetition across independent articles of one outlet."""

from __future__ import annotations

import random

from parallax.clean import clean_articles
from parallax.clean.signatures import Document, learn_signatures
from parallax.config import DEFAULT
from parallax.models import RawArticle

PROMO = "Get the monthly magazine delivered to your door every month."
LABEL = "Do you like our pages? Like the page:"
STORIES = [
    [
        "The harbour council approved the new ferry terminal on Monday after a year of hearings.",
        "Construction starts in spring and should take two years, the chair said.",
        "Residents objected to the noise but most supported the plan in the end.",
    ],
    [
        "A storm closed the mountain pass overnight and left hundreds of drivers stranded.",
        "Snow ploughs reached the summit by morning, police said in a statement.",
        "The road is expected to reopen on Thursday if the weather allows.",
    ],
    [
        "The city library will extend its opening hours from next month, officials announced.",
        "Volunteers will staff the reading rooms on Sunday afternoons.",
        "The change follows a survey in which readers asked for weekend access.",
    ],
]

# Real articles are long beside their furniture: pad each story with its own sentences.
for number, paragraphs in enumerate(STORIES):
    rng = random.Random(number)
    vocabulary = [f"word{rng.randrange(10**6)}" for _ in range(60)]
    paragraphs += [" ".join(rng.choices(vocabulary, k=20)).capitalize() + "." for _ in range(8)]


def test_repeated_paragraph_of_one_outlet_is_a_signature() -> None:
    docs = [Document("example.com", [*STORIES[n], PROMO]) for n in range(2)]
    signatures = learn_signatures(docs, DEFAULT.clean)
    assert ("example.com", PROMO) in signatures
    assert ("example.com", STORIES[0][0]) not in signatures
    assert ("other.org", PROMO) not in signatures


def test_same_story_twice_is_no_witness() -> None:
    """Wire copy run twice by one site, even edited, shares its wording: its lines are not furniture."""
    edited = [STORIES[1][0].replace("overnight", "on Sunday night"), *STORIES[1][1:]]
    docs = [Document("example.com", [*STORIES[1], PROMO]), Document("example.com", [*edited, PROMO])]
    assert len(learn_signatures(docs, DEFAULT.clean)) == 0


def test_unknown_outlet_needs_more_witnesses_and_never_takes_reporting() -> None:
    """One story from unknown outlets repeats its quotes and short facts: those are never learnt."""
    quote = "“We will not give up,” the mayor said."
    fact = "She was 85."
    two = [Document("", [*STORIES[n], LABEL, quote, fact]) for n in range(2)]
    assert len(learn_signatures(two, DEFAULT.clean)) == 0
    three = [Document("", [*STORIES[n], LABEL, quote, fact, PROMO]) for n in range(3)]
    learnt = learn_signatures(three, DEFAULT.clean)
    assert ("", LABEL) in learnt
    assert ("", quote) not in learnt
    assert ("", fact) not in learnt
    assert ("", PROMO) not in learnt


def test_signature_removed_from_every_article_of_the_batch() -> None:
    raws = [
        RawArticle(id=f"a{n}", source=f"a{n}", text="\n\n".join([*STORIES[n], PROMO]), outlet="Example")
        for n in range(2)
    ]
    articles, skipped = clean_articles(raws)
    assert skipped == []
    for article in articles:
        assert PROMO not in article.body
        assert [(r.text, r.reason) for r in article.removed] == [(PROMO, "signature")]
