"""No rule, lexicon or template names the example story: parallax must work on stories it has never seen.

Covers every file under ``src/parallax`` (code, ``data/``, templates). The cleaning rules keep a
stricter list (tests/clean/test_generic.py: no place or phrase of the story either); here the
story's people, outlet and cities are forbidden. Its countries ("Iran", "Iraq") are left out of
this list: they appear in docstrings as examples of generic patterns ("X, Iran's president"),
never as a term a rule matches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

SOURCE = ROOT / "src" / "parallax"
# Learned weights are not rules people wrote: a model trained on other news (its meta names the
# data) has open-vocabulary word features, e.g. the attribution model's "last_word=<any word>",
# which may name any place its training articles named. They are checked apart, below.
LEARNED = sorted(p for p in (SOURCE / "data").glob("*.json") if p.with_suffix(".meta.json").is_file())
FILES = sorted(
    p
    for p in SOURCE.rglob("*")
    if p.is_file() and p.suffix not in {".pyc", ".png", ".ico"} and p not in LEARNED
)
SEED_NAMES = [
    "khamenei", "kadhimi", "soleimani", "rouhani", "qassem", "qasem", "muhandis", "nimr", "mostafa",
    "al-monitor", "tehran", "baghdad", "quds",
]  # fmt: skip
PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in SEED_NAMES) + r")\b", re.IGNORECASE)


def test_the_guard_covers_code_and_data() -> None:
    names = {p.relative_to(SOURCE).as_posix() for p in FILES}
    assert {"cli.py", "data/titles.json", "data/framing.json", "data/debris.toml"} <= names


def test_learned_weights_come_from_other_data_than_the_example() -> None:
    assert [p.name for p in LEARNED] == ["attribution_model.json"]
    for path in LEARNED:
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        assert meta["trained_on"].startswith("polnear_train"), path.name
        # its hand-written meta (command, data, metrics) names no part of the example either
        assert PATTERN.findall(json.dumps(meta)) == []


def test_the_seed_names_are_in_the_example_story() -> None:
    # positive control: the pattern finds what it guards against in the texts it comes from
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt")))
    found = {m.lower() for m in PATTERN.findall(text)}
    assert {"khamenei", "kadhimi", "soleimani", "tehran", "baghdad"} <= found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(SOURCE).as_posix())
def test_no_seed_name_in_the_package(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert sorted({m.lower() for m in PATTERN.findall(text)}) == []
