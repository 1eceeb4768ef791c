"""The Markdown report: readable in a terminal or on a git host.

Article text is untrusted: every piece of it is escaped so that it can neither break a table
nor smuggle HTML or links into a page that renders the Markdown.
"""

from __future__ import annotations

import re

from parallax.models import ClaimRef, Report, SentenceRef
from parallax.report.views import NEUTRAL_VERBS, ClaimItem, Views, build_views, kind_label, source_notes

_SPECIAL = re.compile(r"([\\`*\[\]<>|#!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")


def esc(text: str | None) -> str:
    """One line of untrusted text made inert in Markdown (and in tables)."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _cite(refs: list[SentenceRef] | list[ClaimRef], numbers: dict[str, int]) -> str:
    """Citations as [n:sentence], n being the article's row in the table of articles."""
    return " ".join(f"[{numbers.get(r.article, '?')}:{esc(r.sentence)}]" for r in refs)


def _claim_cite(claim: ClaimItem, views: Views) -> str:
    return _cite([SentenceRef(article=claim.article, sentence=claim.sentence)], views.numbers)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _summary(views: Views) -> list[str]:
    report = views.report
    lines = ["## Summary", ""]
    if not report.summary:
        return [*lines, "_No summary: no sentence could be cited._", ""]
    lines += [f"- {esc(s.text)} {_cite(s.citations, views.numbers)}" for s in report.summary]
    return [*lines, ""]


def _facts(views: Views) -> list[str]:
    lines = ["## What each outlet reports", ""]
    facts = views.facts()
    if not facts:
        return [*lines, "_No facts were aligned across the articles._", ""]
    header = ["fact", "status", *(esc(views.label(a)) for a in views.article_ids)]
    rows = []
    for fact in facts:
        cells = views.fact_cells(fact)
        rows.append([esc(fact.text), fact.status, *("✓" if cells[a] else "" for a in views.article_ids)])
    return [*lines, *_table(header, rows)]


def _utterances(views: Views) -> list[str]:
    report = views.report
    lines = ["## Who said what, as each outlet worded it", ""]
    if not report.utterances:
        return [*lines, "_No utterance was reported by more than one article._", ""]
    for utterance in report.utterances:
        lines.append(f"### {esc(views.entity(utterance.speaker))} — {utterance.agreement}")
        lines.append("")
        lines += [f"- **{esc(views.label(v.article))}**: “{esc(v.text)}”" for v in utterance.variants]
        lines.append("")
    return lines


def _contradictions(views: Views) -> list[str]:
    report = views.report
    lines = ["## Where the accounts conflict", ""]
    if not report.contradictions:
        return [*lines, "_No contradiction was found._", ""]
    for item in report.contradictions:
        lines.append(f"- **{item.kind}**: {esc(item.explanation)}")
        lines += [
            f"  - {esc(views.label(c.article))}: “{esc(c.text)}” {_cite([c], views.numbers)}"
            for c in item.claims
        ]
    return [*lines, ""]


def _framing(views: Views) -> list[str]:
    report = views.report
    lines = ["## Framing", ""]
    ids = views.article_ids
    header = ["", *(esc(views.label(a)) for a in ids)]
    term_rows = views.term_rows()
    if term_rows:
        lines += ["### How each outlet names what happened", ""]
        rows = []
        for row in term_rows:
            cells = [", ".join(f"{esc(t)} ×{n}" for t, n in row.cells.get(a, [])) for a in ids]
            rows.append([esc(row.referent), *cells])
        lines += _table(header, rows)
    title_rows = views.title_rows()
    if title_rows:
        lines += ["### Titles and epithets", ""]
        rows = [
            [esc(r.entity), *("; ".join(esc(t) for t in r.cells.get(a, [])) for a in ids)] for r in title_rows
        ]
        lines += _table(header, rows)
    verbs = views.verbs()
    if verbs:
        lines += ["### Attribution verbs", ""]
        rows = []
        for a in ids:
            chips = [
                f"**{esc(v)}** ×{n}" if v not in NEUTRAL_VERBS else f"{esc(v)} ×{n}"
                for v, n in verbs.get(a, [])
            ]
            rows.append([esc(views.label(a)), ", ".join(chips)])
        lines += _table(["article", "verbs (judging verbs in bold)"], rows)
    loaded = views.loaded()
    if loaded:
        lines += ["### Loaded and evaluative words", ""]
        rows = [[esc(views.label(a)), ", ".join(f"{esc(w)} ×{n}" for w, n in loaded.get(a, []))] for a in ids]
        lines += _table(["article", "words"], rows)
    if report.framing.context:
        lines += ["### Background only one outlet adds", ""]
        for item in report.framing.context:
            claim = views.claim(item.fact, item.article)
            if claim is not None:
                label = esc(views.label(item.article))
                lines.append(f"- **{label}**: {esc(claim.text)} {_claim_cite(claim, views)}")
        lines.append("")
    if len(lines) == 2:
        lines += ["_No framing differences were found._", ""]
    return lines


def _timeline(views: Views) -> list[str]:
    lines = ["## Timeline", ""]
    if not views.report.timeline:
        return [*lines, "_No dated event was found._", ""]
    rows = [[e.date, esc(e.text), _cite(e.support, views.numbers)] for e in views.report.timeline]
    return [*lines, *_table(["date", "event", "sources"], rows)]


def _outlets(views: Views) -> list[str]:
    report = views.report
    lines = ["## What each outlet adds and leaves out", ""]
    if not report.per_outlet:
        return [*lines, "_Needs aligned facts._", ""]
    for view in report.per_outlet:
        lines.append(f"### {esc(views.label(view.article))}")
        lines.append("")
        unique = views.claims(view.unique_facts, view.article)
        missing = views.claims(view.missing_consensus_facts)
        lines += [f"- only here: {esc(c.text)} {_claim_cite(c, views)}" for c in unique]
        lines += [f"- leaves out: {esc(c.text)} {_claim_cite(c, views)}" for c in missing]
        if not view.unique_facts and not view.missing_consensus_facts:
            lines.append("- nothing unique, nothing left out")
        lines.append("")
    return lines


def _story_groups(views: Views) -> list[str]:
    """The warning shown first when the articles tell several unrelated stories."""
    groups = views.report.story_groups
    if not groups:
        return []
    lines = [
        f"> **Warning: these articles tell {len(groups)} different stories.** "
        "Their facts are not one story's; analyse each group on its own.",
        ">",
    ]
    for number, group in enumerate(groups, 1):
        names = ", ".join(esc(views.label(a)) for a in group.articles)
        about = f" — {esc(group.title)}" if group.title else ""
        lines.append(f"> - story {number}{about}: {names}")
    return [*lines, ""]


def _reliance(views: Views) -> list[str]:
    """Sources each outlet relies on: kinds with their share of attributed sentences, then names."""
    sources = views.report.sources
    lines = ["## Sources each outlet relies on", ""]
    if not sources:
        return [*lines, "_No source was found._", ""]
    lines += [f"- {esc(note)}" for note in source_notes(views)]
    lines.append("")
    rows = []
    for entry in sources:
        kinds = ", ".join(f"{kind_label(k.kind)} {k.share:.0%}" for k in entry.kinds) or "none"
        names = "; ".join(f"{esc(u.name)} ({kind_label(u.kind)}, ×{len(u.sentences)})" for u in entry.sources)
        attributed = f"{entry.attributed_sentences} of {entry.sentences}"
        rows.append([esc(views.label(entry.article)), attributed, kinds, names])
    lines += _table(["article", "attributed sentences", "kinds of source", "sources"], rows)
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, facts, quotes, conflicts, framing, timeline, outlets."""
    views = build_views(report)
    story = report.story
    lines = [f"# {esc(story.title) or 'Story'}", ""]
    dates = " to ".join(str(d) for d in dict.fromkeys([story.first_published, story.last_published]) if d)
    meta = f"{story.article_count} articles" + (f", {dates}" if dates else "")
    lines += [f"_{meta}. Citations are [article #:sentence id]._", ""]
    rows = [
        [str(views.numbers[a.id]), esc(views.label(a.id)), esc(a.title), str(a.published or "unknown")]
        for a in report.articles
    ]
    lines += _table(["#", "outlet", "title", "published"], rows)
    lines += _story_groups(views)
    lines += _summary(views)
    lines += _facts(views)
    lines += _utterances(views)
    lines += _contradictions(views)
    lines += _framing(views)
    lines += _timeline(views)
    lines += _outlets(views)
    lines += _reliance(views)
    if report.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {esc(s.source)}: {esc(s.reason)}" for s in report.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
