"""The HTML report: one self-contained page (inline CSS/JS, no CDN); all article text escaped.

The page is a Jinja2 template with autoescaping on; the only HTML built here is the article
bodies with their sentence anchors and highlights, and every piece of text in it goes through
``markupsafe.escape``. No data from the articles is placed inside the page's script.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup, escape

from parallax.models import Article, Entity, Quote, Report
from parallax.report.views import NEUTRAL_VERBS, Views, build_views, kind_label, source_notes, word_diff

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_TEMPLATES = "report/templates"


def _template_source(name: str) -> str:
    return resources.files("parallax").joinpath(f"{_TEMPLATES}/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template_source),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["word_diff"] = word_diff
    env.globals["neutral_verbs"] = NEUTRAL_VERBS
    env.globals["source_notes"] = source_notes
    env.globals["kind_label"] = kind_label
    return env


def _anchor(number: int, sentence: str) -> str:
    """An element id for one sentence: safe whatever the article and sentence ids are."""
    return f"a{number}-{_UNSAFE_ID.sub('_', sentence)}"


def _owners(bounds: Sequence[int], spans: Sequence[tuple[int, int, object]]) -> list[object | None]:
    """For each segment starting at ``bounds[i]``, the span covering it (first one wins)."""
    owners: list[object | None] = [None] * len(bounds)
    for start, end, owner in spans:
        i = bisect_right(bounds, start) - 1
        while 0 <= i < len(bounds) and bounds[i] < end:
            if owners[i] is None:
                owners[i] = owner
            i += 1
    return owners


def _body(
    article: Article, number: int, quotes: Sequence[Quote], mentions: Sequence[tuple[int, int, Entity]]
) -> Markup:
    """The article body with sentence anchors, quotes and entity mentions highlighted."""
    body = article.body
    size = len(body)
    sentences = [(max(0, s.start), min(size, s.end), s.id) for s in article.sentences if s.start < s.end]
    quoted = [(max(0, q.start), min(size, q.end), q) for q in quotes if q.start < q.end]
    named = [(max(0, s), min(size, e), entity) for s, e, entity in mentions if s < e]
    bounds = sorted({0, size} | {p for s, e, _ in [*sentences, *quoted, *named] for p in (s, e)})
    bounds = [b for b in bounds if b < size] or [0]
    sentence_of = _owners(bounds, sentences)
    quote_of = _owners(bounds, quoted)
    entity_of = _owners(bounds, named)
    parts: list[str] = []
    open_sentence: object | None = None
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else size
        sentence = sentence_of[i]
        if sentence != open_sentence:
            if open_sentence is not None:
                parts.append("</span>")
            if sentence is not None:
                parts.append(f'<span class="s" id="{_anchor(number, str(sentence))}">')
            open_sentence = sentence
        piece = str(escape(body[start:end]))
        entity = entity_of[i]
        if isinstance(entity, Entity):
            piece = (
                f'<span class="e e-{escape(_UNSAFE_ID.sub("", entity.type))}" data-e="{escape(entity.id)}" '
                f'title="{escape(entity.name)} ({escape(entity.type)})">{piece}</span>'
            )
        quote = quote_of[i]
        if isinstance(quote, Quote):
            who = quote.speaker_name or quote.speaker_text or "unknown speaker"
            piece = (
                f'<span class="q" data-quote="{escape(quote.id)}" '
                f'title="{escape(quote.kind)} quote: {escape(who)}">{piece}</span>'
            )
        parts.append(piece)
    if open_sentence is not None:
        parts.append("</span>")
    return Markup("".join(parts))


def _bodies(report: Report, views: Views) -> dict[str, Markup]:
    quotes: dict[str, list[Quote]] = {}
    for quote in report.quotes:
        quotes.setdefault(quote.article, []).append(quote)
    mentions: dict[str, list[tuple[int, int, Entity]]] = {}
    for entity in report.entities:
        for mention in entity.mentions:
            mentions.setdefault(mention.article, []).append((mention.start, mention.end, entity))
    for spans in mentions.values():
        spans.sort(key=lambda m: (m[0], -m[1]))
    return {
        a.id: _body(a, views.numbers[a.id], quotes.get(a.id, []), mentions.get(a.id, []))
        for a in report.articles
    }


def _matrix_rows(views: Views) -> Markup:
    """The outlet x claim matrix body, built here: it has facts x articles cells, too many for
    template filters to stay fast on a 100-article story; an empty cell is just ``<td></td>``."""
    ids = views.article_ids
    rows: list[str] = []
    for fact in views.facts():
        first: dict[str, tuple[str, str]] = {}
        for support in fact.support:
            first.setdefault(support.article, (support.sentence, support.text))
        cells = []
        for ident in ids:
            found = first.get(ident)
            if found is None:
                cells.append("<td></td>")
                continue
            number = views.numbers[ident]
            cells.append(
                f'<td class="dot"><a class="yes o{number % 8}" href="#{_anchor(number, found[0])}" '
                f'title="{escape(found[1])}">●</a></td>'
            )
        status = escape(fact.status)
        badge = f'<span class="badge {status}">{status}</span>'
        rows.append(f'<tr><td class="fact">{escape(fact.text)}</td><td>{badge}</td>{"".join(cells)}</tr>')
    return Markup("\n".join(rows))


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    views = build_views(report)

    def anchor(article: str, sentence: str) -> str:
        return _anchor(views.numbers.get(article, 0), sentence)

    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        story=report.story,
        views=views,
        bodies=_bodies(report, views),
        matrix_rows=_matrix_rows(views),
        anchor=anchor,
        css=Markup(_template_source("report.css")),
        js=Markup(_template_source("report.js")),
    )
