"""Corpus mode: story clustering against ECB+ event clusters, near-duplicates on a generated edit set.

* story-clustering: the 413 ECB+ DEV documents, fed one at a time in a fixed shuffled order (seed
  0 to 2, mean) to the incremental clusterer; gold = ``subtopic`` (two lexically similar events
  per topic). Scores: B-cubed precision/recall/F1 and the adjusted Rand index. Baseline: TF-IDF
  + average-linkage agglomerative clustering with the distance threshold tuned on the same data
  (an upper bound for that method, and it sees all documents at once).
* near-duplicates: real articles from every shared set (ECB+, BASIL, PolNeAR, extraction gold
  bodies; originals that are themselves near copies of another are dropped), and for half of
  them 1-2 copies edited the way agencies' clients do (sentences inserted from another article,
  sentences deleted, a new headline line, a few words changed), seed 13. Pairwise
  precision/recall/F1 of "same duplicate group". Baseline: exact hash of the normalised body.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np

from benchmarks.common import Row, read_jsonl_gz
from parallax.config import CorpusConfig
from parallax.corpus.clustering import StoryClusterer
from parallax.corpus.dedupe import DuplicateIndex
from parallax.corpus.features import extract
from parallax.models import Article
from parallax.shingles import body_hash, shingles
from parallax.words import split_sentences

SEEDS = (0, 1, 2)


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (one label per item)."""
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _ecb(data: Path) -> list[dict[str, str]]:
    return list(read_jsonl_gz(data / "ecbplus" / "ecbplus.jsonl.gz"))


def cluster_documents(docs: list[dict[str, str]], order: list[int], config: CorpusConfig) -> list[str]:
    """Story labels from the incremental clusterer fed in ``order``."""
    articles = [Article(id=d["id"], source=d["id"], body=d["text"]) for d in docs]
    features = [extract(a, config) for a in articles]
    embeddings: np.ndarray | None = None
    if config.use_embeddings:
        from parallax.embed import embed

        embeddings = embed([f.lead for f in features])
    clusterer = StoryClusterer(config)
    clusterer.observe([features[i] for i in order])
    batch = []
    for i in order:
        vector = None if embeddings is None else embeddings[i]
        batch.append((features[i], vector, clusterer.assign(features[i], vector)))
    labels = [""] * len(docs)
    for i, story in zip(order, clusterer.refine(batch), strict=True):
        labels[i] = story
    return labels


def _mean_scores(docs: list[dict[str, str]], config: CorpusConfig) -> tuple[dict[str, float], list[float]]:
    """B-cubed P/R/F1 and ARI of the incremental clusterer, mean over the shuffled orders of SEEDS."""
    from sklearn.metrics import adjusted_rand_score

    gold = [d["subtopic"] for d in docs]
    scores = []
    for seed in SEEDS:
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        labels = cluster_documents(docs, order, config)
        scores.append((*bcubed(labels, gold), adjusted_rand_score(gold, labels)))
    mean = np.mean(scores, axis=0)
    names = ("bcubed_p", "bcubed_r", "bcubed_f1", "ari")
    return {n: round(float(v), 3) for n, v in zip(names, mean, strict=True)}, [s[2] for s in scores]


def _tfidf_best(docs: list[dict[str, str]], thresholds: Sequence[float]) -> tuple[float, dict[str, float]]:
    """TF-IDF average-linkage clustering: the best distance threshold of ``thresholds`` and its scores."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    gold = [d["subtopic"] for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d["text"] for d in docs])
    distance = 1.0 - (matrix @ matrix.T).toarray()
    best: tuple[float, dict[str, float]] = (0.0, {"bcubed_f1": -1.0})
    for threshold in thresholds:
        labels = list(
            AgglomerativeClustering(
                n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
            ).fit_predict(distance)
        )
        p, r, f = bcubed(labels, gold)
        if f > best[1]["bcubed_f1"]:
            scores = {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "ari": adjusted_rand_score(gold, labels)}
            best = (float(threshold), {k: round(float(v), 3) for k, v in scores.items()})
    return best


# Held-out split of ECB+ DEV by topic: the join threshold and the lead weighting are chosen again
# on the odd topics only (the grid around the shipped values), and the even topics are the headline.
HELD_OUT_GRID = {"join_threshold": (0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24), "lead_boost_words": (0, 20)}


def _held_out_rows(data: Path) -> list[Row]:
    docs = _ecb(data)
    tune = [d for d in docs if int(d["topic"]) % 2 == 1]
    held = [d for d in docs if int(d["topic"]) % 2 == 0]
    split = (
        f"ECB+ DEV by topic: join_threshold and lead_boost_words chosen on the odd topics ({len(tune)} docs, "
        f"grid {HELD_OUT_GRID}); headline = the even topics ({len(held)} docs)"
    )
    best: tuple[float, CorpusConfig] = (-1.0, CorpusConfig())
    for threshold in HELD_OUT_GRID["join_threshold"]:
        for boost in HELD_OUT_GRID["lead_boost_words"]:
            config = CorpusConfig(join_threshold=threshold, lead_boost_words=boost)
            f1 = _mean_scores(tune, config)[0]["bcubed_f1"]
            if f1 > best[0]:
                best = (f1, config)
    chosen = best[1]
    tuned, _ = _mean_scores(tune, chosen)
    headline, per_seed = _mean_scores(held, chosen)
    shipped_held, _ = _mean_scores(held, CorpusConfig())
    shipped_tune, _ = _mean_scores(tune, CorpusConfig())
    threshold, base_tuned = _tfidf_best(tune, np.arange(0.5, 1.0, 0.02))
    _, base_held = _tfidf_best(held, [threshold])
    task = "story-clustering held-out"
    return [
        Row(
            task,
            "parallax (re-tuned on odd topics)",
            headline,
            tuned=tuned,
            split=split,
            note=f"chosen join_threshold {chosen.join_threshold}, "
            f"lead_boost_words {chosen.lead_boost_words}; "
            f"mean of seeds {SEEDS}, per seed F1 " + "/".join(f"{f:.3f}" for f in per_seed),
        ),
        Row(
            task,
            "parallax (shipped config)",
            shipped_held,
            tuned=shipped_tune,
            split="ECB+ DEV by topic, even topics | odd; the shipped values were chosen on both halves",
            note="for comparison only: not a held-out number",
        ),
        Row(
            task,
            "tfidf-average-linkage",
            base_held,
            baseline=True,
            tuned=base_tuned,
            split=f"ECB+ DEV by topic: the distance threshold chosen on the odd topics ({len(tune)} docs, "
            f"0.5-0.98); headline = the even topics ({len(held)} docs)",
            note=f"distance threshold {threshold:.2f} chosen on the odd topics",
        ),
    ]


def gate(data: Path) -> list[Row]:
    """The fast subset for `make eval-gate`: the shipped story clustering on all of ECB+ DEV."""
    docs = _ecb(data)
    metrics, per_seed = _mean_scores(docs, CorpusConfig())
    note = f"ECB+ DEV, {len(docs)} docs, incremental, mean of seeds {SEEDS}; per seed F1 " + "/".join(
        f"{f:.3f}" for f in per_seed
    )
    return [Row("story-clustering", "parallax (terms+entities+numbers)", metrics, note=note)]


def _story_rows(data: Path) -> list[Row]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    docs = _ecb(data)
    gold = [d["subtopic"] for d in docs]
    rows = []
    for name, config in (
        ("parallax (terms+entities+numbers)", CorpusConfig()),
        ("parallax (+lead embeddings)", CorpusConfig(use_embeddings=True, join_threshold=0.3)),
    ):
        metrics, per_seed = _mean_scores(docs, config)
        rows.append(
            Row(
                task="story-clustering",
                system=name,
                metrics=metrics,
                note=f"ECB+ DEV, {len(docs)} docs, incremental, mean of seeds {SEEDS}; per seed F1 "
                + "/".join(f"{f1:.3f}" for f1 in per_seed),
            )
        )
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d["text"] for d in docs])
    distance = 1.0 - (matrix @ matrix.T).toarray()
    best: tuple[float, ...] = (0.0,)
    for threshold in np.arange(0.5, 1.0, 0.02):
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        ).fit_predict(distance)
        scores = bcubed(list(labels), gold)
        if scores[2] > best[0]:
            best = (scores[2], scores[0], scores[1], adjusted_rand_score(gold, labels), threshold)
    rows.append(
        Row(
            task="story-clustering",
            system="tfidf-average-linkage",
            baseline=True,
            metrics={
                "bcubed_p": round(best[1], 3),
                "bcubed_r": round(best[2], 3),
                "bcubed_f1": round(best[0], 3),
                "ari": round(best[3], 3),
            },
            note=f"distance threshold tuned on the same data: {best[4]:.2f}",
        )
    )
    return rows


# --- near-duplicates --------------------------------------------------------------------------


def _originals(data: Path) -> list[str]:
    texts = [d["text"] for d in _ecb(data)]
    for event in read_jsonl_gz(data / "basil" / "basil.jsonl.gz"):
        texts.extend(a["text"] for a in event["articles"])
    texts.extend(d["text"] for d in read_jsonl_gz(data / "polnear" / "polnear.jsonl.gz"))
    texts.extend(
        d["gold_body"] for d in read_jsonl_gz(data / "article_extraction" / "article_extraction.jsonl.gz")
    )
    texts = [t for t in texts if len(split_sentences(t)) >= 5]
    # Drop originals that are already near copies of a kept one (agency texts reprinted in ECB+).
    kept: list[str] = []
    kept_shingles: list[set[bytes]] = []
    for text in texts:
        mine = shingles(text, 3)
        if all(len(mine & other) / len(mine | other) < 0.2 for other in kept_shingles):
            kept.append(text)
            kept_shingles.append(mine)
    return kept


def _edit(text: str, donor: str, rng: random.Random) -> str:
    """A client's version of an agency text: some of insertions, deletions, new headline, word swaps."""
    sentences = split_sentences(text)
    extra = split_sentences(donor)
    for _ in range(rng.randint(0, 2)):  # insertions from another article
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(extra))
    for _ in range(rng.randint(0, max(1, len(sentences) // 6))):  # deletions
        if len(sentences) > 3:
            sentences.pop(rng.randrange(len(sentences)))
    if rng.random() < 0.5:  # re-headlining
        sentences.insert(0, " ".join(rng.choice(extra).split()[:8]))
    words = " ".join(sentences).split(" ")
    for _ in range(rng.randint(0, 5)):  # small word edits
        words[rng.randrange(len(words))] = rng.choice(("reportedly", "officials", "Monday", "the"))
    return " ".join(words)


def near_duplicate_set(data: Path, seed: int = 13) -> tuple[list[str], list[int]]:
    """Texts and their gold duplicate-group labels (originals and their edited copies)."""
    rng = random.Random(seed)
    originals = _originals(data)
    texts: list[str] = []
    groups: list[int] = []
    for number, text in enumerate(originals):
        texts.append(text)
        groups.append(number)
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                texts.append(_edit(text, rng.choice(originals), rng))
                groups.append(number)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [groups[i] for i in order]


def _pairs(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    return {(a, b) for group in members.values() for a in group for b in group if a < b}


def _pair_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    mine, truth = _pairs(predicted), _pairs(gold)
    hits = len(mine & truth)
    precision = hits / len(mine) if mine else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _duplicate_rows(data: Path) -> list[Row]:
    texts, gold = near_duplicate_set(data)
    config = CorpusConfig()
    index = DuplicateIndex(config)
    for number, text in enumerate(texts):
        article = Article(id=str(number), source=str(number), body=text)
        features = extract(article, config)
        match = index.find(features.body_hash, features.minhash)
        index.add(str(number), features.body_hash, features.minhash, None, "s", match)
    ours = [index.origin(str(n)) for n in range(len(texts))]
    exact = [body_hash(t) for t in texts]
    originals = len(set(gold))
    note = f"{len(texts)} texts, {originals} originals, {len(texts) - originals} edited copies, seed 13"
    return [
        Row(
            task="near-duplicates", system="parallax minhash-lsh", metrics=_pair_scores(ours, gold), note=note
        ),
        Row(
            task="near-duplicates",
            system="exact-hash",
            baseline=True,
            metrics=_pair_scores(exact, gold),
            note=note,
        ),
    ]


def run(data: Path) -> list[Row]:
    return _story_rows(data) + _held_out_rows(data) + _duplicate_rows(data)
