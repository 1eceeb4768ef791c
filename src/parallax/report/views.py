"""What both readable reports show, computed once from a ``Report``: labels, lookups, tables.

The Markdown and HTML renderers only lay these out; neither decides what a section contains.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from parallax.interpret.labels import fallback_label, reader_labels
from parallax.models import Fact, Report
from parallax.words import neutral_verb_forms

STATUS_ORDER = {"consensus": 0, "majority": 1, "minority": 2, "unique": 3, "disputed": 0}
# Attribution verbs that carry no judgement of the speaker, as written; the others are highlighted.
# The one list the framing view also uses (``data/speech_verbs.json``, ``neutral``).
NEUTRAL_VERBS = neutral_verb_forms()


@dataclass
class TermRow:
    referent: str
    cells: dict[str, list[tuple[str, int]]]


@dataclass
class TitleRow:
    entity: str
    cells: dict[str, list[str]]


@dataclass(frozen=True)
class ClaimItem:
    """A fact as a reader meets it in a list: its text and the sentence that states it."""

    text: str
    article: str
    sentence: str


@dataclass
class Views:
    """Lookups and per-section tables shared by the renderers."""

    report: Report
    labels: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)
    fact_text: dict[str, str] = field(default_factory=dict)
    facts_by_id: dict[str, Fact] = field(default_factory=dict)
    sentence_text: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.report.articles]

    def label(self, article: str) -> str:
        """The reader's name of an article (its outlet, else "Article N"), never its id."""
        return self.labels.get(article) or fallback_label(self.numbers.get(article, 0))

    def short(self, article: str) -> str:
        """The label cut for a column header or chip (ids without an outlet can be long)."""
        label = self.label(article)
        return label if len(label) <= 18 else label[:14] + "…"

    def claim(self, fact_id: str, article: str | None = None) -> ClaimItem | None:
        """What a fact id stands for: its text and its sentence in ``article`` (else where it is
        first reported); None for an unknown id, which is then left out rather than shown."""
        fact = self.facts_by_id.get(fact_id)
        if fact is None or not fact.support:
            return None
        support = next((s for s in fact.support if s.article == article), fact.support[0])
        return ClaimItem(text=fact.text, article=support.article, sentence=support.sentence)

    def claims(self, fact_ids: list[str], article: str | None = None) -> list[ClaimItem]:
        """The claims of several fact ids, unknown ids left out."""
        return [c for c in (self.claim(f, article) for f in fact_ids) if c is not None]

    @staticmethod
    def web_address(url: str | None) -> str | None:
        """A URL fit for a link: http(s) only, so a record's ``javascript:`` never becomes one."""
        if url and url.strip().lower().startswith(("http://", "https://")):
            return url.strip()
        return None

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
    views.labels = reader_labels(report.articles)
    views.numbers = {a.id: i for i, a in enumerate(report.articles, 1)}
    views.entity_names = {e.id: e.name for e in report.entities}
    views.fact_text = {f.id: f.text for f in report.facts}
    views.facts_by_id = {f.id: f for f in report.facts}
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


_KIND_NOTES = {
    "state-media": "Relies on state media",
    "official-channel": "Cites official statements or websites",
    "news-outlet": "Cites other outlets",
    "document": "Cites documents",
    "anonymous": "Cites unnamed sources",
}


def source_notes(views: Views) -> list[str]:
    """How the outlets' sourcing compares, in sentences a reader can scan (``interpret.sources``)."""
    from parallax.interpret.sources import KIND_LABELS, compare

    sources = views.report.sources
    if not sources:
        return []
    found = compare(sources)
    notes: list[str] = []
    for kind, lead in _KIND_NOTES.items():
        users = found.by_kind.get(kind, [])
        if users:
            notes.append(
                f"{lead}: " + ", ".join(f"{views.label(a)} ({share:.0%})" for a, share in users) + "."
            )
        elif kind == "state-media":
            notes.append("No outlet cites state media.")
    if found.quotes_no_one:
        notes.append(
            "Attributes nothing to anyone: " + ", ".join(views.label(a) for a in found.quotes_no_one) + "."
        )
    for article, uses in found.only_here.items():
        cited = "; ".join(f"{u.name} ({KIND_LABELS[u.kind]})" for u in uses[:6])
        notes.append(f"Only {views.label(article)} cites {cited}.")
    return notes


def kind_label(kind: str) -> str:
    """A source kind in the reader's words ("state-media" -> "state media")."""
    from parallax.interpret.sources import KIND_LABELS

    return KIND_LABELS.get(kind, kind)
