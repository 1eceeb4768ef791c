"""Turn what a request carries (JSON records, uploaded files, pasted texts, URLs) into ``RawArticle`` items.

Nothing here touches the disk or the network: uploads are held in memory within the limits of
``WebConfig``, and URLs are only listed here and fetched later, in the analysis job.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parallax.config import DEFAULT, Config, WebConfig
from parallax.errors import InputError, TooManyRecordsError, UsageError
from parallax.ingest import read_records
from parallax.ingest.decode import decode_bytes
from parallax.ingest.jsonl import LineError, read_jsonl
from parallax.models import RawArticle, Skipped
from parallax.web.safety import article_id

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ACCEPTED = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
# A line holding only dashes separates texts pasted into one box.
_SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)


class AnalyzeRequest(BaseModel):
    """The JSON body of ``POST /api/analyze``: article records, URLs, or both.

    Records are checked by ingest like JSONL lines: an unusable one is skipped with its reason.
    """

    model_config = ConfigDict(extra="forbid")

    articles: list[Any] = Field(default=[], description="article records as in JSONL (text or html required)")
    urls: list[str] = Field(default=[], description="http(s) URLs of article pages, fetched by the server")


@dataclass
class Batch:
    """One request's items: articles read now, URLs to fetch in the job, what was skipped."""

    raws: list[RawArticle] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    max_records: int = DEFAULT.web.max_records
    # Ids given so far and the next suffix to try for each: adding is constant time per item.
    _taken: set[str] = field(default_factory=set, repr=False)
    _next: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, item: RawArticle | Skipped) -> None:
        """Add one item; ``TooManyRecordsError`` once more than ``max_records`` items came in."""
        if len(self.raws) + len(self.skipped) >= self.max_records:
            raise TooManyRecordsError(self.max_records)
        if isinstance(item, Skipped):
            self.skipped.append(item)
            return
        ident = item.id
        while ident in self._taken:
            n = self._next.get(item.id, 2)
            self._next[item.id] = n + 1
            ident = f"{item.id}-{n}"
        self._taken.add(ident)
        self.raws.append(item if ident == item.id else item.model_copy(update={"id": ident}))

    def add_urls(self, urls: list[str], config: WebConfig) -> None:
        urls = [u.strip() for u in urls if u.strip()]
        if len(self.urls) + len(urls) > config.max_urls:
            raise UsageError(f"too many URLs: at most {config.max_urls} per analysis")
        self.urls += urls

    def require_items(self) -> None:
        if not self.raws and not self.urls and not self.skipped:
            raise UsageError("nothing to analyse: give article records, texts, files or URLs")


def from_json(payload: AnalyzeRequest, config: Config = DEFAULT) -> Batch:
    """The batch of a JSON request."""
    batch = Batch(max_records=config.web.max_records)
    for item in read_records(payload.articles, config.ingest, source="request:articles"):
        batch.add(item)
    batch.add_urls(payload.urls, config.web)
    batch.require_items()
    return batch


def from_upload(name: str, data: bytes, config: Config = DEFAULT) -> Iterator[RawArticle | Skipped]:
    """The articles of one uploaded file (one for .txt/.md/.html, one per line for .jsonl), read by
    ingest one at a time (a batch stops reading once it is over its record limit)."""
    source = f"upload:{name}"
    lower = name.lower()
    web = config.web
    if len(data) > web.max_file_bytes:
        reason = f"too large: {len(data) / 1e6:.1f} MB, the limit is {web.max_file_bytes / 1e6:g} MB per file"
        yield Skipped(source=source, reason=reason)
        return
    if not lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES):
        yield Skipped(source=source, reason=f"unsupported file type: upload {ACCEPTED} files")
        return
    if not data.strip():
        yield Skipped(source=source, reason="empty file: upload a file with the article's text")
        return
    if lower.endswith(JSONL_SUFFIXES):
        for item in read_jsonl(io.BytesIO(data), source, config.ingest):
            yield (
                Skipped(source=f"{source}:{item.line}", reason=item.reason)
                if isinstance(item, LineError)
                else item
            )
        return
    html = lower.endswith(HTML_SUFFIXES)
    try:
        content = decode_bytes(data, config.ingest, html=html)
    except InputError as error:
        yield Skipped(source=source, reason=error.message)
        return
    ident = article_id(name)
    yield (
        RawArticle(id=ident, source=source, html=content)
        if html
        else RawArticle(id=ident, source=source, text=content)
    )


def split_pasted(text: str) -> list[str]:
    """Several texts pasted into one box, separated by lines of dashes (``---``)."""
    return [part.strip() for part in _SEPARATOR.split(text) if part.strip()]


def first_error(error: ValidationError) -> str:
    """One line describing the first problem pydantic found."""
    detail = error.errors()[0]
    where = ".".join(str(p) for p in detail["loc"]) or "body"
    return f"{where}: {detail['msg']}"
