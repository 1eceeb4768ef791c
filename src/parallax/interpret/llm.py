"""The optional summary rewrite's language model, behind a small interface (like ``ingest.fetch.Fetcher``).

``Writer`` is the interface: a prompt in, the model's text out, or ``None`` when the model could
not answer (the extractive summary then stands). ``OpenAICompatible`` is the real one, for a
local llama.cpp or vLLM server or any ``/chat/completions`` endpoint; tests and library users can
pass their own. Its URL and model come from ``InterpretConfig.llm_url``/``llm_model``, whose
defaults are the environment variables ``PARALLAX_LLM_URL`` and ``PARALLAX_LLM_MODEL``.
"""

from __future__ import annotations

import os
import sys
from typing import Protocol

import httpx

from parallax.config import InterpretConfig

LLM_URL_ENV = "PARALLAX_LLM_URL"
LLM_MODEL_ENV = "PARALLAX_LLM_MODEL"


class Writer(Protocol):
    """Writes text for a prompt; ``None`` when it cannot (never raises for a network failure)."""

    def write(self, prompt: str) -> str | None: ...


class OpenAICompatible:
    """An OpenAI-compatible chat endpoint, at temperature 0."""

    def __init__(self, url: str, model: str = "default", timeout_s: float = 60.0) -> None:
        endpoint = url.rstrip("/")
        if not endpoint.endswith("/chat/completions"):
            endpoint += "/chat/completions"
        self.endpoint, self.model, self.timeout_s = endpoint, model, timeout_s

    def write(self, prompt: str) -> str | None:
        try:
            response = httpx.post(
                self.endpoint,
                json={
                    "model": self.model,
                    "messages": [{"role": "user", "content": prompt}],
                    "temperature": 0,
                },
                timeout=self.timeout_s,
            )
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"])
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as error:
            # The extractive summary stands, but a user who set the URL is told why in one line.
            detail = str(error).splitlines()[0][:120] if str(error).strip() else type(error).__name__
            sys.stderr.write(
                f"warning: the summary model at {self.endpoint} gave no answer ({detail}): the extractive "
                "summary is kept (fix: start the server, or correct PARALLAX_LLM_URL / interpret.llm_url)\n"
            )
            return None


def writer_for(config: InterpretConfig) -> Writer | None:
    """The configured model, or ``None`` (no rewrite): the config's URL, else ``$PARALLAX_LLM_URL``.

    An empty ``llm_url`` in the config turns the rewrite off even when the variable is set.
    """
    url = config.llm_url if config.llm_url is not None else os.environ.get(LLM_URL_ENV)
    if not url:
        return None
    model = config.llm_model if config.llm_model is not None else os.environ.get(LLM_MODEL_ENV, "default")
    return OpenAICompatible(url, model, config.summary_llm_timeout_s)
