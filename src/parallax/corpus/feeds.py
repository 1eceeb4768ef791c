"""RSS and Atom reader (feedparser): each feed entry becomes a raw article.

feedparser is lenient: from a feed with broken XML it still returns the entries before the
damage. Those land; the damage itself is reported as one ``Skipped`` so that nothing is lost
silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from parallax.config import DEFAULT, CorpusConfig
from parallax.models import RawArticle, Skipped

SUFFIXES = (".rss", ".atom", ".rdf")
_SNIFF = (b"<rss", b"<feed", b"<rdf:rdf")


def is_feed(path: Path) -> bool:
    """A feed by its extension, or an ``.xml`` file whose root element is a feed."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        return True
    if not name.endswith(".xml"):
        return False
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return any(tag in head for tag in _SNIFF)


def _entry_date(entry: Any) -> date | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(field)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_html(entry: Any) -> str | None:
    contents = entry.get("content") or []
    parts = [c.get("value", "") for c in contents if c.get("value")]
    if parts:
        return "\n".join(parts)
    return entry.get("summary") or None


def read_feed(path: Path, config: CorpusConfig = DEFAULT.corpus) -> Iterator[RawArticle | Skipped]:
    """Yield one raw article per entry with a body, one ``Skipped`` per unusable entry or damage."""
    size = path.stat().st_size
    if size > config.max_article_chars * 50:
        yield Skipped(source=str(path), reason=f"feed larger than {config.max_article_chars * 50} bytes")
        return
    parsed = feedparser.parse(path.read_bytes())
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{path}#{number}"
        html = _entry_html(entry)
        link = entry.get("link") or None
        if not html:
            yield Skipped(source=source, reason="feed entry without content or summary: nothing to read")
            continue
        if len(html) > config.max_article_chars:
            yield Skipped(
                source=source, reason=f"feed entry longer than {config.max_article_chars} characters"
            )
            continue
        key = entry.get("id") or link or f"{path}#{number}"
        yield RawArticle(
            id=f"{path.stem}-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
            source=source,
            html=html,
            url=link,
            outlet=outlet,
            title=entry.get("title") or None,
            published=_entry_date(entry),
            given_by="feed",
        )
    if parsed.get("bozo"):
        error = parsed.get("bozo_exception")
        message = str(error).splitlines()[0][:120] if error else "unknown error"
        read = len(parsed.entries)
        yield Skipped(
            source=str(path),
            reason=f"broken feed XML ({message}): {read} entries before the damage read, the rest skipped",
        )
