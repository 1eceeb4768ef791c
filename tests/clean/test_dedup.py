"""The in-batch copy finder gives the same answer on every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from parallax.clean.dedup import Deduplicator

ROOT = Path(__file__).resolve().parents[2]
_SIGNATURE = (
    "from parallax.clean.dedup import _minhash; "
    "print(list(_minhash('The minister met the delegation in the capital on Tuesday.').hashvalues))"
)


def _signature_with_hash_seed(seed: str) -> str:
    env = os.environ | {"PYTHONHASHSEED": seed, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        [sys.executable, "-c", _SIGNATURE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_signature_does_not_depend_on_the_process_hash_seed() -> None:
    assert _signature_with_hash_seed("1") == _signature_with_hash_seed("2")


def test_a_copy_with_one_word_changed_is_found_and_a_different_text_is_not() -> None:
    body = " ".join(f"Sentence {i} tells what the committee decided about item {i}." for i in range(30))
    dedup = Deduplicator(0.8)
    assert dedup.check("a", body) is None
    assert dedup.check("b", body.replace("committee", "board", 1)) == "duplicate of a"
    assert dedup.check("c", "An unrelated report about weather in the mountains and the rivers.") is None
