"""`parallax --help` loads no model: spaCy, onnxruntime, Dask and FastAPI wait for the commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("spacy", "onnxruntime", "dask", "distributed", "fastapi", "uvicorn", "trafilatura", "sklearn")

PROBE = """
import json, sys
sys.argv = ["parallax", *json.loads(sys.argv[1])]
from parallax import cli
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps([m for m in {heavy!r} if m in sys.modules]))
"""


def _loaded_after(args: list[str]) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = PROBE.replace("{heavy!r}", repr(HEAVY))
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, env=env, check=True
    )
    assert "Usage" in result.stdout, result.stdout + result.stderr  # the help was printed
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_help_loads_no_heavy_module() -> None:
    assert _loaded_after(["--help"]) == []


def test_command_help_loads_no_heavy_module() -> None:
    for command in ("analyze", "cluster", "serve"):
        assert _loaded_after([command, "--help"]) == [], command


def test_probe_sees_a_loaded_module() -> None:
    # positive control: the probe reports a heavy module once something imports it
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "import spacy\n" + PROBE.replace("{heavy!r}", repr(HEAVY))
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(["--help"])],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "spacy" in json.loads(result.stdout.strip().splitlines()[-1])


def test_library_names_still_importable() -> None:
    import parallax

    assert callable(parallax.analyze) and callable(parallax.extract)
    assert parallax.Config().annotate.spacy_model
