"""JSONL inputs (files, .gz, stdin): records, ids, bad lines, and memory that stays flat."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from parallax.config import IngestConfig
from parallax.ingest import jsonl, read_inputs
from parallax.models import RawArticle, Skipped


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _read(*inputs: str, config: IngestConfig | None = None) -> list[RawArticle | Skipped]:
    return list(read_inputs(list(inputs), config or IngestConfig()))


def test_records_keep_given_fields_ids_and_line_sources(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "batch.jsonl",
        [
            json.dumps(
                {
                    "id": "a1",
                    "text": "First.",
                    "outlet": "Daily",
                    "title": "T",
                    "published": "2020-01-03T10:00:00+03:30",
                    "language": "en",
                    "url": "https://daily.example/a1",
                }
            ),
            "",
            json.dumps({"html": "<p>Second.</p>", "published": "sometime soon"}),
        ],
    )
    first, second = _read(str(path))
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.id, first.source, first.outlet, first.published) == (
        "a1",
        f"{path}:1",
        "Daily",
        date(2020, 1, 3),
    )
    # No id: the line number (blank lines count); an unparsable date is kept as unknown.
    assert (second.id, second.source, second.html, second.published) == (
        "line-3",
        f"{path}:3",
        "<p>Second.</p>",
        None,
    )


def test_malformed_line_among_good_ones(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "batch.jsonl",
        [json.dumps({"text": "one"}), '{"text": "two",', json.dumps({"text": "three"}), "[1, 2]"],
    )
    items = _read(str(path))
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["line-1", "line-3"]
    bad = [i for i in items if isinstance(i, Skipped)]
    assert [b.source for b in bad] == [f"{path}:2", f"{path}:4"]
    assert bad[0].reason.startswith("line 2: invalid JSON")
    assert bad[1].reason.startswith("line 4: expected a JSON object, got an array")


def test_record_with_neither_text_nor_html(tmp_path: Path) -> None:
    path = _write(tmp_path / "b.jsonl", [json.dumps({"id": "x", "title": "Only a title"}), '{"text": "ok"}'])
    skipped, good = _read(str(path))
    assert isinstance(skipped, Skipped) and isinstance(good, RawArticle)
    assert skipped.reason == 'line 1: record has neither "text" nor "html": add the article\'s text or HTML'


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g", "text": "Zipped café."}) + "\n")
    [item] = _read(str(path))
    assert isinstance(item, RawArticle)
    assert (item.id, item.text, item.source) == ("g", "Zipped café.", f"{path}:1")


def test_damaged_gzip_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    [item] = _read(str(path))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("damaged gzip data")


def test_latin1_jsonl_line_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes('{"text": "Le café a rouvert."}\n'.encode("latin-1"))
    [item] = _read(str(path))
    assert isinstance(item, RawArticle)
    assert item.text == "Le café a rouvert."


def test_oversized_line_is_skipped_and_the_next_still_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "b.jsonl",
        [json.dumps({"text": "x" * 5000}), json.dumps({"text": "small"})],
    )
    big, small = _read(str(path), config=IngestConfig(max_item_bytes=1000))
    assert isinstance(big, Skipped) and isinstance(small, RawArticle)
    assert big.reason.startswith("line 1: record larger than 1,000 bytes")
    assert small.source == f"{path}:2"


def test_same_record_twice_and_clashing_ids(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", [json.dumps({"text": "one"}), json.dumps({"text": "one"})])
    b = _write(tmp_path / "b.jsonl", [json.dumps({"text": "two"})])
    items = _read(str(a), str(b))
    assert isinstance(items[1], Skipped)
    assert items[1].reason.startswith("duplicate of line-1")
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["line-1", "line-1-2"]


def test_blank_only_jsonl(tmp_path: Path) -> None:
    [item] = _read(str(_write(tmp_path / "b.jsonl", ["", "  "])))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("no article records")


def test_stdin_dash(tmp_path: Path) -> None:
    stream = io.BytesIO(b'{"id": "s", "text": "From a pipe."}\nnot json\n')
    items = list(read_inputs(["-"], IngestConfig(), stdin=stream))
    assert isinstance(items[0], RawArticle) and isinstance(items[1], Skipped)
    assert (items[0].id, items[0].source) == ("s", "<stdin>:1")
    assert items[1].source == "<stdin>:2"


def _peak_while_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(path)], IngestConfig()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 0
    return peak


def _generate(path: Path, records: int, repeats: int) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    written = 0
    with opener(path, "wt", encoding="utf-8") as handle:
        for n in range(records):
            text = f"Article {n}. " + "Words of its body. " * repeats
            written += handle.write(json.dumps({"id": f"r{n}", "text": text}) + "\n")
    return written


def test_memory_stays_flat_as_jsonl_grows(tmp_path: Path) -> None:
    for suffix in (".jsonl", ".jsonl.gz"):
        base, longer, more = (tmp_path / f"{name}{suffix}" for name in ("base", "longer", "more"))
        base_size = _generate(base, records=200, repeats=200)
        longer_size = _generate(longer, records=200, repeats=800)
        more_size = _generate(more, records=800, repeats=200)
        base_peak, longer_peak, more_peak = (_peak_while_reading(p) for p in (base, longer, more))
        # Four times the text per record: memory holds one record at a time, so the peak grows by
        # a few copies of one record, not with the ~2 MB more of data.
        assert longer_peak - base_peak < (longer_size - base_size) / 20, suffix
        # Four times the records: only the ids and 16-byte digests kept for duplicate detection
        # grow (a few hundred bytes per record, however long its text).
        assert more_peak - base_peak < 1000 * (800 - 200), suffix
        assert more_peak < more_size / 4, suffix


def test_utf8_bom_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "With a BOM."}).encode() + b"\n")
    [item] = _read(str(path))
    assert isinstance(item, RawArticle)
    assert item.text == "With a BOM."


def test_utf16_jsonl_as_windows_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    lines = [json.dumps({"text": f"Zoë’s article {n}."}, ensure_ascii=False) for n in range(3)]
    path.write_text("\r\n".join([*lines, "{bad"]) + "\r\n", encoding="utf-16")
    items = _read(str(path))
    assert [i.text for i in items if isinstance(i, RawArticle)] == [f"Zoë’s article {n}." for n in range(3)]
    assert [i.source for i in items if isinstance(i, Skipped)] == [f"{path}:4"]


@pytest.mark.parametrize("chunk", [256, 1 << 20])
def test_oversized_utf16_line_is_skipped_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(jsonl, "_CHUNK", chunk)  # small chunks: the line spans many reads
    path = tmp_path / "b.jsonl"
    lines = [json.dumps({"text": "x" * 5000}), json.dumps({"text": "small"})]
    path.write_text("\n".join(lines), encoding="utf-16")
    big, small = _read(str(path), config=IngestConfig(max_item_bytes=1000))
    assert isinstance(big, Skipped) and isinstance(small, RawArticle)
    assert (big.source, small.source, small.text) == (f"{path}:1", f"{path}:2", "small")
