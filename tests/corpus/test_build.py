"""Ingest into the store: idempotent, resumable, copies with lineage, stories by event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus
from parallax.store import Store

FAST = Config(corpus=CorpusConfig(use_embeddings=False, batch_size=2))


@pytest.fixture()
def corpus_file(tmp_path: Path, two_events: list[dict[str, str]]) -> Path:
    path = tmp_path / "news.jsonl"
    records = [{"id": d["id"], "text": d["text"]} for d in two_events]
    # A wire copy: the first report again with a new last sentence, published a day earlier.
    first = two_events[0]
    records.append({"id": "copy", "text": first["text"] + "\nThe agency added no further details."})
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _stories(store: Store) -> dict[str, str]:
    return {a.id: a.story for a in store.assignments()}


def test_same_event_reports_share_a_story_and_the_other_event_does_not(
    corpus_file: Path, tmp_path: Path, two_events: list[dict[str, str]]
) -> None:
    with Store(str(tmp_path / "c.db")) as store:
        build_corpus([str(corpus_file)], store, FAST)
        stories = _stories(store)
    gold = {d["id"]: d["subtopic"] for d in two_events}
    pairs = [(a, b) for a in gold for b in gold if a < b and stories[a] == stories[b]]
    assert pairs, "no two reports of one event were grouped"
    assert all(gold[a] == gold[b] for a, b in pairs), "a story mixes the two events"
    assert stories["copy"] == stories[two_events[0]["id"]]


def test_copy_points_at_its_origin_with_what_it_changed(corpus_file: Path, tmp_path: Path) -> None:
    with Store(str(tmp_path / "c.db")) as store:
        build_corpus([str(corpus_file)], store, FAST)
        copy = next(a for a in store.assignments() if a.id == "copy")
    assert copy.duplicate_of == "1_1ecb"
    assert copy.lineage is not None
    assert copy.lineage.added == ["The agency added no further details."]
    assert copy.lineage.removed == []


def test_running_the_same_ingest_twice_adds_nothing(corpus_file: Path, tmp_path: Path) -> None:
    with Store(str(tmp_path / "c.db")) as store:
        first = build_corpus([str(corpus_file)], store, FAST)
        before = store.counts()
        again = build_corpus([str(corpus_file)], store, FAST)
        assert store.counts() == before
    assert first.added == 7
    assert again.added == 0 and again.already_stored == 7


def test_interrupted_ingest_resumes_without_loss(corpus_file: Path, tmp_path: Path) -> None:
    lines = corpus_file.read_text().splitlines(keepends=True)
    reference_db = tmp_path / "whole.db"
    with Store(str(reference_db)) as store:
        build_corpus([str(corpus_file)], store, FAST)
        whole = _stories(store)
    # The first run dies after three items; the second run gets the full file.
    partial = tmp_path / "partial" / corpus_file.name
    partial.parent.mkdir()
    partial.write_text("".join(lines[:3]))
    with Store(str(tmp_path / "resumed.db")) as store:
        build_corpus([str(partial)], store, FAST)
        partial.write_text("".join(lines))
        resumed = build_corpus([str(partial)], store, FAST)
        stories = _stories(store)
    assert resumed.already_stored == 3 and resumed.added == len(lines) - 3
    assert len(stories) == len(whole)
    groups = sorted(sorted(k for k, s in stories.items() if s == story) for story in set(stories.values()))
    reference = sorted(sorted(k for k, s in whole.items() if s == story) for story in set(whole.values()))
    assert groups == reference


def test_time_window_keeps_far_apart_reports_in_separate_stories(tmp_path: Path) -> None:
    text = "Firefighters battled a blaze at the Northgate chemical plant; two workers were injured."
    path = tmp_path / "fires.jsonl"
    records = [
        {"id": "a", "text": text, "published": "2020-01-01"},
        {"id": "b", "text": text + " The plant was evacuated.", "published": "2020-01-02"},
        {"id": "c", "text": "Months later: " + text, "published": "2021-06-01"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    with Store(str(tmp_path / "c.db")) as store:
        build_corpus([str(path)], store, FAST)
        stories = _stories(store)
    assert stories["a"] == stories["b"] != stories["c"]


def test_a_later_batch_joins_the_stories_of_an_earlier_run(
    tmp_path: Path, two_events: list[dict[str, str]]
) -> None:
    first_run = tmp_path / "monday.jsonl"
    second_run = tmp_path / "tuesday.jsonl"
    event = [d for d in two_events if d["subtopic"] == "1_ecbplus"]
    first_run.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in event[:2]))
    late = {"id": "late", "text": event[2]["text"]}
    second_run.write_text(json.dumps(late) + "\n")
    with Store(str(tmp_path / "c.db")) as store:
        build_corpus([str(first_run)], store, FAST)
    with Store(str(tmp_path / "c.db")) as store:
        build_corpus([str(second_run)], store, FAST)
        stories = _stories(store)
    assert stories["late"] in {stories[event[0]["id"]], stories[event[1]["id"]]}
