"""The quote-type error buckets (``benchmarks/quote_errors.buckets``) on a made-up article."""

from __future__ import annotations

from typing import Any

from benchmarks.eval_quotes import Prediction
from benchmarks.quote_errors import buckets

TEXT = (
    "The senator said the bill would pass before the summer recess. "
    "Voters believe the economy is weak. "
    "The mayor told reporters that the budget was balanced."
)


def _span(part: str) -> dict[str, Any]:
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _gold(cue: str, content: str) -> dict[str, Any]:
    return {"cue": _span(cue), "content": _span(content), "source": None, "type": "Attribution"}


ARTICLE = {
    "text": TEXT,
    "attributions": [
        _gold("said", "the bill would pass before the summer recess"),
        _gold("believe", "the economy is weak"),
        _gold("told", "the budget was balanced"),
    ],
}
QUOTE_TYPE = [[True, False, True]]


def _pred(content: str, cue: str, kind: str = "indirect") -> Prediction:
    c, q = _span(content), _span(cue)
    return Prediction(c["start"], c["end"], None, (q["start"], q["end"]), None, kind)


def test_hits_set_asides_boundary_misses_and_false_positives_are_told_apart() -> None:
    preds = [
        _pred("the bill would pass before the summer recess", "said"),  # hit
        _pred("the economy is weak", "believe"),  # a non-quote gold shown as a quote: set aside
        _pred("reporters", "told"),  # the gold's cue, another content: boundary miss + false positive
    ]
    counts, cases = buckets([ARTICLE], [preds], QUOTE_TYPE)
    assert counts["hit"] == 1
    assert counts["set aside"] == 1
    assert counts["miss: boundary"] == 1
    assert counts["false positive, gold cue: indirect"] == 1
    assert cases["miss: boundary"] == ["[told] the budget was balanced"]


def test_a_quote_kept_as_attribution_is_its_own_miss() -> None:
    preds = [
        _pred("the bill would pass before the summer recess", "said", kind="attribution"),
        _pred("the budget was balanced", "told"),
    ]
    counts, _ = buckets([ARTICLE], [preds], QUOTE_TYPE)
    assert counts["miss: shown as attribution"] == 1
    assert counts["hit"] == 1
    assert not any(bucket.startswith("false positive") for bucket in counts)
