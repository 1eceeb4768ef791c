"""The error catalogue: one code per message, each with its fix, documented in docs/errors.md."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from parallax import errors
from parallax.cli import app
from parallax.errors import E, Entry, InputError, ParallaxError, UsageError
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "errors.md"


def test_docs_match_the_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == errors.markdown(), (
        "docs/errors.md is stale: run `PYTHONPATH=src python -m parallax.errors > docs/errors.md`"
    )


def test_every_code_is_unique_well_formed_and_has_a_fix() -> None:
    rows = errors.catalogue()
    codes = [code for code, *_ in rows]
    assert len(codes) == len(set(codes))
    assert len(rows) > 30  # the catalogue, not only the classes
    for code, _, what, fix in rows:
        assert re.fullmatch(r"PX\d{3}", code), code
        assert what.strip() and fix.strip(), code


def test_entry_codes_come_from_their_names() -> None:
    assert E.PX104.code == "PX104"
    assert all(name == entry.code for name, entry in vars(E).items() if isinstance(entry, Entry))


def test_a_catalogued_error_is_one_line_with_code_and_fix() -> None:
    error = InputError(E.PX106, size=25_000_000, limit=20_000_000)
    assert str(error) == (
        "error PX106: file of 25,000,000 bytes is over the 20,000,000-byte limit for one article "
        "(fix: give one file per article (limit: ingest.max_item_bytes))"
    )
    # the reason a skipped input shows keeps the "what: fix" form
    assert error.message.startswith("file of 25,000,000 bytes") and error.message.endswith("max_item_bytes)")
    assert error.code == "PX106" and isinstance(error, ParallaxError)


def test_free_text_keeps_the_class_code() -> None:
    error = UsageError("too many URLs: at most 3 per analysis")
    assert str(error) == "error PX200: too many URLs: at most 3 per analysis"
    assert error.message == "too many URLs: at most 3 per analysis"


def test_a_missing_field_fails_loudly() -> None:
    with pytest.raises(KeyError):
        InputError(E.PX106, size=1)


def test_cli_prints_code_and_fix_on_one_line() -> None:
    result = CliRunner().invoke(app, ["analyze"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"error PX201: {E.PX201.what} (fix: {E.PX201.fix})"]


def test_an_error_crosses_processes_whole() -> None:
    import pickle

    for error in (InputError(E.PX104), UsageError("free text: do this")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), copy.code, copy.message, copy.fix) == (
            str(error),
            error.code,
            error.message,
            error.fix,
        )
