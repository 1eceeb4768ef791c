"""The analysis record of one story: what every step of the pipeline reads and fills.

``pipeline.py`` runs the steps in order, each taking the record and the config and filling its
part; the parses and sentence vectors every step shares live on the record (``texts``), so each
text is parsed once and embedded once per analysis and nothing is carried in a module between
steps or between analyses. The pydantic ``Report`` built at the end is the output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parallax.annotate.texts import Texts
from parallax.models import (
    Article,
    ArticleSources,
    Contradiction,
    Entity,
    Fact,
    Framing,
    Generator,
    OutletView,
    Quote,
    Report,
    Skipped,
    Story,
    StoryGroup,
    SummarySentence,
    TimelineEvent,
    Utterance,
)
from parallax.version import __version__
from parallax.words import story_title

if TYPE_CHECKING:
    from parallax.align.claims import ClaimSet


@dataclass
class StoryState:
    """One story while it is analysed: articles in, each step's result filled in turn."""

    articles: list[Article]
    texts: Texts
    skipped: list[Skipped] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    utterances: list[Utterance] = field(default_factory=list)
    claims: ClaimSet | None = None
    facts: list[Fact] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    framing: Framing = field(default_factory=Framing)
    timeline: list[TimelineEvent] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    per_outlet: list[OutletView] = field(default_factory=list)
    sources: list[ArticleSources] = field(default_factory=list)
    story_groups: list[StoryGroup] = field(default_factory=list)

    def report(self) -> Report:
        """The output: every filled part, with the story's metadata."""
        return Report(
            generator=Generator(version=__version__),
            story=describe_story(self.articles),
            articles=list(self.articles),
            entities=self.entities,
            quotes=self.quotes,
            utterances=self.utterances,
            facts=self.facts,
            contradictions=self.contradictions,
            framing=self.framing,
            timeline=self.timeline,
            summary=self.summary,
            per_outlet=self.per_outlet,
            skipped=list(self.skipped),
            sources=self.sources,
            story_groups=self.story_groups,
        )


def describe_story(articles: Sequence[Article]) -> Story:
    """Story-level metadata: a title, the date range, the outlets."""
    dates = sorted(a.published for a in articles if a.published)
    outlets = sorted({a.outlet.name for a in articles if a.outlet.name})
    titles = [a.title for a in articles if a.title]
    return Story(
        title=story_title(titles),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        outlets=outlets,
        article_count=len(articles),
    )
