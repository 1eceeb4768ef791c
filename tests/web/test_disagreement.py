"""Disagreement across a stored corpus: `--sort disagreement`, `?sort=disagreement` and the
Stories page (Chromium), with each outlet's divergence, on a small corpus built here."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect
from typer.testing import CliRunner

from parallax.cli import app as cli
from parallax.config import Config, CorpusConfig
from parallax.corpus.analysis import save_report
from parallax.corpus.build import build_corpus
from parallax.models import ClaimRef, Contradiction, Fact, Generator, OutletView, Report, Support
from parallax.pipeline import describe_story
from parallax.store import Store
from parallax.web import Settings, create_app
from tests.web.conftest import LOCAL, free_port, thread_config
from tests.web.test_browser import Watched

# Three unrelated stories, two outlets each (written for this test).
STORIES = {
    "vote": "The Harbour Town council approved the new tram line by nine votes to four on Monday night.",
    "fire": "A warehouse fire in the Eastfield industrial zone burned for six hours before crews put it out.",
    "match": "The Rovers beat the Wanderers three goals to one in the cup final at Central Park stadium.",
}
OUTLETS = ("Coast Herald", "Valley Times")
# How many contradictions each story's report gets, and whether Valley Times leaves a fact out.
CONFLICTS = {"vote": 0, "fire": 3, "match": 1}


def _report(store: Store, story_id: str, kind: str) -> Report:
    articles = store.story_articles(story_id)
    by_outlet = {a.outlet.name: a for a in articles}
    coast, valley = by_outlet[OUTLETS[0]], by_outlet[OUTLETS[1]]
    facts = [
        Fact(id="f1", text="shared", status="consensus", support=[
            Support(article=a.id, sentence="s1", text="x", similarity=1.0) for a in articles
        ]),
        Fact(id="f2", text="only the Herald", status="unique", support=[
            Support(article=coast.id, sentence="s1", text="x", similarity=1.0)
        ]),
    ]  # fmt: skip
    contradictions = [
        Contradiction(
            id=f"c{n}",
            kind="number",
            explanation="different figures",
            claims=[ClaimRef(article=a.id, sentence="s1", text="x") for a in (coast, valley)],
        )
        for n in range(CONFLICTS[kind])
    ]
    views = [OutletView(article=coast.id, unique_facts=["f2"]), OutletView(article=valley.id)]
    return Report(
        generator=Generator(version="test"),
        story=describe_story(articles),
        articles=articles,
        facts=facts,
        contradictions=contradictions,
        per_outlet=views,
    )


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("disagreement")
    records = [
        {
            "id": f"{kind}-{n}",
            "text": f"{text}\nIt was reported by {outlet}.",
            "outlet": outlet,
            "title": kind,
        }
        for kind, text in STORIES.items()
        for n, outlet in enumerate(OUTLETS)
    ]
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(folder / "corpus.db")
    with Store(db) as store:
        build_corpus([str(source)], store, Config(corpus=CorpusConfig(use_embeddings=False)))
        listed, _ = store.list_stories()
        assert len(listed) == 3, "three unrelated stories"
        for story in listed:
            save_report(store, story.id, _report(store, story.id, story.title or ""))
    return db


def test_api_sorts_by_disagreement_and_lists_outlets(corpus_db: str, tmp_path: Path) -> None:
    app = create_app(Settings(db=corpus_db, data_dir=tmp_path / "data", config=thread_config()))
    with TestClient(app, base_url=LOCAL) as client:
        listed = client.get("/api/stories?sort=disagreement").json()["stories"]
        assert [s["title"] for s in listed] == ["fire", "match", "vote"]
        assert [s["contradictions"] for s in listed] == [3, 1, 0]
        assert client.get("/api/stories?sort=nonsense").status_code == 422
        outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
        assert outlets["Coast Herald"]["unique"] == 3 and outlets["Coast Herald"]["diverging_stories"] == 3
        assert (
            outlets["Valley Times"]["contradictions"] == 4
            and outlets["Valley Times"]["diverging_stories"] == 2
        )


def test_cli_sorts_by_disagreement(corpus_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["stories", "--db", corpus_db, "--sort", "disagreement", "--json"])
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert titles == ["fire", "match", "vote"]
    result = runner.invoke(cli, ["stories", "--db", corpus_db, "--outlets"])
    assert "Valley Times: diverges in 2 of 3 stories" in result.stdout
    result = runner.invoke(cli, ["stories", "--db", corpus_db, "--sort", "loudest"])
    assert result.exit_code != 0 and "Traceback" not in result.output


@pytest.fixture(scope="module")
def server(corpus_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(db=corpus_db, data_dir=tmp_path_factory.mktemp("data"), config=thread_config())
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    host, port = running.servers[0].sockets[0].getsockname()[:2]
    yield f"http://{host}:{port}"
    running.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    from tests.web.test_browser import ARGS, CHROMIUM

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


def test_stories_page_opens_the_most_disputed_first(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/stories")
    expect(page.locator("#story-count")).to_have_text("3 stories")
    page.select_option("#sort", "disagreement")
    page.click("form.filters button")
    rows = page.locator("#stories tbody tr")
    expect(rows.first.locator("a.story-link")).to_have_text("fire")
    assert [rows.nth(i).locator(".conflicts").inner_text() for i in range(3)] == ["3", "1", "0"]
    assert "sort=disagreement" in page.url
    divergence = page.locator("#divergence tbody tr")
    assert divergence.count() == 2
    herald = divergence.filter(has_text="Coast Herald")
    assert herald.locator(".share").inner_text() == "100%"
    valley = divergence.filter(has_text="Valley Times")
    assert valley.locator(".share").inner_text() == "67%"
    rows.first.locator("a.story-link").click()
    page.wait_for_url(f"{server}/stories/**")
    assert watched.problems == []
