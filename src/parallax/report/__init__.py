"""Report renderers: JSON (the contract), Markdown and a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from parallax.errors import E, UsageError
from parallax.models import Report
from parallax.report.html import render_html
from parallax.report.markdown import render_markdown


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


RENDERERS = {".json": render_json, ".md": render_markdown, ".html": render_html, ".htm": render_html}


def renderer_for(path: Path) -> Callable[[Report], str]:
    """The renderer named by the file's extension (checked before a long analysis starts)."""
    renderer = RENDERERS.get(path.suffix.lower())
    if renderer is None:
        raise UsageError(E.PX203, path=path)
    return renderer


def write_report(report: Report, path: Path) -> None:
    """Write the report in the format named by the file's extension."""
    renderer = renderer_for(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(renderer(report), encoding="utf-8")
