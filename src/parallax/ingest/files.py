"""Local inputs: files by extension, folders walked recursively in path order, hidden entries skipped."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from parallax.config import IngestConfig
from parallax.errors import GzipBombError, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.jsonl import LineError, LineReader, read_jsonl
from parallax.models import RawArticle, Skipped

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
SUPPORTED = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)


def read_path(path: Path, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    """Every item under ``path`` (a file or a folder); problems come back as ``Skipped``."""
    if path.is_dir():
        unreadable: list[OSError] = []
        for child in walk(path, unreadable.append):
            yield from read_file(child, config)
        for error in unreadable:
            yield Skipped(
                source=str(error.filename or path),
                reason=f"cannot list folder ({error.strerror or error}): check its permissions",
            )
    elif path.exists():
        yield from read_file(path, config)
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
            raise InputError(f"unsupported file type {kind}: give {SUPPORTED} files")
    except InputError as error:
        yield Skipped(source=source, reason=error.message)
    except OSError as error:
        yield Skipped(source=source, reason=f"cannot read ({error.strerror or error}): check the file")


def _read_document(path: Path, config: IngestConfig, html: bool) -> RawArticle:
    # The size decides before anything is read, so a huge file never enters memory.
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file: give a file with the article's text")
    if size > config.max_item_bytes:
        raise InputError(
            f"file of {size:,} bytes is over the {config.max_item_bytes:,}-byte limit for one article: "
            "give one file per article (limit: ingest.max_item_bytes)"
        )
    content = decode_bytes(path.read_bytes(), config, html=html)
    if html:
        return RawArticle(id=path.stem, source=str(path), html=content)
    return RawArticle(id=path.stem, source=str(path), text=content)


def _read_jsonl_file(path: Path, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    source = str(path)
    if path.stat().st_size == 0:
        raise InputError("empty file: give a JSONL file with one article record per line")
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
        raise InputError(
            f"damaged gzip data ({error}): re-compress the file or give it uncompressed"
        ) from None
    except GzipBombError as error:
        yield Skipped(source=source, reason=error.message)
        return
    if records == 0 and bad == 0:
        raise InputError("no article records (only blank lines): give one JSON object per line")


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
