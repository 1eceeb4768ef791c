"""A real PostgreSQL 16 server (the `pgserver` wheel) for the store tests, started once per session."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    import pgserver

    folder = tempfile.mkdtemp(prefix="parallax-pg-")
    # pgserver refuses to run as root unless the data folder belongs to its `pgserver` user,
    # which it creates; a fresh temporary folder is the simplest way to satisfy both cases.
    server = pgserver.get_server(Path(folder), cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
