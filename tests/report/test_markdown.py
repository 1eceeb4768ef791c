"""The Markdown report: every section, citations, untrusted text made inert."""

from __future__ import annotations

import re

from parallax.models import Report
from parallax.report.markdown import esc, render_markdown


def test_sections_and_citations(hostile_report: Report) -> None:
    text = render_markdown(hostile_report)
    headings = [
        "## Summary",
        "## What each outlet reports",
        "## Who said what",
        "## Where the accounts conflict",
        "## Framing",
        "## Timeline",
        "## What each outlet adds and leaves out",
        "## Skipped inputs",
    ]
    for heading in headings:
        assert heading in text
    summary_line = next(line for line in text.splitlines() if line.startswith("- The mayor resigned."))
    assert "[1:s1]" in summary_line and "[2:s1]" in summary_line
    assert "**claimed**" in text  # a judging attribution verb stands out


def test_untrusted_text_is_inert(hostile_report: Report) -> None:
    text = render_markdown(hostile_report)
    assert "<script>" not in text
    tables: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    tables = [t for t in tables if t]
    assert len(tables) >= 5
    for table in tables:
        # Escaped pipes in article text never add a column.
        assert len({re.sub(r"\\\|", "", row).count("|") for row in table}) == 1, table
    assert esc("a | b <i>") == "a \\| b \\<i\\>"
    assert esc("snake_case _emph_") == "snake_case \\_emph\\_"
