"""The HTML report: one self-contained page (inline CSS/JS, no CDN); all article text escaped."""

from __future__ import annotations

from parallax.models import Report


def render_html(report: Report) -> str:
    import html

    items = "".join(f"<li>{html.escape(a.title or a.id)}</li>" for a in report.articles)
    return f"<!doctype html><meta charset=utf-8><title>parallax</title><ul>{items}</ul>\n"
