"""Issue 16 #5: the copy window is measured from the copy's own date, so exact copies are found
whatever order the articles arrive in."""

from __future__ import annotations

import random
from datetime import date, timedelta

from parallax.config import DEFAULT
from parallax.corpus.dedupe import DuplicateIndex
from parallax.corpus.features import extract
from parallax.models import Article

WORDS = "river council budget storm harbour minister vote school bridge market festival court".split()  # noqa: SIM905


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(80)) + "."


def _add(index: DuplicateIndex, key: str, body: str, day: date) -> str | None:
    features = extract(Article(id=key, source=key, body=body, published=day), DEFAULT.corpus)
    match = index.find(features.body_hash, features.minhash, features.published)
    index.add(key, features.body_hash, features.minhash, day, "s", match)
    return match.key if match else None


def test_exact_copies_arriving_out_of_date_order_are_all_found() -> None:
    rng = random.Random(5)
    index = DuplicateIndex(DEFAULT.corpus)
    originals = [(f"o{n}", _text(rng), date(2010, 1, 1) + timedelta(days=40 * n)) for n in range(50)]
    for key, body, day in originals:
        assert _add(index, key, body, day) is None
    # a much later article moves "the latest date seen" far ahead
    assert _add(index, "late", _text(rng), date(2019, 6, 1)) is None
    order = list(range(50))
    rng.shuffle(order)
    found = [_add(index, f"copy{n}", originals[n][1], originals[n][2] + timedelta(days=3)) for n in order]
    assert found == [originals[n][0] for n in order]


def test_a_text_reprinted_years_later_is_not_a_copy() -> None:
    rng = random.Random(6)
    index = DuplicateIndex(DEFAULT.corpus)
    body = _text(rng)
    assert _add(index, "a", body, date(2019, 1, 1)) is None
    assert _add(index, "b", body, date(2010, 1, 1)) is None  # nine years apart: a new telling
    assert _add(index, "c", body, date(2010, 1, 20)) == "b"  # its own window: a copy of b
