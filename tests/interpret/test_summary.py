"""Summary: consensus first, single-outlet claims attributed, conflicts; every sentence cited."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from parallax.interpret.summary import LLM_URL_ENV, summarize, supported
from parallax.models import Article, ClaimRef, Contradiction, Fact, Outlet, Sentence, Support

BODIES = {
    "a": "The mayor resigned on Friday after a vote.\nThe council met for three hours.",
    "b": "The mayor stepped down on Friday following a vote.\nProtesters gathered outside city hall.",
    "c": "On Friday the mayor resigned after the council vote.\nThe council met for five hours.",
}


def _article(ident: str, outlet: str) -> Article:
    body = BODIES[ident]
    first, second = body.split("\n")
    return Article(
        id=ident,
        source=ident,
        outlet=Outlet(name=outlet),
        body=body,
        sentences=[
            Sentence(id="s1", text=first, start=0, end=len(first)),
            Sentence(id="s2", text=second, start=len(first) + 1, end=len(body)),
        ],
    )


ARTICLES = [_article("a", "Daily A"), _article("b", "Daily B"), _article("c", "Daily C")]
FACTS = [
    Fact(
        id="f1",
        text="The mayor resigned on Friday after a vote.",
        status="consensus",
        support=[
            Support(article=x, sentence="s1", text=BODIES[x].split("\n")[0], similarity=0.9) for x in "abc"
        ],
    ),
    Fact(
        id="f2",
        text="Protesters gathered outside city hall.",
        status="unique",
        support=[
            Support(article="b", sentence="s2", text="Protesters gathered outside city hall.", similarity=1)
        ],
    ),
]
CONFLICT = Contradiction(
    id="c1",
    kind="number",
    claims=[
        ClaimRef(article="a", sentence="s2", text="The council met for three hours."),
        ClaimRef(article="c", sentence="s2", text="The council met for five hours."),
    ],
    explanation="three hours vs five hours",
)


def test_consensus_then_unique_then_conflict() -> None:
    summary = summarize(FACTS, [CONFLICT], ARTICLES)
    assert [s.support for s in summary] == [["f1"], ["f2"], []]
    assert {(c.article, c.sentence) for c in summary[0].citations} == {("a", "s1"), ("b", "s1"), ("c", "s1")}
    assert summary[1].text.startswith("Only Daily B reports that protesters gathered")
    assert "Daily A" in summary[2].text and "Daily C" in summary[2].text
    assert all(s.citations for s in summary)


def test_without_facts_lead_sentences_with_citations(example_files: list[Path]) -> None:
    articles = [Article(id=f.stem[:3], source=str(f), body=f.read_text()) for f in example_files]
    summary = summarize([], [], articles)
    assert summary
    shared = [s for s in summary if not s.text.startswith("Only ")]
    assert shared and all(len({c.article for c in s.citations}) >= 2 for s in shared)
    for sentence in summary:
        assert sentence.citations
        cited = " ".join(next(a for a in articles if a.id == c.article).body for c in sentence.citations)
        # Extractive: the sentence (or, for one outlet's claim, the clause it reports) is cited text.
        text = (
            sentence.text.split(" reports that ", 1)[-1].rstrip(".")
            if sentence.text.startswith("Only ")
            else sentence.text
        )
        assert text[1:].lower() in cited.lower()


def test_support_checker() -> None:
    sources = ["The mayor resigned on Friday after a vote."]
    assert supported("On Friday, the mayor resigned after a vote.", sources)
    assert not supported("The mayor resigned on Friday after 12 votes.", sources)
    assert not supported("Governor Smith praised the harbour expansion.", sources)


class _FakeLLM(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        request = json.loads(self.rfile.read(length))
        assert request["messages"][0]["content"]
        content = (
            "On Friday, the mayor resigned after a vote [1].\n"
            "Protesters burned 40 cars and Governor Smith declared an emergency [2]."
        )
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    server = HTTPServer(("127.0.0.1", 0), _FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(LLM_URL_ENV, f"http://127.0.0.1:{server.server_address[1]}/v1")
    yield
    server.shutdown()
    server.server_close()


@pytest.mark.usefixtures("fake_llm")
def test_llm_rewrite_keeps_only_supported_sentences() -> None:
    summary = summarize(FACTS, [], ARTICLES)
    assert [s.text for s in summary] == ["On Friday, the mayor resigned after a vote."]
    assert summary[0].support == ["f1"]
    assert len(summary[0].citations) == 3
