"""Fixtures for the web app: a seeded story database, an API test client, a real server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from parallax.config import Config, WebConfig
from parallax.corpus.analysis import store_story
from parallax.models import Article, Generator, Outlet, Report
from parallax.pipeline import describe_story
from parallax.store import Store
from parallax.web import Settings, create_app

LOCAL = "http://127.0.0.1"
# Untrusted text that would run or inject markup if any page failed to escape it.
PAYLOAD_TITLE = (
    """Evil "title' ><img id="pwned" src=x onerror="window.__xss=1"><script>window.__xss=2</script>"""
)
PAYLOAD_OUTLET = """</td><b id="pwned">Outlet</b><script>alert("outlet")</script>"""
PAYLOAD_TEXT = (
    'Officials said the talks went well. "><svg id="pwned" onload="alert(1)"></svg>\n'
    "The minister ' onmouseover='alert(2)' added that <script>alert(3)</script> nothing changed."
)


def _story(ident: str, outlet_titles: list[tuple[str, str | None]], day: date, body: str) -> Report:
    articles = [
        Article(
            id=f"{ident}-{n}",
            source=f"seed/{ident}-{n}.txt",
            outlet=Outlet(name=outlet, detected_by="given"),
            title=title,
            published=day,
            body=body,
        )
        for n, (outlet, title) in enumerate(outlet_titles, start=1)
    ]
    return Report(generator=Generator(version="test"), story=describe_story(articles), articles=articles)


def add_story(store: Store, story_id: str, report: Report) -> None:
    store_story(store, story_id, report.articles, report)


def seed_stories(db: Path) -> None:
    """Three ordinary stories and one whose title, outlet and text carry markup."""
    with Store(str(db)) as store:
        _seed(store)


def _seed(db: Store) -> None:
    add_story(
        db,
        "flood-2021",
        _story(
            "flood",
            [("Daily Post", "River floods the old town"), ("Evening Wire", "Floods hit the old town")],
            date(2021, 3, 4),
            "The river rose two metres overnight and flooded the old town, officials said.",
        ),
    )
    add_story(
        db,
        "budget-2022",
        _story(
            "budget",
            [("Evening Wire", "Parliament passes the budget"), ("Morning Star", "Budget passes narrowly")],
            date(2022, 11, 20),
            "Parliament passed the budget by three votes after a night of debate.",
        ),
    )
    add_story(
        db,
        "eclipse-2023",
        _story(
            "eclipse",
            [("Daily Post", "Crowds watch the eclipse")],
            date(2023, 4, 8),
            "Crowds gathered to watch.",
        ),
    )
    add_story(
        db,
        "xss-story",
        _story(
            "xss", [(PAYLOAD_OUTLET, PAYLOAD_TITLE), ("Daily Post", None)], date(2020, 1, 1), PAYLOAD_TEXT
        ),
    )


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "stories.sqlite"
    seed_stories(db)
    return db


@dataclass(frozen=True)
class Payload:
    title: str
    outlet: str
    text: str


@pytest.fixture(scope="session")
def payload() -> Payload:
    """Markup in an article's title, outlet and text (also seeded as the story ``xss-story``)."""
    return Payload(PAYLOAD_TITLE, PAYLOAD_OUTLET, PAYLOAD_TEXT)


def thread_config(**limits: int) -> Config:
    """Analyses in a thread of the test process: same code path, no worker start-up per test."""
    return Config(web=WebConfig(analysis_processes=0, **limits))


@pytest.fixture
def small_client(tmp_path: Path) -> Iterator[TestClient]:
    """No story database, and tiny upload limits: 3 files, 2 kB each, 20 kB per request."""
    config = thread_config(max_files=3, max_file_bytes=2000, max_request_bytes=20_000)
    with TestClient(
        create_app(Settings(data_dir=tmp_path / "small", config=config)), base_url=LOCAL
    ) as test_client:
        yield test_client


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def client(story_db: Path, data_dir: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=data_dir, db=str(story_db), config=thread_config()))
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def port() -> int:
    """A TCP port free on 127.0.0.1."""
    return free_port()


@pytest.fixture(scope="session")
def live_server(story_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 and a free port, with the shipped worker-process setup."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("web-data"), db=str(story_db))
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    yield f"http://{host}:{port}"
    server.should_exit = True
    thread.join(timeout=30)
