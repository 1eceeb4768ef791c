"""The SSRF guard, the guarded fetcher (redirects, size, time) and the data-directory path check.

The network is replaced by httpx's ``MockTransport`` and host names by an injected resolver, so
these tests are real requests through httpx without leaving the machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from parallax.config import WebConfig
from parallax.errors import InputError, RefusedURLError
from parallax.models import RawArticle, Skipped
from parallax.web.safety import address_kind, check_url, fetch_urls, inside, request_guard

PUBLIC = "93.184.216.34"
HOSTS = {
    "news.example": [PUBLIC],
    "intranet.example": ["10.1.2.3"],
    "both.example": [PUBLIC, "127.0.0.1"],
    "v6.example": ["2606:2800:220:1:248:1893:25c8:1946"],
    "metadata.example": ["fe80::1"],
}


def resolve(host: str, port: int) -> list[str]:
    try:
        return HOSTS[host]
    except KeyError:
        raise InputError(f"cannot resolve host {host!r}") from None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.1.2.3:8080/x", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://100.64.0.1/", "non-public"),
        ("http://intranet.example/", "private"),
        ("http://both.example/", "loopback"),
        ("http://metadata.example/", "link-local"),
    ],
)
def test_non_public_addresses_are_refused(url: str, kind: str) -> None:
    with pytest.raises(RefusedURLError, match=f"is a {kind} address.*--allow-private-urls"):
        check_url(url, resolve=resolve)


@pytest.mark.parametrize("url", ["http://localhost:8000/", "http://2130706433/"])
def test_the_real_resolver_is_asked_for_names(url: str) -> None:
    with pytest.raises(RefusedURLError, match="loopback"):
        check_url(url)


def test_public_addresses_pass() -> None:
    for url in ("http://news.example/story", "https://v6.example/", f"http://{PUBLIC}/"):
        check_url(url, resolve=resolve)
    assert address_kind("8.8.8.8") is None


def test_private_addresses_pass_when_allowed() -> None:
    check_url("http://127.0.0.1:8000/", allow_private=True)
    check_url("http://intranet.example/", allow_private=True, resolve=resolve)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/x", "gopher://news.example/", "http:///x"]
)
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(RefusedURLError):
        check_url(url, allow_private=True, resolve=resolve)


def test_the_request_hook_refuses_a_redirect_into_the_private_network() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://127.0.0.1:9/admin"})
        return httpx.Response(200, text="secret")

    transport = httpx.MockTransport(handler)
    with (
        httpx.Client(
            transport=transport,
            follow_redirects=True,
            event_hooks={"request": [request_guard(False, resolve)]},
        ) as client,
        pytest.raises(RefusedURLError, match="loopback"),
    ):
        client.get("http://news.example/story")
    assert seen == ["http://news.example/story"]


def fetch_url(url: str, web: WebConfig = WebConfig(), **guard: Any) -> RawArticle | Skipped:  # noqa: B008
    """One URL through ingest and the guarded fetcher."""
    [item] = fetch_urls([url], web, **guard)
    return item


def page(body: str = "<html><title>T</title><p>Story text.</p></html>") -> httpx.Response:
    return httpx.Response(200, text=body, headers={"content-type": "text/html; charset=utf-8"})


def test_fetch_returns_html_as_a_raw_article() -> None:
    item = fetch_url(
        "http://news.example/world/story.html",
        transport=httpx.MockTransport(lambda r: page()),
        resolve=resolve,
    )
    assert isinstance(item, RawArticle)
    assert item.id == "story" and item.html and "Story text." in item.html
    assert item.url == "http://news.example/world/story.html"


def test_fetch_follows_five_redirects_and_no_more() -> None:
    def chain(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.path.strip("/") or 0)
        if hop < int(request.url.params.get("until", "0")):
            return httpx.Response(
                302, headers={"location": f"/{hop + 1}?until={request.url.params['until']}"}
            )
        return page()

    transport = httpx.MockTransport(chain)
    assert isinstance(
        fetch_url("http://news.example/0?until=5", transport=transport, resolve=resolve), RawArticle
    )
    refused = fetch_url("http://news.example/0?until=6", transport=transport, resolve=resolve)
    assert refused == Skipped(source="http://news.example/0?until=6", reason="more than 5 redirects")


def test_fetch_refuses_a_redirect_to_a_private_host() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(301, headers={"location": "http://intranet.example/"})
        return page("internal")

    item = fetch_url("http://news.example/", transport=httpx.MockTransport(handler), resolve=resolve)
    assert isinstance(item, Skipped) and "intranet.example is a private address (10.1.2.3)" in item.reason
    assert seen == ["http://news.example/"]


def test_fetch_caps_the_size() -> None:
    config = WebConfig(url_max_bytes=1000)
    declared = httpx.MockTransport(lambda r: page("x" * 5000))
    item = fetch_url("http://news.example/big", config, transport=declared, resolve=resolve)
    assert item == Skipped(
        source="http://news.example/big", reason="too large: 0.0 MB, the limit is 0.001 MB"
    )

    def undeclared(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"y" * 600] * 5), headers={"content-type": "text/plain"})

    item = fetch_url(
        "http://news.example/stream", config, transport=httpx.MockTransport(undeclared), resolve=resolve
    )
    assert isinstance(item, Skipped) and item.reason.startswith("too large")


def test_fetch_caps_the_time() -> None:
    def slow() -> Iterator[bytes]:
        for _ in range(50):
            time.sleep(0.02)
            yield b"word "

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=slow(), headers={"content-type": "text/plain"})

    config = WebConfig(url_total_timeout_s=0.1)
    item = fetch_url(
        "http://news.example/slow", config, transport=httpx.MockTransport(handler), resolve=resolve
    )
    assert item == Skipped(source="http://news.example/slow", reason="took longer than 0.1 s")


def test_fetch_reports_http_errors_and_unresolvable_hosts() -> None:
    missing = fetch_url(
        "http://news.example/gone",
        transport=httpx.MockTransport(lambda r: httpx.Response(404)),
        resolve=resolve,
    )
    assert missing == Skipped(source="http://news.example/gone", reason="the server answered HTTP 404")
    unknown = fetch_url(
        "http://nowhere.example/", transport=httpx.MockTransport(lambda r: page()), resolve=resolve
    )
    assert isinstance(unknown, Skipped) and "cannot resolve host 'nowhere.example'" in unknown.reason


@pytest.mark.parametrize("name", ["../x.json", "../../etc/passwd", "/etc/passwd", "a/../../b", ""])
def test_paths_outside_the_data_directory_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError):
        inside(tmp_path / "data", name)


def test_paths_inside_the_data_directory_are_kept(tmp_path: Path) -> None:
    assert inside(tmp_path, "reports/abc.json") == (tmp_path / "reports" / "abc.json").resolve()


def test_the_transport_checks_the_address_it_connects_to() -> None:
    # DNS rebinding: the name is public when the request is checked, private when connecting.
    answers = iter([[PUBLIC], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    item = fetch_url("http://rebind.example/", resolve=rebinding)
    assert item == Skipped(
        source="http://rebind.example/",
        reason="rebind.example is a loopback address (127.0.0.1); start parallax serve with "
        "--allow-private-urls to allow it",
    )


def test_allowed_private_urls_are_really_fetched(live_server: str) -> None:
    item = fetch_url(f"{live_server}/", allow_private=True)
    assert isinstance(item, RawArticle) and item.html and "Analyse one story" in item.html
    refused = fetch_url(f"{live_server}/")
    assert isinstance(refused, Skipped) and "loopback" in refused.reason
