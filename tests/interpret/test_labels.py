"""Reader labels: an outlet's name, else "Article N" — never an id."""

from __future__ import annotations

from parallax.interpret.labels import reader_labels
from parallax.models import Article, Outlet


def article(ident: str, outlet: str | None) -> Article:
    return Article(id=ident, source=f"{ident}.txt", outlet=Outlet(name=outlet), body="Text.")


def test_outlet_names_numbers_for_the_unnamed_and_for_repeats() -> None:
    articles = [
        article("000_55ec7aaa", "Harbour Gazette"),
        article("001_62f178a4", None),
        article("record-3", "Wire"),
        article("x9", "Wire"),
    ]
    assert reader_labels(articles) == {
        "000_55ec7aaa": "Harbour Gazette",
        "001_62f178a4": "Article 2",
        "record-3": "Wire (3)",
        "x9": "Wire (4)",
    }
