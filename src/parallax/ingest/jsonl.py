"""JSON Lines: one article record per line, streamed so that memory does not grow with the file.

A line is read with a length cap (``readline(limit)``), so even one runaway line of a 1 GB file
is never held whole: its excess is read in chunks and dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from parallax.config import IngestConfig
from parallax.errors import InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.records import record_fields, record_id
from parallax.models import RawArticle

_CHUNK = 1 << 20


class LineReader(Protocol):
    """A binary stream read line by line: an open file, a ``gzip`` file, ``sys.stdin.buffer``."""

    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class LineError:
    """One unusable line: its number and the one-line reason."""

    line: int
    reason: str


def read_jsonl(stream: LineReader, source: str, config: IngestConfig) -> Iterator[RawArticle | LineError]:
    """Yield one ``RawArticle`` per good line and one ``LineError`` per bad one; blank lines are skipped.

    ``source`` names the file (or ``<stdin>``); each article's source is ``source:N``. Articles
    without an ``id`` get ``line-N``.
    """
    number = 0
    while True:
        line = stream.readline(config.max_item_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > config.max_item_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield LineError(
                number,
                f"line {number}: record larger than {config.max_item_bytes:,} bytes: "
                "check the line is one article (limit: ingest.max_item_bytes)",
            )
            continue
        if not line.strip():
            continue
        try:
            yield _parse_line(line, number, source, config)
        except InputError as error:
            yield LineError(number, f"line {number}: {error.message}")


def _parse_line(line: bytes, number: int, source: str, config: IngestConfig) -> RawArticle:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_bytes(line, config)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON ({error.msg} at column {error.colno}): fix or remove the line"
        ) from None
    fields = record_fields(record)
    return RawArticle(id=record_id(record) or f"line-{number}", source=f"{source}:{number}", **fields)


def _skip_rest_of_line(stream: LineReader) -> None:
    while chunk := stream.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return
