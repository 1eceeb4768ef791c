"""The terminal summary (rich): cited sentences, naming choices, judging verbs, timeline."""

from __future__ import annotations

from rich.console import Console

from parallax.cli import _print_summary
from parallax.models import Report


def test_terminal_summary(hostile_report: Report) -> None:
    console = Console(record=True, width=120, color_system=None)
    _print_summary(hostile_report, console)
    text = console.export_text()
    assert "The mayor resigned." in text and "[1:s1 2:s1]" in text
    assert "stepped down" in text  # the naming table
    assert "claimed" in text and "2020-07-17" in text
    assert "<script>alert('x')</script>" in text  # printed as text, never interpreted as markup
