"""Corpus mode: from a pile of news (files, JSONL, WARC crawls, RSS/Atom feeds) to stories.

``build.build_corpus`` ingests into a ``parallax.store.Store`` (deduplicated, with wire-copy
lineage, clustered into stories); ``analysis.analyze_stored`` runs the full analysis on stored
stories. Modules: ``features`` (per-article, order-free), ``dedupe`` (exact and near copies,
lineage), ``clustering`` (stories), ``warc`` and ``feeds`` (readers).
"""
