"""Articles that are not one story: a warning with the groups, and none for one story."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parallax import pipeline
from parallax.annotate.nlp import add_sentences
from parallax.interpret.stories import group_articles, story_groups
from parallax.models import Article, Outlet
from parallax.report.markdown import render_markdown

# Two unrelated stories, each told by three outlets in the manner of BASIL's triplets; written
# for this test (no real event).
BAGS = [
    "The Riverton city council voted 7-2 on Tuesday to ban single-use plastic bags in grocery stores.\n"
    "The ban takes effect next March, and shops that break it face fines of up to $500.\n"
    "Supporters said the bags clog storm drains; store owners warned that costs would rise.",
    "Riverton will become the latest city to outlaw plastic shopping bags after a council vote on Tuesday.\n"
    "Council members approved the measure seven to two despite objections from the grocers' association.\n"
    "Environmental groups cheered the decision, calling plastic bags a plague on the river.",
    "A bitterly divided Riverton council pushed through a plastic bag ban on Tuesday night.\n"
    "Grocers said the ban, which carries fines of $500, would hurt families already struggling with prices.\n"
    "The mayor, who backed the ban, said paper bags would be available for ten cents.",
]
STORM = [
    "Hurricane Delia made landfall near Port Sable on Sunday with winds of 120 miles per hour.\n"
    "More than 200,000 homes lost power and two people were killed by falling trees.\n"
    "The governor declared a state of emergency and ordered evacuations along the coast.",
    "Delia slammed into the coast at Port Sable as a Category 3 storm, flooding streets, tearing roofs.\n"
    "Utility crews said it could take a week to restore electricity to the 200,000 customers without it.\n"
    "Two deaths were blamed on the hurricane.",
    "Residents of Port Sable waded through waist-deep water on Sunday after Hurricane Delia hit.\n"
    "Forecasters had warned for days that the storm would strengthen before landfall.\n"
    "Federal emergency teams arrived on Monday to help with rescues and shelters.",
]
OUTLETS = ["Right Daily", "Centre Times", "Left Post"]


def _articles(texts: list[str], prefix: str) -> list[Article]:
    return add_sentences(
        [
            Article(id=f"{prefix}{i}", source=f"{prefix}{i}.txt", outlet=Outlet(name=f"{o} {prefix}"), body=t)
            for i, (o, t) in enumerate(zip(OUTLETS, texts, strict=False), 1)
        ]
    )


def test_two_unrelated_stories_are_grouped_apart() -> None:
    articles = _articles(BAGS, "b") + _articles(STORM, "s")
    articles = [articles[0], articles[3], articles[1], articles[4], articles[2], articles[5]]
    groups = story_groups(articles)
    assert sorted(sorted(g.articles) for g in groups) == [["b1", "b2", "b3"], ["s1", "s2", "s3"]]


def test_one_story_gives_no_warning() -> None:
    assert story_groups(_articles(BAGS, "b")) == []
    assert story_groups(_articles(STORM, "s")) == []


def test_the_example_story_is_one_story(example_dir: Path) -> None:
    articles, _ = pipeline.extract([str(example_dir)])
    assert len(articles) == 5
    assert story_groups(add_sentences(articles)) == []


def test_average_linkage_on_vectors() -> None:
    vectors = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]])
    assert group_articles(vectors, 0.9) == [[0, 1], [2]]
    assert group_articles(vectors, 0.0) == [[0, 1, 2]]
    assert group_articles(vectors[:1], 0.5) == [[0]]


def _naive_average_linkage(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """The textbook loop (cubic): merge the pair of groups with the highest mean cosine while it
    reaches the threshold. The reference the library call must agree with."""
    similarity = vectors @ vectors.T
    groups = [[i] for i in range(len(vectors))]
    while len(groups) > 1:
        best, pair = threshold, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = float(similarity[np.ix_(groups[a], groups[b])].mean())
                if mean >= best:
                    best, pair = mean, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups.pop(b))
    return sorted(groups, key=lambda g: (-len(g), g[0]))


@pytest.mark.parametrize("seed", range(6))
def test_average_linkage_agrees_with_the_textbook_loop(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Three topics with noise: several groups at the threshold, not one blob nor singletons.
    centres = rng.normal(size=(3, 16))
    vectors = np.vstack([centres[i % 3] + rng.normal(scale=0.7, size=16) for i in range(30)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    expected = _naive_average_linkage(vectors, 0.5)
    assert 1 < len(expected) < 30
    assert group_articles(vectors, 0.5) == expected


@pytest.mark.parametrize("warn", [True, False])
def test_markdown_warns_only_when_grouped(warn: bool) -> None:
    from parallax.models import Generator, Report, Story, StoryGroup

    articles = _articles(BAGS[:2], "b")
    groups = [StoryGroup(articles=["b1"], title="Bag ban"), StoryGroup(articles=["b2"])] if warn else []
    report = Report(generator=Generator(version="t"), story=Story(), articles=articles, story_groups=groups)
    text = render_markdown(report)
    assert ("different stories" in text) is warn
    if warn:
        assert "story 1 — Bag ban: Right Daily b" in text and "story 2: Centre Times b" in text
