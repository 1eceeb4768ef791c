"""Disagreement per story and divergence per outlet, from reports."""

from __future__ import annotations

from parallax.interpret.disagreement import combine, disagreement_score, outlet_divergence
from parallax.models import (
    Article,
    ClaimRef,
    Contradiction,
    Fact,
    Generator,
    Outlet,
    OutletView,
    Report,
    Story,
    Support,
)


def _report(contradicted: bool) -> Report:
    articles = [
        Article(id=i, source=i, outlet=Outlet(name=o), body="x") for i, o in (("a", "North"), ("b", "South"))
    ]
    articles.append(Article(id="c", source="c", body="x"))  # no outlet: not followed across stories
    facts = [
        Fact(id="f1", text="both", status="consensus", support=[
            Support(article=a, sentence="s1", text="t", similarity=1.0) for a in ("a", "b")
        ]),
        Fact(id="f2", text="only north", status="unique", support=[
            Support(article="a", sentence="s2", text="t", similarity=1.0)
        ]),
    ]  # fmt: skip
    contradictions = (
        [
            Contradiction(
                id="c1",
                kind="number",
                explanation="two tolls",
                claims=[
                    ClaimRef(article="a", sentence="s1", text="3"),
                    ClaimRef(article="c", sentence="s1", text="5"),
                ],
            )
        ]
        if contradicted
        else []
    )
    views = [OutletView(article="b", missing_consensus_facts=["f9"]), OutletView(article="a")]
    return Report(
        generator=Generator(version="t"),
        story=Story(),
        articles=articles,
        facts=facts,
        contradictions=contradictions,
        per_outlet=views,
    )


def test_one_story() -> None:
    rows = {r.outlet: r for r in outlet_divergence(_report(True))}
    assert set(rows) == {"North", "South"}
    assert (rows["North"].unique, rows["North"].contradictions, rows["North"].facts) == (1, 1, 2)
    assert (rows["South"].unique, rows["South"].omitted, rows["South"].contradictions) == (0, 1, 0)
    assert disagreement_score(_report(True)) == 1 and disagreement_score(_report(False)) == 0


def test_disputed_facts_count_with_contradictions() -> None:
    report = _report(True)
    disputed = report.facts[0].model_copy(update={"status": "disputed"})
    assert disagreement_score(report.model_copy(update={"facts": [disputed]})) == 2


def test_across_stories() -> None:
    calm = _report(False).model_copy(update={"facts": [], "per_outlet": []})
    rows = {r.outlet: r for r in combine([outlet_divergence(_report(True)), outlet_divergence(calm)])}
    assert rows["North"].stories == 2 and rows["North"].diverging_stories == 1
    assert rows["South"].omitted == 1 and rows["South"].diverging_stories == 1
