"""A JSONL record's fields: types, required text, given publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from parallax.config import IngestConfig
from parallax.errors import InputError
from parallax.ingest import read_records
from parallax.ingest.records import parse_published, record_fields, record_id
from parallax.models import RawArticle, Skipped


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2020-01-03", date(2020, 1, 3)),
        ("2020-01-03T23:30:00-05:00", date(2020, 1, 3)),
        ("2020-01-03T08:00:00Z", date(2020, 1, 3)),
        ("January 3, 2020", date(2020, 1, 3)),
        ("3 Jan 2020 14:05", date(2020, 1, 3)),
    ],
)
def test_published_dates_parse(given: str, expected: date) -> None:
    assert parse_published(given) == expected


def test_month_names_in_the_record_language() -> None:
    assert parse_published("3 janvier 2020", "fr") == date(2020, 1, 3)
    assert parse_published("January 3, 2020", "xx-unknown") == date(2020, 1, 3)


@pytest.mark.parametrize("given", ["not a date", "yesterday", "2020", "", 20200103, None])
def test_unparsable_or_vague_dates_are_unknown(given: object) -> None:
    assert parse_published(given) is None


def test_record_keeps_given_fields() -> None:
    fields = record_fields(
        {"text": "Body.", "title": "T", "outlet": "O", "url": "https://x.org/a", "language": "en", "extra": 1}
    )
    assert fields == {
        "text": "Body.",
        "title": "T",
        "outlet": "O",
        "url": "https://x.org/a",
        "language": "en",
    }


def test_record_with_unparsable_date_is_kept() -> None:
    assert record_fields({"text": "Body.", "published": "someday"})["published"] is None


@pytest.mark.parametrize("record", [{"title": "only a title"}, {"text": "  ", "html": ""}, {}])
def test_record_without_text_or_html_is_refused(record: dict[str, object]) -> None:
    with pytest.raises(InputError, match='neither "text" nor "html"'):
        record_fields(record)


def test_record_field_of_wrong_type_is_refused() -> None:
    with pytest.raises(InputError, match='field "text" must be a string, got an array'):
        record_fields({"text": ["a", "b"]})


def test_record_must_be_an_object() -> None:
    with pytest.raises(InputError, match="expected a JSON object, got an array"):
        record_fields([1, 2])


def test_record_id_accepts_numbers_and_ignores_blanks() -> None:
    assert record_id({"id": 7}) == "7"
    assert record_id({"id": " "}) is None
    assert record_id({"id": True}) is None


def test_read_records_checks_each_record_and_keeps_the_rest() -> None:
    records = [
        {"id": "x", "text": "One."},
        {"title": "no body"},
        "text",
        {"text": "One."},
        {"html": "<p>Two</p>"},
    ]
    items = list(read_records(records, IngestConfig(), source="request"))
    assert [(i.source, i.id) for i in items if isinstance(i, RawArticle)] == [
        ("request:1", "x"),
        ("request:5", "record-5"),
    ]
    assert [(i.source, i.reason.split(":")[0]) for i in items if isinstance(i, Skipped)] == [
        ("request:2", "record 2"),
        ("request:3", "record 3"),
        ("request:4", "duplicate of x"),
    ]
