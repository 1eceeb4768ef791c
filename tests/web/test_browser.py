"""The web app in a real browser: Debian's chromium driven by Playwright against a real server.

A new user's path: open the page, drop the five example files, wait for the report, download it;
then browse the stored stories and open one. Untrusted markup in titles, outlets, texts and file
names must never run or add elements. Screenshots go to docs/ for the README.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright

if TYPE_CHECKING:
    from tests.web.conftest import Payload

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _screenshot(page: Page, name: str) -> None:
    """Refresh a README screenshot only when asked (PARALLAX_UPDATE_DOCS=1): tests leave the tree clean."""
    shot = page.screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("PARALLAX_UPDATE_DOCS"):
        (DOCS / name).write_bytes(shot)


CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The first analysis also waits for the worker process to start and load spaCy.
ANALYSIS_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "chromium is missing: run scripts/system-deps.sh"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every console error, uncaught exception and dialog it produced."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on(
            "console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def report_frame(page: Page) -> Frame:
    frame = page.frame_locator("#report").locator("body")
    expect(frame).not_to_be_empty()
    found = page.locator("#report").element_handle()
    assert found is not None
    content = found.content_frame()
    assert content is not None
    return content


def wait_for_report(page: Page) -> str:
    """Wait on the job page until the report is shown; the job's URL path."""
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]{32}$"))
    page.wait_for_selector("#progress, #report-view")
    page.wait_for_selector("#report-view", timeout=ANALYSIS_TIMEOUT_MS)
    return page.url.split("://", 1)[1].split("/", 1)[1]


def test_analyse_the_example_story(live_server: str, watched: Watched, example_files: list[Path]) -> None:
    page = watched.page
    page.goto(f"{live_server}/")
    manifest = example_files[0].parent / "sources.csv"
    page.set_input_files("#files", [str(p) for p in [*example_files, manifest]])
    DOCS.mkdir(exist_ok=True)
    _screenshot(page, "web-analyse.png")
    page.click("#analyse")
    job = wait_for_report(page)

    report = page.request.get(f"{live_server}/{job}/report?format=json").json()
    assert report["story"]["article_count"] == 5
    # The uploaded manifest names and dates the outlets.
    assert sum(bool(a["outlet"]["name"] and a["published"]) for a in report["articles"]) >= 4
    expect(page.locator("#story-title")).to_have_text(report["story"]["title"] or "Untitled story")

    # Every download link works and gives its format.
    for link, kind in (
        ("#download-json", "application/json"),
        ("#download-md", "text/markdown"),
        ("#download-html", "text/html"),
    ):
        href = page.locator(link).get_attribute("href")
        assert href is not None
        answer = page.request.get(f"{live_server}{href}")
        assert answer.ok and answer.headers["content-type"].startswith(kind)
        assert "attachment" in answer.headers["content-disposition"]
    assert json.loads(page.request.get(f"{live_server}/{job}/report?format=json&download=1").text()) == report

    frame = report_frame(page)
    shown = squash(frame.inner_text("body"))
    # Each article is named in the report by its outlet (or its title), never by its id.
    for article in report["articles"]:
        names = [article["title"], article["outlet"]["name"]]
        assert any(name and squash(name) in shown for name in names), article["id"]
        assert article["id"] not in shown
    for sentence in report["summary"]:
        assert squash(sentence["text"]) in shown
    # Quotes are highlighted: each quote's words sit inside the highlighting elements marked with
    # its id (a quote crossing sentences or names is drawn in several pieces).
    pieces: dict[str, str] = {}
    for element in frame.locator("[data-quote]").all():
        quote_id = element.get_attribute("data-quote") or ""
        pieces[quote_id] = pieces.get(quote_id, "") + element.inner_text()
    assert report["quotes"], "the example story has quotes"
    for quote in report["quotes"][:5]:
        words = squash(quote["text"])[:40]
        assert words in squash(pieces.get(quote["id"], "")), f"quote {quote['id']} is not highlighted"
    _screenshot(page, "web-report.png")
    assert watched.problems == []


def test_each_pasted_text_takes_an_outlet_and_a_url(
    live_server: str, watched: Watched, example_files: list[Path]
) -> None:
    page = watched.page
    page.goto(f"{live_server}/")
    first, second = (p.read_text(encoding="utf-8") for p in example_files[1:3])
    page.fill("#text-1", first)
    page.fill("#outlet-1", "Harbour Gazette")
    page.click("#add-text")
    page.fill("#text-2", second)
    page.fill("#url-2", "https://www.valley-news.example.com/2020/07/21/meeting")
    assert page.locator("#outlet-2").input_value() == ""  # the new box starts empty
    page.click("#analyse")
    job = wait_for_report(page)
    report = page.request.get(f"{live_server}/{job}/report?format=json").json()
    one, two = report["articles"]
    assert one["outlet"] == {"name": "Harbour Gazette", "detected_by": "given"}
    assert (two["outlet"]["name"], two["outlet"]["detected_by"]) == ("example.com", "url")
    assert (two["published"], two["published_detected_by"]) == ("2020-07-21", "url")
    expect(page.frame_locator("#report").locator("#sources")).to_contain_text("Harbour Gazette")
    assert watched.problems == []


def test_browse_the_stories_and_open_one(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/stories")
    expect(page.locator("#story-count")).to_have_text("4 stories")
    page.fill("input[name=outlet]", "Evening Wire")
    page.click("form.filters button")
    expect(page.locator("#story-count")).to_have_text("2 stories")
    _screenshot(page, "web-stories.png")

    page.fill("input[name=q]", "town")
    page.click("form.filters button")
    expect(page.locator("#story-count")).to_have_text("1 story")
    page.click("a.story-link")
    page.wait_for_url(re.compile(r"/stories/flood-2021$"))
    expect(page.locator("#story-title")).to_have_text("Floods hit the old town")
    shown = report_frame(page).inner_text("body")
    assert "River floods the old town" in shown
    page.click("text=← All stories")
    expect(page.locator("#story-count")).to_have_text("4 stories")
    assert watched.problems == []


def assert_nothing_injected(watched: Watched) -> None:
    page = watched.page
    for frame in page.frames:
        assert frame.locator("#pwned").count() == 0, frame.url
        assert frame.evaluate("typeof window.__xss") == "undefined", frame.url
    assert not [p for p in watched.problems if p.startswith("dialog")]


def test_untrusted_markup_never_runs(live_server: str, watched: Watched, payload: Payload) -> None:
    page = watched.page
    page.goto(f"{live_server}/")
    record = {"id": "jsonl-1", "title": payload.title, "outlet": payload.outlet, "text": payload.text}
    evil_name = 'evil"><img id="pwned" src=x onerror="alert(1)">\'.txt'
    page.set_input_files(
        "#files",
        [
            {"name": evil_name, "mimeType": "text/plain", "buffer": payload.text.encode()},
            {"name": "records.jsonl", "mimeType": "text/plain", "buffer": json.dumps(record).encode()},
            {"name": "<script>alert(4)<\\script>.png", "mimeType": "image/png", "buffer": b"\x89PNG"},
        ],
    )
    page.fill("#text-1", f"{payload.title}\n\n{payload.text}")
    page.click("#add-text")
    page.fill("#text-2", f"{payload.outlet}\n\n{payload.text}")
    page.click("#analyse")
    job = wait_for_report(page)
    report_frame(page)
    assert_nothing_injected(watched)
    report = page.request.get(f"{live_server}/{job}/report?format=json").json()
    assert payload.title in {a["title"] for a in report["articles"]} | {report["story"]["title"]}
    expect(page.locator("#skipped")).to_contain_text("<script>alert(4)")
    assert {"text-1", "text-2", "jsonl-1"} <= {a["id"] for a in report["articles"]}

    page.goto(f"{live_server}/stories")
    expect(page.locator("#stories")).to_contain_text("Evil \"title'")
    assert_nothing_injected(watched)
    page.goto(f"{live_server}/stories/xss-story")
    report_frame(page)
    assert_nothing_injected(watched)
    assert watched.problems == []


def test_upload_limits_are_checked_before_sending(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/")
    many = [{"name": f"a{n}.txt", "mimeType": "text/plain", "buffer": b"text"} for n in range(51)]
    page.set_input_files("#files", many)  # type: ignore[arg-type]
    page.click("#analyse")
    expect(page.locator("#form-error")).to_have_text("too many files: at most 50 per analysis")
    assert page.url == f"{live_server}/"
    assert watched.problems == []
