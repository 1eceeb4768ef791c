"""Issue 16 #11: an HTML page nested deeper than the parser reads says so instead of "no text"."""

from __future__ import annotations

from parallax.clean import clean_articles
from parallax.models import RawArticle

PROSE = "<p>The council met on Monday and said the bridge would reopen next week, officials added.</p>" * 5


def _page(depth: int) -> str:
    return (
        f"<html><head><title>T</title></head><body>{'<div>' * depth}{PROSE}{'</div>' * depth}</body></html>"
    )


def test_a_page_nested_too_deep_is_skipped_saying_why() -> None:
    articles, skipped = clean_articles(
        [
            RawArticle(id="deep", source="deep.html", html=_page(400)),
            RawArticle(id="ok", source="ok.html", html=_page(50)),
        ]
    )
    assert [a.id for a in articles] == ["ok"]
    assert (
        len(skipped) == 1 and "nested" in skipped[0].reason and "403 elements" in skipped[0].reason
    )  # html, body, p
