"""The typed records that flow between pipeline stages and make up the report.

Every field named in ``shared/spec/contract.md`` appears here under the same name; the JSON
Schema printed by ``parallax schema`` is generated from these classes and is the authoritative
copy of the contract. Fields beyond the contract are additions, never renames.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

# Where an article's outlet or date came from: "given" (a record's field, the web form), the
# folder's "manifest", a "feed" or "warc" header, the "html" page's metadata, the "url", the "text"
# (a name before the first paragraph, a date line), a "credit" ("(Reuters) —", "— AP"), a
# copyright "signature".
DetectedBy = Literal["given", "signature", "url", "text", "html", "manifest", "feed", "warc", "credit"]
RemovalReason = Literal[
    "boilerplate",
    "navigation",
    "caption",
    "related-links",
    "share-prompt",
    "dateline",
    "scrape-artifact",
    "outlet-prefix",
    "signature",
    "credit",
]
QuoteKind = Literal["direct", "indirect", "partial", "unmarked", "attribution"]
Agreement = Literal["verbatim", "paraphrase", "divergent"]
FactStatus = Literal["consensus", "majority", "minority", "unique", "disputed"]
ContradictionKind = Literal[
    "temporal-order", "number", "date", "negation", "attribution", "other", "misquote"
]
Precision = Literal["day", "month", "year"]


class Model(BaseModel):
    """Base for every record: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")


# --- ingest -----------------------------------------------------------------------------------


class RawArticle(Model):
    """One input item as read, before cleaning: what was given, nothing detected yet."""

    id: str
    source: str = Field(description="path or URL the item came from (with :line for JSONL)")
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    given_by: DetectedBy | None = Field(
        default=None,
        description="where the given outlet and date came from (manifest, feed, warc); null: the record",
    )


class Skipped(Model):
    """An input item that could not be used, with a one-line reason a person can act on."""

    source: str
    reason: str


# --- clean / articles -------------------------------------------------------------------------


class Outlet(Model):
    name: str | None = None
    detected_by: DetectedBy | None = None


class Removed(Model):
    """A piece of scraping debris taken out of the body, kept so the removal can be reviewed."""

    text: str
    reason: RemovalReason


class Sentence(Model):
    id: str
    text: str
    start: int
    end: int


class Article(Model):
    """One cleaned article. Offsets everywhere in the report index into ``body``."""

    id: str
    source: str
    outlet: Outlet = Field(default_factory=Outlet)
    title: str | None = None
    published: date | None = None
    language: str | None = None
    body: str
    removed: list[Removed] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    published_detected_by: DetectedBy | None = Field(
        default=None, description="where the publication date came from (the values of outlet.detected_by)"
    )
    url: str | None = Field(default=None, description="the page's address, when known")

    @property
    def label(self) -> str:
        """How a reader names the article: its outlet, else its id."""
        return self.outlet.name or self.id

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset of ``body``, if any."""
        return next((s for s in self.sentences if s.start <= offset < s.end), None)


# --- annotate / align: entities ---------------------------------------------------------------


class Mention(Model):
    article: str
    sentence: str | None = None
    text: str
    start: int
    end: int


class Entity(Model):
    """One real-world referent across every article of the story."""

    id: str
    name: str = Field(description="canonical form: the fullest name used")
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    merge_reasons: list[str] = Field(
        default_factory=list,
        description="why mentions were merged (debug): similarity, alias, apposition, acronym",
    )


# --- quotes and utterances --------------------------------------------------------------------


class Quote(Model):
    id: str
    article: str
    sentence_ids: list[str] = Field(default_factory=list)
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="entity id")
    speaker_text: str | None = None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_name: str | None = Field(
        default=None,
        description="the speaker's fullest name as resolved within the article (pronouns, titles)",
    )
    speaker_evidence: str | None = Field(
        default=None,
        description="why the speaker was taken from another outlet's report of the same utterance",
    )


class UtteranceVariant(Model):
    article: str
    quote: str
    text: str


class Utterance(Model):
    """One thing one speaker said, as each outlet reported it."""

    id: str
    speaker: str | None
    quotes: list[str]
    canonical_text: str
    variants: list[UtteranceVariant]
    agreement: Agreement
    parts: list[str] = Field(
        default_factory=list,
        description="quotes (also in ``quotes``) that belong to another utterance and hold this one"
        " in some of their sentences, which their variant gives",
    )


# --- facts and contradictions -----------------------------------------------------------------


class Support(Model):
    article: str
    sentence: str
    text: str
    similarity: float


class Fact(Model):
    id: str
    text: str
    support: list[Support]
    status: FactStatus
    speaker: str | None = Field(
        default=None,
        description="who the claim is quoted from; null when the outlets assert it themselves",
    )


class ClaimRef(Model):
    article: str
    sentence: str
    text: str


class Contradiction(Model):
    id: str
    kind: ContradictionKind
    claims: list[ClaimRef]
    explanation: str
    values: list[str] = Field(
        default_factory=list, description="the differing values as each claim states them, in claim order"
    )


class Claim(Model):
    """One atomic proposition cut from one sentence (internal to alignment, not in the report).

    ``start``/``end`` span the claim's first to last token in the body; a claim cut out of a
    sentence (a relative clause, one of two coordinated clauses) may skip words in between.
    """

    id: str
    article: str
    sentence: str
    text: str
    start: int
    end: int
    quoted: bool = Field(default=False, description="the words are a quote: the speaker's claim")
    speaker: str | None = Field(default=None, description="the quoted speaker's name, if known")


# --- interpret --------------------------------------------------------------------------------


class TermChoice(Model):
    article: str
    term: str
    count: int


class FramingTerm(Model):
    referent: str
    choices: list[TermChoice]


class TitleUse(Model):
    entity: str
    article: str
    title: str


class VerbUse(Model):
    article: str
    verb: str
    count: int


class ContextItem(Model):
    article: str
    fact: str


class WordUse(Model):
    """A loaded or evaluative word and how often one article uses it."""

    article: str
    word: str
    count: int


class Framing(Model):
    terms: list[FramingTerm] = Field(default_factory=list)
    titles: list[TitleUse] = Field(default_factory=list)
    attribution_verbs: list[VerbUse] = Field(default_factory=list)
    context: list[ContextItem] = Field(default_factory=list)
    loaded_words: list[WordUse] = Field(default_factory=list)


class SentenceRef(Model):
    article: str
    sentence: str


class TimelineEvent(Model):
    date: str = Field(description="ISO date, YYYY-MM or YYYY by precision")
    precision: Precision
    text: str
    support: list[SentenceRef]


class SummarySentence(Model):
    text: str
    citations: list[SentenceRef]
    support: list[str] = Field(default_factory=list, description="fact ids")


SourceKind = Literal[
    "person", "official-body", "official-channel", "state-media", "news-outlet", "document", "anonymous"
]


class SourceUse(Model):
    """One source an article attributes information to, and the share of its attributed sentences."""

    name: str = Field(description="the source as the article names it (resolved where it can be)")
    kind: SourceKind
    sentences: list[str] = Field(default_factory=list, description="ids of the sentences citing it")
    share: float = Field(description="its sentences / the article's attributed sentences")
    cues: list[str] = Field(default_factory=list, description="how it is cited: 'said', 'according to'")


class KindShare(Model):
    kind: SourceKind
    sentences: int
    share: float


class ArticleSources(Model):
    """To whom one article attributes what it reports (``interpret.sources``)."""

    article: str
    sentences: int = 0
    attributed_sentences: int = 0
    kinds: list[KindShare] = Field(default_factory=list)
    sources: list[SourceUse] = Field(default_factory=list)


class StoryGroup(Model):
    """Articles that tell one story, when the given articles tell several (``interpret.stories``)."""

    articles: list[str]
    title: str | None = None


class OutletView(Model):
    article: str
    unique_facts: list[str] = Field(default_factory=list)
    missing_consensus_facts: list[str] = Field(default_factory=list)


# --- report -----------------------------------------------------------------------------------


class Generator(Model):
    name: str = "parallax"
    version: str


class Story(Model):
    title: str | None = None
    first_published: date | None = None
    last_published: date | None = None
    outlets: list[str] = Field(default_factory=list)
    article_count: int = 0


class Report(Model):
    """The analysis of one story told by several articles (``schema_version`` 1)."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    generator: Generator
    story: Story
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    utterances: list[Utterance] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    per_outlet: list[OutletView] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    sources: list[ArticleSources] = Field(
        default_factory=list, description="per article, the sources it attributes information to"
    )
    story_groups: list[StoryGroup] = Field(
        default_factory=list,
        description="set when the articles tell several unrelated stories: which articles group together",
    )


# --- corpus -----------------------------------------------------------------------------------


class Lineage(Model):
    """How a wire copy differs from the article it copies (the earliest publication is the origin)."""

    origin: str = Field(description="id of the article this one copies")
    similarity: float = Field(description="estimated Jaccard similarity of word shingles")
    exact: bool = False
    added: list[str] = Field(default_factory=list, description="sentences only in the copy")
    removed: list[str] = Field(default_factory=list, description="origin sentences the copy left out")
    title_changed: bool = False


class ClusterAssignment(Model):
    """One line of `parallax cluster`: the story an article joined and the article it copies."""

    id: str
    story: str
    duplicate_of: str | None = None
    source: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    lineage: Lineage | None = None


class StoredStory(Story):
    """A story kept in the corpus database, as `parallax stories` and `GET /api/stories` list it."""

    id: str
    has_report: bool = False
    contradictions: int = Field(default=0, description="in its stored report (0 before analysis)")
    disputed: int = Field(default=0, description="facts whose status is disputed in its stored report")


class OutletDivergence(Model):
    """How often one outlet diverges from the others, over the stories it tells."""

    outlet: str
    stories: int = 0
    facts: int = Field(default=0, description="facts it supports")
    unique: int = Field(default=0, description="claims only it reports")
    omitted: int = Field(default=0, description="facts most others report that it leaves out")
    contradictions: int = Field(default=0, description="contradictions it is party to")
    diverging_stories: int = Field(default=0, description="stories with a unique claim, omission or conflict")
