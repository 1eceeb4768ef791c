"""Which ``clause_only`` verbs (``data/speech_verbs.json``) cost PolNeAR quote-type hits.

A clause-only verb quotes only a finite clause or quotation marks; with a noun phrase or a
participle ("is charged with murder", "found him hiding") its attribution is no quote. For each
such verb this prints, on one PolNeAR DEV half, the quotes the learned attribution path stops
showing when the verb is clause-only: those that matched a quote-type gold attribution (hits
lost), those that matched none (false quotes removed) and those matching another kind of gold
(set aside, as ``eval_quotes.quote_score`` does). Pass ``--all`` to test every speech verb (the
verbs to keep out of the list are those losing hits), ``-v`` to print each changed quote.

    python -m benchmarks.quote_acts tune [--all] [-v]     # held-out: python -m benchmarks.quote_acts check
"""

from __future__ import annotations

import argparse
from collections import Counter

from benchmarks.common import data_dir, read_jsonl_gz
from benchmarks.eval_quotes import Prediction, matches, quote_classes
from parallax.annotate import nlp
from parallax.annotate import quotes as rules
from parallax.config import DEFAULT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("half", choices=["tune", "check"])
    parser.add_argument("--all", action="store_true", help="make every speech verb clause-only")
    parser.add_argument("-v", action="store_true", help="print each quote no longer shown")
    args = parser.parse_args(argv)
    half = slice(0, None, 2) if args.half == "tune" else slice(1, None, 2)
    articles = list(read_jsonl_gz(data_dir() / "polnear" / "polnear.jsonl.gz"))[half]
    classes = quote_classes(articles)
    lex = rules.lexicon()
    shipped = lex.clause_only
    tested = lex.speech if args.all else shipped
    counts: Counter[tuple[str, str]] = Counter()
    try:
        for article, quote_type in zip(articles, classes, strict=True):
            doc = nlp.parse(article["text"])
            shown = {}
            for name, verbs in (("without", frozenset()), ("with", tested)):
                object.__setattr__(lex, "clause_only", verbs)  # the lexicon is a frozen, cached dataclass
                shown[name] = [
                    q
                    for q in rules.quotes_in_text(article["text"], article["id"], DEFAULT.annotate)
                    if q.kind not in {"attribution", "unmarked"}
                ]
            kept = {(q.start, q.end) for q in shown["with"]}
            dropped = [q for q in shown["without"] if (q.start, q.end) not in kept]
            pairs = dict(
                matches(article, [Prediction(q.start, q.end, None, None, None, q.kind) for q in dropped])
            )
            for i, quote in enumerate(dropped):
                cue = None
                if quote.cue_start is not None and quote.cue_end is not None:
                    cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
                lemma = rules._lemma(cue[-1], lex) if cue is not None and len(cue) else "?"
                outcome = ("hit" if quote_type[pairs[i]] else "aside") if i in pairs else "fp"
                counts[(lemma, outcome)] += 1
                if args.v:
                    print(f"{lemma:12} {outcome:5} | {quote.cue} | {quote.text[:90]}")
    finally:
        object.__setattr__(lex, "clause_only", shipped)
    for lemma in sorted({lemma for lemma, _ in counts}):
        print(
            f"{lemma:12} hits_lost={counts[(lemma, 'hit')]:3}  false_quotes_removed={counts[(lemma, 'fp')]:3}"
            f"  set_aside={counts[(lemma, 'aside')]:3}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
