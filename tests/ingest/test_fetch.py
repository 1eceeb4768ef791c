"""URLs: fetched from a real HTTP server on 127.0.0.1 started by the test (no network)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parallax.config import IngestConfig
from parallax.ingest import Fetched, read_inputs
from parallax.models import RawArticle, Skipped

PAGE = (
    "<html><head><title>Talks resume</title></head>"
    "<body><article><p>Le café rouvre.</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    """Routes: each path is one situation a fetcher meets on the web."""

    def do_GET(self) -> None:
        if self.path == "/news/2020/talks-resume.html":
            self._send(200, "text/html; charset=iso-8859-1", PAGE.encode("latin-1"))
        elif self.path == "/moved":
            self._redirect("/news/2020/talks-resume.html")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/plain":
            self._send(200, "text/plain; charset=utf-8", b"Plain article text.")
        elif self.path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/huge-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the size shows only while reading
            self.wfile.write(b"<p>" + b"y" * 5000 + b"</p>")
            self.close_connection = True
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpx honours proxy variables; a proxy set for the package registry must not see 127.0.0.1.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _one(url: str, config: IngestConfig | None = None) -> RawArticle | Skipped:
    [item] = read_inputs([url], config or IngestConfig())
    return item


def test_html_page_is_fetched_decoded_and_named(server: str) -> None:
    url = f"{server}/news/2020/talks-resume.html"
    item = _one(url)
    assert isinstance(item, RawArticle)
    assert (item.id, item.source, item.url, item.text) == ("talks-resume", url, url, None)
    assert "Le café rouvre." in (item.html or "")


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    item = _one(f"{server}/moved")
    assert isinstance(item, RawArticle)
    assert item.source == f"{server}/moved"
    assert item.url == f"{server}/news/2020/talks-resume.html"


def test_plain_text_page_becomes_text(server: str) -> None:
    item = _one(f"{server}/plain")
    assert isinstance(item, RawArticle)
    assert (item.text, item.html) == ("Plain article text.", None)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found: check the URL"),
        ("/loop", "more than 5 redirects"),
        ("/image.png", "unsupported content type 'image/png'"),
        ("/huge", "page larger than 1,000 bytes"),
        ("/huge-chunked", "page larger than 1,000 bytes"),
    ],
)
def test_bad_pages_are_skipped_with_reason(server: str, path: str, reason: str) -> None:
    item = _one(f"{server}{path}", IngestConfig(max_item_bytes=1000))
    assert isinstance(item, Skipped)
    assert item.source == f"{server}{path}"
    assert item.reason.startswith(reason)


def test_unreachable_url_is_skipped_and_others_still_read(server: str) -> None:
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = f"http://127.0.0.1:{port}/article"
    items = list(read_inputs([dead, f"{server}/plain"], IngestConfig(url_timeout_s=5)))
    assert isinstance(items[0], Skipped) and isinstance(items[1], RawArticle)
    assert items[0].source == dead
    assert items[0].reason.startswith("unreachable (")


@pytest.mark.parametrize("url", ["ftp://example.org/story.txt", "file:///etc/hosts"])
def test_non_http_scheme(url: str) -> None:
    item = _one(url)
    assert isinstance(item, Skipped)
    scheme = url.split(":")[0]
    assert item.reason == f"unsupported URL scheme '{scheme}': give an http(s) URL or a local path"


def test_private_hosts_refused_when_asked(server: str) -> None:
    item = _one(f"{server}/plain", IngestConfig(refuse_private_hosts=True))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("refused: 127.0.0.1 is a private or local address")


def test_a_fetcher_can_be_swapped() -> None:
    class Archive:
        """A fetcher answering from stored pages, as a web archive reader would."""

        def __init__(self) -> None:
            self.asked: list[str] = []

        def fetch(self, url: str) -> Fetched:
            self.asked.append(url)
            return Fetched(url=url, content=PAGE.encode(), media_type="text/html", charset="utf-8")

    archive = Archive()
    [item] = read_inputs(["https://news.example/a/story"], IngestConfig(), fetcher=archive)
    assert archive.asked == ["https://news.example/a/story"]
    assert isinstance(item, RawArticle)
    assert item.id == "story"
    assert "Le café rouvre." in (item.html or "")
