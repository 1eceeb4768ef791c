"""Issue 17: one StoryState through the pipeline; each text parsed once and embedded once per
analysis, with the configured model, and nothing kept in a module between analyses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest
from spacy.tokens import Doc

from parallax import embed, pipeline
from parallax.annotate import nlp
from parallax.annotate.texts import Texts
from parallax.config import DEFAULT, AnnotateConfig, Config
from parallax.models import Article
from parallax.story import StoryState

BODIES = (
    "Storm Ada hit the port of Velmar on Monday.\n"
    "Mayor Lena Holt said 12 people were injured and the harbour was closed.\n"
    '"We will reopen the harbour on Friday," Holt said.',
    "Storm Ada struck Velmar's port on Monday.\n"
    "Mayor Lena Holt said twelve people were hurt.\n"
    '"The harbour will reopen on Friday," Holt told reporters.',
)


def _articles() -> list[Article]:
    day = date(2024, 3, 5)
    return [Article(id=f"a{i}", source=f"test:{i}", body=b, published=day) for i, b in enumerate(BODIES, 1)]


class _Recorder:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: Counter[str] = Counter()
        self.embedded: Counter[str] = Counter()
        self.models: set[str] = set()
        real_parse, real_embed = nlp.parse_many, embed.embed

        def parse_many(texts: Sequence[str], config: AnnotateConfig = DEFAULT.annotate) -> list[Doc]:
            self.parsed.update(texts)
            self.models.add(config.spacy_model)
            return real_parse(texts, config)

        def embedding(texts: Sequence[str], threads: int = 0) -> np.ndarray:
            self.embedded.update(texts)
            return real_embed(texts, threads)

        monkeypatch.setattr(nlp, "parse_many", parse_many)
        monkeypatch.setattr(embed, "embed", embedding)


def test_an_analysis_parses_and_embeds_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _Recorder(monkeypatch)
    report = pipeline.analyze_articles(_articles())
    # positive control: the steps ran and filled their parts
    assert report.facts and report.entities and report.quotes and report.summary
    assert all(b in seen.parsed for b in BODIES)
    assert [t for t, n in seen.parsed.items() if n > 1] == []
    assert seen.embedded and [t for t, n in seen.embedded.items() if n > 1] == []
    # a second analysis parses again: nothing was kept in a module
    pipeline.analyze_articles(_articles())
    assert all(seen.parsed[b] == 2 for b in BODIES)


def test_every_parse_uses_the_configured_model(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _Recorder(monkeypatch)
    model = DEFAULT.annotate.spacy_model
    loaded = nlp.load(model)
    monkeypatch.setattr(nlp, "load", lambda name=model: loaded)  # the same pipeline, another name
    config = Config(annotate=DEFAULT.annotate.model_copy(update={"spacy_model": "custom_model"}))
    pipeline.analyze_articles(_articles(), config=config)
    assert seen.models == {"custom_model"}


def test_the_steps_fill_the_story_record_in_order() -> None:
    texts = Texts(DEFAULT.annotate)
    articles = nlp.add_sentences(_articles(), DEFAULT.annotate, texts)
    state = StoryState(articles=articles, texts=texts)
    assert state.claims is None and not state.facts
    pipeline.run_steps(state, DEFAULT)
    assert state.claims is not None and state.claims.texts is texts
    assert state.entities and state.facts and state.timeline and state.summary
    # claims were cut once and shared: every fact's text is one of those claims
    claim_texts = {c.claim.text for c in state.claims.claims}
    assert {f.text for f in state.facts} <= claim_texts
    assert [name for name, _ in pipeline.STEPS if name] == [
        "linking entities",
        "grouping utterances",
        "aligning facts",
        "interpreting",
    ]
    assert state.report().facts == state.facts


def test_the_story_title_says_what_the_other_titles_say() -> None:
    import json
    from pathlib import Path

    from parallax.words import story_title

    cases = json.loads((Path(__file__).parent / "fixtures" / "unseen_speakers.json").read_text())["titles"]
    titles = cases["story"]
    # a short sidebar or teaser line taken as a title is not the story's title, however short
    assert min([*titles, cases["sidebar"]], key=len) == cases["sidebar"]  # the old choice
    assert story_title([*titles, cases["sidebar"]]) in titles[:3]
    assert story_title(titles) in titles[:3]  # nor the teaser question
    # positive control: with two titles (nothing to compare against) the shorter, as before
    assert story_title([*titles[:1], cases["sidebar"]]) == cases["sidebar"]
    assert story_title([]) is None
