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


def test_sources_view_on_the_example_story(browser: Browser, example_dir: Path, tmp_path: Path) -> None:
    report = pipeline.analyze([str(example_dir)])
    page, problems = _open(browser, report, tmp_path / "sources.html")
    assert page.locator("#not-one-story").count() == 0  # one story: no warning
    section = page.locator("#reliance")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    rows = section.locator("tbody tr")
    assert rows.count() == len(report.articles) == 5
    text = section.inner_text()
    # named and unnamed sources, each with its kind, in the rows of the outlets that cite them
    assert "Tabnak" in text and "news outlet" in text
    assert "state media" in text and "official website" in text and "unnamed source" in text
    state_rows = [i for i in range(rows.count()) if "state media" in rows.nth(i).inner_text()]
    assert len(state_rows) == 1
    assert section.locator(".notes li").filter(has_text="Relies on state media").count() == 1
    section.locator("a.cite").first.click()
    assert page.locator(".s.flash").count() == 1
    assert problems == []
    page.close()


def test_sources_view_escapes_names(browser: Browser, hostile_report: Report, tmp_path: Path) -> None:
    from parallax.models import ArticleSources, KindShare, SourceUse
    from tests.report.conftest import HOSTILE

    first = hostile_report.articles[0]
    sources = [
        ArticleSources(
            article=first.id,
            sentences=len(first.sentences),
            attributed_sentences=1,
            kinds=[KindShare(kind="anonymous", sentences=1, share=1.0)],
            sources=[SourceUse(name=HOSTILE, kind="anonymous", sentences=["s1"], share=1.0, cues=[HOSTILE])],
        )
    ]
    page, problems = _open(
        browser, hostile_report.model_copy(update={"sources": sources}), tmp_path / "h.html"
    )
    assert HOSTILE in page.locator("#reliance").inner_text()
    assert problems == []
    page.close()


def test_several_stories_warning(browser: Browser, hostile_report: Report, tmp_path: Path) -> None:
    from parallax.models import StoryGroup

    first, second = hostile_report.articles[0], hostile_report.articles[1]
    groups = [StoryGroup(articles=[first.id], title="One story"), StoryGroup(articles=[second.id])]
    page, problems = _open(
        browser, hostile_report.model_copy(update={"story_groups": groups}), tmp_path / "w.html"
    )
    warning = page.locator("#not-one-story")
    assert warning.is_visible() and "2 different stories" in warning.inner_text()
    assert warning.locator("li").count() == 2 and warning.locator("li .outlet").count() == 2
    assert problems == []
    page.close()
