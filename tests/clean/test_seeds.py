"""The five seed articles: every piece of scraping debris gone and recorded, no sentence lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.clean import clean_articles
from parallax.models import Article, RawArticle

# Per seed: (debris text, reason) that must leave the body and appear in ``removed``.
DEBRIS = {
    "000": [
        ("Accessibility links", "navigation"),
        ("Breaking News", "navigation"),
        (
            "Mostafa Al-Kadhimi meet Supreme Leader of the Islamic Republic of Iran Ayatollah Ali Khamenei. "
            "July 21, 2020",
            "caption",
        ),
    ],
    "001": [("Like this story? Share it with a friend!", "share-prompt")],
    "002": [
        ("Published: Updated:", "dateline"),
        (
            "For all the latest headlines follow our Google News channel online or via the app.",
            "share-prompt",
        ),
        ("Visit our dedicated coronavirus site here for all the latest updates.", "share-prompt"),
        ("Read more:", "related-links"),
        ("Iraq’s PM Kadhimi visits Tehran, to meet Supreme Leader", "related-links"),
        ("Iraq's Kadhimi set for official visits to Saudi Arabia, Iran and US", "related-links"),
        ("Saudi Arabia orders the return of its ambassador to Iraq as soon as possible", "related-links"),
    ],
    "003": [
        ("Tuesday , 7 May 2024", "scrape-artifact"),
        ("0", "scrape-artifact"),
        ("Al-Monitor –", "outlet-prefix"),
    ],
    "004": [("IranMiddle East", "navigation"), ("Back to top button", "navigation")],
}

# Sentences of each article that must survive, first and last among them.
SENTENCES = {
    "000": [
        "In his first public meeting since the onset of the coronavirus crisis in "
        "February, Iran's Supreme Leader",
        'He said: "We will definitely strike back at the U.S. in response to the '
        'assassination of our general."',
        '"The Islamic Republic of Iran will never forget the martyrdom of Hajj Qassem Soleimani',
        "but some hardliner Iranian sources insist that he had played a part in developments that led to "
        "Soleimani's targeted killing.",
    ],
    "001": [
        "Iranian leader Ayatollah Ali Khamenei warned that the US will see further retaliation",
        "The Islamic Republic of Iran will never forget this and will definitely strike "
        "a blow to the Americans.",
        "Washington has vowed to invoke a “snapback” measure in the 2015 deal to "
        "reimpose all UN sanctions on Iran, "
        "despite unilaterally abrogating it in 2018.",
    ],
    "002": [
        "Iran will never forget the US killing of its top general Qassem Soleimani, "
        "Supreme Leader Ayatollah Ali "
        "Khamenei said on Tuesday, vowing to retaliate against the US.",
        "Khamenei met with Iraqi Prime Minister Mustafa al-Kadhimi who arrived in Tehran on Tuesday",
        "Iran retaliated days later by launching a ballistic missile strike",
        "The US does not want an independent and strong Iraq, Khamenei claimed.",
        "but in no way should we be afraid of America because it cannot do anything,” Khamenei said.",
    ],
    "003": [
        "The contentious topic of the US military presence in Iraq was at the heart of a meeting",
        "According to political circles in Tehran, among other agenda topics",
        "His itinerary, however, had to be revised after the 86-year-old Saudi ruler, "
        "King Salman bin Abdul-Aziz "
        "Al Saud, was hospitalized for medical treatment.",
    ],
    "004": [
        "Leader of the Islamic Ummah and Oppressed Imam Ayatollah Sayyed Ali Khamenei "
        "said that Iran will never "
        "forget the martyrdom",
        "“Iran is certainly against anything that weakens Iraq.",
        "Heading a high-ranking delegation, Iraqi Prime Minister Mustafa Al-Kadhimi "
        "arrived in the Iranian capital "
        "Tehran on Tuesday noon to hold talks with senior Iranian officials.",
    ],
}

TITLES = {
    "000": "Khamenei Tells Iraqi PM: 'We Will Strike Back At US' For Soleimani's 'Assassination'",
    "001": None,
    "002": "Iran will never forget the US killing of slain general Qassem Soleimani: Khamenei",
    "003": "Iran’s Khamenei pushes Iraq on ousting US forces",
    "004": (
        "Iran will Certainly Deal a Blow Similar to Martyr Soleimani Assassination to the Americans: Leader"
    ),
}


@pytest.fixture(scope="module")
def seeds(example_files: list[Path]) -> dict[str, Article]:
    raws = [RawArticle(id=p.stem, source=str(p), text=p.read_text(encoding="utf-8")) for p in example_files]
    articles, skipped = clean_articles(raws)
    assert skipped == []
    return {a.id[:3]: a for a in articles}


@pytest.mark.parametrize("seed", sorted(DEBRIS))
def test_debris_is_gone_and_recorded(seeds: dict[str, Article], seed: str) -> None:
    article = seeds[seed]
    paragraphs = article.body.split("\n")
    recorded = {(r.text, r.reason) for r in article.removed}
    for text, reason in DEBRIS[seed]:
        assert (text, reason) in recorded
        assert text not in paragraphs


def test_nothing_else_is_removed(seeds: dict[str, Article]) -> None:
    for seed, article in seeds.items():
        assert {r.text for r in article.removed} == {text for text, _ in DEBRIS[seed]}


@pytest.mark.parametrize("seed", sorted(SENTENCES))
def test_no_sentence_is_lost(seeds: dict[str, Article], seed: str) -> None:
    body = seeds[seed].body
    for sentence in SENTENCES[seed]:
        assert sentence in body
    assert body.startswith(SENTENCES[seed][0])
    assert body.endswith(SENTENCES[seed][-1])


def test_every_seed_paragraph_is_kept_removed_or_title(
    seeds: dict[str, Article], example_files: list[Path]
) -> None:
    """Nothing disappears silently: each source paragraph is in the body, the title or ``removed``."""
    for path in example_files:
        article = seeds[path.stem[:3]]
        accounted = (
            article.body + "\n" + (article.title or "") + "\n" + "\n".join(r.text for r in article.removed)
        )
        prefixes = [r.text for r in article.removed if r.reason == "outlet-prefix"]
        for line in path.read_text(encoding="utf-8").splitlines():
            words = " ".join(line.split())
            for prefix in prefixes:
                words = words.removeprefix(prefix).strip()
            assert words in " ".join(accounted.split())


@pytest.mark.parametrize("seed", sorted(TITLES))
def test_titles(seeds: dict[str, Article], seed: str) -> None:
    article = seeds[seed]
    assert article.title == TITLES[seed]
    if article.title:
        assert article.title not in article.body


def test_outlet_named_by_its_prefix(seeds: dict[str, Article]) -> None:
    assert seeds["003"].outlet.name == "Al-Monitor"
    assert seeds["003"].outlet.detected_by == "text"
    assert seeds["003"].body.startswith("The contentious topic")


def test_scrape_stamp_is_not_the_publication_date(seeds: dict[str, Article]) -> None:
    assert seeds["003"].published is None
    assert all(a.published is None or a.published.year == 2020 for a in seeds.values())


def test_language_is_english(seeds: dict[str, Article]) -> None:
    assert {a.language for a in seeds.values()} == {"en"}
