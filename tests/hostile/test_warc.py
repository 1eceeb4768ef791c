"""Issue 16 #8 and #11: a damaged WARC record costs that record only, is named by its own offset,
and a gzip that is not a WARC is one skip line without warcio's noise."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.corpus.warc import read_warc
from parallax.models import RawArticle, Skipped


def _warc() -> tuple[bytes, list[int]]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    offsets = []
    for n in range(3):
        body = (
            f"<html><head><title>Page {n}</title></head><body><article><p>Story {n}: the council "
            "met on Monday, officials said.</p></article></body></html>"
        ).encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        offsets.append(buffer.tell())
        record = writer.create_warc_record(
            f"http://example.com/{n}", "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    return buffer.getvalue(), offsets


def _length(mid: bytes, change: int) -> bytes:
    match = re.search(rb"Content-Length: (\d+)", mid)
    assert match is not None
    return mid.replace(match.group(0), b"Content-Length: %d" % (int(match.group(1)) + change), 1)


DAMAGE = {
    "garbled version line": lambda mid: mid.replace(b"WARC/1.0", b"WARX/1.0", 1),
    "Content-Length too long": lambda mid: _length(mid, 10_000),
    "Content-Length too short": lambda mid: _length(mid, -20),
    "cut in its header": lambda mid: mid[: mid.index(b"Content-Length")],
    "cut in its payload": lambda mid: mid[: len(mid) - 40],
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_corrupt_record_costs_that_record_only(damage: str, tmp_path: Path) -> None:
    data, offsets = _warc()
    middle = data[offsets[1] : offsets[2]]
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: offsets[1]] + DAMAGE[damage](middle) + data[offsets[2] :])
    items = list(read_warc(path))
    assert [i.url for i in items if isinstance(i, RawArticle)] == [
        "http://example.com/0",
        "http://example.com/2",
    ]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.source for s in skipped] == [f"{path}@{offsets[1]}"]


def test_an_intact_file_reads_every_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc()[0])
    assert [i.url for i in read_warc(path) if isinstance(i, RawArticle)] == [
        f"http://example.com/{n}" for n in range(3)
    ]


def test_a_gzip_that_is_not_a_warc_is_one_quiet_skip_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"hello, just text\nnot a crawl at all\n" * 50))
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "not a WARC record" in items[0].reason
    assert capfd.readouterr().err == ""
