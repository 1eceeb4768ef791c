"""WARC reader (warcio): HTML responses of a crawl become raw articles.

The URL comes from ``WARC-Target-URI``; the date from the HTTP ``Last-Modified`` header, else
``WARC-Date`` (when the page was fetched: an upper bound of its publication). A corrupt record
is skipped with its offset and reading resumes at the next record; a truncated file keeps every
record before the damage.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zlib
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator

from parallax.config import DEFAULT, CorpusConfig
from parallax.models import RawArticle, Skipped

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# A WARC record header is a few hundred bytes; more than this before the blank line is damage.
_MAX_HEADER = 1 << 16


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def _header_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        if "T" in value and value[:4].isdigit():
            return date.fromisoformat(value[:10])
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _decode(payload: bytes, content_type: str) -> str:
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        from charset_normalizer import from_bytes

        best = from_bytes(payload).best()
        return str(best) if best is not None else payload.decode("utf-8", errors="replace")


def _next_record(handle: IO[bytes], start: int, compressed: bool) -> int | None:
    """Offset of the next record boundary after ``start`` (a gzip member or a WARC header line)."""
    magic = _GZIP_MAGIC if compressed else _WARC_MAGIC
    handle.seek(start)
    position = start
    tail = b""
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(magic, 1 if position == start else 0)
        if found >= 0:
            return position - len(tail) + found
        tail = data[-len(magic) :]
        position += len(chunk)


def _members(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | str]]:
    """Each gzip member of the file (one WARC record) as ``(offset, bytes)``, or ``(offset, reason)``
    for a member that cannot be decompressed; the next member is found by its magic bytes."""
    offset = 0
    while True:
        handle.seek(offset)
        decompressor = zlib.decompressobj(wbits=31)
        parts: list[bytes] = []
        size = 0
        consumed = 0
        problem: str | None = None
        while not decompressor.eof:
            chunk = handle.read(1 << 16)
            if not chunk:
                problem = "truncated gzip: the records before this offset were read" if consumed else None
                break
            try:
                data = decompressor.decompress(chunk)
            except zlib.error as error:
                problem = f"corrupt WARC record (gzip: {error})"
                break
            consumed += len(chunk) - len(decompressor.unused_data)
            size += len(data)
            if size > limit:
                problem = f"record larger than {limit} bytes: not an article"
                break
            parts.append(data)
        if problem is None and not parts:
            return
        if problem is None:
            yield offset, b"".join(parts)
            offset += consumed
            continue
        yield offset, problem
        following = _next_record(handle, offset + 1, compressed=True)
        if following is None:
            return
        offset = following


def _reason(error: Exception) -> str:
    text = "".join(c for c in str(error).split("\n")[0][:80] if c.isprintable())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def read_warc(path: Path, config: CorpusConfig = DEFAULT.corpus) -> Iterator[RawArticle | Skipped]:
    """Yield one raw article per HTML response record, and one ``Skipped`` per unusable record."""
    with path.open("rb") as handle:
        if handle.read(3) == _GZIP_MAGIC:
            # Each record is its own gzip member: decompress them one by one so that a damaged
            # member costs that record only.
            for offset, member in _members(handle, config.max_article_chars * 8):
                if isinstance(member, str):
                    yield Skipped(source=f"{path}@{offset}", reason=f"{member}: skipped, the rest is read")
                    continue
                yield from _parse(path, io.BytesIO(member), offset, config)
        else:
            yield from _parse_plain(path, handle, config)


def _parse(path: Path, stream: IO[bytes], base: int, config: CorpusConfig) -> Iterator[RawArticle | Skipped]:
    """The items of one record's bytes. warcio prints its warnings about damage on stderr: they
    are kept off the user's terminal (the damage becomes a ``Skipped`` line instead)."""
    if not path.name.lower().endswith((".arc", ".arc.gz")) and not stream.read(5).startswith(b"WARC/"):
        reason = "not a WARC record (no WARC/1.x header): skipped, the rest is read"
        yield Skipped(source=f"{path}@{base}", reason=reason)
        return
    stream.seek(0)
    with contextlib.redirect_stderr(io.StringIO()):
        items = list(_parse_records(path, stream, base, config))
    yield from items


def _parse_records(
    path: Path, stream: IO[bytes], base: int, config: CorpusConfig
) -> Iterator[RawArticle | Skipped]:
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            item = _record(path, record, config)
            if item is not None:
                yield item.model_copy(update={"source": f"{path}@{base + records.get_record_offset()}"})
    except Exception as error:  # warcio raises several types for damaged input
        yield Skipped(source=f"{path}@{base}", reason=f"corrupt WARC record ({_reason(error)}): skipped")


def _parse_plain(path: Path, handle: IO[bytes], config: CorpusConfig) -> Iterator[RawArticle | Skipped]:
    """An uncompressed WARC, record by record: a damaged record is skipped under its own offset
    and reading resumes at the next ``WARC/1.`` header line, so the good record after it is kept."""
    for offset, record in _plain_records(handle, config.max_article_chars * 8):
        if isinstance(record, str):
            reason = f"{record}: skipped, the rest of the file is read"
            yield Skipped(source=f"{path}@{offset}", reason=reason)
        else:
            yield from _parse(path, io.BytesIO(record), offset, config)


def _plain_records(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | str]]:
    """Each record of an uncompressed WARC as ``(offset, bytes)``, or ``(offset, reason)`` for one
    whose header is damaged or whose ``Content-Length`` does not end where the next record starts."""
    offset = 0
    while True:
        handle.seek(offset)
        head = handle.read(_MAX_HEADER)
        if not head.strip():
            return
        end = head.find(b"\r\n\r\n")
        header = head[:end]
        length = _content_length(header) if head.startswith(_WARC_MAGIC) and end > 0 else None
        problem = None
        if header.find(_WARC_MAGIC, 1) >= 0:  # a record cut short in its header runs into the next
            problem = "corrupt WARC record (its header is cut short by the next record)"
        elif length is None:
            problem = "corrupt WARC record (no WARC header with a Content-Length here)"
        elif length > limit:
            problem = f"record larger than {limit} bytes: not an article"
        else:
            stop = offset + end + 4 + length
            handle.seek(stop)
            after = handle.read(4)
            if after == b"\r\n\r\n":
                handle.seek(offset)
                yield offset, handle.read(stop + 4 - offset)
                offset = stop + 4
                continue
            if after:
                problem = "corrupt WARC record (its Content-Length does not end at a record boundary)"
            else:
                problem = "WARC record runs past the end of the file (truncated, or a wrong Content-Length)"
        yield offset, problem
        following = _next_record(handle, offset + 1, compressed=False)
        if following is None:
            return
        offset = following


def _content_length(header: bytes) -> int | None:
    for line in header.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            text = value.strip()
            return int(text) if text.isdigit() else None
    return None


def _record(path: Path, record: object, config: CorpusConfig) -> RawArticle | Skipped | None:
    """The article in one record (its ``source`` is set by the caller, once the offset is known)."""
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    source = str(path)
    content_type = (http.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    status = http.get_statuscode()
    if status != "200":
        return Skipped(
            source=source, reason=f"HTTP status {status} for {url}: only successful pages are articles"
        )
    stream = record.content_stream()  # type: ignore[attr-defined]
    payload = stream.read(config.max_article_chars * 4 + 1)
    if len(payload) > config.max_article_chars * 4:
        return Skipped(
            source=source, reason=f"page larger than {config.max_article_chars * 4} bytes: not an article"
        )
    html = _decode(payload, content_type)
    published = _header_date(http.get_header("Last-Modified")) or _header_date(
        headers.get_header("WARC-Date")
    )
    digest = hashlib.sha1(f"{url}|{headers.get_header('WARC-Record-ID')}".encode()).hexdigest()[:12]
    return RawArticle(
        id=f"{path.name.split('.')[0]}-{digest}",
        source=source,
        html=html,
        url=url,
        published=published,
        given_by="warc" if published else None,
    )
