"""Bytes to text: encodings, mojibake, binary content."""

from __future__ import annotations

import codecs

import pytest

from parallax.config import IngestConfig
from parallax.errors import InputError
from parallax.ingest.decode import decode_bytes, fix_text

CONFIG = IngestConfig()


def test_utf8_passes_through() -> None:
    assert decode_bytes("Zürich – “quoted”\n".encode(), CONFIG) == "Zürich – “quoted”\n"


@pytest.mark.parametrize(
    "text",
    ["café", "Le café est très bon, à Paris, déjà vu.", "Größere Straße in München"],
)
def test_latin1_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("latin-1"), CONFIG) == text


def test_windows_1252_keeps_curly_quotes() -> None:
    text = "naïve façade – “quoted” he said…"
    assert decode_bytes(text.encode("cp1252"), CONFIG) == text


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Привет, как дела? Москва сегодня очень красивая, и погода хорошая."
    assert decode_bytes(text.encode("cp1251"), CONFIG) == text


def test_utf16_with_bom() -> None:
    text = "Ünïcödé text in UTF-16"
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), CONFIG) == text


def test_mojibake_is_repaired() -> None:
    broken = "The café’s owner said"
    mojibake = broken.encode("utf-8").decode("cp1252").encode("utf-8")
    assert decode_bytes(mojibake, CONFIG) == broken


def test_html_meta_charset_wins_over_guessing() -> None:
    page = '<html><head><meta charset="iso-8859-7"></head><body>Καλημέρα κόσμε</body></html>'
    assert "Καλημέρα κόσμε" in decode_bytes(page.encode("iso-8859-7"), CONFIG, html=True)


def test_declared_charset_is_used_when_bytes_agree() -> None:
    assert decode_bytes("Ελλάδα".encode("iso-8859-7"), CONFIG, declared="iso-8859-7") == "Ελλάδα"


@pytest.mark.parametrize("declared", ["ascii", "iso-8859-1"])
def test_utf8_wins_over_a_wrong_declaration(declared: str) -> None:
    assert decode_bytes("naïve “quote”".encode(), CONFIG, declared=declared) == "naïve “quote”"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(InputError, match="binary content"):
        decode_bytes(b"PK\x03\x04\x00\x00 some zip", CONFIG)


def test_control_characters_are_binary() -> None:
    with pytest.raises(InputError, match="binary content"):
        decode_bytes(bytes(range(1, 32)) * 50, CONFIG)


def test_whitespace_only_is_no_text() -> None:
    with pytest.raises(InputError, match="no text"):
        decode_bytes(b" \n\t\n", CONFIG)


@pytest.mark.parametrize(
    "text",
    [
        "plain text.",
        "a &amp; b",
        "x\r\ny",
        "bell\x07",
        "esc \x1b[31mred\x1b[0m",
        "tab\tand\x0cff",
        "the ﬁrst ＬＯＵＤ　report — “quoted”",
        "mojibake ligature: " + "ﬁ".encode().decode("latin-1"),
        "cafÃ© Ã  la carte",
        # Non-ASCII text ftfy leaves alone, and each thing that makes it act on a line.
        "Zürich – “quoted” — it’s fine\nsecond line’s end",
        "“Quoted” line\nâ€œmojibake on a later lineâ€\x9d and “curly” after",
        "clean “first” line\nÂ at a line start",
        "a long line " * 50 + "’ then Ã© far from the start",
        "“fish & chips” stays, “a &amp; b” is unescaped",
        "decomposed cafe\u0301 is composed",
        "line\u2028separator and NEL\x85 — with a dash",
        "\ufeffa byte-order mark — inside",
        "C1 control\x92s — in Unicode text",
        "the ﬁrst “ligature” alone",
    ],
)
def test_shortcuts_give_what_ftfy_gives(text: str) -> None:
    import ftfy

    assert fix_text(text) == ftfy.fix_text(text, ftfy.TextFixerConfig(uncurl_quotes=False))


def test_mojibake_search_window_covers_ftfy_heuristic() -> None:
    """fix_text searches ftfy's mojibake pattern only near characters neither ASCII nor
    typographic: each alternative must need one and match at most 1 + 2 * _MOJIBAKE_REACH
    characters (true of ftfy 6.3)."""
    import re._constants as constants
    import re._parser as parser

    from ftfy.badness import BADNESS_RE

    from parallax.ingest.decode import _MOJIBAKE_REACH, _TYPOGRAPHIC

    parsed = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= _MOJIBAKE_REACH + 1

    def plain(code: int) -> bool:
        return code < 128 or chr(code) in _TYPOGRAPHIC

    def needs_suspect(op: object, value: object) -> bool:
        if op is constants.LITERAL:
            return not plain(value)
        if op is constants.IN:
            return all(
                (o is constants.LITERAL and not plain(v))
                or (o is constants.RANGE and not any(plain(c) for c in range(v[0], v[1] + 1)))
                for o, v in value
            )
        return False

    [(op, (_, branches))] = parsed.data
    assert op is constants.BRANCH
    for branch in branches:
        assert any(needs_suspect(o, v) for o, v in branch.data), branch
