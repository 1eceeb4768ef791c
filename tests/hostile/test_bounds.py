"""Issue 16 #11: a gzip bomb of blank lines is refused early, and a corpus ingest keeps a count and
a sample of its skipped items in memory (all of them stay in the database)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from parallax.config import Config, CorpusConfig, IngestConfig
from parallax.corpus.build import build_corpus
from parallax.ingest.files import read_file
from parallax.models import RawArticle, Skipped
from parallax.store import Store


def test_a_gzip_that_expands_past_the_ratio_is_skipped_early(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl.gz"
    good = json.dumps({"id": "first", "text": "The council met on Monday."}) + "\n"
    path.write_bytes(gzip.compress((good + "\n" * 20_000_000).encode(), compresslevel=9))
    items = list(read_file(path, IngestConfig(gzip_ratio_floor_bytes=1_000_000)))
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["first"]
    assert any(isinstance(i, Skipped) and "expands" in i.reason for i in items)


def test_an_ordinary_gzip_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl.gz"
    lines = "".join(
        json.dumps({"id": f"r{n}", "text": f"Record {n} of the council."}) + "\n" for n in range(3000)
    )
    path.write_bytes(gzip.compress(lines.encode()))
    items = list(read_file(path, IngestConfig(gzip_ratio_floor_bytes=10_000)))
    assert len(items) == 3000 and all(isinstance(i, RawArticle) for i in items)


def test_corpus_skipped_items_are_counted_and_sampled(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        "not json\n" * 50 + json.dumps({"text": "The council met on Monday, officials said."}) + "\n"
    )
    config = Config(corpus=CorpusConfig(skipped_sample=10))
    with Store(str(tmp_path / "c.db")) as store:
        summary = build_corpus([str(path)], store, config)
        assert summary.skipped_count == 50 and len(summary.skipped) == 10
        assert len(store.skipped()) == 50
        assert summary.added == 1
