"""The summary rewrite's model sits behind ``Writer``; its URL and model come from the config."""

from __future__ import annotations

import pytest

from parallax.config import Config, InterpretConfig
from parallax.interpret.llm import LLM_MODEL_ENV, LLM_URL_ENV, OpenAICompatible, writer_for
from parallax.interpret.summary import summarize
from tests.interpret.test_summary import ARTICLES, FACTS


class _Scripted:
    """A Writer that answers one fixed text and records the prompts it was given."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.prompts: list[str] = []

    def write(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.answer


def test_no_url_no_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LLM_URL_ENV, raising=False)
    assert writer_for(InterpretConfig()) is None


def test_the_config_names_url_and_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LLM_URL_ENV, "http://env.invalid/v1")
    monkeypatch.setenv(LLM_MODEL_ENV, "env-model")
    writer = writer_for(InterpretConfig(llm_url="http://config.invalid/v1", llm_model="m1"))
    assert isinstance(writer, OpenAICompatible)
    assert (writer.endpoint, writer.model) == ("http://config.invalid/v1/chat/completions", "m1")
    # the environment is the default only
    from_env = writer_for(InterpretConfig())
    assert isinstance(from_env, OpenAICompatible)
    assert (from_env.endpoint, from_env.model) == ("http://env.invalid/v1/chat/completions", "env-model")
    # an empty URL in the config turns the rewrite off whatever the environment says
    assert writer_for(InterpretConfig(llm_url="")) is None


def test_an_unreachable_endpoint_leaves_the_extractive_summary() -> None:
    writer = OpenAICompatible("http://127.0.0.1:9/v1", timeout_s=2)
    assert writer.write("hello") is None
    plain = summarize(FACTS, [], ARTICLES, Config(interpret=InterpretConfig(llm_url="")).interpret)
    rewritten = summarize(FACTS, [], ARTICLES, InterpretConfig(llm_url="http://127.0.0.1:9/v1"))
    assert [s.text for s in rewritten] == [s.text for s in plain] and plain


def test_a_writer_can_be_swapped_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.interpret import summary as module

    scripted = _Scripted("On Friday, the mayor resigned after a vote [1].\nThe moon is made of cheese [2].")
    monkeypatch.setattr(module, "writer_for", lambda config: scripted)
    result = summarize(FACTS, [], ARTICLES)
    assert scripted.prompts and "[1]" in scripted.prompts[0]
    assert [s.text for s in result] == ["On Friday, the mayor resigned after a vote."]


def test_an_unreachable_model_is_one_warning_line_and_no_rewrite(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    writer = OpenAICompatible(f"http://127.0.0.1:{port}/v1", timeout_s=2)
    assert writer.write("Rewrite this.") is None
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and f"127.0.0.1:{port}" in lines[0]
    assert "Traceback" not in lines[0]
