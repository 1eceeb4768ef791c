"""The parses and sentence vectors of one analysis: each distinct text parsed once and embedded once.

A ``Texts`` belongs to one analysis (``parallax.story.StoryState`` holds it) and is handed to
every step that parses or embeds, so no step parses or embeds a text another step already did,
and nothing is kept in a module between analyses. Parses use the configured spaCy model.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from parallax.config import AnnotateConfig

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Texts:
    """Parses (spaCy ``Doc``) and sentence vectors of one analysis, memoised by text."""

    def __init__(self, config: AnnotateConfig) -> None:
        self.config = config
        self.docs: dict[str, Doc] = {}
        self.vectors: dict[str, np.ndarray] = {}
        self._soon: list[threading.Thread] = []

    def parse(self, text: str) -> Doc:
        """The parse of ``text`` (one Doc whose sentences never cross a newline)."""
        doc = self.docs.get(text)
        if doc is None:
            doc = self.parse_many([text])[0]
        return doc

    def parse_many(self, texts: Sequence[str]) -> list[Doc]:
        """Parses of ``texts``, those not parsed yet in one ``nlp.pipe`` call."""
        from parallax.annotate import nlp

        missing = [t for t in dict.fromkeys(texts) if t not in self.docs]
        if missing:
            self.docs.update(zip(missing, nlp.parse_many(missing, self.config), strict=True))
        return [self.docs[t] for t in texts]

    def expect_embedding(self) -> None:
        """Say that this analysis will embed: the embedding model starts loading in the background
        (a cold process overlaps it with loading spaCy and parsing)."""
        from parallax.embed import preload

        preload(self.config.embed_threads)

    def embed_soon(self, texts: Iterable[str]) -> None:
        """Start embedding ``texts`` in a background thread (a step that will need them later says
        so early): the model runs in native code beside the parse, on the other core. Any embedding
        asked for afterwards waits for it first; vectors do not depend on what is embedded with them."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            thread = threading.Thread(target=self._embed_quietly, args=(missing,), daemon=True)
            self._soon.append(thread)
            thread.start()

    def _embed_quietly(self, texts: list[str]) -> None:
        from parallax.embed import embed

        # A failure is raised again, with its message, where the vectors are asked for.
        with contextlib.suppress(Exception):
            self.vectors.update(zip(texts, embed(texts, self.config.embed_threads), strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised vector per text (rows in input order); missing ones in one batched call."""
        from parallax.embed import DIMENSIONS

        self.embed_all(texts)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])

    def embed_all(self, texts: Iterable[str]) -> None:
        """Embed every text not embedded yet, in one batched call (a step can announce its texts)."""
        from parallax.embed import embed

        while self._soon:
            self._soon.pop().join()
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, embed(missing, self.config.embed_threads), strict=True))
