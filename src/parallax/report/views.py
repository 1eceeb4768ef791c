"""What both readable reports show, computed once from a ``Report``: labels, lookups, tables.

The Markdown and HTML renderers only lay these out; neither decides what a section contains.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from parallax.models import Fact, Report

STATUS_ORDER = {"consensus": 0, "majority": 1, "minority": 2, "unique": 3, "disputed": 0}
# Attribution verbs that carry no judgement of the speaker; the others are highlighted.
NEUTRAL_VERBS = {"said", "says", "say", "told", "tells", "added", "adding", "stated", "according to"}


@dataclass
class TermRow:
    referent: str
    cells: dict[str, list[tuple[str, int]]]


@dataclass
class TitleRow:
    entity: str
    cells: dict[str, list[str]]


@dataclass
class Views:
    """Lookups and per-section tables shared by the renderers."""

    report: Report
    labels: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)
    fact_text: dict[str, str] = field(default_factory=dict)
    sentence_text: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.report.articles]

    def label(self, article: str) -> str:
        return self.labels.get(article, article)

    def short(self, article: str) -> str:
        """The label cut for a column header or chip (ids without an outlet can be long)."""
        label = self.label(article)
        return label if len(label) <= 18 else label[:14] + "…"

    def entity(self, ident: str | None) -> str:
        if ident is None:
            return "unknown speaker"
        return self.entity_names.get(ident, ident)

    def facts(self) -> list[Fact]:
        """Facts in reading order: the most widely reported first."""
        return sorted(
            self.report.facts,
            key=lambda f: (STATUS_ORDER.get(f.status, 9), -len({s.article for s in f.support})),
        )

    def fact_cells(self, fact: Fact) -> dict[str, str]:
        """For each article, the sentence supporting the fact ('' where it is not reported)."""
        cells = dict.fromkeys(self.article_ids, "")
        for support in fact.support:
            if support.article in cells and not cells[support.article]:
                cells[support.article] = support.text
        return cells

    def term_rows(self) -> list[TermRow]:
        rows = []
        for term in self.report.framing.terms:
            cells: dict[str, list[tuple[str, int]]] = defaultdict(list)
            for choice in term.choices:
                cells[choice.article].append((choice.term, choice.count))
            rows.append(TermRow(term.referent, dict(cells)))
        return rows

    def title_rows(self) -> list[TitleRow]:
        by_entity: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for title in self.report.framing.titles:
            by_entity[title.entity][title.article].append(title.title)
        rows = [TitleRow(self.entity(e), {a: t for a, t in cells.items()}) for e, cells in by_entity.items()]
        rows.sort(key=lambda r: -len(r.cells))
        return rows

    def verbs(self) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for use in self.report.framing.attribution_verbs:
            out[use.article].append((use.verb, use.count))
        return dict(out)

    def loaded(self) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for use in self.report.framing.loaded_words:
            out[use.article].append((use.word, use.count))
        return dict(out)

    def distinct_terms(self, row: TermRow) -> set[str]:
        """Terms only one article uses for the referent: the choices worth a reader's eye."""
        users = Counter(t for cell in row.cells.values() for t, _ in cell)
        return {t for t, n in users.items() if n == 1}


def build_views(report: Report) -> Views:
    """The lookups both renderers need."""
    views = Views(report)
    views.labels = {a.id: a.label for a in report.articles}
    # Several articles of one outlet keep apart by id.
    counts = Counter(views.labels.values())
    for article in report.articles:
        if counts[views.labels[article.id]] > 1:
            views.labels[article.id] = f"{views.labels[article.id]} ({article.id})"
    views.numbers = {a.id: i for i, a in enumerate(report.articles, 1)}
    views.entity_names = {e.id: e.name for e in report.entities}
    views.fact_text = {f.id: f.text for f in report.facts}
    views.sentence_text = {(a.id, s.id): s.text for a in report.articles for s in a.sentences}
    return views


def word_diff(text: str, reference: str) -> list[tuple[str, bool]]:
    """``text`` as (piece, changed) pairs: the words that differ from ``reference`` are marked."""
    words, base = text.split(), reference.split()
    matcher = difflib.SequenceMatcher(
        a=[w.lower() for w in base], b=[w.lower() for w in words], autojunk=False
    )
    pieces: list[tuple[str, bool]] = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            pieces.append((" ".join(words[j1:j2]), tag != "equal"))
    return pieces
