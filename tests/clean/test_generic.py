"""The cleaning rules stay generic: no name, outlet, place or phrase of the example story in them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = [
    *sorted((ROOT / "src" / "parallax" / "clean").glob("*.py")),
    ROOT / "src/parallax/data/debris.toml",
]
SEED_WORDS = [
    "khamenei", "kadhimi", "soleimani", "al-monitor", "monitor", "tehran", "iran", "iraq", "baghdad",
    "google news", "coronavirus", "rouhani", "middle east", "imam", "ayatollah",
]  # fmt: skip


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_no_seed_word_in_the_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    assert [w for w in SEED_WORDS if w in text] == []
