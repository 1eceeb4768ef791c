"""Turn what a request carries (JSON records, uploaded files, pasted texts, URLs) into ``RawArticle`` items.

Nothing here touches the disk or the network: uploads are held in memory within the limits of
``WebConfig``, and URLs are only listed here and fetched later, in the analysis job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from parallax.config import DEFAULT, WebConfig
from parallax.errors import UsageError
from parallax.models import RawArticle, Skipped
from parallax.web.safety import article_id, decode

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ACCEPTED = ", ".join(TEXT_SUFFIXES[:2] + HTML_SUFFIXES + JSONL_SUFFIXES)
# A line holding only dashes separates texts pasted into one box.
_SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)


class ArticleRecord(BaseModel):
    """One JSONL/JSON article record as the contract defines it; unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_part(cls, value: Any) -> Any:
        """Accept a full timestamp too: only its date is kept."""
        if isinstance(value, str) and len(value) > 10 and value[4:5] == "-":
            return value[:10]
        return value


class AnalyzeRequest(BaseModel):
    """The JSON body of ``POST /api/analyze``: article records, URLs, or both."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleRecord] = []
    urls: list[str] = []


@dataclass
class Batch:
    """One request's items: articles read now, URLs to fetch in the job, what was skipped."""

    raws: list[RawArticle] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def add(self, item: RawArticle | Skipped) -> None:
        if isinstance(item, Skipped):
            self.skipped.append(item)
            return
        taken = {raw.id for raw in self.raws}
        ident, n = item.id, 1
        while ident in taken:
            n += 1
            ident = f"{item.id}-{n}"
        self.raws.append(item.model_copy(update={"id": ident}))

    def add_urls(self, urls: list[str], config: WebConfig) -> None:
        urls = [u.strip() for u in urls if u.strip()]
        if len(self.urls) + len(urls) > config.max_urls:
            raise UsageError(f"too many URLs: at most {config.max_urls} per analysis")
        self.urls += urls

    def require_items(self) -> None:
        if not self.raws and not self.urls and not self.skipped:
            raise UsageError("nothing to analyse: give article records, texts, files or URLs")


def record_article(record: ArticleRecord, fallback_id: str, source: str) -> RawArticle | Skipped:
    """A validated record as a ``RawArticle``, or ``Skipped`` when it has neither text nor html."""
    if not (record.text and record.text.strip()) and not (record.html and record.html.strip()):
        return Skipped(source=source, reason="the record has no text or html: give one of them")
    fields = record.model_dump(exclude={"id"})
    return RawArticle(id=article_id(record.id) if record.id else fallback_id, source=source, **fields)


def from_json(payload: AnalyzeRequest, config: WebConfig = DEFAULT.web) -> Batch:
    """The batch of a JSON request."""
    batch = Batch()
    for n, record in enumerate(payload.articles, start=1):
        batch.add(record_article(record, f"article-{n}", f"request:articles[{n - 1}]"))
    batch.add_urls(payload.urls, config)
    batch.require_items()
    return batch


def from_upload(name: str, data: bytes, config: WebConfig = DEFAULT.web) -> list[RawArticle | Skipped]:
    """The articles of one uploaded file (one for .txt/.md/.html, one per line for .jsonl)."""
    source = f"upload:{name}"
    lower = name.lower()
    if len(data) > config.max_file_bytes:
        reason = (
            f"too large: {len(data) / 1e6:.1f} MB, the limit is {config.max_file_bytes / 1e6:g} MB per file"
        )
        return [Skipped(source=source, reason=reason)]
    if not lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES):
        return [Skipped(source=source, reason=f"unsupported file type: upload {ACCEPTED} files")]
    text = decode(data)
    if text is None:
        return [Skipped(source=source, reason="binary or undecodable file: upload text, HTML or JSONL")]
    if not text.strip():
        return [Skipped(source=source, reason="empty file")]
    ident = article_id(name)
    if lower.endswith(HTML_SUFFIXES):
        return [RawArticle(id=ident, source=source, html=text)]
    if lower.endswith(TEXT_SUFFIXES):
        return [RawArticle(id=ident, source=source, text=text)]
    return list(_jsonl(text, ident, source))


def _jsonl(text: str, stem: str, source: str) -> list[RawArticle | Skipped]:
    items: list[RawArticle | Skipped] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = ArticleRecord.model_validate(json.loads(line))
        except json.JSONDecodeError as error:
            items.append(Skipped(source=where, reason=f"not a JSON line: {error.msg}"))
            continue
        except ValidationError as error:
            items.append(Skipped(source=where, reason=f"not an article record: {first_error(error)}"))
            continue
        items.append(record_article(record, f"{stem}-line-{n}", where))
    return items


def split_pasted(text: str) -> list[str]:
    """Several texts pasted into one box, separated by lines of dashes (``---``)."""
    return [part.strip() for part in _SEPARATOR.split(text) if part.strip()]


def first_error(error: ValidationError) -> str:
    """One line describing the first problem pydantic found."""
    detail = error.errors()[0]
    where = ".".join(str(p) for p in detail["loc"]) or "body"
    return f"{where}: {detail['msg']}"
