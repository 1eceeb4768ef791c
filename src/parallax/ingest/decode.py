"""Bytes to text: any encoding in, clean Unicode out, or a one-line reason why not.

Order of evidence: a byte-order mark, then strict UTF-8, then the encoding the container declares
(HTTP header or HTML ``<meta charset>``) when the bytes agree with it, then charset detection.
``ftfy`` then repairs mojibake that was already baked into the text by an earlier wrong decode.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES, WIDTH_MAP
from ftfy.fixes import fix_character_width, fix_latin_ligatures

from parallax.config import IngestConfig
from parallax.errors import E, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Only the head of a page is searched for its declaration, as browsers do (HTML spec: 1024 bytes;
# generous here because some sites put long scripts before the meta tag).
_META_WINDOW = 4096
# Western European is the most common legacy encoding of news pages; browsers read the label
# "latin-1" as windows-1252 too. Charset detection cannot tell it apart from cp1250/cp1257 on
# short texts (they decode accented Latin letters identically), so it wins among equal guesses.
_WESTERN = "cp1252"
# ftfy's defaults straighten curly quotes; quotation marks are evidence for quote extraction.
# Its ligature and width steps translate every character of every text (a quarter of ingest's
# time, measured by benchmarks/bench_ingest.py) for characters news text rarely has: they run
# only when such a character is present, after the other steps as ftfy orders them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# Kana, CJK ideographs (and extension A, compatibility) and Hangul syllables.
_EAST_ASIAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LIGATURE_OR_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(LIGATURES | WIDTH_MAP)) + "]")
# A text none of whose lines ftfy would change is returned as it is: ftfy (with _FTFY) costs a
# quarter of a millisecond per article even when it changes nothing, in the process that reads the
# corpus. What each enabled step of ftfy 6.3 (``fix_and_explain``) needs to find on a line first:
# an HTML entity (``unescape_html``); a terminal escape, CR, U+2028/9, NEL, a C1 control, a
# surrogate or a control character (the ``fixes`` of those names); text not in NFC; or mojibake,
# which ftfy only fixes on a line that ``badness.is_bad`` flags. Searched in the whole text, each
# gives a superset of the lines' findings (a line is a substring; ``^`` matches at line starts
# with MULTILINE), so a text without any is exactly what ftfy returns.
_FIXABLE = re.compile(
    "[\x1b\r\u2028\u2029\x80-\x9f\ud800-\udfff"
    + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS))
    + "]"
)
_MOJIBAKE = re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)
# Every alternative of BADNESS_RE needs a character that is neither ASCII nor typographic
# punctuation, and spans at most 7 characters (tests/ingest/test_decode.py checks both), so it is
# searched only this far around runs of such characters: most English texts have none, and the
# others take a tenth of the time of one search of the whole text.
_MOJIBAKE_REACH = 6
_TYPOGRAPHIC = "’‘“”–—…\u00a0"
_SUSPECT = re.compile("[^\\x00-\\x7f" + _TYPOGRAPHIC + "]+")
# C0 control characters other than whitespace: text has next to none, binary data many. (C1
# controls are left to ftfy, which reads them as the mojibake of windows-1252 punctuation.)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, config: IngestConfig, declared: str | None = None, html: bool = False) -> str:
    """Decode ``data`` to text and repair mojibake; raise ``InputError`` for binary or undecodable bytes.

    ``declared`` is an encoding named by the container (an HTTP ``charset``); for ``html`` the
    page's own ``<meta charset>`` is read too.
    """
    text = _decode(data, declared, html)
    _check_text(text, config)
    return fix_text(text)


def fix_text(text: str) -> str:
    """Repair mojibake and normalise line breaks (ftfy), keeping curly quotes."""
    if len(text) <= _FTFY.max_decode_length:
        fixed = text if _unchanged_by_ftfy(text) else ftfy.fix_text(text, _FTFY)
    else:
        # ftfy fixes a text line by line (segments ending at "\n"): a long text is fixed the same
        # way, skipping the lines ftfy would not change (a 5 MB upload: 14 s -> well under 1 s).
        fixed = "".join(
            line if _unchanged_by_ftfy(line) else ftfy.fix_text(line, _FTFY) for line in _LINE.findall(text)
        )
    if _LIGATURE_OR_WIDE.search(fixed):
        fixed = fix_latin_ligatures(fixed)
        # Full-width punctuation is native to Chinese, Japanese and Korean text: only text in
        # other scripts has its full-width forms narrowed.
        if not _EAST_ASIAN.search(fixed):
            fixed = fix_character_width(fixed)
    return fixed


def _unchanged_by_ftfy(text: str) -> bool:
    """True when ``ftfy.fix_text(text, _FTFY)`` would return ``text`` itself (see _FIXABLE)."""
    if len(text) > _FTFY.max_decode_length or _FIXABLE.search(text) or HTML_ENTITY_RE.search(text):
        return False
    if text.isascii():
        return True
    if not unicodedata.is_normalized("NFC", text):
        return False
    search, reach = _MOJIBAKE.search, _MOJIBAKE_REACH
    return not any(
        search(text, max(0, run.start() - reach), run.end() + reach) for run in _SUSPECT.finditer(text)
    )


def _decode(data: bytes, declared: str | None, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(E.PX121, encoding=encoding, detail=error.reason, start=error.start) from None
    if b"\x00" in data:
        # Text in any 8-bit or multi-byte encoding never contains NUL; UTF-16 without a BOM does,
        # in every other byte of its Latin text (what some Windows tools write).
        text = _bomless_utf16(data)
        if text is None:
            raise InputError(E.PX122)
        return text
    try:
        # Before any declaration: servers often send a default "ISO-8859-1" for UTF-8 pages,
        # while legacy-encoded text with accents is practically never valid UTF-8.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (declared, _meta_charset(data) if html else None):
        if candidate and (text := _try_decode(data, candidate)) is not None:
            return text
    return _detect(data)


def _bomless_utf16(data: bytes) -> str | None:
    """``data`` as UTF-16 without a byte-order mark, when its NULs say so: in the first 4 kB, NUL
    in at least 40% of the bytes on one side of each pair and in at most 5% on the other (Latin
    text; binary data has NULs on both sides), and the whole decodes strictly."""
    head = data[:4096]
    if len(head) < 2:
        return None
    even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / max(1, len(head[1::2]))
    codec = (
        "utf-16-le" if odd >= 0.4 and even <= 0.05 else "utf-16-be" if even >= 0.4 and odd <= 0.05 else None
    )
    if codec is None or len(data) % 2:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_WINDOW])
    return match.group(1).decode("ascii") if match else None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        codec = codecs.lookup(encoding).name
        if codec == "latin-1":
            codec = _WESTERN
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(E.PX123)
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos == least_chaos and _WESTERN in match.could_be_from_charset:
            return data.decode(_WESTERN)
    return str(best)


def _check_text(text: str, config: IngestConfig) -> None:
    if not text.strip():
        raise InputError(E.PX124)
    controls = len(_CONTROLS.findall(text))
    if controls > config.max_control_ratio * len(text):
        raise InputError(E.PX125, controls=controls, length=len(text))
