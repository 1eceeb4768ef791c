"""Entity linking and utterance grouping, measured.

1. Cross-document coreference of people and organisations on ECB+ (dev topics 1-20,
   ``shared/data/ecbplus``): each topic's documents are linked as one story; every gold mention
   tagged ``HUMAN_PART_PER``/``HUMAN_PART_ORG`` takes the entity of our mention it overlaps most
   (none: a singleton), and the clustering is scored with B-cubed and MUC against the gold
   ``instance_id`` chains. Two views: all gold mentions (pronouns and nominals such as "the
   actress" included, which a name linker cannot reach) and named mentions only (those written
   with a capital letter that are not pronouns). Baseline: clustering by exact mention text.
2. The example story's hand-checked alias groups (``tests/fixtures/example_entities.json``):
   the share of groups found whole in one entity and of must-differ pairs kept apart.
3. Utterance grouping on the hand-grouped quotes of the example story
   (``tests/fixtures/example_utterances.json``): pairwise precision/recall of "same utterance",
   the measurement behind ``UtterancesConfig.same_statement``. Baseline: raw cosine of the
   embeddings at 0.5 with single linkage, no per-article constraint.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from benchmarks.common import ROOT, Row, read_jsonl_gz
from parallax.align.entities import link_entities
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import group_utterances
from parallax.annotate.nlp import add_sentences
from parallax.embed import embed
from parallax.models import Article, Quote

PERSON_LIKE = {"HUMAN_PART_PER", "HUMAN_PART_ORG"}
PRONOUNS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "who", "whom",
    "whose", "which", "that", "i", "me", "my", "we", "us", "our", "you", "your", "himself", "herself",
    "themselves", "itself",
}  # fmt: skip

Gold = dict[str, str]  # mention key -> gold chain
Pred = dict[str, str]  # mention key -> predicted cluster


def run(data: Path) -> list[Row]:
    """ECB+ coreference rows (ours and the baseline), then the utterance-fixture rows."""
    rows = _ecbplus(data / "ecbplus" / "ecbplus.jsonl.gz")
    rows += _entity_fixture()
    rows += _utterance_fixture()
    return rows


# --- ECB+ -------------------------------------------------------------------------------------


def _ecbplus(path: Path) -> list[Row]:
    topics: dict[str, list[dict]] = defaultdict(list)
    for doc in read_jsonl_gz(path):
        topics[doc["topic"]].append(doc)
    views: dict[str, tuple[Gold, Pred, Pred]] = {"all": ({}, {}, {}), "named": ({}, {}, {})}
    for topic, docs in sorted(topics.items(), key=lambda kv: int(kv[0])):
        articles = add_sentences([Article(id=d["id"], source=d["id"], body=d["text"]) for d in docs])
        entities = link_entities(articles)
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in entities:
            for m in entity.mentions:
                spans[m.article].append((m.start, m.end, entity.id))
        for doc in docs:
            for g in doc["mentions"]:
                if g["tag"] not in PERSON_LIKE:
                    continue
                key = f"{topic}/{doc['id']}/{g['m_id']}"
                ours = _overlapping(spans[doc["id"]], g["start"], g["end"])
                predicted = f"{topic}/{ours}" if ours else key
                baseline = f"{topic}/{g['text'].lower()}"
                named = g["text"][:1].isupper() and g["text"].lower() not in PRONOUNS
                for view in ("all", "named") if named else ("all",):
                    gold, pred, base = views[view]
                    gold[key] = f"{topic}/{g['instance_id']}"
                    pred[key] = predicted
                    base[key] = baseline
        print(f"  ecb+ topic {topic}: {len(docs)} documents, {len(entities)} entities", file=sys.stderr)
    rows = []
    for view, (gold, pred, base) in views.items():
        task = f"ecb+ coref {view} per/org"
        note = f"{len(gold)} gold mentions, dev topics 1-20"
        rows.append(Row(task, "parallax link_entities", _scores(gold, pred), note=note))
        rows.append(Row(task, "exact mention text", _scores(gold, base), baseline=True, note=note))
    return rows


def _overlapping(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    best, best_overlap = None, 0
    for s, e, entity in spans:
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = entity, overlap
    return best


def _clusters(assign: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for key, cluster in assign.items():
        groups[cluster].add(key)
    return list(groups.values())


def _scores(gold: Gold, pred: Pred) -> dict[str, float]:
    gold_sets = {k: c for c in _clusters(gold) for k in c}
    pred_sets = {k: c for c in _clusters(pred) for k in c}
    p = sum(len(pred_sets[k] & gold_sets[k]) / len(pred_sets[k]) for k in gold) / len(gold)
    r = sum(len(pred_sets[k] & gold_sets[k]) / len(gold_sets[k]) for k in gold) / len(gold)
    muc_r = _muc(_clusters(gold), pred)
    muc_p = _muc(_clusters(pred), gold)
    return {
        "b3_p": round(p, 3),
        "b3_r": round(r, 3),
        "b3_f1": round(_f1(p, r), 3),
        "muc_p": round(muc_p, 3),
        "muc_r": round(muc_r, 3),
        "muc_f1": round(_f1(muc_p, muc_r), 3),
    }


def _muc(keys: Iterable[set[str]], response: dict[str, str]) -> float:
    """MUC recall of ``response`` on ``keys`` (swap the arguments for precision)."""
    num = den = 0
    for cluster in keys:
        parts = {response[k] for k in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- the example story's entities -------------------------------------------------------------


def _example_articles() -> list[Article]:
    folder = ROOT / "examples" / "khamenei-kadhimi-2020"
    return add_sentences(
        [Article(id=f.stem, source=str(f), body=f.read_text("utf-8")) for f in sorted(folder.glob("*.txt"))]
    )


def _entity_fixture() -> list[Row]:
    """Share of hand-checked alias groups found whole in one entity, and of pairs kept apart."""
    fixture = json.loads((ROOT / "tests" / "fixtures" / "example_entities.json").read_text("utf-8"))
    entities = link_entities(_example_articles())
    owner: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for alias in {*entity.aliases, entity.name}:
            owner[alias].add(entity.id)

    def whole(forms: list[str], holders: dict[str, set[str]]) -> bool:
        found = set().union(*(holders.get(f, set()) for f in forms))
        return len(found) == 1 and all(holders.get(f) for f in forms)

    exact = {f: {f.lower()} for g in fixture["same"] for f in g["forms"] + g["role_forms"]}
    rows = []
    for system, holders, baseline in (
        ("parallax link_entities", owner, False),
        ("exact mention text", exact, True),
    ):
        groups = [whole(g["forms"] + g["role_forms"], holders) for g in fixture["same"]]
        apart = [not (holders.get(a, set()) & holders.get(b, set())) for a, b in fixture["apart"]]
        metrics = {
            "groups_whole": round(sum(groups) / len(groups), 3),
            "apart_kept": round(sum(apart) / len(apart), 3),
        }
        note = f"{len(groups)} alias groups, {len(apart)} pairs that must stay apart (hand-checked)"
        rows.append(Row("example entities", system, metrics, baseline=baseline, note=note))
    return rows


# --- the example story's utterances -----------------------------------------------------------


def _utterance_fixture() -> list[Row]:
    fixture = json.loads((ROOT / "tests" / "fixtures" / "example_utterances.json").read_text("utf-8"))
    articles = _example_articles()
    bodies = {a.id: a.body for a in articles}
    quotes: list[Quote] = []
    group_of: dict[str, str] = {}
    allowed: set[tuple[str, str]] = set()
    for group in fixture["groups"]:
        for variant in group["variants"]:
            article = fixture["articles"][variant["article"]]
            pattern = r"\s+".join(re.escape(w) for w in variant["text"].split())
            match = re.search(pattern, bodies[article])
            if match is None:
                continue
            qid = f"q{len(quotes) + 1}"
            quotes.append(
                Quote(
                    id=qid,
                    article=article,
                    text=match.group(),
                    start=match.start(),
                    end=match.end(),
                    kind="direct",
                    speaker_name=group["speaker"],
                )
            )
            group_of[qid] = group["id"]
            extra = variant.get("also_fits") or group.get("also_fits")
            if extra:
                allowed |= {(group["id"], extra), (extra, group["id"])}
    entities = link_entities(articles)
    quotes = attach_speakers(quotes, entities)
    ours = {q: u.id for u in group_utterances(quotes, entities, articles) for q in u.quotes}
    vectors = embed([q.text for q in quotes])
    cosine = vectors @ vectors.T
    base = _single_link(
        [q.id for q in quotes],
        lambda i, j: quotes[i].speaker == quotes[j].speaker and float(cosine[i, j]) >= 0.5,
    )
    note = f"{len(quotes)} hand-grouped quotes, {len(fixture['groups'])} statements"
    return [
        Row(
            "example utterances pairwise",
            "parallax group_utterances",
            _pairwise(group_of, ours, allowed),
            note=note,
        ),
        Row(
            "example utterances pairwise",
            "cosine>=0.5 single link",
            _pairwise(group_of, base, allowed),
            baseline=True,
            note=note,
        ),
    ]


def _single_link(ids: list[str], same: object) -> dict[str, str]:
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            if same(i, j):  # type: ignore[operator]
                parent[find(i)] = find(j)
    return {q: str(find(i)) for i, q in enumerate(ids)}


def _pairwise(gold: dict[str, str], pred: dict[str, str], allowed: set[tuple[str, str]]) -> dict[str, float]:
    tp = fp = fn = 0
    ids = sorted(gold)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_gold = gold[a] == gold[b]
            same_pred = a in pred and b in pred and pred[a] == pred[b]
            if not same_gold and (gold[a], gold[b]) in allowed:
                continue
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(_f1(p, r), 3)}
