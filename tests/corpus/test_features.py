"""Per-article features: names, dates from a byline, stable signatures."""

from __future__ import annotations

from datetime import date

import numpy as np

from parallax.clean.metadata import lead_date
from parallax.config import CorpusConfig
from parallax.corpus.features import entities, extract, terms
from parallax.models import Article
from parallax.shingles import body_hash, signature


def test_entities_are_capitalised_phrases_without_sentence_starters() -> None:
    found = entities("The Bank of England raised rates.\nOn Monday, Andrew Bailey said so.")
    assert "bank of england" in found and "andrew bailey" in found
    assert "the" not in found and "monday" not in found


def test_terms_drop_stop_words() -> None:
    counted = terms("The river flooded the valley and the river rose again.")
    assert counted["river"] == 2 and "the" not in counted


def test_lead_date_reads_a_byline_but_not_a_date_inside_a_sentence() -> None:
    assert lead_date("Dam bursts\nPublished November 30, 2009\nWater poured out.") == date(2009, 11, 30)
    sentence = "The man who killed four people on March 11, 2005 in a courthouse was sentenced on Saturday."
    assert lead_date(sentence) is None


def test_signature_and_hash_do_not_depend_on_spacing_or_case() -> None:
    a, b = "One two three four five six.", "one  two three\nfour five SIX."
    assert body_hash(a) == body_hash(b)
    assert np.array_equal(signature(a), signature(b))


def test_the_title_and_lead_count_twice() -> None:
    """What the headline and first words name is the event; the same words later are background."""
    body = (
        "Rescuers searched Varnholm after the quake. "
        + "Aid arrived slowly. " * 10
        + "Officials thanked Brenna."
    )
    article = Article(id="a", source="a", title="Quake hits Varnholm", body=body)
    features = extract(article, CorpusConfig(lead_boost_words=8))
    assert features.terms["quake"] == 4 and features.terms["officials"] == 1
    assert features.entities["varnholm"] == 4 and features.entities["brenna"] == 1
    title_only = extract(article, CorpusConfig(lead_boost_words=0))
    assert title_only.terms["quake"] == 3 and title_only.entities["varnholm"] == 3
