"""Summary: consensus first, single-outlet claims attributed, conflicts; every sentence cited."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from parallax.interpret.summary import LLM_URL_ENV, summarize, supported
from parallax.models import Article, ClaimRef, Contradiction, Fact, Outlet, Quote, Sentence, Support

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


def test_a_disputed_fact_every_outlet_tells_still_opens_the_summary() -> None:
    # Every outlet reports the resignation; one of its sentences is also a claim of a conflict
    # (on another point), which marks the fact disputed: it stays with what all report.
    disputed = FACTS[0].model_copy(update={"status": "disputed"})
    summary = summarize([disputed, FACTS[1]], [CONFLICT], ARTICLES)
    assert [s.support for s in summary] == [["f1"], ["f2"], []]
    # Near miss: a disputed fact only one outlet tells is not stated as what all report.
    lone = FACTS[1].model_copy(update={"status": "disputed"})
    assert [s.support for s in summarize([lone], [CONFLICT], ARTICLES)] == [[]]


def _story(ident: str, outlet: str | None, sentences: list[str]) -> Article:
    body, spans = "", []
    for text in sentences:
        start = len(body)
        body += text + " "
        spans.append(Sentence(id=f"s{len(spans) + 1}", text=text, start=start, end=start + len(text)))
    return Article(id=ident, source=ident, outlet=Outlet(name=outlet), body=body.rstrip(), sentences=spans)


def _fact(
    ident: str, status: str, refs: list[tuple[Article, str]], text: str, speaker: str | None = None
) -> Fact:
    support = [
        Support(article=a.id, sentence=s, text=next(x.text for x in a.sentences if x.id == s), similarity=0.9)
        for a, s in refs
    ]
    return Fact(id=ident, text=text, status=status, support=support, speaker=speaker)  # type: ignore[arg-type]


def test_quoted_fact_names_its_speaker_instead_of_a_pronoun() -> None:
    said = "“Taxes will rise next year,” he said."
    first = _story("x", "Paper X", ["Jane Doe spoke to reporters in the capital on Monday.", said])
    second = _story("y", "Paper Y", ["Taxes will rise next year, the minister warned."])
    start = first.sentences[1].start + said.index("he said")
    quote = Quote(
        id="q1",
        article="x",
        sentence_ids=["s2"],
        text="Taxes will rise next year,",
        start=first.sentences[1].start + 1,
        end=first.sentences[1].start + 27,
        kind="direct",
        speaker_text="he",
        speaker_start=start,
        speaker_end=start + 2,
        speaker_name="Jane Doe",
    )
    fact = _fact("f1", "consensus", [(first, "s2"), (second, "s1")], said, speaker="Jane Doe")
    summary = summarize([fact], [], [first, second], quotes=[quote])
    assert len(summary) == 1
    assert "Jane Doe" in summary[0].text and "he said" not in summary[0].text
    assert {c.article for c in summary[0].citations} == {"x", "y"}

    # Without the quote record no sentence names her: the claim is attributed all the same.
    bare = summarize([fact], [], [first, second])
    assert bare[0].text.startswith("According to Jane Doe, ")


def test_whole_sentence_rather_than_a_fragment_and_names_kept_capitalised() -> None:
    whole = "French officials said the bridge, which opened in 1990, would close for repairs."
    first = _story("x", None, [whole])
    others = [_story(i, f"Paper {i}", ["The weather was mild on the day."]) for i in "yz"]
    fragment = _fact("f1", "unique", [(first, "s1")], "which opened in 1990")
    summary = summarize([fragment], [], [first, *others])
    assert summary[0].text == f"Only Article 1 reports that {whole}"
    assert summary[0].citations[0].article == "x"


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


def test_dateline_dropped_and_common_first_word_lower_cased() -> None:
    lead = "WASHINGTON — A senior official resigned on Monday after the vote."
    first = _story("x", "Paper X", [lead])
    other = _story("y", "Paper Y", ["The weather was mild on the day."])
    summary = summarize([_fact("f1", "unique", [(first, "s1")], lead)], [], [first, other])
    assert summary[0].text == "Only Paper X reports that a senior official resigned on Monday after the vote."


def test_conflict_told_by_its_explanation_when_it_names_the_outlets() -> None:
    named = CONFLICT.model_copy(update={"explanation": "Daily A says three hours; Daily C says five hours."})
    summary = summarize(FACTS, [named], ARTICLES)
    assert summary[-1].text == "Accounts differ: Daily A says three hours; Daily C says five hours."
    assert {(c.article, c.sentence) for c in summary[-1].citations} == {("a", "s2"), ("c", "s2")}
