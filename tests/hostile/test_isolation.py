"""Issue 14 #5 and issue 16 #2: a step that raises on one article skips that article with a
one-line reason; every other article is still analysed and written, the exit status is 0."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parallax import pipeline
from parallax.annotate import nlp
from parallax.cli import app
from parallax.config import DEFAULT, Config, CorpusConfig
from parallax.models import Article, Outlet

runner = CliRunner()
POISON = "POISON"
BODIES = {
    "a1": 'The mayor opened the new bridge on Monday. "It will change the town," she said.\n'
    "Traffic was heavy all afternoon, officials said.",
    "a2": 'The new bridge opened on Monday after two years of work. "We are proud," the mayor said.\n'
    "Drivers crossed it within minutes.",
    "bad": f"The bridge opened on Monday. {POISON} appears in this article.\nIt was sunny.",
}


def _articles() -> list[Article]:
    return [
        Article(id=i, source=f"{i}.txt", outlet=Outlet(name=f"Outlet {i}"), body=b) for i, b in BODIES.items()
    ]


def _failing(real: Callable[..., Any], broken: Callable[[Any], bool]) -> Callable[..., Any]:
    def step(first: Any, *rest: Any, **options: Any) -> Any:
        if broken(first):
            raise IndexError("list index out of range")
        return real(first, *rest, **options)

    return step


def _has_bad(articles: Any) -> bool:
    return any(a.id == "bad" for a in articles)


@pytest.mark.parametrize("step", ["find_quotes", "link_entities", "add_sentences"])
def test_analyze_skips_the_article_a_step_fails_on(step: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, step, _failing(getattr(pipeline, step), _has_bad))
    report = pipeline.analyze_articles(_articles())
    assert [a.id for a in report.articles] == ["a1", "a2"]
    assert report.quotes  # the good articles were analysed in full
    reasons = [s.reason for s in report.skipped if s.source == "bad.txt"]
    assert len(reasons) == 1 and "IndexError" in reasons[0] and "\n" not in reasons[0]


def test_a_long_body_is_cut_with_a_warning_and_analysed() -> None:
    config = Config(corpus=CorpusConfig(max_body_chars=300))
    long_body = "\n".join(
        f"Paragraph {n}: the council met again and said the bridge is safe." for n in range(40)
    )
    articles = [*_articles()[:2], Article(id="long", source="long.txt", body=long_body)]
    report = pipeline.analyze_articles(articles, config=config)
    cut = next(a for a in report.articles if a.id == "long")
    assert 0 < len(cut.body) <= 300 and long_body.startswith(cut.body)
    assert any("max_body_chars" in s.reason and s.source == "long.txt" for s in report.skipped)


def test_the_default_body_limit_is_under_spacys() -> None:
    assert DEFAULT.corpus.max_body_chars < nlp.load().max_length


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": b}) + "\n" for i, b in BODIES.items()))
    return path


def test_quotes_writes_every_good_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.annotate import quotes

    monkeypatch.setattr(
        quotes, "quotes_in_text", _failing(quotes.quotes_in_text, lambda text: POISON in text)
    )
    out = tmp_path / "q.jsonl"
    result = runner.invoke(app, ["quotes", str(_jsonl(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a1", "a2"]
    assert "three.jsonl:3" in result.stderr and "IndexError" in result.stderr
    assert "Traceback" not in result.output


def test_extract_writes_every_good_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.clean import debris

    monkeypatch.setattr(
        debris, "classify", _failing(debris.classify, lambda ps: any(POISON in p for p in ps))
    )
    out = tmp_path / "e.jsonl"
    result = runner.invoke(app, ["extract", str(_jsonl(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a1", "a2"]
    assert "three.jsonl:3" in result.stderr


def test_cluster_writes_every_good_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.corpus import build

    monkeypatch.setattr(build, "extract", _failing(build.extract, lambda article: POISON in article.body))
    out = tmp_path / "c.jsonl"
    result = runner.invoke(app, ["cluster", str(_jsonl(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a1", "a2"]
    assert "three.jsonl:3" in result.stderr
