from __future__ import annotations

from pathlib import Path

import pytest

from parallax.align.claims import analyze_claims
from parallax.align.facts import StoryWords, align_facts, claim_vectors, status_of
from parallax.annotate.nlp import add_sentences
from parallax.annotate.texts import Texts
from parallax.config import AlignConfig, AnnotateConfig
from parallax.models import Article, Fact
from parallax.pipeline import extract
from tests.align.helpers import story


def _fact_with(facts: list[Fact], words: str) -> Fact:
    return next(f for f in facts if any(words in s.text for s in f.support))


def test_reworded_claims_align_and_polarity_keeps_the_denial_out() -> None:
    articles = story(
        "The foreign minister met the president in the capital on Tuesday.",
        "On Tuesday, the foreign minister met with the president in the capital.",
        "The foreign minister did not meet the president in the capital on Tuesday.",
    )
    facts = align_facts(articles, [])
    met = _fact_with(facts, "met the president")
    assert {s.article for s in met.support} == {"a1", "a2"}
    assert met.status == "majority"
    denial = _fact_with(facts, "did not meet")
    assert denial.status == "unique" and denial.id != met.id


def test_different_numbers_dates_or_people_never_support_one_fact() -> None:
    articles = story(
        "The strike at the port lasted five months. The minister met the envoy on Tuesday. "
        "Police arrested John Baker at the airport.",
        "The strike at the port lasted six months. The minister met the envoy on Wednesday. "
        "Police arrested Peter Hall at the airport.",
    )
    facts = align_facts(articles, [])
    assert all(len(f.support) == 1 for f in facts)
    assert all(f.status == "unique" for f in facts)


# Two articles on one story: every sentence shares its topic words (stadium, waterfront,
# neighborhood), as the sentences of a real story do.
_STADIUM = (
    "The city council approved a new stadium on the waterfront on Monday. "
    "Supporters say the new stadium will bring thousands of jobs to the waterfront neighborhood. "
    "The council vote on the stadium was seven to two. "
    "The stadium will seat 40,000 fans. "
    "The new stadium replaces a parking lot in the waterfront neighborhood. "
    "Residents of the waterfront neighborhood packed the meeting.",
    "On Monday the city council voted to approve a new waterfront stadium. "
    "Critics say the new stadium will drive up rents in the waterfront neighborhood. "
    "The council split seven to two in its vote on the stadium. "
    "The waterfront stadium will have parking for 5,000 cars. "
    "The new stadium will rise in the waterfront neighborhood next year. "
    "The waterfront neighborhood has lost residents for a decade.",
)


def _together(facts: list[Fact], a: str, b: str) -> bool:
    return any(any(a in s.text for s in f.support) and any(b in s.text for s in f.support) for f in facts)


def test_sentences_on_one_topic_but_not_one_proposition_stay_apart() -> None:
    articles = story(*_STADIUM)
    jobs, rents = "bring thousands of jobs", "drive up rents"
    vectors = claim_vectors(
        [s.text for a in articles for s in a.sentences if jobs in s.text or rents in s.text],
        Texts(AnnotateConfig()),
    )
    # Close enough for the cosine alone (the alignment before the proposition check joined them) ...
    assert float(vectors[0] @ vectors[1]) >= AlignConfig().fact_similarity
    cosine_only = AlignConfig(fact_shared_words_weight=0.0, fact_proposition_score=-2.0)
    assert _together(align_facts(articles, [], cosine_only), jobs, rents)
    # ... but one says jobs, the other rents: they share only the story's topic words.
    facts = align_facts(articles, [])
    assert not _together(facts, jobs, rents)
    # Positive controls: the reworded sentences of the same proposition still make one fact.
    assert _together(facts, "council approved a new stadium", "voted to approve a new waterfront stadium")
    assert _together(facts, "vote on the stadium was seven to two", "split seven to two")


def test_shared_words_weigh_what_the_story_rarely_says() -> None:
    articles = story(*_STADIUM)
    claims = analyze_claims(articles, []).claims
    words = StoryWords.of(claims)
    index = {c.claim.text: c.index for c in claims}
    jobs = next(i for t, i in index.items() if "jobs" in t)
    rents = next(i for t, i in index.items() if "rents" in t)
    vote = next(i for t, i in index.items() if "vote on the stadium" in t)
    split = next(i for t, i in index.items() if "split seven" in t)
    assert words.weight["stadium"] < words.weight["rent"]
    assert words.shared(vote, split) > 2 * words.shared(jobs, rents)


def test_one_support_per_article_and_every_support_is_a_claim_of_its_article() -> None:
    articles = story(
        "The central bank raised interest rates on Thursday. The central bank raised its rates on Thursday.",
        "On Thursday the central bank raised interest rates.",
    )
    facts = align_facts(articles, [])
    for fact in facts:
        assert len({s.article for s in fact.support}) == len(fact.support)
    assert any(len(f.support) == 2 and f.status == "consensus" for f in facts)
    bodies = {a.id: a for a in articles}
    for fact in facts:
        for s in fact.support:
            assert s.sentence in {x.id for x in bodies[s.article].sentences}
            assert -1.0 <= s.similarity <= 1.0


def test_searching_only_the_nearest_articles_finds_the_all_pairs_alignment() -> None:
    articles = story(
        "The central bank raised interest rates on Thursday. Its governor spoke to reporters afterwards.",
        "On Thursday the central bank raised interest rates. The governor then spoke to reporters.",
        "Storms flooded the northern valley overnight. Hundreds of homes lost power.",
        "Heavy storms flooded the northern valley during the night. "
        "Hundreds of homes were left without power.",
    )
    every = align_facts(articles, [], AlignConfig(article_neighbours=10))
    nearest = align_facts(articles, [], AlignConfig(article_neighbours=1))
    assert [sorted((s.article, s.sentence) for s in f.support) for f in every] == [
        sorted((s.article, s.sentence) for s in f.support) for f in nearest
    ]
    assert any({s.article for s in f.support} == {"a3", "a4"} for f in nearest)


@pytest.mark.parametrize(
    ("count", "articles", "status"),
    [(5, 5, "consensus"), (3, 5, "majority"), (2, 5, "minority"), (1, 5, "unique"), (2, 2, "consensus")],
)
def test_status_by_share_of_articles(count: int, articles: int, status: str) -> None:
    assert status_of(count, articles) == status


@pytest.fixture(scope="module")
def example(example_dir: Path) -> tuple[list[Article], list[Fact]]:
    articles, _ = extract([str(example_dir)])
    articles = add_sentences(articles)
    return articles, align_facts(articles, [])


def test_example_meeting_is_a_consensus_fact(example: tuple[list[Article], list[Fact]]) -> None:
    articles, facts = example
    consensus = [f for f in facts if f.status == "consensus"]
    meeting = [f for f in consensus if all("meet" in s.text or "met " in s.text for s in f.support)]
    assert meeting, [f.text for f in consensus]
    assert {s.article for s in meeting[0].support} == {a.id for a in articles}


@pytest.mark.parametrize(
    ("article", "words"),
    [
        ("002", "shot down a Ukrainian passenger plane"),
        ("001", "between 1980 and 1988"),
        ("003", "$20 billion"),
        ("000", "rockets were fired"),
    ],
)
def test_example_background_only_one_outlet_gives_is_unique_to_it(
    example: tuple[list[Article], list[Fact]], article: str, words: str
) -> None:
    _, facts = example
    fact = _fact_with(facts, words)
    assert fact.status == "unique"
    assert fact.support[0].article.startswith(article)
