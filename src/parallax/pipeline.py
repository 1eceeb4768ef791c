"""The one place where the order of the analysis is written, top to bottom.

ingest -> clean -> annotate -> align -> interpret -> report
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from parallax import clean, ingest
from parallax.align.contradictions import find_contradictions, mark_disputed
from parallax.align.entities import link_entities
from parallax.align.facts import align_facts
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import group_utterances
from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.config import DEFAULT, Config
from parallax.errors import NoArticlesError
from parallax.interpret.framing import analyze_framing
from parallax.interpret.outlets import per_outlet
from parallax.interpret.summary import summarize
from parallax.interpret.timeline import build_timeline
from parallax.models import Article, Generator, RawArticle, Report, Skipped, Story
from parallax.version import __version__

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    return None


def read(inputs: Iterable[str], config: Config = DEFAULT) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every input item; unusable items come back as ``Skipped`` with their reason."""
    raws: list[RawArticle] = []
    skipped: list[Skipped] = []
    for item in ingest.read_inputs(inputs, config.ingest):
        (skipped if isinstance(item, Skipped) else raws).append(item)  # type: ignore[arg-type]
    return raws, skipped


def extract(inputs: Iterable[str], config: Config = DEFAULT) -> tuple[list[Article], list[Skipped]]:
    """Ingest and clean: the articles with body, title, outlet, date and removed debris."""
    raws, skipped = read(inputs, config)
    articles, dropped = clean.clean_articles(raws, config.clean)
    return articles, skipped + dropped


def analyze_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    config: Config = DEFAULT,
    progress: Progress = _quiet,
) -> Report:
    """The full analysis of one story from cleaned articles."""
    if not articles:
        raise NoArticlesError("no article could be read: see the reasons listed for each skipped input")
    progress("annotating sentences")
    articles = add_sentences(articles, config.annotate)
    progress("finding quotes")
    quotes = find_quotes(articles, config.annotate)
    progress("linking entities")
    entities = link_entities(articles, config.align)
    quotes = attach_speakers(quotes, entities, config.align)
    progress("grouping utterances")
    utterances = group_utterances(quotes, entities, articles, config.align)
    progress("aligning facts")
    facts = align_facts(articles, quotes, config.align)
    contradictions = find_contradictions(facts, articles, quotes, config.align, entities)
    facts = mark_disputed(facts, contradictions)
    progress("interpreting")
    framing = analyze_framing(articles, entities, quotes, facts, config.interpret)
    timeline = build_timeline(articles, config.interpret)
    outlets = per_outlet(facts, articles, config.interpret)
    summary = summarize(facts, contradictions, articles, config.interpret, quotes, entities)
    return Report(
        generator=Generator(version=__version__),
        story=describe_story(articles),
        articles=list(articles),
        entities=entities,
        quotes=quotes,
        utterances=utterances,
        facts=facts,
        contradictions=contradictions,
        framing=framing,
        timeline=timeline,
        summary=summary,
        per_outlet=outlets,
        skipped=list(skipped),
    )


def analyze(inputs: Iterable[str], config: Config = DEFAULT, progress: Progress = _quiet) -> Report:
    """Analyse one story told by the articles in ``inputs`` (files, folders, JSONL, URLs, '-')."""
    progress("reading and cleaning")
    articles, skipped = extract(inputs, config)
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise NoArticlesError(f"no article could be read ({reasons or 'no input given'})")
    return analyze_articles(articles, skipped, config, progress)


def describe_story(articles: Sequence[Article]) -> Story:
    """Story-level metadata: a title, the date range, the outlets."""
    dates = sorted(a.published for a in articles if a.published)
    outlets = sorted({a.outlet.name for a in articles if a.outlet.name})
    titles = [a.title for a in articles if a.title]
    return Story(
        title=min(titles, key=len) if titles else None,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        outlets=outlets,
        article_count=len(articles),
    )
