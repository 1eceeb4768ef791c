"""A JSONL article record (a dict) to the fields of a ``RawArticle``, checking each given field.

Fields that are given win over anything detected later, so they are kept as given, only repaired
(mojibake) and typed (``published`` becomes a date). Unknown fields are ignored: data sets carry
their own extras (gold labels, annotations).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from parallax.errors import E, InputError
from parallax.ingest.decode import fix_text

TEXT_FIELDS = ("text", "html", "url", "outlet", "title", "language")
# Absolute dates only: a relative "yesterday" in a record has no reference day to resolve against.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def record_fields(record: Any) -> dict[str, Any]:
    """The ``RawArticle`` fields of one record, without ``id``/``source``; ``InputError`` when unusable."""
    if not isinstance(record, dict):
        raise InputError(E.PX101, got=_json_type(record))
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(E.PX102, name=name, got=_json_type(value))
        if value.strip():
            fields[name] = fix_text(value) if name in ("text", "html", "title", "outlet") else value.strip()
    if "text" not in fields and "html" not in fields:
        raise InputError(E.PX103)
    published = record.get("published")
    if published is not None:
        fields["published"] = parse_published(published, fields.get("language"))
    return fields


def record_id(record: object) -> str | None:
    """The record's own ``id`` as a string (numbers allowed), or None when absent or blank."""
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def parse_published(value: object, language: str | None = None) -> date | None:
    """A given publication date: ISO dates and datetimes (the date as written), else dateparser.

    Month names are read in the record's ``language`` when given, else English: letting
    dateparser try every language costs seconds per unparsable date.

    An unparsable date is not an error: the article is kept and its date left unknown (None),
    because a wrong date would be worse than none for the timeline.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # The local calendar date of the publication, not converted to UTC: that is the day
        # the outlet printed on the article.
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for non-ISO dates

    languages = [language.split("-")[0].lower()] if language else ["en"]
    try:
        parsed = dateparser.parse(text, languages=languages, settings=_DATEPARSER_SETTINGS)
    except ValueError:  # a language dateparser does not know
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")
