"""Shared pieces of the evaluation and benchmark runners."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.models import RawArticle

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def data_dir() -> Path:
    """The shared evaluation data: ``$PARALLAX_DATA`` or ``../shared/data`` beside the repository."""
    return Path(os.environ.get("PARALLAX_DATA", ROOT.parent / "shared" / "data"))


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def basil_raws(event: dict[str, Any], dated: bool = True) -> list[RawArticle]:
    """One BASIL event's articles as the pipeline reads them: id and outlet from BASIL's outlet
    (fox/nyt/hpo), with the publication date when ``dated``."""
    from datetime import date

    from parallax.models import RawArticle

    return [
        RawArticle(
            id=a["outlet"],
            source=f"basil:{event['event_id']}:{a['outlet']}",
            text=a["text"],
            title=a["title"],
            outlet=a["outlet"],
            published=date.fromisoformat(a["date"]) if dated and a.get("date") else None,
        )
        for a in event["articles"]
    ]


@dataclass
class Row:
    """One line of the evaluation table: a system's scores on one task."""

    task: str
    system: str
    metrics: dict[str, float]
    baseline: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Held-out split: ``metrics`` is then the headline, the half of the dev data the thresholds
    # were not tuned on, and ``tuned`` the same scores on the half they were tuned on; ``split``
    # says how the data was cut (by event or topic).
    tuned: dict[str, float] | None = None
    split: str = ""


@dataclass
class BenchRow:
    """One line of the benchmark table: a measurement and its ratio to a baseline run in the same process."""

    task: str
    metric: str
    value: float
    unit: str
    baseline_value: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_value:
            return None
        return self.value / self.baseline_value
