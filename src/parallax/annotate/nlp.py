"""The spaCy pipeline, loaded once per model, and the parse of article bodies.

Nothing parsed is kept here: the parses of one analysis live on its ``parallax.annotate.texts.Texts``.

Scraped text has headlines with no final period, so paragraphs (split on newlines) are parsed
separately and their sentences never run across a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from parallax.config import DEFAULT, AnnotateConfig
from parallax.models import Article, Sentence

if TYPE_CHECKING:
    from parallax.annotate.texts import Texts

_PARAGRAPH = re.compile(r"[^\n]+")


@Language.component("parallax_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs, so no parse tree spans two
    paragraphs (the parser keeps boundaries set before it): a headline is never the subject of the
    lead's verb."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load(model: str = DEFAULT.annotate.spacy_model) -> Language:
    """The spaCy pipeline (from its PyPI package; nothing is downloaded at run time)."""
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("parallax_line_breaks", before="parser")
    return nlp


def parse(text: str, config: AnnotateConfig = DEFAULT.annotate) -> Doc:
    """Parse ``text``: one Doc whose sentences never cross a newline."""
    return parse_many([text], config)[0]


def parse_many(texts: Sequence[str], config: AnnotateConfig = DEFAULT.annotate) -> list[Doc]:
    """Parse several texts with ``nlp.pipe`` and the configured model."""
    nlp = load(config.spacy_model)
    return list(nlp.pipe(texts, batch_size=config.batch_size))


def text_of(doc: Doc) -> str:
    """The text of a parsed doc, kept on it: ``Doc.text`` rebuilds the string at every access."""
    text = doc.user_data.get("parallax.text")
    if text is None:
        text = doc.user_data["parallax.text"] = doc.text
    return str(text)


def sentences(doc: Doc) -> Iterator[Span]:
    """Sentences of a parsed text, split again at newlines, stripped of surrounding whitespace."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text or (token.is_space and token.i > start and "\n" in token.whitespace_):
                if token.i > start:
                    yield from _trim(doc[start : token.i])
                start = token.i + 1
            elif "\n" in token.whitespace_:
                yield from _trim(doc[start : token.i + 1])
                start = token.i + 1
        if start < sent.end:
            yield from _trim(doc[start : sent.end])


def _trim(span: Span) -> Iterator[Span]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        yield doc[start:end]


def add_sentences(
    articles: Sequence[Article], config: AnnotateConfig = DEFAULT.annotate, texts: Texts | None = None
) -> list[Article]:
    """Return the articles with ``sentences`` filled; ids are ``s1``, ``s2``… within each article.

    ``texts`` holds the analysis' parses (the bodies are parsed there, once); without it they are
    parsed with ``config``'s model and not kept."""
    docs = (texts or _texts(config)).parse_many([a.body for a in articles])
    out = []
    for article, doc in zip(articles, docs, strict=True):
        spans = list(sentences(doc))
        out.append(
            article.model_copy(
                update={
                    "sentences": [
                        Sentence(id=f"s{i}", text=s.text, start=s.start_char, end=s.end_char)
                        for i, s in enumerate(spans, 1)
                    ]
                }
            )
        )
    return out


def _texts(config: AnnotateConfig) -> Texts:
    from parallax.annotate.texts import Texts

    return Texts(config)
