"""Throughput of quote extraction against the plain spaCy pipeline on the same texts.

Texts: the first 40 PolNeAR DEV articles (≈ 190k characters of news). The baseline is
``spacy.load(model).pipe(texts)`` alone; ours is ``quotes_in_text`` on each text with an empty
parse cache, so it includes its own parse (with the line-break component) and all quote rules.
The ``quotes/s`` baseline is the rate quotes would come at if finding them cost nothing beyond
the parse: its ratio is the share of the time that is parsing. Ours can come out faster than the
baseline: starting a sentence at every line break gives the parser shorter sentences.
"""

from __future__ import annotations

import resource
import time

import spacy

from benchmarks.common import BenchRow, data_dir, read_jsonl_gz

ARTICLES = 40
REPEATS = 2


def run() -> list[BenchRow]:
    """Articles/s and quotes/s of ``parallax quotes`` beside ``nlp.pipe`` on the same texts."""
    from parallax.annotate import nlp
    from parallax.annotate.quotes import quotes_in_text
    from parallax.annotate.texts import Texts
    from parallax.config import DEFAULT

    path = data_dir() / "polnear" / "polnear.jsonl.gz"
    texts = [a["text"] for a, _ in zip(read_jsonl_gz(path), range(ARTICLES), strict=False)]
    plain = spacy.load(DEFAULT.annotate.spacy_model)
    list(plain.pipe(texts[:2]))  # warm-up: first call allocates
    nlp.load()
    nlp.parse_many(texts[:2])
    rules = DEFAULT.annotate.model_copy(update={"learned_attribution": False})
    learned = DEFAULT.annotate.model_copy(update={"learned_attribution": True})
    baseline_s = ours_s = learned_s = float("inf")
    count = learned_count = 0
    for _ in range(REPEATS):  # alternate them, best of each: the machine is shared
        started = time.perf_counter()
        list(plain.pipe(texts, batch_size=DEFAULT.annotate.batch_size))
        baseline_s = min(baseline_s, time.perf_counter() - started)
        started = time.perf_counter()
        parsed = Texts(rules)
        parsed.parse_many(texts)
        count = sum(len(quotes_in_text(text, f"a{i}", rules, texts=parsed)) for i, text in enumerate(texts))
        ours_s = min(ours_s, time.perf_counter() - started)
        started = time.perf_counter()
        parsed = Texts(learned)
        parsed.parse_many(texts)
        learned_count = sum(
            len(quotes_in_text(text, f"a{i}", learned, texts=parsed)) for i, text in enumerate(texts)
        )
        learned_s = min(learned_s, time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        BenchRow("quotes (40 PolNeAR articles)", "articles/s", len(texts) / ours_s, "articles/s",
                 len(texts) / baseline_s, note="baseline: spaCy nlp.pipe alone"),
        BenchRow("quotes (40 PolNeAR articles)", "quotes/s", count / ours_s, "quotes/s",
                 count / baseline_s, note=f"{count} quotes; baseline: parse time only"),
        BenchRow("quotes, learned attribution", "articles/s", len(texts) / learned_s, "articles/s",
                 len(texts) / baseline_s, note="annotate.learned_attribution on; baseline: nlp.pipe alone"),
        BenchRow("quotes, learned attribution", "quotes/s", learned_count / learned_s, "quotes/s",
                 learned_count / baseline_s, note=f"{learned_count} quotes and attributions"),
        BenchRow("quotes (40 PolNeAR articles)", "peak memory", peak_mb, "MB", note="process RSS"),
    ]  # fmt: skip
