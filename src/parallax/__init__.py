"""parallax: how one news story is told by many outlets.

The library API is ``analyze`` (inputs -> ``Report``) and ``extract`` (inputs -> cleaned
articles); the CLI and the web app are thin shells over it.

Names are imported on first use (PEP 562), so ``import parallax.cli`` and ``parallax --help`` do
not load spaCy, the embedding model, Dask or FastAPI: only the commands that need them do.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from parallax.version import __version__

if TYPE_CHECKING:
    from parallax.config import Config
    from parallax.models import Article, Report
    from parallax.pipeline import analyze, analyze_articles, extract

_LAZY = {
    "Article": "parallax.models",
    "Config": "parallax.config",
    "Report": "parallax.models",
    "analyze": "parallax.pipeline",
    "analyze_articles": "parallax.pipeline",
    "extract": "parallax.pipeline",
}

__all__ = ["Article", "Config", "Report", "__version__", "analyze", "analyze_articles", "extract"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'parallax' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
