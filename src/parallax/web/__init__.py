"""The web application (``parallax serve``): pages and a JSON API over the library."""

from __future__ import annotations

from parallax.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
