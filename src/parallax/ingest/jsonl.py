"""JSON Lines: one article record per line, streamed so that memory does not grow with the file.

Lines are read with a length cap (``readline(limit)``), so even one runaway line of a 1 GB file
is never held whole: its excess is read in pieces and dropped. A UTF-16/32 file (what Windows
PowerShell's ``>`` writes) is transcoded to UTF-8 on the fly, chunk by chunk.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from parallax.config import IngestConfig
from parallax.errors import NESTED_JSON, E, InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.records import record_fields, record_id
from parallax.models import RawArticle

_CHUNK = 1 << 20
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class LineReader(Protocol):
    """A binary stream: an open file, a ``gzip`` file, ``sys.stdin.buffer``."""

    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...


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
    limit = config.max_item_bytes
    pieces = _pieces(stream, limit + 1)
    for number, line in enumerate(pieces, start=1):
        complete = line.endswith(b"\n")
        if len(line) - complete > limit:
            for rest in () if complete else pieces:  # the rest of the line, dropped piece by piece
                if rest.endswith(b"\n"):
                    break
            yield LineError(
                number,
                f"line {number}: record larger than {limit:,} bytes: "
                "check the line is one article (limit: ingest.max_item_bytes)",
            )
            continue
        if not line.strip():
            continue
        try:
            yield _parse_line(line, number, source, config)
        except InputError as error:
            yield LineError(number, f"line {number}: {error.message}")


def _pieces(stream: LineReader, size: int) -> Iterator[bytes]:
    """UTF-8 lines of at most ``size`` bytes (a longer line comes in several pieces)."""
    first = stream.readline(size)
    for bom, encoding in _WIDE_BOMS:
        if first.startswith(bom):
            yield from _transcoded(first, stream, encoding, size)
            return
    if first:
        yield first.removeprefix(codecs.BOM_UTF8)
    while line := stream.readline(size):
        yield line


def _transcoded(head: bytes, stream: LineReader, encoding: str, size: int) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    chunk = head
    while chunk:
        lines = (pending + decoder.decode(chunk)).splitlines(keepends=True)
        pending = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        for line in lines:
            yield line.encode("utf-8")
        if len(pending) > size:  # a runaway line: hand it on in pieces
            yield pending.encode("utf-8")
            pending = ""
        chunk = stream.read(_CHUNK)
    if pending + (tail := decoder.decode(b"", final=True)):
        yield (pending + tail).encode("utf-8")


def _parse_line(line: bytes, number: int, source: str, config: IngestConfig) -> RawArticle:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_bytes(line, config)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(E.PX109, detail=error.msg, column=error.colno) from None
    except RecursionError:
        raise InputError(NESTED_JSON) from None
    fields = record_fields(record)
    return RawArticle(id=record_id(record) or f"line-{number}", source=f"{source}:{number}", **fields)
