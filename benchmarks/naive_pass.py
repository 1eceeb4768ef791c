"""The naive pass that ``parallax analyze`` is compared with (issue 17): load spaCy, run NER and
textacy's direct quotations over the same texts, print the counts. Nothing else.

Usage: python -m benchmarks.naive_pass INPUT   (a folder of .txt files or a .jsonl with "text")
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path


def texts_of(path: Path) -> list[str]:
    """The article texts of a folder of .txt files or of a JSONL file of records with "text"."""
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
    return [
        json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def main(argv: list[str]) -> int:
    import spacy
    from textacy.extract.triples import direct_quotations

    from parallax.config import DEFAULT

    nlp = spacy.load(DEFAULT.annotate.spacy_model)
    entities = quotes = 0
    for doc in nlp.pipe(texts_of(Path(argv[0])), batch_size=DEFAULT.annotate.batch_size):
        entities += len(doc.ents)
        with contextlib.suppress(ValueError):  # textacy raises on unbalanced quotation marks
            quotes += len(list(direct_quotations(doc)))
    print(f"{entities} entities, {quotes} quotes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
