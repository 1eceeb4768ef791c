"""Issue 16 #4 and #9: the corpus is keyed by content, so re-ingesting the same records by another
path, under another name or with lines moved adds nothing, and skipped rows do not multiply."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from parallax.corpus.build import build_corpus
from parallax.store import Store

TOPICS = ["harbour", "election", "drought", "vaccine", "bridge", "festival"]


def _records() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for n, topic in enumerate(TOPICS):
        text = (
            f"The {topic} report number {n} was published on Monday by the regional council. "
            f"Officials said the {topic} plan would cost {n + 3} million and take {n + 2} years. "
            f"Residents near the {topic} site said they had not been consulted about it."
        )
        records.append(
            {"id": f"r{n}", "text": text, "outlet": f"Outlet {n % 3}", "published": f"2021-03-0{n + 1}"}
        )
    # an exact copy by another outlet stays a copy, not a re-read
    records.append({**records[0], "id": "copy", "outlet": "Outlet 9"})
    return records


def _write(path: Path, records: list[dict[str, object]], bad_first: bool = False) -> Path:
    lines = [json.dumps(r) for r in records]
    if bad_first:
        lines.insert(0, "not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reingest_by_another_path_name_or_order_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _records()
    first = _write(tmp_path / "corpus.jsonl", records, bad_first=True)
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        summary = build_corpus([str(first)], store)
        assert summary.added == len(records)
        assert summary.duplicates == 1
        before = store.counts()
        monkeypatch.chdir(tmp_path)
        renamed = _write(tmp_path / "renamed.jsonl", records)
        moved = _write(tmp_path / "moved.jsonl", [records[-1], *records[:-1]], bad_first=True)
        for inputs in (
            [os.path.relpath(first)],
            [str(first.resolve())],
            [str(renamed)],
            [str(moved)],
            [str(first)],
        ):
            again = build_corpus(inputs, store)
            assert again.added == 0, inputs
            assert again.already_stored == len(records)
        after = store.counts()
        assert after["articles"] == before["articles"] == len(records)
        assert after["duplicates"] == before["duplicates"] == 1
        # the bad line is kept once per file it was read from, not once per run
        assert len(store.skipped()) == 3
