from __future__ import annotations

from parallax.interpret.outlets import per_outlet
from parallax.models import Article, Fact, Support


def _fact(fid: str, status: str, *articles: str) -> Fact:
    return Fact(
        id=fid,
        text=fid,
        status=status,  # type: ignore[arg-type]
        support=[Support(article=a, sentence="s1", text=fid, similarity=1.0) for a in articles],
    )


def test_unique_facts_and_left_out_majority_facts_per_article() -> None:
    articles = [Article(id=i, source=i, body="x") for i in ("a", "b", "c")]
    facts = [
        _fact("f1", "consensus", "a", "b", "c"),
        _fact("f2", "majority", "a", "b"),
        _fact("f3", "minority", "b"),
        _fact("f4", "unique", "c"),
        _fact("f5", "unique", "a"),
    ]
    views = {v.article: v for v in per_outlet(facts, articles)}
    assert views["a"].unique_facts == ["f5"]
    assert views["c"].unique_facts == ["f4"]
    assert views["b"].unique_facts == []
    assert views["c"].missing_consensus_facts == ["f2"]
    assert views["a"].missing_consensus_facts == [] == views["b"].missing_consensus_facts
    assert [v.article for v in per_outlet(facts, articles)] == ["a", "b", "c"]
