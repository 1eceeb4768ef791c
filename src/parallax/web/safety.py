"""What the web app lets in from outside: the URLs it fetches and the paths it writes.

``check_url`` is the SSRF guard: it resolves the host and refuses the URL when any address it
resolves to is not public (private, loopback, link-local, reserved, multicast...), unless
private URLs are allowed. ``request_guard`` runs the same check as an httpx request hook, so
every hop of a redirect chain is checked too; any fetcher built on httpx can plug it in.

``GuardedTransport`` closes the gap between checking and connecting (DNS rebinding: a name
that resolves to a public address for the check and to a private one for the connection): it
resolves the host itself when it opens a connection, checks every address, and connects to a
checked address. ``GuardedFetcher`` (ingest's ``Fetcher`` interface) uses both, so every hop
is checked twice.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpcore
import httpx

from parallax.config import DEFAULT, IngestConfig, WebConfig
from parallax.errors import InputError, RefusedURLError, invalid_url
from parallax.ingest import read_inputs
from parallax.ingest.fetch import USER_AGENT, Fetched
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


# IPv6 prefixes whose last 32 bits are an IPv4 address a gateway connects to: NAT64 (RFC 6052,
# and its local-use /48 of RFC 8215) and IPv4-translated addresses (RFC 2765, ::ffff:0:a.b.c.d).
_EMBEDDING_IPV4 = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("64:ff9b:1::/48"),
    ipaddress.IPv6Network("::ffff:0:0:0/96"),
)


def _effective(address: IPAddress) -> IPAddress:
    """The IPv4 address hidden inside an IPv6 one (mapped, translated, NAT64, 6to4, Teredo), else
    the address itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if any(address in network for network in _EMBEDDING_IPV4):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
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
        host = parsed.host  # decoded from IDNA here: an invalid label raises
    except (httpx.InvalidURL, TypeError, ValueError, UnicodeError) as error:  # IDNA errors are UnicodeErrors
        raise RefusedURLError(f"{url}: {invalid_url(str(error).splitlines()[0])}") from None
    if parsed.scheme not in ("http", "https"):
        raise RefusedURLError(f"{url}: only http:// and https:// URLs can be fetched")
    if not host:
        raise RefusedURLError(f"{url}: the URL names no host")
    try:
        checked_address(
            host, parsed.port or (443 if parsed.scheme == "https" else 80), allow_private, resolve
        )
    except RefusedURLError as error:
        raise RefusedURLError(f"{url}: {error.message}") from error


def request_guard(
    allow_private: bool = False, resolve: Resolver = resolve_host
) -> Callable[[httpx.Request], None]:
    """An httpx ``request`` event hook that applies ``check_url`` to every request, redirects included."""

    def guard(request: httpx.Request) -> None:
        check_url(str(request.url), allow_private, resolve)

    return guard


def checked_address(
    host: str, port: int, allow_private: bool = False, resolve: Resolver = resolve_host
) -> str:
    """An address of ``host`` to connect to, after checking every address it resolves to."""
    if allow_private:
        return host
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = resolve(host, port)
    if not addresses:
        raise RefusedURLError(f"host {host} has no address")
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            raise RefusedURLError(f"{host} is a {kind} address ({address}); {ALLOW_HINT}")
    return addresses[0]


class _CheckedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to checked addresses."""

    def __init__(self, allow_private: bool, resolve: Resolver) -> None:
        self.allow_private = allow_private
        self.resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = checked_address(host, port, self.allow_private, self.resolve)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that checks the addresses it connects to (TLS still verifies the host name)."""

    def __init__(self, allow_private: bool = False, resolve: Resolver = resolve_host) -> None:
        super().__init__(trust_env=False)
        # httpx builds its connection pool without a way to pass a network backend: replace it.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_CheckedBackend(allow_private, resolve),
        )


class GuardedFetcher:
    """ingest's ``Fetcher`` for the web app: every hop checked (request hook and connection), at
    most ``max_redirects`` redirects, ``url_max_bytes`` bytes and ``url_total_timeout_s`` seconds."""

    def __init__(
        self,
        web: WebConfig = DEFAULT.web,
        ingest: IngestConfig = DEFAULT.ingest,
        allow_private: bool = False,
        transport: httpx.BaseTransport | None = None,
        resolve: Resolver = resolve_host,
    ) -> None:
        self.web = web
        self.max_redirects = ingest.max_redirects
        # trust_env=False: a proxy from the environment would make the address check meaningless.
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=ingest.max_redirects,
            timeout=ingest.url_timeout_s,
            event_hooks={"request": [request_guard(allow_private, resolve)]},
            transport=transport or GuardedTransport(allow_private, resolve),
            trust_env=False,
            headers={"User-Agent": USER_AGENT},
        )

    def fetch(self, url: str) -> Fetched:
        """The page behind ``url``; ``InputError`` (``RefusedURLError`` for a refused address) otherwise."""
        deadline = time.monotonic() + self.web.url_total_timeout_s
        cap = self.web.url_max_bytes
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(f"the server answered HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise InputError(_too_large(int(declared), cap))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > cap:
                        raise InputError(_too_large(len(body), cap))
                    if time.monotonic() > deadline:
                        raise InputError(f"took longer than {self.web.url_total_timeout_s:g} s")
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Fetched(str(response.url), bytes(body), media_type or None, response.charset_encoding)
        except RefusedURLError as error:
            raise RefusedURLError(error.message.removeprefix(f"{url}: ")) from None
        except httpx.TooManyRedirects:
            raise InputError(f"more than {self.max_redirects} redirects") from None
        except httpx.HTTPError as error:
            raise InputError(f"cannot fetch: {error.__class__.__name__}: {error}") from None
        except (httpx.InvalidURL, UnicodeError, ValueError) as error:  # a host IDNA cannot encode
            raise InputError(invalid_url(str(error).splitlines()[0])) from None

    def close(self) -> None:
        self.client.close()


def fetch_urls(
    urls: list[str],
    web: WebConfig = DEFAULT.web,
    ingest: IngestConfig = DEFAULT.ingest,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver = resolve_host,
) -> list[RawArticle | Skipped]:
    """The articles behind ``urls``, read by ingest through a ``GuardedFetcher``; refusals are ``Skipped``."""
    fetcher = GuardedFetcher(web, ingest, allow_private, transport, resolve)
    try:
        return list(read_inputs(urls, ingest, fetcher=fetcher))
    finally:
        fetcher.close()


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size / 1e6:.1f} MB, the limit is {limit / 1e6:g} MB"


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
