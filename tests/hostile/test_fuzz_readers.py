"""Property-based fuzzing of the readers (hypothesis): random bytes, truncations, nesting and
encodings. The contract: every good item survives, every bad one is skipped with a one-line
reason, and nothing raises. Bounded (few examples, no deadline) so the suite stays fast."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.config import DEFAULT
from parallax.corpus.warc import read_warc
from parallax.errors import InputError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.files import read_file
from parallax.ingest.jsonl import LineError, read_jsonl
from parallax.ingest.records import record_fields
from parallax.models import RawArticle, Skipped
from tests.hostile.test_warc import _warc

BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)


@st.composite
def good_line(draw: st.DrawFn, number: int) -> tuple[str, bytes]:
    ident = f"good-{number}"
    text = "The council said " + draw(words).strip() + "."
    record = {"id": ident, "text": text, "outlet": draw(st.none() | words)}
    line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode()
    return ident, line


def _bad_line(kind: str, data: st.DataObject, good: bytes) -> bytes:
    if kind == "bytes":  # never a valid record: starts with a character JSON cannot start with
        return b"#" + data.draw(st.binary(max_size=60)).replace(b"\n", b" ")
    if kind == "truncated":
        return good[: data.draw(st.integers(1, len(good) - 1))]
    if kind == "nested":
        depth = data.draw(st.integers(2_000, 20_000))
        return b"[" * depth + b"]" * depth
    if kind == "not an object":
        return json.dumps(
            data.draw(st.lists(st.integers(), max_size=3) | st.integers() | st.text(max_size=5))
        ).encode()
    return b'{"id": "x", "text": 5}'  # a field of the wrong type


KINDS = ["bytes", "truncated", "nested", "not an object", "wrong type"]


@BOUNDED
@given(st.data())
def test_jsonl_keeps_every_good_line_and_names_every_bad_one(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 12))
    goods, lines, bad_numbers = [], [], []
    for n in range(count):
        ident, good = data.draw(good_line(n))
        if data.draw(st.booleans()):
            goods.append(ident)
            lines.append(good)
        else:
            lines.append(_bad_line(data.draw(st.sampled_from(KINDS)), data, good))
            bad_numbers.append(len(lines))
        if data.draw(st.booleans()):
            lines.append(b"")  # blank lines are neither good nor bad
    stream = io.BytesIO(b"\n".join(lines) + data.draw(st.sampled_from([b"", b"\n"])))
    items = list(read_jsonl(stream, "fuzz.jsonl", DEFAULT.ingest))
    assert [i.id for i in items if isinstance(i, RawArticle)] == goods
    errors = [i for i in items if isinstance(i, LineError)]
    assert [e.line for e in errors] == bad_numbers
    assert all(e.reason and "\n" not in e.reason for e in errors)


@BOUNDED
@given(st.binary(max_size=3000))
def test_decoding_random_bytes_gives_text_or_one_reason(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data, DEFAULT.ingest), str)
    except InputError as error:
        assert error.message and "\n" not in error.message


@BOUNDED
@given(
    st.binary(max_size=2000),
    st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.jsonl.gz", "a.md"]),
    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "raw"]),
)
def test_any_file_reads_to_articles_or_reasons(data: bytes, name: str, encoding: str) -> None:
    if encoding != "raw":
        data = data.decode("latin-1").encode(encoding, errors="replace")
    if name.endswith(".gz"):
        data = gzip.compress(data)[: max(10, len(data))]  # sometimes cut short
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for item in read_file(path, DEFAULT.ingest):
            assert isinstance(item, RawArticle | Skipped)
            if isinstance(item, Skipped):
                assert item.reason and "\n" not in item.reason


@BOUNDED
@given(st.data())
def test_a_cut_or_damaged_warc_keeps_the_records_before_the_damage(data: st.DataObject) -> None:
    warc, offsets = _warc()
    cut = data.draw(st.integers(0, len(warc)))
    noise = data.draw(st.binary(max_size=80))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.warc"
        path.write_bytes(warc[:cut] + noise)
        items = list(read_warc(path))
    kept = {i.url for i in items if isinstance(i, RawArticle)}
    ends = [*offsets[1:], len(warc)]
    whole = [n for n, end in enumerate(ends) if end <= cut]
    assert {f"http://example.com/{n}" for n in whole} <= kept
    assert all(i.reason and "\n" not in i.reason for i in items if isinstance(i, Skipped))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@BOUNDED
@given(
    json_values,
    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "published", "url"]), json_values),
)
def test_any_json_record_is_fields_or_one_reason(value: object, record: dict[str, object]) -> None:
    for candidate in (value, record):
        try:
            fields = record_fields(candidate)
        except InputError as error:
            assert error.message and "\n" not in error.message
        else:
            assert "text" in fields or "html" in fields
