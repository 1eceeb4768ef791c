"""Ids unique within a run, and exact duplicates caught cheaply by a hash of the content."""

from __future__ import annotations

import hashlib

from parallax.models import RawArticle


class Identities:
    """Remembers the ids and content hashes seen so far in one run.

    Memory grows by one short id and one 16-byte digest per item, never with the items' size.
    """

    def __init__(self, skip_duplicates: bool = True) -> None:
        self.skip_duplicates = skip_duplicates
        self._ids: set[str] = set()
        self._next_suffix: dict[str, int] = {}
        self._contents: dict[bytes, str] = {}

    def admit(self, raw: RawArticle) -> RawArticle | str:
        """``raw`` with an id unique so far, or the id of an earlier item with exactly the same content."""
        key = _content_key(raw) if self.skip_duplicates else b""
        if self.skip_duplicates and (earlier := self._contents.get(key)) is not None:
            return earlier
        unique = self._unique(raw.id)
        if self.skip_duplicates:
            self._contents[key] = unique
        return raw if unique == raw.id else raw.model_copy(update={"id": unique})

    def _unique(self, wanted: str) -> str:
        # `wanted`, else `wanted-2`, `wanted-3`…: two files named alike in different folders both
        # keep a readable id.
        candidate = wanted
        while candidate in self._ids:
            n = self._next_suffix.get(wanted, 2)
            self._next_suffix[wanted] = n + 1
            candidate = f"{wanted}-{n}"
        self._ids.add(candidate)
        return candidate


def _content_key(raw: RawArticle) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update((raw.text or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update((raw.html or "").encode("utf-8", "surrogatepass"))
    return digest.digest()
