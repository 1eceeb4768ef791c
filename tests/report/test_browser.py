"""The HTML report in a real browser (Debian chromium through Playwright): it renders, raises no
console error, runs no script from the articles, and its citations open the cited sentence.

Set ``PARALLAX_UPDATE_DOCS=1`` to refresh the README screenshot ``docs/report.png`` from the
example story.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from parallax import pipeline
from parallax.models import Report
from parallax.report.html import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def _open(browser: Browser, report: Report, path: Path) -> tuple[Page, list[str]]:
    path.write_text(render_html(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri())
    return page, problems


def test_renders_safely_and_citations_jump(browser: Browser, hostile_report: Report, tmp_path: Path) -> None:
    page, problems = _open(browser, hostile_report, tmp_path / "report.html")
    for section in ("summary", "facts", "utterances", "contradictions", "framing", "timeline", "articles"):
        assert page.locator(f"#{section}").is_visible()
    assert page.locator("#p1").is_visible() and not page.locator("#p2").is_visible()
    page.locator("#summary a.cite").nth(1).click()  # the second citation: article 2, sentence s1
    target = page.locator("#a2-s1")
    assert page.locator("#p2").is_visible()
    assert "flash" in (target.get_attribute("class") or "")
    page.wait_for_function("() => { const r = document.getElementById('a2-s1').getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= window.innerHeight; }")  # fmt: skip
    page.locator("#side-by-side").click()
    assert page.locator("#p1").is_visible() and page.locator("#p2").is_visible()
    assert problems == []
    page.close()


def test_example_story_report(browser: Browser, example_dir: Path, tmp_path: Path) -> None:
    report = pipeline.analyze([str(example_dir)])
    page, problems = _open(browser, report, tmp_path / "example.html")
    assert page.locator("#summary li").count() >= 1
    assert page.locator("#framing table").count() >= 1
    assert page.locator("#timeline li").count() >= 5
    assert page.locator(".panel").count() == 5
    # Outlets by name in the legend, claims (with their citation) in the per-outlet lists, no id.
    legend = page.locator("header .legend").inner_text()
    named = [a.outlet.name for a in report.articles if a.outlet.name]
    assert len(named) >= 4 and all(name[:14] in legend for name in named)
    assert page.locator("#outlets li a.cite").count() >= 1
    visible = page.locator("body").inner_text()
    assert not any(a.id in visible for a in report.articles)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), clip={"x": 0, "y": 0, "width": 1280, "height": 1800}, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("PARALLAX_UPDATE_DOCS"):
        DOCS.mkdir(exist_ok=True)
        (DOCS / "report.png").write_bytes(shot.read_bytes())
    assert problems == []
    page.close()
