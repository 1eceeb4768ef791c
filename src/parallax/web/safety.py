"""What the web app lets in from outside: the URLs it fetches and the paths it writes.

``check_url`` is the SSRF guard: it resolves the host and refuses the URL when any address it
resolves to is not public (private, loopback, link-local, reserved, multicast...), unless
private URLs are allowed. ``request_guard`` runs the same check as an httpx request hook, so
every hop of a redirect chain is checked too; any fetcher built on httpx can plug it in.

Residual risk, stated so nobody relies on more: the address is checked when the request is
made and httpx resolves the host again when it connects, so a DNS server that answers
differently within that window (DNS rebinding) is not stopped by this check alone.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from charset_normalizer import from_bytes

from parallax.config import DEFAULT, IngestConfig, WebConfig
from parallax.errors import InputError, RefusedURLError
from parallax.models import RawArticle, Skipped

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOW_HINT = "start parallax serve with --allow-private-urls to allow it"


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (both families), as strings."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(f"cannot resolve host {host!r}: {error}") from error
    return sorted({str(info[4][0]) for info in infos})


def _effective(address: IPAddress) -> IPAddress:
    """The IPv4 address hidden inside an IPv6 one (mapped, 6to4, Teredo), else the address itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
    return address


def address_kind(address: str) -> str | None:
    """Why ``address`` may not be fetched ("loopback", "private", ...), or None when it is public."""
    ip = _effective(ipaddress.ip_address(address.split("%", 1)[0]))
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-public"
    return None


def check_url(url: str, allow_private: bool = False, resolve: Resolver = resolve_host) -> None:
    """Raise ``RefusedURLError`` unless ``url`` is http(s) and every address of its host is public."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise RefusedURLError(f"{url}: not a valid URL ({error})") from error
    if parsed.scheme not in ("http", "https"):
        raise RefusedURLError(f"{url}: only http:// and https:// URLs can be fetched")
    if not parsed.host:
        raise RefusedURLError(f"{url}: the URL names no host")
    if allow_private:
        return
    try:
        addresses = [str(ipaddress.ip_address(parsed.host))]
    except ValueError:
        # A name (or an odd spelling of an address, like 2130706433): ask the resolver.
        addresses = resolve(parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80))
    if not addresses:
        raise RefusedURLError(f"{url}: host {parsed.host} has no address")
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            raise RefusedURLError(f"{url}: {parsed.host} is a {kind} address ({address}); {ALLOW_HINT}")


def request_guard(
    allow_private: bool = False, resolve: Resolver = resolve_host
) -> Callable[[httpx.Request], None]:
    """An httpx ``request`` event hook that applies ``check_url`` to every request, redirects included."""

    def guard(request: httpx.Request) -> None:
        check_url(str(request.url), allow_private, resolve)

    return guard


def fetch_url(
    url: str,
    config: WebConfig = DEFAULT.web,
    ingest: IngestConfig = DEFAULT.ingest,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver = resolve_host,
) -> RawArticle | Skipped:
    """Fetch one URL behind the guard, within the redirect, size and time limits of the config."""
    deadline = time.monotonic() + config.url_total_timeout_s
    # trust_env=False: a proxy from the environment would make the address check meaningless.
    client = httpx.Client(
        follow_redirects=True,
        max_redirects=ingest.max_redirects,
        timeout=ingest.url_timeout_s,
        event_hooks={"request": [request_guard(allow_private, resolve)]},
        transport=transport,
        trust_env=False,
        headers={"User-Agent": "parallax (+https://github.com/parallax-news)"},
    )
    try:
        with client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                return Skipped(source=url, reason=f"the server answered HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > config.url_max_bytes:
                return Skipped(source=url, reason=_too_large(declared, config.url_max_bytes))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > config.url_max_bytes:
                    return Skipped(source=url, reason=_too_large(len(body), config.url_max_bytes))
                if time.monotonic() > deadline:
                    return Skipped(source=url, reason=f"took longer than {config.url_total_timeout_s:g} s")
            content_type = response.headers.get("content-type", "")
            charset = response.charset_encoding
            final_url = str(response.url)
    except InputError as error:
        return Skipped(source=url, reason=error.message.removeprefix(f"{url}: "))
    except httpx.TooManyRedirects:
        return Skipped(source=url, reason=f"more than {ingest.max_redirects} redirects")
    except httpx.HTTPError as error:
        return Skipped(source=url, reason=f"cannot fetch: {error.__class__.__name__}: {error}")
    text = decode(bytes(body), charset)
    if text is None:
        return Skipped(source=url, reason="not text: the page could not be decoded")
    ident = article_id(httpx.URL(final_url).path.rsplit("/", 1)[-1] or httpx.URL(final_url).host)
    if "html" in content_type or text.lstrip()[:1] == "<":
        return RawArticle(id=ident, source=url, html=text, url=final_url)
    return RawArticle(id=ident, source=url, text=text, url=final_url)


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size / 1e6:.1f} MB, the limit is {limit / 1e6:g} MB"


def decode(data: bytes, declared: str | None = None) -> str | None:
    """Text from bytes: the declared charset, UTF-8, or charset-normalizer's guess; None for binary data."""
    if b"\x00" in data[:4096]:
        return None
    for encoding in (declared, "utf-8-sig"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    guess = from_bytes(data).best()
    return str(guess) if guess is not None else None


_UNSAFE_ID = re.compile(r"[^\w.-]+")


def article_id(name: str) -> str:
    """A short id from a file or URL name: its stem, with anything but word characters replaced."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    for suffix in (".gz", ".jsonl", ".html", ".htm", ".txt", ".md"):
        stem = stem.removesuffix(suffix)
    return _UNSAFE_ID.sub("_", stem).strip("._")[:80] or "article"


def inside(root: Path, name: str) -> Path:
    """``root / name``, refusing any name that would land outside ``root`` (``..``, absolute, links)."""
    base = root.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base) or target == base:
        raise InputError(f"{name!r} is not a file name inside the data directory")
    return target
