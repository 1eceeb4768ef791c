"""Local inputs: files by extension, folders walked recursively in path order, hidden entries skipped."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import IO

from parallax.config import IngestConfig
from parallax.errors import E, GzipBombError, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.jsonl import LineError, LineReader, read_jsonl
from parallax.ingest.manifest import (
    MANIFEST_NAMES,
    Manifest,
    apply_entry,
    file_key,
    is_manifest,
    parse_manifest,
)
from parallax.models import RawArticle, Skipped

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
SUPPORTED = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)


def read_path(path: Path, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    """Every item under ``path`` (a file or a folder); problems come back as ``Skipped``.

    A manifest (``sources.csv``, ``story.toml``) in a file's folder gives that file's outlet, URL,
    date and language; it is read, not analysed.
    """
    if path.is_dir():
        unreadable: list[OSError] = []
        children = walk(path, unreadable.append)
        manifests: dict[Path, Path] = {}
        for child in children:  # sorted: sources.csv before story.toml, as _with_manifest looks
            if is_manifest(child.name):
                manifests.setdefault(child.parent, child)
        listed: dict[Path, set[str]] = {}
        for manifest_path in sorted(manifests.values()):
            manifest, problem = _manifest(manifest_path)
            if problem:
                yield problem
            elif manifest:
                yield from (Skipped(source=place, reason=reason) for place, reason in manifest.problems)
        for child in children:
            if is_manifest(child.name):
                continue
            for item in read_file(child, config):
                yield _with_manifest(item, child, path, listed)
        for folder, manifest_path in sorted(manifests.items()):
            names = listed.get(folder, set())
            manifest, _ = _manifest(manifest_path)
            for name in sorted(set(manifest.entries) - names) if manifest else ():
                yield Skipped(
                    source=str(manifest_path),
                    reason=f"lists '{name}', which is not in {folder}: fix the file name or remove the row",
                )
        for error in unreadable:
            yield Skipped(
                source=str(error.filename or path),
                reason=f"cannot list folder ({error.strerror or error}): check its permissions",
            )
    elif path.exists():
        if is_manifest(path.name):
            return  # it describes the files beside it, which read it themselves
        for item in read_file(path, config):
            yield _with_manifest(item, path, None, {})
    else:
        yield Skipped(
            source=str(path), reason="not found: give an existing file, folder, http(s) URL or '-' for stdin"
        )


def walk(folder: Path, on_error: Callable[[OSError], None]) -> list[Path]:
    """The files under ``folder``, recursively, sorted by path; hidden files and folders left out.

    A subfolder that cannot be listed is passed to ``on_error`` so that it is reported, not lost.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    return sorted(found)


def _with_manifest(
    item: RawArticle | Skipped, path: Path, root: Path | None, listed: dict[Path, set[str]]
) -> RawArticle | Skipped:
    """The item with what the nearest manifest says of it: in its folder, or in a folder above it
    up to the walked ``root`` (its own folder only, for a file given alone)."""
    if isinstance(item, Skipped) or item.source != str(path):  # JSONL records carry their own fields
        return item
    folder = path.parent
    while True:
        manifest_path = next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)
        if manifest_path is not None:
            manifest, _ = _manifest(manifest_path)
            key = path.relative_to(folder).as_posix()
            entry = manifest.entry(key) if manifest else None
            if entry is None:
                return item
            listed.setdefault(folder, set()).update({file_key(key), file_key(key).rsplit(".", 1)[0]})
            return apply_entry(item, entry)
        if root is None or folder == root or root not in folder.parents:
            return item
        folder = folder.parent


def _manifest(path: Path) -> tuple[Manifest | None, Skipped | None]:
    """The manifest at ``path`` (parsed once per version of the file), or why it cannot be read."""
    try:
        return _parsed_manifest(str(path), path.stat().st_mtime_ns), None
    except InputError as error:
        return None, Skipped(source=str(path), reason=error.message)
    except (OSError, UnicodeDecodeError) as error:
        return None, Skipped(source=str(path), reason=f"cannot read the manifest ({error}): check the file")


@lru_cache(maxsize=64)
def _parsed_manifest(path: str, mtime_ns: int) -> Manifest:
    return parse_manifest(Path(path).read_text("utf-8"), path)


def read_file(path: Path, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    """The article(s) in one file: one for text and HTML, one per line for JSONL."""
    source = str(path)
    name = path.name.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl_file(path, config)
        elif name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
            yield _read_document(path, config, html=name.endswith(HTML_SUFFIXES))
        else:
            kind = f"'{path.suffix}'" if path.suffix else "without an extension"
            raise InputError(E.PX111, kind=kind, supported=SUPPORTED)
    except InputError as error:
        yield Skipped(source=source, reason=error.message)
    except OSError as error:
        yield Skipped(source=source, reason=f"cannot read ({error.strerror or error}): check the file")


def _read_document(path: Path, config: IngestConfig, html: bool) -> RawArticle:
    # The size decides before anything is read, so a huge file never enters memory.
    size = path.stat().st_size
    if size == 0:
        raise InputError(E.PX104)
    if size > config.max_item_bytes:
        raise InputError(E.PX106, size=size, limit=config.max_item_bytes)
    content = decode_bytes(path.read_bytes(), config, html=html)
    if html:
        return RawArticle(id=path.stem, source=str(path), html=content)
    return RawArticle(id=path.stem, source=str(path), text=content)


def _read_jsonl_file(path: Path, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    source = str(path)
    if path.stat().st_size == 0:
        raise InputError(E.PX105)
    compressed = path.name.lower().endswith(".gz")
    records = bad = 0
    try:
        with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) if compressed else nullcontext(raw) as opened:
            # line by line: never the whole file; a gzip bomb stops at the ratio
            stream = _Bounded(opened, raw, config) if compressed else opened
            for item in read_jsonl(stream, source, config):
                if isinstance(item, LineError):
                    bad += 1
                    yield Skipped(source=f"{source}:{item.line}", reason=item.reason)
                else:
                    records += 1
                    yield item
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(E.PX107, detail=error) from None
    except GzipBombError as error:
        yield Skipped(source=source, reason=error.message)
        return
    if records == 0 and bad == 0:
        raise InputError(E.PX108)


class _Bounded:
    """A decompressing stream that raises ``GzipBombError`` once it has given more than
    ``max_gzip_ratio`` times the compressed bytes read (past ``gzip_ratio_floor_bytes``)."""

    def __init__(self, stream: LineReader, raw: IO[bytes], config: IngestConfig) -> None:
        self.stream, self.raw = stream, raw
        self.ratio, self.floor = config.max_gzip_ratio, config.gzip_ratio_floor_bytes
        self.given = 0

    def _count(self, data: bytes) -> bytes:
        self.given += len(data)
        if self.given > self.floor and self.given > self.ratio * self.raw.tell():
            raise GzipBombError(self.ratio, self.raw.tell(), self.given)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        return self._count(self.stream.readline(size))

    def read(self, size: int = -1, /) -> bytes:
        return self._count(self.stream.read(size))
