"""Report renderers: JSON (the contract), Markdown and a self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

from parallax.errors import UsageError
from parallax.models import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def render_markdown(report: Report) -> str:
    lines = [f"# {report.story.title or 'Story'}", ""]
    lines += [
        f"- {a.id}: {a.outlet.name or 'unknown outlet'} — {a.title or '(no title)'}" for a in report.articles
    ]
    return "\n".join(lines) + "\n"


def render_html(report: Report) -> str:
    import html

    items = "".join(f"<li>{html.escape(a.title or a.id)}</li>" for a in report.articles)
    return f"<!doctype html><meta charset=utf-8><title>parallax</title><ul>{items}</ul>\n"


RENDERERS = {".json": render_json, ".md": render_markdown, ".html": render_html, ".htm": render_html}


def write_report(report: Report, path: Path) -> None:
    """Write the report in the format named by the file's extension."""
    renderer = RENDERERS.get(path.suffix.lower())
    if renderer is None:
        raise UsageError(f"cannot write {path}: use a .json, .md or .html file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(renderer(report), encoding="utf-8")
