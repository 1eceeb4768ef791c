"""The story clusterer: blocking, time window, eviction, and a state that survives a round trip."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parallax.config import CorpusConfig
from parallax.corpus.clustering import StoryClusterer, StoryState
from parallax.corpus.features import Features, extract
from parallax.models import Article

FIRE = "Firefighters fought a blaze at the Northgate chemical plant in Riverton; two workers were hurt."
FLOOD = "The Kessel river burst its banks in Altmark, flooding three villages and closing the highway."


def _features(text: str, day: date | None = None) -> Features:
    return extract(Article(id="x", source="x", body=text, published=day))


def test_state_round_trip_gives_the_same_assignment() -> None:
    clusterer = StoryClusterer()
    batch = [_features(FIRE), _features(FLOOD)]
    clusterer.observe(batch)
    fire = clusterer.assign(batch[0])
    flood = clusterer.assign(batch[1])
    assert fire != flood
    saved = json.loads(json.dumps(clusterer.to_json()))
    stories = [StoryState.from_json(json.loads(json.dumps(s.to_json()))) for s in clusterer.stories.values()]
    restored = StoryClusterer.from_json(saved, stories)
    later = _features(FIRE + " The plant was evacuated.")
    for c in (clusterer, restored):
        c.observe([later])
    assert restored.assign(later) == clusterer.assign(later) == fire


def test_far_apart_dates_do_not_join() -> None:
    clusterer = StoryClusterer(CorpusConfig(story_window_days=7))
    early, late = _features(FIRE, date(2020, 1, 1)), _features(FIRE, date(2020, 3, 1))
    clusterer.observe([early, late])
    assert clusterer.assign(early) != clusterer.assign(late)


def test_least_recently_extended_stories_are_evicted() -> None:
    clusterer = StoryClusterer(CorpusConfig(max_open_stories=1))
    fire, flood = _features(FIRE), _features(FLOOD)
    clusterer.observe([fire, flood])
    clusterer.assign(fire)
    kept = clusterer.assign(flood)
    assert list(clusterer.stories) == [kept]


def test_entity_idf_power_weighs_rare_names_over_common_ones() -> None:
    """Two events of one topic share its common names: a sharper entity IDF lets the rarer name
    (the other opponent) decide."""
    common = [_features(f"Boxer Varro Dalk fought again in round {n}.") for n in range(8)]
    rare = _features("Boxer Varro Dalk fought Tomas Quell.")
    ratios = []
    for power in (1.0, 2.0):
        clusterer = StoryClusterer(CorpusConfig(entity_idf_power=power))
        clusterer.observe([*common, rare])
        weights = clusterer._entity_weights(rare.entities)
        ratios.append(weights["tomas quell"] / weights["boxer varro dalk"])
    assert ratios[1] > ratios[0] > 1.0


def test_a_story_holding_two_events_of_one_topic_is_split() -> None:
    """Two title fights of one champion share most words: once in one story, re-assignment cannot
    separate them, the split does; each side stays whole."""
    first = [
        f"Varro Dalk beat Tomas Quell in Brennstadt to keep his heavyweight title, report {n}."
        for n in range(3)
    ]
    second = [
        f"Varro Dalk beat Ivo Marsh in Kelby Arena to keep his heavyweight title, report {n}."
        for n in range(3)
    ]
    features = [_features(text) for text in first + second]
    clusterer = StoryClusterer(CorpusConfig(refine_passes=0, split_refine_passes=0))
    clusterer.observe(features)
    story = clusterer.assign(features[0])
    for other in features[1:]:
        clusterer.join(story, other)
    labels = clusterer.refine([(f, None, story) for f in features])
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1
    assert labels[0] != labels[3]
    unsplit = StoryClusterer(CorpusConfig(refine_passes=0, split_min_size=4))
    unsplit.observe(features)
    kept = unsplit.assign(features[0])
    for other in features[1:]:
        unsplit.join(kept, other)
    assert set(unsplit.refine([(f, None, kept) for f in features])) == {kept}


def _quakes(magnitude: str, toll: str) -> list[Features]:
    """Reports of one quake: the same words as another quake on that island, other figures."""
    return [
        _features(f"A magnitude {magnitude} quake hit Varnholm island, {toll} people died, {w} said.")
        for w in ("officials", "police", "medics")
    ]


def test_numbers_tell_two_events_of_one_topic_apart() -> None:
    """Two quakes on one island share every name and word; their magnitudes and tolls differ, and
    a new report scores higher on the story whose figures it gives."""
    first, second = _quakes("5.6", "14"), _quakes("6.1", "32")
    report = _features("A magnitude 6.1 quake hit Varnholm island, 32 people died, reporters said.")
    gaps = []
    for weight in (0.0, 0.1):
        clusterer = StoryClusterer(CorpusConfig(number_weight=weight, join_threshold=0.0))
        clusterer.observe([*first, *second, report])
        stories = []
        for group in (first, second):
            story = clusterer._new_story()
            for features in group:
                clusterer.join(story, features)
            stories.append(clusterer.stories[story])
        vectors = clusterer._weighted(report)
        assert set(vectors[2]) == {"6.1", "32"}
        gaps.append(clusterer._score(stories[1], vectors, None) - clusterer._score(stories[0], vectors, None))
    assert gaps[1] > gaps[0] + 0.01


def test_a_story_holding_two_events_that_differ_in_figures_is_split() -> None:
    """Reports identical but for their figures are split apart only when numbers count in the split."""
    features = _quakes("5.6", "14") + _quakes("6.1", "32")
    labels = []
    for weight in (0.0, 1.0):
        clusterer = StoryClusterer(
            CorpusConfig(split_number_weight=weight, refine_passes=0, split_refine_passes=0)
        )
        clusterer.observe(features)
        story = clusterer.assign(features[0])
        for other in features[1:]:
            clusterer.join(story, other)
        labels.append(clusterer.refine([(f, None, story) for f in features]))
    assert len(set(labels[0])) == 1
    assert len(set(labels[1][:3])) == 1 and len(set(labels[1][3:])) == 1 and labels[1][0] != labels[1][3]


def test_story_numbers_survive_a_round_trip_and_old_states_load() -> None:
    clusterer = StoryClusterer()
    batch = _quakes("5.6", "14")
    clusterer.observe(batch)
    story = clusterer.stories[clusterer.assign(batch[0])]
    saved = json.loads(json.dumps(story.to_json()))
    assert StoryState.from_json(saved).numbers == pytest.approx(story.numbers)
    del saved["numbers"]
    assert StoryState.from_json(saved).numbers == {}
