"""The one place where the order of the analysis is written, top to bottom.

ingest -> clean -> annotate -> align -> interpret -> report
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from parallax import align, annotate, clean, ingest, interpret
from parallax.config import DEFAULT, Config
from parallax.errors import NoArticlesError
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
    articles = annotate.add_sentences(articles, config.annotate)
    progress("finding quotes")
    quotes = annotate.find_quotes(articles, config.annotate)
    progress("linking entities")
    entities = align.link_entities(articles, config.align)
    quotes = align.attach_speakers(quotes, entities, config.align)
    progress("grouping utterances")
    utterances = align.group_utterances(quotes, entities, articles, config.align)
    progress("aligning facts")
    facts = align.align_facts(articles, quotes, config.align)
    contradictions = align.find_contradictions(facts, articles, quotes, config.align)
    progress("interpreting")
    framing = interpret.analyze_framing(articles, entities, quotes, facts, config.interpret)
    timeline = interpret.build_timeline(articles, config.interpret)
    outlets = interpret.per_outlet(facts, articles, config.interpret)
    summary = interpret.summarize(facts, contradictions, articles, config.interpret)
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
