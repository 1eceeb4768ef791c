"""parallax: how one news story is told by many outlets.

The library API is ``analyze`` (inputs -> ``Report``) and ``extract`` (inputs -> cleaned
articles); the CLI and the web app are thin shells over it.
"""

from parallax.config import Config
from parallax.models import Article, Report
from parallax.pipeline import analyze, analyze_articles, extract
from parallax.version import __version__

__all__ = ["Article", "Config", "Report", "__version__", "analyze", "analyze_articles", "extract"]
