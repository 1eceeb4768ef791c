"""A manifest beside the article files: what the person who saved them knows about each one.

``sources.csv`` (a header row, then one row per file) or ``story.toml`` (``[[article]]`` tables)
gives, per ``file``, its ``outlet``, ``url``, ``published`` date, ``language`` and ``title``; any
field may be left empty and other columns (notes) are ignored. A manifest's fields are given
fields: they win over detection, and the article records where they came from (``manifest``).
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, fields
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from parallax.errors import InputError
from parallax.ingest.decode import fix_text
from parallax.ingest.records import parse_published
from parallax.models import RawArticle

MANIFEST_NAMES = ("sources.csv", "story.toml")
_COLUMNS = ("outlet", "url", "published", "language", "title")


@dataclass(frozen=True)
class Entry:
    """What a manifest says about one file (None: not given)."""

    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    title: str | None = None


@dataclass
class Manifest:
    """The entries of one manifest by file name (as written, ``/``-separated), and its problems."""

    source: str
    entries: dict[str, Entry]
    problems: list[tuple[str, str]]

    def entry(self, name: str) -> Entry | None:
        """The entry of a file by its path relative to the manifest's folder (with or without its
        extension)."""
        key = file_key(name)
        return self.entries.get(key) or self.entries.get(str(PurePosixPath(key).with_suffix("")))


def is_manifest(name: str) -> bool:
    """Whether a file name is a manifest's (``sources.csv``, ``story.toml``), whatever its case."""
    return PurePosixPath(name.replace("\\", "/")).name.lower() in MANIFEST_NAMES


def file_key(name: str) -> str:
    """A file name as manifests key it: forward slashes, no ``./``, case kept."""
    return str(PurePosixPath(name.replace("\\", "/").strip())).removeprefix("./")


def parse_manifest(text: str, source: str) -> Manifest:
    """The manifest in ``text`` (CSV or TOML by ``source``'s name); ``InputError`` when unreadable.

    A row without a ``file``, or with a date that cannot be read, is listed in ``problems`` (with
    its place and the fix) and the rest of the manifest still counts.
    """
    rows = _toml_rows(text, source) if source.lower().endswith(".toml") else _csv_rows(text, source)
    manifest = Manifest(source=source, entries={}, problems=[])
    for place, row in rows:
        name = _text(row.get("file"))
        if not name:
            manifest.problems.append((place, "no file named: give the file's name in the 'file' field"))
            continue
        values = {column: _text(row.get(column)) for column in _COLUMNS}
        published = None
        if values["published"]:
            published = parse_published(values["published"], values["language"])
            if published is None:
                manifest.problems.append(
                    (place, f"published '{values['published']}' is not a date: write it as YYYY-MM-DD")
                )
        manifest.entries[file_key(name)] = Entry(
            outlet=fix_text(values["outlet"]) if values["outlet"] else None,
            url=values["url"],
            published=published,
            language=values["language"],
            title=fix_text(values["title"]) if values["title"] else None,
        )
    return manifest


def apply_entry(raw: RawArticle, entry: Entry) -> RawArticle:
    """The article with the manifest's fields filled in where the item did not give its own."""
    update: dict[str, Any] = {
        f.name: getattr(entry, f.name)
        for f in fields(entry)
        if getattr(entry, f.name) is not None and getattr(raw, f.name) is None
    }
    if not update:
        return raw
    if "outlet" in update or "published" in update:
        update["given_by"] = "manifest"
    return raw.model_copy(update=update)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _csv_rows(text: str, source: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "file" not in header:
        raise InputError(
            f"{source} has no 'file' column: its first line must name the columns "
            "(file,outlet,url,published,language)"
        )
    reader.fieldnames = header
    try:
        return [(f"{source}:{reader.line_num}", row) for row in reader]
    except csv.Error as error:
        raise InputError(f"{source} is not valid CSV ({error}): fix line {reader.line_num}") from None


def _toml_rows(text: str, source: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source} is not valid TOML ({error}): fix it or write sources.csv") from None
    articles = data.get("article", [])
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        raise InputError(f"{source}: write one [[article]] table per file (file, outlet, url, published)")
    return [
        (f"{source}:article {n}", {k.lower(): v for k, v in a.items()}) for n, a in enumerate(articles, 1)
    ]
