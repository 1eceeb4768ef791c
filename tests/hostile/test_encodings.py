"""Issue 16 #11: UTF-16 without a byte-order mark is read as text, binary data is still refused."""

from __future__ import annotations

import pytest

from parallax.config import DEFAULT
from parallax.errors import InputError
from parallax.ingest.decode import decode_bytes

TEXT = "The council met on Monday and said the bridge would reopen — “soon”, officials added.\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(codec: str) -> None:
    assert decode_bytes((TEXT * 3).encode(codec), DEFAULT.ingest) == TEXT * 3


def test_binary_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 8, DEFAULT.ingest)
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 300, DEFAULT.ingest)


def test_a_long_text_is_fixed_exactly_as_ftfy_fixes_it() -> None:
    import ftfy

    from parallax.ingest.decode import _FTFY, fix_text

    lines = [
        "Le conseil s'est réuni lundi et a voté le budget.\n",
        "The mayorâ€™s office said it would â€œreviewâ€\x9d the plan.\n",
        "Fish &amp; chips &lt;b&gt; were served.\n",
        "Plain ASCII line about the river. " * 60 + "\n",
        "\n",
    ]
    text = "".join(lines) * 500 + "no final newline Ã©"
    assert len(text) > _FTFY.max_decode_length
    assert fix_text(text) == ftfy.fix_text(text, _FTFY)
    assert "mayor’s" in fix_text(text)  # positive control: the mojibake was repaired
