"""Sources each article relies on: cited phrases and quote speakers, classified by generic cues."""

from __future__ import annotations

import pytest

from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.interpret.sources import classify, compare, find_sources
from parallax.models import Article, ArticleSources, Outlet

# Written for this test: one made-up story told three ways (no name from any real story).
STATE = (
    "The governor of Northland resigned on Friday after a week of protests.\n"
    "According to Northland state television, the governor thanked his supporters.\n"
    "The official news agency said the cabinet would meet on Monday.\n"
    "Officials said the police had arrested twelve people.\n"
)
MIXED = (
    "The governor of Northland stepped down on Friday.\n"
    '"This is a victory for every citizen," said Maria Lindqvist, who led the protests.\n'
    "The Daily Courier newspaper reported that the vote had been rigged.\n"
    "According to his official website, the governor will leave the country.\n"
    "According to a leaked report, the budget was missing 40 million dollars.\n"
)
SILENT = (
    "The governor of Northland stepped down on Friday.\n"
    "Crowds gathered in the main square in the evening.\n"
    "Shops stayed closed across the capital.\n"
)


@pytest.fixture(scope="module")
def sources() -> dict[str, ArticleSources]:
    articles = add_sentences(
        [
            Article(id="a1", source="a1.txt", outlet=Outlet(name="State Wire"), body=STATE),
            Article(id="a2", source="a2.txt", outlet=Outlet(name="Mixed Post"), body=MIXED),
            Article(id="a3", source="a3.txt", body=SILENT),
        ]
    )
    return {s.article: s for s in find_sources(articles, find_quotes(articles))}


def _kinds(entry: ArticleSources) -> dict[str, str]:
    return {u.name: u.kind for u in entry.sources}


def test_state_media_and_anonymous_officials(sources: dict[str, ArticleSources]) -> None:
    kinds = _kinds(sources["a1"])
    assert kinds.get("Northland state television") == "state-media"
    assert "state-media" in {k.kind for k in sources["a1"].kinds}
    assert any(kind == "anonymous" and "fficials" in name for name, kind in kinds.items())
    # three of four sentences attribute; shares are of those
    assert sources["a1"].attributed_sentences == 3
    state = next(k for k in sources["a1"].kinds if k.kind == "state-media")
    assert state.share == pytest.approx(2 / 3, abs=0.01)


def test_person_outlet_website_document(sources: dict[str, ArticleSources]) -> None:
    kinds = _kinds(sources["a2"])
    assert kinds.get("Maria Lindqvist") == "person"
    assert kinds.get("The Daily Courier newspaper") == "news-outlet"
    assert kinds.get("his official website") == "official-channel"
    assert kinds.get("a leaked report") == "document"
    assert "state-media" not in kinds.values()


def test_an_article_that_quotes_no_one(sources: dict[str, ArticleSources]) -> None:
    assert sources["a3"].attributed_sentences == 0 and sources["a3"].sources == []
    found = compare(list(sources.values()))
    assert found.quotes_no_one == ["a3"]
    assert [a for a, _ in found.by_kind["state-media"]] == ["a1"]
    assert {u.name for u in found.only_here["a2"]} >= {"Maria Lindqvist"}


@pytest.mark.parametrize(
    ("text", "names", "kind"),
    [
        ("state-run media", (), "state-media"),
        ("the foreign ministry's statement", (), "official-channel"),
        ("a news agency", (), "news-outlet"),
        ("sources familiar with the talks", (), "anonymous"),
        ("the interior ministry", ("ORG",), "official-body"),
        ("Jane Roe", ("PERSON",), "person"),
        ("a court filing", (), "document"),
    ],
)
def test_classify_from_generic_cues(text: str, names: tuple[str, ...], kind: str) -> None:
    assert classify(text, names) == kind


def test_a_tied_vote_goes_to_the_kind_cited_first() -> None:
    # Both orders: a tie broken by a set's (hash) order fails one of them in any process.
    from parallax.interpret.sources import _vote

    assert _vote(["person", "news-outlet"]) == "person"
    assert _vote(["news-outlet", "person"]) == "news-outlet"
    assert _vote(["anonymous", "person", "person"]) == "person"  # a majority still wins
