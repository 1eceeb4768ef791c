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
from parallax.align.utterances import fill_speakers, group_utterances
from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.config import DEFAULT, Config
from parallax.errors import AnalysisFailedError, E, NoArticlesError
from parallax.interpret.framing import analyze_framing
from parallax.interpret.outlets import per_outlet
from parallax.interpret.sources import find_sources
from parallax.interpret.stories import story_groups
from parallax.interpret.summary import summarize
from parallax.interpret.timeline import build_timeline
from parallax.isolation import batch_or_each, cap_bodies, culprits
from parallax.models import Article, Generator, Quote, RawArticle, Report, Skipped, Story
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
        raise NoArticlesError(E.PX301)
    skipped = list(skipped)
    articles = cap_bodies(articles, config.corpus.max_body_chars, skipped)
    progress("annotating sentences")
    # The per-article steps: an article whose step raises is skipped with the reason, not the run.
    articles, annotated = batch_or_each(
        "sentence splitting", articles, lambda batch: add_sentences(batch, config.annotate), skipped
    )
    progress("finding quotes")
    articles, per_article = batch_or_each(
        "quote finding", annotated, lambda batch: _quotes_by_article(batch, config), skipped
    )
    if not articles:
        raise NoArticlesError("no article could be analysed: see the reasons listed for each skipped input")
    quotes = [q.model_copy(update={"id": f"q{n}"}) for n, q in enumerate(_flat(per_article), 1)]
    try:
        return _story_report(articles, quotes, skipped, config, progress)
    except Exception as error:  # one article's data broke a cross-article step: find it
        kept, failed = culprits(
            "aligning", articles, lambda one: _story_report(one, _quotes_of(quotes, one), [], config)
        )
        if not failed or not kept:
            raise AnalysisFailedError("aligning the articles", error) from error
        return _story_report(kept, _quotes_of(quotes, kept), skipped + failed, config, progress)


def _quotes_by_article(articles: Sequence[Article], config: Config) -> list[list[Quote]]:
    quotes = find_quotes(articles, config.annotate)
    return [[q for q in quotes if q.article == a.id] for a in articles]


def _flat(groups: Iterable[list[Quote]]) -> list[Quote]:
    return [q for group in groups for q in group]


def _quotes_of(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[Quote]:
    ids = {a.id for a in articles}
    return [q for q in quotes if q.article in ids]


def _story_report(
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    skipped: Sequence[Skipped],
    config: Config,
    progress: Progress = _quiet,
) -> Report:
    """The cross-article part of the analysis: entities, utterances, facts, framing, summary."""
    quotes = list(quotes)
    progress("linking entities")
    entities = link_entities(articles, config.align)
    quotes = attach_speakers(quotes, entities, config.align)
    progress("grouping utterances")
    utterances = group_utterances(quotes, entities, articles, config.align)
    quotes = fill_speakers(quotes, utterances)
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
        sources=find_sources(articles, quotes),
        story_groups=story_groups(articles, config.interpret),
    )


def analyze(inputs: Iterable[str], config: Config = DEFAULT, progress: Progress = _quiet) -> Report:
    """Analyse one story told by the articles in ``inputs`` (files, folders, JSONL, URLs, '-')."""
    progress("reading and cleaning")
    articles, skipped = extract(inputs, config)
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise NoArticlesError(E.PX302, reasons=reasons or "no input given")
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
