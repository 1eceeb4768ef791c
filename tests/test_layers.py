"""The packages of ``parallax`` import downward only.

The pipeline's stages run ingest → clean → annotate → align → interpret → report; the story record
is stored by ``store``, which ``corpus`` fills and ``web`` and ``cli`` read. A module may import its
own package and any lower layer, never a higher one: the store returns rows and JSON state and the
corpus rebuilds its clusterer and duplicate index from them; annotate runs before align, so the
name helpers both use live below both (``parallax.names``). Every import counts, including those
inside functions and under ``TYPE_CHECKING``, since each one ties the two packages together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "parallax"

# Lower rank first; a package may import only packages of a lower rank (and itself).
LAYERS: list[set[str]] = [
    {"version", "errors"},
    {"config"},
    {"models", "words"},
    {"names", "shingles", "isolation", "scale", "embed"},
    {"ingest"},
    {"clean"},
    {"annotate"},
    {"align"},
    {"interpret"},
    {"report"},
    {"story"},
    {"pipeline"},
    {"store"},
    {"corpus"},
    {"web"},
    {"cli", "__init__"},
    {"__main__"},
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}
# Known upward imports, each with the reason it is still there. Keep this list short.
ALLOWED = {
    # Contradictions resolve weekdays against publication dates with the timeline's date
    # resolver and name articles as the report does; both helpers still live in interpret.
    ("align", "interpret"),
}


def _unit(path: Path) -> str:
    """The package (or top-level module) a source file belongs to: ``align``, ``config``, ``cli``."""
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imported_units(path: Path) -> set[str]:
    units: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "parallax":  # from parallax import clean, ingest
                names = [f"parallax.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        units.update(name.split(".")[1] for name in names if name.startswith("parallax."))
    return units


def _upward_imports() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for path in sorted(SRC.rglob("*.py")):
        me = _unit(path)
        for other in _imported_units(path):
            if other != me and RANK[other] >= RANK[me]:
                found.add((me, other, str(path.relative_to(SRC))))
    return found


def test_every_package_has_a_layer() -> None:
    units = {_unit(p) for p in SRC.rglob("*.py")}
    assert units - set(RANK) == set(), "add the new package to LAYERS"


def test_imports_go_downward_only() -> None:
    upward = {(me, other, path) for me, other, path in _upward_imports() if (me, other) not in ALLOWED}
    assert upward == set()


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("store", "corpus"),
        ("store", "web"),
        ("store", "interpret"),
        ("annotate", "align"),
        ("annotate", "interpret"),
    ],
)
def test_named_pairs_stay_apart(low: str, high: str) -> None:
    assert not any(me == low and other == high for me, other, _ in _upward_imports())


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """Positive control: a store module importing the corpus is caught by ``_imported_units``."""
    module = tmp_path / "bad.py"
    module.write_text(
        "from parallax.corpus.clustering import StoryClusterer\n"
        "def f():\n    from parallax import web\n    import parallax.interpret.labels\n"
    )
    assert _imported_units(module) == {"corpus", "web", "interpret"}
