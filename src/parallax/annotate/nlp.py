"""The spaCy pipeline, loaded once, and parses of article bodies cached by content.

Scraped text has headlines with no final period, so paragraphs (split on newlines) are parsed
separately and their sentences never run across a line break.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from hashlib import blake2b

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from parallax.config import DEFAULT, AnnotateConfig
from parallax.models import Article, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
_CACHE: OrderedDict[str, Doc] = OrderedDict()
_CACHE_SIZE = 512


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


def _key(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def parse(text: str, config: AnnotateConfig = DEFAULT.annotate) -> Doc:
    """Parse ``text`` (cached by content): one Doc whose sentences never cross a newline."""
    key = _key(text)
    doc = _CACHE.get(key)
    if doc is None:
        doc = parse_many([text], config)[0]
    return doc


def parse_many(texts: Sequence[str], config: AnnotateConfig = DEFAULT.annotate) -> list[Doc]:
    """Parse several texts with ``nlp.pipe`` (cached by content)."""
    nlp = load(config.spacy_model)
    # The docs of this call are held here, not only in the cache: a batch larger than the cache
    # would otherwise evict its first docs before they are returned.
    found: dict[str, Doc] = {}
    missing = []
    for text in dict.fromkeys(texts):
        key = _key(text)
        doc = _CACHE.get(key)
        if doc is None:
            missing.append(text)
        else:
            found[key] = doc
    for text, doc in zip(missing, nlp.pipe(missing, batch_size=config.batch_size), strict=True):
        key = _key(text)
        found[key] = _CACHE[key] = doc
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return [found[_key(t)] for t in texts]


def clear_cache() -> None:
    """Forget every cached parse (benchmarks time a cold run)."""
    _CACHE.clear()


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


def add_sentences(articles: Sequence[Article], config: AnnotateConfig = DEFAULT.annotate) -> list[Article]:
    """Return the articles with ``sentences`` filled; ids are ``s1``, ``s2``… within each article."""
    docs = parse_many([a.body for a in articles], config)
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
