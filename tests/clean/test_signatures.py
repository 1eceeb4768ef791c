"""Boilerplate learnt from repetition across independent articles of one outlet."""

from __future__ import annotations

from parallax.clean import clean_articles
from parallax.clean.signatures import Document, learn_signatures
from parallax.config import DEFAULT
from parallax.models import RawArticle

PROMO = "Get the monthly magazine delivered to your door every month."


def story(n: int) -> list[str]:
    return [
        f"Story {n} opened with the council's decision number {n} on the harbour plan and its budget."
    ] + [
        f"Paragraph {k} of story {n} explains a different detail of decision {n} in plain words."
        for k in range(4)
    ]


def test_repeated_paragraph_of_one_outlet_is_a_signature() -> None:
    docs = [Document("example.com", [*story(n), PROMO]) for n in range(2)]
    signatures = learn_signatures(docs, DEFAULT.clean)
    assert ("example.com", PROMO) in signatures
    assert ("example.com", story(0)[0]) not in signatures
    assert ("other.org", PROMO) not in signatures


def test_same_story_twice_is_no_witness() -> None:
    """Wire copy run by two sites of one group shares its paragraphs: they are the story, not furniture."""
    docs = [Document("example.com", story(1)), Document("example.com", story(1)[:-1])]
    assert len(learn_signatures(docs, DEFAULT.clean)) == 0


def test_unknown_outlet_needs_more_witnesses_and_never_takes_quotes() -> None:
    quote = "“We will not give up,” the mayor said."
    two = [Document("", [*story(n), PROMO, quote]) for n in range(2)]
    assert len(learn_signatures(two, DEFAULT.clean)) == 0
    three = [Document("", [*story(n), PROMO, quote]) for n in range(3)]
    learnt = learn_signatures(three, DEFAULT.clean)
    assert ("", PROMO) in learnt
    assert ("", quote) not in learnt


def test_signature_removed_from_every_article_of_the_batch() -> None:
    raws = [
        RawArticle(id=f"a{n}", source=f"a{n}", text="\n\n".join([*story(n), PROMO]), outlet="Example")
        for n in range(2)
    ]
    articles, skipped = clean_articles(raws)
    assert skipped == []
    for article in articles:
        assert PROMO not in article.body
        assert [(r.text, r.reason) for r in article.removed] == [(PROMO, "signature")]
