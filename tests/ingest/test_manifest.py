"""The manifest beside the article files: sources.csv or story.toml."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from parallax.errors import InputError
from parallax.ingest import read_inputs
from parallax.ingest.manifest import apply_entry, parse_manifest
from parallax.models import RawArticle, Skipped

TEXT = "Harbour works begin\n\nThe harbour council began the works on Monday, its chair said.\n"


def folder_with(tmp_path: Path, manifest_name: str, manifest: str, files: tuple[str, ...]) -> Path:
    for name in files:
        (tmp_path / name).write_text(TEXT.replace("Monday", name), encoding="utf-8")
    (tmp_path / manifest_name).write_text(manifest, encoding="utf-8")
    return tmp_path


def read(*inputs: Path) -> tuple[dict[str, RawArticle], list[Skipped]]:
    raws: dict[str, RawArticle] = {}
    skipped: list[Skipped] = []
    for item in read_inputs([str(i) for i in inputs]):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            raws[item.id] = item
    return raws, skipped


def test_csv_manifest_fills_outlet_url_date_language(tmp_path: Path) -> None:
    csv = (
        "file,outlet,url,published,language,notes\n"
        "a.txt,Harbour Gazette,https://gazette.example/a,2021-03-02,en,seen in print\n"
        "b.txt,,,,,\n"
    )
    raws, skipped = read(folder_with(tmp_path, "sources.csv", csv, ("a.txt", "b.txt")))
    assert skipped == []
    assert set(raws) == {"a", "b"}  # the manifest itself is not an article
    a = raws["a"]
    assert (a.outlet, a.url, a.published, a.language, a.given_by) == (
        "Harbour Gazette", "https://gazette.example/a", date(2021, 3, 2), "en", "manifest"
    )  # fmt: skip
    assert (raws["b"].outlet, raws["b"].published, raws["b"].given_by) == (None, None, None)


def test_toml_manifest_and_a_file_given_alone(tmp_path: Path) -> None:
    toml = '[[article]]\nfile = "a.txt"\noutlet = "Harbour Gazette"\npublished = 2021-03-02\n'
    folder = folder_with(tmp_path, "story.toml", toml, ("a.txt",))
    raws, skipped = read(folder / "a.txt")
    assert skipped == []
    assert (raws["a"].outlet, raws["a"].published) == ("Harbour Gazette", date(2021, 3, 2))


def test_problems_are_named_and_the_rest_still_counts(tmp_path: Path) -> None:
    csv = "file,outlet,published\na.txt,Gazette,someday\nmissing.txt,Other,\n,Nobody,\n"
    raws, skipped = read(folder_with(tmp_path, "sources.csv", csv, ("a.txt",)))
    assert raws["a"].outlet == "Gazette" and raws["a"].published is None
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "not a date" in reasons["sources.csv:2"]
    assert "no file named" in reasons["sources.csv:4"]
    assert "lists 'missing.txt'" in reasons["sources.csv"]


def test_manifest_without_a_file_column_is_one_clear_line(tmp_path: Path) -> None:
    raws, skipped = read(folder_with(tmp_path, "sources.csv", "name,outlet\na.txt,X\n", ("a.txt",)))
    assert raws["a"].outlet is None
    assert [s.reason for s in skipped] == [
        f"{tmp_path / 'sources.csv'} has no 'file' column: its first line must name the columns "
        "(file,outlet,url,published,language)"
    ]


def test_record_fields_win_and_jsonl_lines_are_not_touched(tmp_path: Path) -> None:
    record = {"id": "j1", "text": TEXT, "outlet": "Own Outlet"}
    (tmp_path / "lines.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    csv = "file,outlet\nlines.jsonl,Manifest Outlet\n"
    raws, _ = read(folder_with(tmp_path, "sources.csv", csv, ()))
    assert (raws["j1"].outlet, raws["j1"].given_by) == ("Own Outlet", None)
    manifest = parse_manifest("file,outlet\na,M\n", "sources.csv")
    entry = manifest.entry("a.txt")  # the manifest may leave the extension out
    assert entry is not None
    given = RawArticle(id="a", source="a.txt", text=TEXT, outlet="Given")
    assert apply_entry(given, entry).outlet == "Given"


def test_bad_toml_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not valid TOML"):
        parse_manifest("[[article]\nfile=", "story.toml")


def test_the_example_story_manifest_lists_each_file(example_dir: Path) -> None:
    raws, skipped = read(example_dir)
    assert skipped == []
    assert len(raws) == 5
    assert sum(r.outlet is not None and r.published is not None for r in raws.values()) >= 4
