"""WARC and RSS/Atom readers, and bad input at scale: counted, reported, skipped, the rest lands."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Config, CorpusConfig
from parallax.corpus.build import build_corpus, read_corpus
from parallax.corpus.feeds import is_feed, read_feed
from parallax.corpus.warc import read_warc
from parallax.models import RawArticle, Skipped
from parallax.store import Store

FAST = Config(corpus=CorpusConfig(use_embeddings=False))

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Wire</title>
<item><title>Dam bursts after storm</title><link>http://example.org/dam</link>
<pubDate>Tue, 03 Mar 2009 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A dam burst after days of rain, flooding two villages.&lt;/p&gt;</description></item>
<item><title>Second item</title><link>http://example.org/two</link>
<description>Rescue teams reached the villages by boat on Wednesday morning.</description></item>
</channel></rss>"""


def _warc(path: Path, pages: int) -> list[int]:
    """Write a gzipped WARC of ``pages`` HTML responses; return each record's offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []
    for number in range(pages):
        offsets.append(buffer.tell())
        body = f"<html><head><title>Page {number}</title></head><body><p>Story {number}.</p></body></html>"
        headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Last-Modified", "Tue, 03 Mar 2009 10:00:00 GMT"),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            f"http://example.org/{number}",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return offsets


def test_warc_html_responses_become_articles_with_url_and_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 3)
    items = list(read_warc(path))
    assert [type(i) for i in items] == [RawArticle] * 3
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.url == "http://example.org/0"
    assert first.published == date(2009, 3, 3)
    assert first.html is not None and "Story 0." in first.html


def test_corrupt_warc_record_is_skipped_and_the_next_one_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = _warc(path, 3)
    data = path.read_bytes()
    damaged = data[: offsets[1] + 20] + b"\x00not gzip\x00" * 4 + data[offsets[1] + 60 :]
    path.write_bytes(damaged)
    items = list(read_warc(path))
    urls = [i.url for i in items if isinstance(i, RawArticle)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert urls == ["http://example.org/0", "http://example.org/2"]
    assert len(skipped) == 1 and "corrupt WARC record" in skipped[0].reason


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = _warc(path, 3)
    path.write_bytes(path.read_bytes()[: offsets[2] + 30])
    items = list(read_warc(path))
    assert [i.url for i in items if isinstance(i, RawArticle)] == [
        "http://example.org/0",
        "http://example.org/1",
    ]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 1 and "truncated gzip" in skipped[0].reason


def test_feed_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text(RSS)
    assert is_feed(path)
    items = list(read_feed(path))
    assert all(isinstance(i, RawArticle) for i in items)
    first = items[0]
    assert isinstance(first, RawArticle)
    assert (first.title, first.url, first.outlet) == (
        "Dam bursts after storm",
        "http://example.org/dam",
        "Daily Wire",
    )
    assert first.published == date(2009, 3, 3)


def test_broken_feed_keeps_entries_before_the_damage_and_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS[: RSS.index("<item><title>Second")] + "<item><title>Sec<<</broken")
    items = list(read_feed(path))
    assert [i.title for i in items if isinstance(i, RawArticle)] == ["Dam bursts after storm"]
    assert any(isinstance(i, Skipped) and "broken feed XML" in i.reason for i in items)


def test_bad_inputs_in_one_batch_are_counted_and_the_rest_lands(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    good = [
        {"id": f"good-{n}", "text": f"Report number {n} about the harbour fire and the rescue of the crew."}
        for n in range(3)
    ]
    (inputs / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in good))
    (inputs / "huge.txt").write_text("word " * 2_100_000)  # one 10 MB line
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in good).encode())
    (inputs / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    crawl = inputs / "crawl.warc.gz"
    offsets = _warc(crawl, 2)
    crawl.write_bytes(crawl.read_bytes()[: offsets[1] + 30])
    (inputs / "feed.rss").write_text("<rss><channel><item><title>x</title><<<")
    with Store(str(tmp_path / "corpus.db")) as store:
        summary = build_corpus([str(inputs)], store, FAST)
        stored = {a.id for a in store.assignments()}
        recorded = store.skipped()
    assert {"good-0", "good-1", "good-2"} <= stored
    sources = " ".join(s.source for s in summary.skipped)
    assert "huge.txt" in sources
    assert "cut.jsonl.gz" in sources
    assert "crawl.warc.gz" in sources
    assert "feed.rss" in sources
    assert len(recorded) == len(summary.skipped)
    assert all(s.reason for s in summary.skipped)


def test_read_corpus_routes_each_kind_to_its_reader(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc.gz", 1)
    (tmp_path / "b.rss").write_text(RSS)
    (tmp_path / "c.txt").write_text("A plain text article about the harbour fire.")
    items = [i for i in read_corpus([str(tmp_path)]) if isinstance(i, RawArticle)]
    assert [i.source.split("/")[-1].split("@")[0].split("#")[0] for i in items] == [
        "a.warc.gz",
        "b.rss",
        "b.rss",
        "c.txt",
    ]
