"""The story clusterer: blocking, time window, eviction, and a state that survives a round trip."""

from __future__ import annotations

import json
from datetime import date

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
