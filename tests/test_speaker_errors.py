"""The speaker error classes (``benchmarks/speaker_errors.error_class``) on made-up attributions."""

from __future__ import annotations

from typing import Any

from benchmarks.eval_quotes import Prediction
from benchmarks.speaker_errors import error_class

TEXT = "The senator said he would vote no, and the bill seems doomed."


def _span(part: str) -> dict[str, Any]:
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _gold(cue: str, source: str | None) -> dict[str, Any]:
    kind = "Attribution" if source else "Attribution-no-source"
    return {"cue": _span(cue), "source": _span(source) if source else None, "type": kind}


def _pred(cue: str, speaker: str | None) -> Prediction:
    c = _span(cue)
    s = _span(speaker) if speaker else None
    return Prediction(0, 1, (s["start"], s["end"]) if s else None, (c["start"], c["end"]), None)


def test_each_wrong_speaker_falls_in_its_class() -> None:
    assert error_class(_gold("seems", None), _pred("seems", "the bill"), ("bill", "NOUN")) == "no-source gold"
    assert error_class(_gold("said", "The senator"), _pred("seems", "the bill"), None) == "other cue"
    assert error_class(_gold("said", "The senator"), _pred("said", None), None) == "no speaker"
    assert error_class(_gold("said", "The senator"), _pred("said", "he"), ("he", "PRON")) == "pronoun he"
    assert (
        error_class(_gold("said", "The senator"), _pred("said", "the bill"), ("bill", "NOUN")) == "noun head"
    )
