"""WARC reader (warcio): HTML responses of a crawl become raw articles.

The URL comes from ``WARC-Target-URI``; the date from the HTTP ``Last-Modified`` header, else
``WARC-Date`` (when the page was fetched: an upper bound of its publication). A corrupt record
is skipped with its offset and reading resumes at the next record; a truncated file keeps every
record before the damage.
"""

from __future__ import annotations

import hashlib
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


def _truncated_member(handle: IO[bytes], start: int) -> int | None:
    """Offset of a gzip member from ``start`` on that ends before its end-of-stream marker."""
    handle.seek(start)
    data = handle.read()
    position = 0
    while position < len(data):
        decompressor = zlib.decompressobj(wbits=31)
        try:
            decompressor.decompress(data[position:])
        except zlib.error:
            return start + position
        if not decompressor.eof:
            return start + position
        position = len(data) - len(decompressor.unused_data)
    return None


def _reason(error: Exception) -> str:
    text = "".join(c for c in str(error).split("\n")[0][:80] if c.isprintable())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def read_warc(path: Path, config: CorpusConfig = DEFAULT.corpus) -> Iterator[RawArticle | Skipped]:
    """Yield one raw article per HTML response record, and one ``Skipped`` per unusable record."""
    with path.open("rb") as handle:
        compressed = handle.read(3) == _GZIP_MAGIC
        offset: int | None = 0
        while offset is not None:
            handle.seek(offset)
            records = ArchiveIterator(handle, arc2warc=True)
            last: int | None = None
            try:
                for record in records:
                    last = records.get_record_offset()
                    item = _record(path, last, record, config)
                    if item is not None:
                        yield item
            except Exception as error:  # warcio raises several types for damaged input
                bad = offset if last is None else _next_record(handle, last + 1, compressed)
                yield Skipped(
                    source=f"{path}@{bad if bad is not None else offset}",
                    reason=f"corrupt WARC record ({_reason(error)}): skipped, the rest of the file is read",
                )
                offset = None if bad is None else _next_record(handle, bad + 1, compressed)
                continue
            if compressed:
                broken = _truncated_member(handle, offset if last is None else last)
                if broken is not None:
                    yield Skipped(
                        source=f"{path}@{broken}",
                        reason="truncated gzip: the records before this offset were read",
                    )
            offset = None


def _record(path: Path, offset: int, record: object, config: CorpusConfig) -> RawArticle | Skipped | None:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    source = f"{path}@{offset}"
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
    digest = hashlib.sha1(f"{url}@{offset}".encode()).hexdigest()[:12]
    return RawArticle(
        id=f"{path.name.split('.')[0]}-{digest}", source=source, html=html, url=url, published=published
    )
