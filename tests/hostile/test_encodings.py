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
