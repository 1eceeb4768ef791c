"""The Markdown report: readable in a terminal or on a git host."""

from __future__ import annotations

from parallax.models import Report


def render_markdown(report: Report) -> str:
    lines = [f"# {report.story.title or 'Story'}", ""]
    lines += [
        f"- {a.id}: {a.outlet.name or 'unknown outlet'} — {a.title or '(no title)'}" for a in report.articles
    ]
    return "\n".join(lines) + "\n"
