"""A small report with every section filled, and hostile text in every field a reader sees."""

from __future__ import annotations

import pytest

from parallax.models import (
    Article,
    ClaimRef,
    ContextItem,
    Contradiction,
    Entity,
    Fact,
    Framing,
    FramingTerm,
    Generator,
    Mention,
    Outlet,
    OutletView,
    Quote,
    Removed,
    Report,
    Sentence,
    SentenceRef,
    Skipped,
    Story,
    SummarySentence,
    Support,
    TermChoice,
    TimelineEvent,
    TitleUse,
    Utterance,
    UtteranceVariant,
    VerbUse,
    WordUse,
)

HOSTILE = "<script>alert('x')</script>"
BREAKER = '" onmouseover="alert(1)'


def _article(ident: str, outlet: str, sentences: list[str], title: str) -> Article:
    body, spans = "", []
    for i, text in enumerate(sentences, 1):
        start = len(body)
        body += text + "\n"
        spans.append(Sentence(id=f"s{i}", text=text, start=start, end=start + len(text)))
    return Article(
        id=ident,
        source=f"{ident}.txt",
        outlet=Outlet(name=outlet, detected_by="given"),
        title=title,
        body=body,
        sentences=spans,
        removed=[Removed(text=f"Share this! {HOSTILE}", reason="share-prompt")],
    )


@pytest.fixture
def hostile_report() -> Report:
    a = _article(
        "a1",
        f"Daily {BREAKER}",
        [
            "The mayor resigned on Friday after a vote.",
            f"“We will not go quietly,” the mayor said. {HOSTILE}",
            "The council met for three hours.",
        ],
        f"Mayor quits {HOSTILE}",
    )
    b = _article(
        "b2",
        "Evening Post",
        [
            "The mayor stepped down on Friday following a vote.",
            "“We will never go quietly,” the mayor claimed.",
            "The council met for five hours.",
        ],
        f"Title {BREAKER}",
    )
    mayor = Entity(
        id="e1",
        name=f"Mayor {HOSTILE}",
        type="PERSON",
        mentions=[
            Mention(article="a1", sentence="s1", text="mayor", start=4, end=9),
            Mention(article="b2", sentence="s1", text="mayor", start=4, end=9),
        ],
        articles=["a1", "b2"],
    )
    qa_start = a.sentences[1].start
    qb_start = b.sentences[1].start
    quotes = [
        Quote(id="q1", article="a1", sentence_ids=["s2"], text="We will not go quietly", start=qa_start + 1,
              end=qa_start + 23, kind="direct", speaker="e1", cue="said"),
        Quote(id="q2", article="b2", sentence_ids=["s2"], text="We will never go quietly", start=qb_start + 1,
              end=qb_start + 25, kind="direct", speaker="e1", cue="claimed"),
    ]  # fmt: skip
    facts = [
        Fact(
            id="f1",
            text="The mayor resigned on Friday after a vote.",
            status="consensus",
            support=[
                Support(article="a1", sentence="s1", text=a.sentences[0].text, similarity=1.0),
                Support(article="b2", sentence="s1", text=b.sentences[0].text, similarity=0.8),
            ],
        ),
        Fact(
            id="f2",
            text=f"Unique claim {HOSTILE}",
            status="unique",
            support=[Support(article="a1", sentence="s2", text=a.sentences[1].text, similarity=1.0)],
        ),
    ]
    return Report(
        generator=Generator(version="test"),
        story=Story(title=f"Mayor quits {HOSTILE}", outlets=["Evening Post"], article_count=2),
        articles=[a, b],
        entities=[mayor],
        quotes=quotes,
        utterances=[
            Utterance(
                id="u1",
                speaker="e1",
                quotes=["q1", "q2"],
                canonical_text="We will not go quietly",
                variants=[
                    UtteranceVariant(article="a1", quote="q1", text="We will not go quietly"),
                    UtteranceVariant(article="b2", quote="q2", text="We will never go quietly"),
                ],
                agreement="paraphrase",
            )
        ],
        facts=facts,
        contradictions=[
            Contradiction(
                id="c1",
                kind="number",
                claims=[
                    ClaimRef(article="a1", sentence="s3", text=a.sentences[2].text),
                    ClaimRef(article="b2", sentence="s3", text=b.sentences[2].text),
                ],
                explanation=f"three hours vs five hours {BREAKER}",
            )
        ],
        framing=Framing(
            terms=[
                FramingTerm(
                    referent="Mayor",
                    choices=[
                        TermChoice(article="a1", term="resigned", count=1),
                        TermChoice(article="b2", term=f"stepped down {HOSTILE}", count=2),
                    ],
                )
            ],
            titles=[TitleUse(entity="e1", article="a1", title=f"Mayor {BREAKER}")],
            attribution_verbs=[
                VerbUse(article="a1", verb="said", count=1),
                VerbUse(article="b2", verb="claimed", count=1),
            ],
            context=[ContextItem(article="b2", fact="f2")],
            loaded_words=[WordUse(article="b2", word="quietly", count=1)],
        ),
        timeline=[
            TimelineEvent(
                date="2020-07-17",
                precision="day",
                text=f"resigned on Friday {HOSTILE}",
                support=[SentenceRef(article="a1", sentence="s1"), SentenceRef(article="b2", sentence="s1")],
            )
        ],
        summary=[
            SummarySentence(
                text=f"The mayor resigned. {HOSTILE}",
                citations=[
                    SentenceRef(article="a1", sentence="s1"),
                    SentenceRef(article="b2", sentence="s1"),
                ],
                support=["f1"],
            )
        ],
        per_outlet=[
            OutletView(article="a1", unique_facts=["f2"]),
            OutletView(article="b2", missing_consensus_facts=[]),
        ],
        skipped=[Skipped(source=f"bad{HOSTILE}.bin", reason="binary file: give a text, HTML or JSONL file")],
    )
