"""Clean: from a raw item to an ``Article`` with body, title, outlet, date and language.

HTML goes through trafilatura (``html.py``); then the text, whether it came from HTML or from
someone's scraper, has its debris removed paragraph by paragraph (``debris.py``), plus the
boilerplate learnt from repetition across the batch (``signatures.py``). Every removal is recorded
with its reason in ``Article.removed``.

The headline is not debris: it becomes ``Article.title`` and leaves the body (so that sentence
offsets index article prose only), without a ``removed`` entry. Items with no article, in another
language, or repeating an earlier article come back as ``Skipped`` with their reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from parallax.clean import debris, metadata
from parallax.clean.dedup import Deduplicator
from parallax.clean.html import Page, extract_page
from parallax.clean.signatures import Document, Signatures, learn_signatures
from parallax.config import DEFAULT, CleanConfig
from parallax.errors import html_too_deep
from parallax.isolation import each
from parallax.models import Article, DetectedBy, Outlet, RawArticle, Removed, Skipped

__all__ = ["clean_articles", "learn_signatures"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# What _SPACES would change: a space other than " ", or two in a row (most lines have neither).
_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  ")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass
class _Item:
    """One raw item on its way: its paragraphs, the page metadata if it was HTML, its outlet group."""

    raw: RawArticle
    paragraphs: list[str]
    separator: str
    page: Page | None = None
    group: str = ""


def clean_articles(
    raws: Sequence[RawArticle], config: CleanConfig = DEFAULT.clean
) -> tuple[list[Article], list[Skipped]]:
    """Clean a batch together (boilerplate repeated across one outlet's articles is learnt from the batch)."""
    items: list[_Item] = []
    skipped: list[Skipped] = []
    # Each item's own steps are guarded: one that raises is skipped with the reason, not the batch.
    for _, item in each("reading the page", raws, lambda raw: _prepare(raw, config), _raw_source, skipped):
        (skipped if isinstance(item, Skipped) else items).append(item)  # type: ignore[arg-type]
    signatures = learn_signatures((Document(i.group, i.paragraphs) for i in items), config)
    sites = site_names(items)
    articles: list[Article] = []
    duplicates = Deduplicator(config.duplicate_jaccard)

    def cleaned(item: _Item) -> tuple[Article, str | None]:
        article = _clean_one(item, signatures, config, sites)
        return article, _unusable(article, item, config)

    for item, (article, reason) in each("cleaning", items, cleaned, _item_source, skipped):
        if (
            reason is None
            and config.skip_duplicates
            and len(debris.words(article.body)) >= config.duplicate_min_words
        ):
            reason = duplicates.check(article.id, article.body)
        if reason:
            skipped.append(Skipped(source=item.raw.source, reason=reason))
        else:
            articles.append(article)
    return articles, skipped


# libxml2, under trafilatura, stops reading a document nested deeper than this many elements.
_PARSER_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
# Elements that never hold others (HTML's void elements).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}) | {
    "source",
    "track",
    "wbr",
}


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest (by its tags; only asked when no text was found)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _raw_source(raw: RawArticle) -> str:
    return raw.source


def _item_source(item: _Item) -> str:
    return item.raw.source


def _prepare(raw: RawArticle, config: CleanConfig) -> _Item | Skipped:
    page = None
    text = raw.text if raw.text and raw.text.strip() else None
    if text is None and raw.html:
        page = extract_page(raw.html, raw.url, config)
        if page is None:
            depth = nesting_depth(raw.html)
            if depth > _PARSER_DEPTH:
                return Skipped(source=raw.source, reason=html_too_deep(depth, _PARSER_DEPTH))
            return Skipped(source=raw.source, reason="no article text found in the HTML page")
        text = page.text
    if text is None:
        return Skipped(source=raw.source, reason="empty: no text or HTML to read")
    paragraphs, separator = split_paragraphs(text)
    group = raw.outlet or (page.sitename if page else None) or metadata.outlet_from_url(raw.url) or ""
    return _Item(raw, paragraphs, separator, page, group.lower())


def site_names(items: Sequence[_Item]) -> dict[str, str]:
    """Registered domain → the name its pages give the site (og:site_name, JSON-LD publisher), from
    the batch's HTML pages: a text given with only a URL is then named as its site names itself."""
    names: dict[str, str] = {}
    for item in items:
        domain = metadata.outlet_from_url(item.raw.url)
        if domain and item.page and item.page.sitename:
            names.setdefault(domain, item.page.sitename)
    return names


def split_paragraphs(text: str) -> tuple[list[str], str]:
    """Non-empty lines with their spacing normalised, and the separator the text used between them."""
    separator = "\n\n" if _BLANK_LINE.search(text) else "\n"
    lines = (
        _SPACES.sub(" ", line).strip() if _ODD_SPACES.search(line) else line.strip()
        for line in text.splitlines()
    )
    return [line for line in lines if line], separator


def _clean_one(
    item: _Item, signatures: Signatures, config: CleanConfig, sites: dict[str, str] | None = None
) -> Article:
    """Remove one item's debris and fill its metadata (the batch's signatures already learnt)."""
    raw, page = item.raw, item.page
    decisions = debris.classify(item.paragraphs, config)
    for decision in decisions:
        if decision.reason is None and (item.group, decision.text) in signatures:
            decision.reason = "signature"
    title, title_index, title_next = _title(item, [d.reason for d in decisions], config)
    kept = [
        d.text
        for i, d in enumerate(decisions)
        if d.reason is None
        and i not in {title_index, title_next}
        and not (title_index is None and _repeats(d.text, title, i, config))
    ]
    stamped = _stamp_date(decisions, title_index, "\n".join(kept), config)
    removed = [Removed(text=d.text, reason=d.reason) for d in decisions if d.reason is not None]
    prefix_outlet = _strip_outlet_prefix(kept, removed, item)
    credit = (
        _credit(kept, removed, item.paragraphs[-1] if item.paragraphs else None)
        if not prefix_outlet
        else None
    )
    if kept and stamped is None:
        stamped = metadata.dateline_date(kept[0])
    body = item.separator.join(kept)
    published, published_by = _published(raw, page, stamped)
    return Article(
        id=raw.id,
        source=raw.source,
        outlet=_outlet(raw, page, prefix_outlet, _copyright_owner(removed), credit, sites or {}),
        title=title,
        published=published,
        language=raw.language or metadata.detect_language(body, config),
        body=body,
        removed=removed,
        published_detected_by=published_by,
        url=raw.url,
    )


def _published(
    raw: RawArticle, page: Page | None, stamped: date | None
) -> tuple[date | None, DetectedBy | None]:
    """The publication date and where it came from: given (a record, the manifest, a feed), the
    page's metadata (htmldate's original date), the URL's path, a date line or dateline of the text."""
    candidates: list[tuple[date | None, DetectedBy]] = [
        (raw.published, raw.given_by or "given"),
        (page.published if page else None, "html"),
        (metadata.date_from_url(raw.url), "url"),
        (stamped, "text"),
    ]
    if raw.given_by == "warc":
        # A WARC header dates the capture (or the page's last change), not the story: the page's
        # own date and the URL's come first.
        candidates = [*candidates[1:3], candidates[0], candidates[3]]
    return next(((day, by) for day, by in candidates if day is not None), (None, None))


def _credit(kept: list[str], removed: list[Removed], last: str | None) -> str | None:
    """The outlet a wire credit names: "WASHINGTON (Reuters) —" opening the story (kept: it is the
    first sentence's dateline), or "— AP" closing it (``last``, the text's last paragraph; alone,
    it leaves the body)."""
    if not kept:
        return None
    opening = metadata.opening_credit(kept[0])
    if opening:
        return opening
    closing = metadata.closing_credit(last or "")
    if closing and last and len(debris.words(last)) <= 3:
        if kept[-1] == last:
            removed.append(Removed(text=kept.pop(), reason="credit"))
        for item in removed:  # a lone "— AP" reads as a photo credit to the debris rules
            if item.text == last:
                item.reason = "credit"
    return closing


def _stamp_date(
    decisions: list[debris.Decision], title_index: int | None, body: str, config: CleanConfig
) -> date | None:
    """The publication date of the first date line that gives one; bare scrape dates are relabelled."""
    found: date | None = None
    for index, decision in enumerate(decisions):
        if decision.reason != "dateline" or not debris.is_date_only(decision.text):
            continue
        above = title_index is not None and index < title_index
        stamp = metadata.publication_date(decision.text, above, body, config)
        if stamp is None and debris.date_phrase(decision.text) and not debris.labelled_stamp(decision.text):
            # A bare date that is not the story's: the day the page was saved.
            decision.reason = "scrape-artifact"
        found = found or stamp
    return found


def _strip_outlet_prefix(kept: list[str], removed: list[Removed], item: _Item) -> str | None:
    """Take "Name – " off the first paragraph when it names the outlet; the name, or None."""
    prefix = debris.name_prefix(kept[0]) if kept else None
    if not prefix:
        return None
    name = prefix.rstrip(" -–—")
    raw, page = item.raw, item.page
    known = raw.outlet or (page.sitename if page else None) or metadata.outlet_from_url(raw.url)
    if not metadata.prefix_outlet(name, known, "\n".join(kept)[len(prefix) :]):
        return None
    kept[0] = kept[0][len(prefix) :]
    removed.append(Removed(text=prefix.strip(), reason="outlet-prefix"))
    return name


def _title(
    item: _Item, reasons: list[object], config: CleanConfig
) -> tuple[str | None, int | None, int | None]:
    """The title and, when it is one of the paragraphs, its index and that of a second line it
    goes on into (they then leave the body)."""
    known = item.raw.title or (item.page.title if item.page else None)
    if known:
        return known, None, None
    index = metadata.headline_index(item.paragraphs, reasons, config)
    if index is None:
        return None, None, None
    after = metadata.headline_continued(item.paragraphs, reasons, index, config)
    if after is None:
        return item.paragraphs[index], index, None
    return f"{item.paragraphs[index]} {item.paragraphs[after]}", index, after


def _repeats(paragraph: str, title: str | None, index: int, config: CleanConfig) -> bool:
    """A paragraph near the top repeating the known title (pages print their headline above the text)."""
    if title is None or index > 4:
        return False
    return fuzz.ratio(paragraph.lower(), title.lower()) >= config.title_match_ratio


def _copyright_owner(removed: list[Removed]) -> str | None:
    """The owner named by a copyright line among the removed boilerplate, if any."""
    for item in removed:
        if item.reason == "boilerplate":
            owner = metadata.outlet_from_copyright(item.text)
            if owner:
                return owner
    return None


def _outlet(
    raw: RawArticle,
    page: Page | None,
    prefix: str | None,
    owner: str | None,
    credit: str | None = None,
    sites: dict[str, str] | None = None,
) -> Outlet:
    """Given (a record, the manifest, a feed), the page's site name, a name printed before the text,
    a wire credit, a copyright owner, the URL's domain (named as the batch's pages name the site)."""
    domain = metadata.outlet_from_url(raw.url)
    candidates: list[tuple[str | None, DetectedBy]] = [
        (raw.outlet, raw.given_by or "given"),
        (page.sitename if page else None, "html"),
        (prefix, "text"),
        (credit, "credit"),
        (owner, "signature"),
        ((sites or {}).get(domain or "") or domain, "url"),
    ]
    for name, detected_by in candidates:
        if name:
            return Outlet(name=name, detected_by=detected_by)
    return Outlet()


def _unusable(article: Article, item: _Item, config: CleanConfig) -> str | None:
    """Why a cleaned article cannot be analysed: no text left, or not in an accepted language.

    A page's few leftover characters are its furniture, not an article; text a person gave is
    kept however short, unless nothing but debris was in it.
    """
    given_language = item.raw.language
    if item.page is not None and len(article.body) < config.min_body_chars:
        return "no article text found in the HTML page"
    if not article.body.strip():
        removed = len(article.removed)
        return (
            f"no article text: only {removed} line{'s' * (removed != 1)} of page debris (navigation, prompts)"
        )
    language = article.language
    if config.accepted_languages and language and language not in config.accepted_languages:
        how = "given" if given_language else "detected"
        accepted = "English" if config.accepted_languages == ("en",) else "/".join(config.accepted_languages)
        return f"not {accepted}: {how} {language}"
    return None
