"""Ingest: turn command-line inputs (files, folders, JSONL, URLs, stdin) into ``RawArticle`` records.

Streaming: items are yielded one at a time so that a 1 GB JSONL is never held whole. Every
unusable item comes back as a ``Skipped`` with a one-line reason naming the problem and the fix;
the items after it are still read.

Modules, one concern each: ``decode`` (bytes to text), ``files`` (paths, folders, extensions),
``jsonl`` (streamed records), ``records`` (checking a record's fields), ``fetch`` (URLs),
``identity`` (unique ids, exact duplicates).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from parallax.config import DEFAULT, IngestConfig
from parallax.errors import E, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.fetch import Fetched, Fetcher, HttpxFetcher, url_scheme, url_stem
from parallax.ingest.files import read_path
from parallax.ingest.identity import Identities
from parallax.ingest.jsonl import LineError, LineReader, read_jsonl
from parallax.ingest.records import record_fields, record_id
from parallax.models import RawArticle, Skipped

__all__ = ["Fetched", "Fetcher", "HttpxFetcher", "read_inputs", "read_records"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_inputs(
    inputs: Iterable[str],
    config: IngestConfig = DEFAULT.ingest,
    *,
    fetcher: Fetcher | None = None,
    stdin: LineReader | None = None,
) -> Iterator[RawArticle | Skipped]:
    """Yield one ``RawArticle`` per readable item and one ``Skipped`` per unusable one, in input order.

    ``inputs`` mixes paths (files, folders), ``http(s)://`` URLs and ``-`` (JSONL on standard
    input, or on ``stdin`` when given). ``fetcher`` gets URLs (default: ``HttpxFetcher``). Ids are
    unique within the run (``-2``, ``-3``… on a clash) and an item whose exact content was already
    read is skipped as a duplicate (unless ``config.skip_duplicates`` is off).
    """
    identities = Identities(config.skip_duplicates)
    own_fetcher: HttpxFetcher | None = None
    try:
        for item in inputs:
            if item == STDIN:
                found = _read_stdin(stdin or sys.stdin.buffer, config)
            elif scheme := url_scheme(item):
                if fetcher is None and scheme in ("http", "https"):
                    fetcher = own_fetcher = HttpxFetcher(config)
                found = _read_url(item, scheme, fetcher, config)
            else:
                found = read_path(Path(item), config)
            yield from _admitted(found, identities)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def read_records(
    records: Iterable[object], config: IngestConfig = DEFAULT.ingest, source: str = "articles"
) -> Iterator[RawArticle | Skipped]:
    """Article records already parsed (e.g. the JSON body of a web request), checked like JSONL lines.

    Record N (from 1) has source ``source:N`` and, without its own ``id``, the id ``record-N``.
    """
    yield from _admitted(_records(records, source), Identities(config.skip_duplicates))


def _records(records: Iterable[object], source: str) -> Iterator[RawArticle | Skipped]:
    for number, record in enumerate(records, start=1):
        try:
            fields = record_fields(record)
        except InputError as error:
            yield Skipped(source=f"{source}:{number}", reason=f"record {number}: {error.message}")
            continue
        yield RawArticle(id=record_id(record) or f"record-{number}", source=f"{source}:{number}", **fields)


def _admitted(
    found: Iterable[RawArticle | Skipped], identities: Identities
) -> Iterator[RawArticle | Skipped]:
    """Items with run-unique ids; exact repeats of earlier content become ``Skipped``."""
    for one in found:
        if isinstance(one, Skipped):
            yield one
            continue
        admitted = identities.admit(one)
        if isinstance(admitted, str):
            yield Skipped(
                source=one.source,
                reason=f"duplicate of {admitted}: the same content was already read; give it once",
            )
        else:
            yield admitted


def _read_stdin(stream: LineReader, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    for item in read_jsonl(stream, STDIN_SOURCE, config):
        if isinstance(item, LineError):
            yield Skipped(source=f"{STDIN_SOURCE}:{item.line}", reason=item.reason)
        else:
            yield item


def _read_url(
    url: str, scheme: str, fetcher: Fetcher | None, config: IngestConfig
) -> Iterator[RawArticle | Skipped]:
    try:
        if scheme not in ("http", "https") or fetcher is None:
            raise InputError(E.PX112, scheme=scheme)
        yield _fetched_article(url, fetcher.fetch(url), config)
    except InputError as error:
        yield Skipped(source=url, reason=error.message)


def _fetched_article(url: str, page: Fetched, config: IngestConfig) -> RawArticle:
    if not page.content:
        raise InputError(E.PX113)
    media_type = page.media_type or "text/html"
    if media_type in _HTML_TYPES:
        html = decode_bytes(page.content, config, declared=page.charset, html=True)
        return RawArticle(id=url_stem(page.url), source=url, url=page.url, html=html)
    if media_type == "text/plain":
        text = decode_bytes(page.content, config, declared=page.charset)
        return RawArticle(id=url_stem(page.url), source=url, url=page.url, text=text)
    raise InputError(E.PX114, media_type=media_type)
