"""Shared fixtures: paths to the bundled example story and to the shared evaluation data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "khamenei-kadhimi-2020"


def shared_dir() -> Path:
    """`../shared` beside the repository (CI puts it there)."""
    return ROOT.parent / "shared"


def data_dir() -> Path:
    return Path(os.environ.get("PARALLAX_DATA", shared_dir() / "data"))


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return sorted(EXAMPLE.glob("*.txt"))
