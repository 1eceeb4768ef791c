"""Fetching ``http(s)://`` URLs behind a small interface, so tests and the web app can swap it.

``Fetcher`` is the interface; ``HttpxFetcher`` the real one (timeout, redirect cap, size cap,
optional refusal of private addresses). A fetcher raises ``InputError`` with the one-line reason
for the ``skipped`` list; it never lets a network exception escape.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from parallax.config import IngestConfig
from parallax.errors import E, InputError, invalid_url
from parallax.version import __version__

if TYPE_CHECKING:  # httpx loads when a URL is fetched, not for files (0.17 s of a cold start)
    import httpx

USER_AGENT = f"parallax/{__version__} (+https://pypi.org/project/parallax-news/)"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL after redirects, the body, and what the server said it is."""

    url: str
    content: bytes
    media_type: str | None = None
    charset: str | None = None


class Fetcher(Protocol):
    """Gets the bytes behind one URL, or raises ``InputError`` naming the problem and the fix."""

    def fetch(self, url: str) -> Fetched: ...


class HttpxFetcher:
    """The real fetcher: one ``httpx.Client`` reused across URLs; call ``close()`` when done."""

    def __init__(self, config: IngestConfig) -> None:
        import httpx

        self.config = config
        hooks = {"request": [self._check_host]} if config.refuse_private_hosts else {}
        self.client = httpx.Client(
            timeout=config.url_timeout_s,
            follow_redirects=True,
            max_redirects=config.max_redirects,
            headers={"User-Agent": USER_AGENT},
            event_hooks=hooks,
        )

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` and return its body, reading at most ``max_item_bytes``."""
        import httpx

        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(E.PX115, status=response.status_code, phrase=response.reason_phrase)
                content = self._read_capped(response)
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Fetched(
                    url=str(response.url),
                    content=content,
                    media_type=media_type or None,
                    charset=response.charset_encoding,
                )
        except httpx.TooManyRedirects:
            raise InputError(E.PX116, limit=self.config.max_redirects) from None
        except httpx.TimeoutException:
            raise InputError(E.PX117, timeout=self.config.url_timeout_s) from None
        except httpx.ConnectError as error:
            raise InputError(E.PX118, detail=_first_line(error)) from None
        except httpx.HTTPError as error:
            raise InputError(E.PX119, detail=f"{type(error).__name__}: {_first_line(error)}") from None
        except (httpx.InvalidURL, UnicodeError, ValueError) as error:  # a host IDNA cannot encode
            raise InputError(invalid_url(_first_line(error))) from None

    def close(self) -> None:
        self.client.close()

    def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.config.max_item_bytes
        too_large = InputError(
            f"page larger than {cap:,} bytes: save the article's text and give the file "
            "(limit: ingest.max_item_bytes)"
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_large
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > cap:
                raise too_large
        return bytes(body)

    def _check_host(self, request: httpx.Request) -> None:
        # Runs for every request, redirects included, so a public page cannot bounce to a private one.
        refuse_private(request.url.host)


def refuse_private(host: str) -> None:
    """Raise ``InputError`` if ``host`` resolves to a private, loopback, link-local or reserved address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return  # unresolvable: the request itself reports it as unreachable
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            raise InputError(E.PX120, host=host, address=address)


def url_scheme(item: str) -> str | None:
    """The scheme of ``item`` if it is written as a URL (``scheme://…``), else None."""
    if "://" not in item:
        return None
    scheme = urlsplit(item).scheme.lower()
    return scheme or None


def url_stem(url: str) -> str:
    """A readable id for a URL: the last path segment without extension, else the host."""
    parts = urlsplit(url)
    segment = parts.path.rstrip("/").rsplit("/", 1)[-1]
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    return stem or parts.hostname or "url"


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
