"""Every runtime dependency has a licence an MIT package can ship with (scripts/licences.py)."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("licences", ROOT / "scripts" / "licences.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["licences"] = module
    spec.loader.exec_module(module)
    return module


licences = _script()


def test_every_runtime_dependency_may_ship_with_an_mit_package() -> None:
    packages = licences.check()
    failures = [
        f"{p.name} {p.version}: {p.licence} ({p.verdict})" for p in packages if p.verdict.startswith("FAIL")
    ]
    assert failures == []


def test_the_closure_is_the_runtime_one() -> None:
    names = set(licences.runtime_closure())
    # direct and transitive runtime dependencies, with the extras pyproject names
    assert {"spacy", "onnxruntime", "numpy", "thinc", "distributed", "psycopg-binary"} <= names
    # dev tools are not shipped
    assert not {"pytest", "ruff", "mypy", "playwright"} & names


def test_exceptions_name_packages_that_are_there() -> None:
    exceptions = tomllib.loads((ROOT / "scripts" / "licences.toml").read_text(encoding="utf-8"))
    listed = set(exceptions.get("lgpl", {})) | set(exceptions.get("unknown", {}))
    assert listed <= set(licences.runtime_closure()), "stale entries in scripts/licences.toml"


@pytest.mark.parametrize(
    ("licence", "expected"),
    [
        ("MIT", "ok"),
        ("BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "ok"),
        ("MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later", "ok"),
        ("Apache-2.0 AND CNRI-Python", "ok"),
        ("LGPL-3.0-only", "lgpl"),
        ("GPL-3.0-or-later", "FAIL: GPL"),
        ("AGPL-3.0-only", "FAIL: GPL"),
        ("MIT AND GPL-2.0-only", "FAIL: GPL"),
        ("Proprietary", "FAIL: unknown licence"),
        ("", "FAIL: no licence in the metadata"),
    ],
)
def test_policy(licence: str, expected: str) -> None:
    assert licences.verdict(licence) == expected
