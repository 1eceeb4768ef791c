"""Disagreement: how disputed one story is, and how often each outlet diverges from the others.

Per story: its contradictions and its disputed facts (status ``disputed`` where the alignment
marks it). Per outlet, summed over stored stories: the claims only it reports (unique facts),
the facts most others report that it leaves out (omissions) and the contradictions it is party
to, with the stories in which it did any of the three.
"""

from __future__ import annotations

from collections.abc import Iterable

from parallax.models import OutletDivergence, Report


def disputed_facts(report: Report) -> int:
    return sum(1 for fact in report.facts if str(fact.status) == "disputed")


def disagreement_score(report: Report) -> int:
    """What a fact-checker sorts by: contradictions plus disputed facts."""
    return len(report.contradictions) + disputed_facts(report)


def outlet_divergence(report: Report) -> list[OutletDivergence]:
    """Each named outlet's divergence within one story (articles without an outlet are left out:
    they cannot be followed across stories)."""
    outlet_of = {a.id: a.outlet.name for a in report.articles if a.outlet.name}
    rows: dict[str, OutletDivergence] = {}
    for name in outlet_of.values():
        rows.setdefault(name, OutletDivergence(outlet=name, stories=1))
    for fact in report.facts:
        supporters = {outlet_of[s.article] for s in fact.support if s.article in outlet_of}
        for name in supporters:
            rows[name].facts += 1
            if fact.status == "unique" and len(supporters) == 1:
                rows[name].unique += 1
    for view in report.per_outlet:
        if view.article in outlet_of:
            rows[outlet_of[view.article]].omitted += len(view.missing_consensus_facts)
    for contradiction in report.contradictions:
        for name in {outlet_of[c.article] for c in contradiction.claims if c.article in outlet_of}:
            rows[name].contradictions += 1
    for row in rows.values():
        row.diverging_stories = int(bool(row.unique or row.omitted or row.contradictions))
    return sorted(rows.values(), key=lambda r: r.outlet.lower())


def combine(per_story: Iterable[Iterable[OutletDivergence]]) -> list[OutletDivergence]:
    """Per-outlet divergence summed over stories, the most often diverging outlet first."""
    totals: dict[str, OutletDivergence] = {}
    for rows in per_story:
        for row in rows:
            total = totals.setdefault(row.outlet, OutletDivergence(outlet=row.outlet))
            for field in ("stories", "facts", "unique", "omitted", "contradictions", "diverging_stories"):
                setattr(total, field, getattr(total, field) + getattr(row, field))
    return sorted(
        totals.values(),
        key=lambda r: (-(r.diverging_stories / r.stories if r.stories else 0), -r.stories, r.outlet.lower()),
    )
