"""The one place where the order of the analysis is written, top to bottom.

ingest -> clean -> annotate -> align -> interpret -> report
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from parallax import clean, ingest
from parallax.align.claims import analyze_claims
from parallax.align.contradictions import find_contradictions, mark_disputed
from parallax.align.entities import link_entities
from parallax.align.facts import align_facts
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import fill_speakers, group_utterances
from parallax.annotate.nlp import add_sentences
from parallax.annotate.quotes import find_quotes
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, Config
from parallax.errors import AnalysisFailedError, E, NoArticlesError
from parallax.interpret.framing import analyze_framing
from parallax.interpret.outlets import per_outlet
from parallax.interpret.sources import find_sources
from parallax.interpret.stories import story_groups, texts_to_embed
from parallax.interpret.summary import summarize
from parallax.interpret.timeline import build_timeline
from parallax.isolation import batch_or_each, cap_bodies, culprits
from parallax.models import Article, Quote, RawArticle, Report, Skipped
from parallax.story import StoryState
from parallax.story import describe_story as describe_story  # where callers found it

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
    """The full analysis of one story from cleaned articles (the one entry: CLI, web jobs, corpus)."""
    if not articles:
        raise NoArticlesError(E.PX301)
    skipped = list(skipped)
    articles = cap_bodies(articles, config.corpus.max_body_chars, skipped)
    # Every text is parsed and embedded once for the whole analysis, on this table.
    texts = Texts(config.annotate)
    texts.expect_embedding()
    # The article leads story_groups compares are embedded while spaCy parses, on the other core.
    texts.embed_soon(texts_to_embed(articles))
    progress("annotating sentences")
    # The per-article steps: an article whose step raises is skipped with the reason, not the run.
    articles, annotated = batch_or_each(
        "sentence splitting", articles, lambda batch: add_sentences(batch, config.annotate, texts), skipped
    )
    progress("finding quotes")
    articles, per_article = batch_or_each(
        "quote finding", annotated, lambda batch: _quotes_by_article(batch, config, texts), skipped
    )
    if not articles:
        raise NoArticlesError("no article could be analysed: see the reasons listed for each skipped input")
    quotes = [q.model_copy(update={"id": f"q{n}"}) for n, q in enumerate(_flat(per_article), 1)]

    def story(kept: Sequence[Article], dropped: Sequence[Skipped]) -> StoryState:
        return StoryState(
            articles=list(kept), texts=texts, skipped=list(dropped), quotes=_quotes_of(quotes, kept)
        )

    try:
        return run_steps(story(articles, skipped), config, progress).report()
    except Exception as error:  # one article's data broke a cross-article step: find it
        kept, failed = culprits("aligning", articles, lambda one: run_steps(story(one, []), config))
        if not failed or not kept:
            raise AnalysisFailedError("aligning the articles", error) from error
        return run_steps(story(kept, skipped + failed), config, progress).report()


def _quotes_by_article(articles: Sequence[Article], config: Config, texts: Texts) -> list[list[Quote]]:
    quotes = find_quotes(articles, config.annotate, texts)
    return [[q for q in quotes if q.article == a.id] for a in articles]


def _flat(groups: Iterable[list[Quote]]) -> list[Quote]:
    return [q for group in groups for q in group]


def _quotes_of(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[Quote]:
    ids = {a.id for a in articles}
    return [q for q in quotes if q.article in ids]


# --- the cross-article steps: each takes the story and the config and fills its part -------------


def _entities(story: StoryState, config: Config) -> None:
    story.entities = link_entities(story.articles, config.align, story.texts)
    docs = {a.id: story.texts.parse(a.body) for a in story.articles}
    story.quotes = attach_speakers(story.quotes, story.entities, config.align, docs)


def _utterances(story: StoryState, config: Config) -> None:
    story.utterances = group_utterances(
        story.quotes, story.entities, story.articles, config.align, story.texts
    )
    story.quotes = fill_speakers(story.quotes, story.utterances)


def _claims(story: StoryState, config: Config) -> None:
    # Cut once: facts and contradictions both compare these claims (and their vectors).
    story.claims = analyze_claims(story.articles, story.quotes, config.align, story.texts)


def _facts(story: StoryState, config: Config) -> None:
    story.facts = align_facts(story.articles, story.quotes, config.align, story.claims)


def _contradictions(story: StoryState, config: Config) -> None:
    story.contradictions = find_contradictions(
        story.facts,
        story.articles,
        story.quotes,
        config.align,
        story.entities,
        story.claims,
        story.utterances,
    )
    story.facts = mark_disputed(story.facts, story.contradictions)


def _framing(story: StoryState, config: Config) -> None:
    story.framing = analyze_framing(
        story.articles, story.entities, story.quotes, story.facts, config.interpret, story.texts
    )


def _timeline(story: StoryState, config: Config) -> None:
    story.timeline = build_timeline(story.articles, config.interpret, story.texts)


def _outlets(story: StoryState, config: Config) -> None:
    story.per_outlet = per_outlet(story.facts, story.articles, config.interpret)


def _summary(story: StoryState, config: Config) -> None:
    story.summary = summarize(
        story.facts,
        story.contradictions,
        story.articles,
        config.interpret,
        story.quotes,
        story.entities,
        story.texts,
    )


def _sources(story: StoryState, config: Config) -> None:
    story.sources = find_sources(story.articles, story.quotes, story.texts)


def _groups(story: StoryState, config: Config) -> None:
    story.story_groups = story_groups(story.articles, config.interpret, story.texts)


Step = Callable[[StoryState, Config], None]

# The order of the cross-article analysis, written once; a step announced with a progress
# message starts a new part of the run.
STEPS: tuple[tuple[str | None, Step], ...] = (
    ("linking entities", _entities),
    ("grouping utterances", _utterances),
    ("aligning facts", _claims),
    (None, _facts),
    (None, _contradictions),
    ("interpreting", _framing),
    (None, _timeline),
    (None, _outlets),
    (None, _summary),
    (None, _sources),
    (None, _groups),
)


def run_steps(story: StoryState, config: Config, progress: Progress = _quiet) -> StoryState:
    """The cross-article part of the analysis, every step in order on ``story``."""
    for message, step in STEPS:
        if message is not None:
            progress(message)
        step(story, config)
    return story


def analyze(inputs: Iterable[str], config: Config = DEFAULT, progress: Progress = _quiet) -> Report:
    """Analyse one story told by the articles in ``inputs`` (files, folders, JSONL, URLs, '-')."""
    progress("reading and cleaning")
    articles, skipped = extract(inputs, config)
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise NoArticlesError(E.PX302, reasons=reasons or "no input given")
    return analyze_articles(articles, skipped, config, progress)
