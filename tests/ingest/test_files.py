"""Local inputs: file types, folders, ids, duplicates and every kind of bad file."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path
from typing import Any, TypeVar

import pytest

from parallax.config import IngestConfig
from parallax.ingest import read_inputs
from parallax.models import RawArticle, Skipped

T = TypeVar("T", RawArticle, Skipped)
ARTICLE = "The minister said on Tuesday that talks would resume.\nBoth sides agreed.\n"


def _read(*inputs: Path | str, config: IngestConfig | None = None) -> list[RawArticle | Skipped]:
    return list(read_inputs([str(i) for i in inputs], config or IngestConfig()))


def _only(items: list[RawArticle | Skipped], kind: type[T]) -> list[T]:
    return [i for i in items if isinstance(i, kind)]


def test_text_and_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "000_55ec7aaa.txt").write_text(ARTICLE)
    (tmp_path / "note.md").write_text("# Title\n\nAnother article body.\n")
    items = _read(tmp_path / "000_55ec7aaa.txt", tmp_path / "note.md")
    assert [(i.id, i.text is not None, i.html) for i in items] == [
        ("000_55ec7aaa", True, None),
        ("note", True, None),
    ]
    assert items[0].source == str(tmp_path / "000_55ec7aaa.txt")
    assert items[0].text == ARTICLE


def test_html_file_is_kept_as_html(tmp_path: Path) -> None:
    page = "<html><body><article><p>Story text.</p></article></body></html>"
    (tmp_path / "page.HTM").write_text(page)
    [item] = _read(tmp_path / "page.HTM")
    assert isinstance(item, RawArticle)
    assert item.html == page
    assert item.text is None


def test_folder_is_read_recursively_in_path_order_without_hidden_entries(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "story.txt").write_text("Second folder's story.")
    (tmp_path / "a" / "story.txt").write_text("First folder's story.")
    (tmp_path / "a" / "z.txt").write_text("Another story.")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git" / "config.txt").write_text("not an article")
    items = _read(tmp_path)
    assert [i.source for i in items] == [
        str(tmp_path / "a" / "story.txt"),
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b" / "story.txt"),
    ]
    # Same file name in two folders: both kept, ids stay unique.
    assert [i.id for i in items] == ["story", "z", "story-2"]


def test_example_story_reads_five_articles(example_dir: Path) -> None:
    items = _read(example_dir)
    assert len(_only(items, RawArticle)) == 5
    assert all(i.text and i.text.strip() for i in items)


def test_exact_duplicate_is_skipped_with_the_first_id(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(ARTICLE)
    (tmp_path / "second.txt").write_text(ARTICLE)
    (tmp_path / "other.txt").write_text("A different article.")
    first, other, second = _read(tmp_path)
    assert isinstance(first, RawArticle) and isinstance(other, RawArticle)
    assert isinstance(second, Skipped)
    assert second.reason.startswith("duplicate of first")


def test_duplicates_kept_when_turned_off(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(ARTICLE)
    (tmp_path / "second.txt").write_text(ARTICLE)
    items = _read(tmp_path, config=IngestConfig(skip_duplicates=False))
    assert [i.id for i in items] == ["first", "second"]


def test_latin1_file_is_decoded_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_bytes("Le café de la gare a rouvert.".encode("latin-1"))
    [item] = _read(tmp_path / "fr.txt")
    assert isinstance(item, RawArticle)
    assert item.text == "Le café de la gare a rouvert."


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    [item] = _read(tmp_path / "empty.txt")
    assert isinstance(item, Skipped)
    assert item.reason.startswith("empty file")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [item] = _read(tmp_path / "photo.txt")
    assert isinstance(item, Skipped)
    assert item.reason.startswith("binary content")


def test_unsupported_extensions(tmp_path: Path) -> None:
    for name in ("paper.pdf", "photo.png", "README"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    items = _read(tmp_path)
    assert all(isinstance(i, Skipped) for i in items)
    reasons = [i.reason for i in items]
    assert reasons[0].startswith("unsupported file type without an extension")
    assert reasons[1].startswith("unsupported file type '.pdf'")
    assert reasons[2].startswith("unsupported file type '.png'")
    assert all(".txt" in r and ".jsonl.gz" in r for r in reasons)


def test_nonexistent_path(tmp_path: Path) -> None:
    [item] = _read(tmp_path / "nope.txt")
    assert isinstance(item, Skipped)
    assert item.source == str(tmp_path / "nope.txt")
    assert item.reason.startswith("not found")


def test_huge_text_is_skipped_by_its_size_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"All work and no play makes a long article. " * 20 + b"\n"
    with big.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size > 50_000_000
    tracemalloc.start()
    try:
        [item] = _read(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Skipped)
    assert "over the 20,000,000-byte limit" in item.reason
    assert peak < 1_000_000  # the 50 MB never entered memory


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "latin1.txt").write_bytes("Un article en français, déjà lu.".encode("latin-1"))
    (tmp_path / "records.jsonl").write_text('{"text": "good record"}\n{oops\n{"title": "no text"}\n')
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "same.txt").write_text(ARTICLE)
    items = _read(tmp_path, tmp_path / "missing.txt", "ftp://example.org/a.txt")
    assert [i.id for i in _only(items, RawArticle)] == ["good", "latin1", "line-1"]
    skipped = {Path(s.source).name: s.reason.split(" ")[0] for s in _only(items, Skipped)}
    assert skipped == {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "records.jsonl:2": "line",
        "records.jsonl:3": "line",
        "same.txt": "duplicate",
        "scan.pdf": "unsupported",
        "missing.txt": "not",
        "a.txt": "unsupported",
    }
    assert all("\n" not in s.reason for s in _only(items, Skipped))


def test_unlistable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":  # root reads everything, so refuse by hand
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    good, locked = _read(tmp_path)
    assert isinstance(good, RawArticle) and isinstance(locked, Skipped)
    assert locked.source == str(tmp_path / "locked")
    assert locked.reason == "cannot list folder (Permission denied): check its permissions"
