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
4. BASIL DEV (``shared/data/basil``, 50 events x fox/nyt/hpo, run as the pipeline runs them), split
   by year: even years are the tuning half, odd years the held-out half (the headline).
   *People*: each main person of an event (a person among ``main_entities``, or a quoted speaker
   named in two or more outlets) whose mentions are in two or more outlets is one entity when every
   use of the surname after the person's first name (or an initial or listed nickname of it), and
   the bare or titled surname where no other first name precedes it in the event, lies in one
   entity; namesakes (another first name before the same surname, or a main person's "Jr.") are
   apart when no entity holds both. *Utterances*: pairs of one speaker's BASIL quote spans in two
   outlets (3+ content words each) sharing most content words (Jaccard >= 0.5) should be one
   utterance, clearly different ones (<= 0.1) should not: each span takes our quote it overlaps
   most, and two quotes are together when one utterance holds both (a long quote may be a part
   of several). A different pair whose two quotes also hold a same pair is left out (those quotes are
   rightly one utterance). Baseline: the same run on the code before these rules (e907f0c).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nicknames import NickNamer
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from benchmarks.common import ROOT, Row, basil_raws, read_jsonl_gz
from parallax import clean, names
from parallax.align.entities import link_entities
from parallax.align.speakers import attach_speakers
from parallax.align.utterances import group_utterances
from parallax.annotate.nlp import add_sentences, parse_many
from parallax.annotate.quotes import find_quotes
from parallax.config import DEFAULT
from parallax.embed import embed
from parallax.models import Article, Entity, Quote, Utterance

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
    rows += _basil(data)
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
    ours: dict[str, set[str]] = defaultdict(set)  # a long quote may be a part of further utterances
    for u in group_utterances(quotes, entities, articles):
        for q in u.quotes:
            ours[q].add(u.id)
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
            _pairwise(group_of, {q: {g} for q, g in base.items()}, allowed),
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


def _pairwise(
    gold: dict[str, str], pred: dict[str, set[str]], allowed: set[tuple[str, str]]
) -> dict[str, float]:
    tp = fp = fn = 0
    ids = sorted(gold)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_gold = gold[a] == gold[b]
            same_pred = bool(pred.get(a, set()) & pred.get(b, set()))
            if not same_gold and (gold[a], gold[b]) in allowed:
                continue
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(_f1(p, r), 3)}


# --- BASIL DEV: people across outlets, and quotations of one speaker ---------------------------

# Words of a BASIL entity or speaker label that make it a group or a thing, not one person.
_GROUP_WORDS = frozenset(
    {
        "campaign", "lawmakers", "officials", "party", "democrats", "republicans", "house", "senate",
        "court", "congress", "companies", "media", "now", "america", "bill", "and", "police", "protestors",
    }
)  # fmt: skip
_SAME_STATEMENT = 0.5  # content-word Jaccard at or above which two quotations are one statement
_DIFFERENT_STATEMENT = 0.1  # ... at or below which they are clearly different statements
_MIN_WORDS = 3  # content words each quotation needs to be compared at all
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


@dataclass
class _Story:
    event: dict[str, Any]
    articles: list[Article]
    quotes: list[Quote]


def _basil_stories(data: Path) -> list[_Story]:
    """Each DEV event as the pipeline sees it up to quotes: cleaned, split into sentences, quotes found."""
    stories = []
    for event in read_jsonl_gz(data / "basil" / "basil.jsonl.gz"):
        raws = basil_raws(event, dated=False)
        articles, _ = clean.clean_articles(raws, DEFAULT.clean)
        articles = add_sentences(articles, DEFAULT.annotate)
        stories.append(_Story(event, articles, find_quotes(articles, DEFAULT.annotate)))
    return stories


def _tuning_half(event: dict[str, Any]) -> bool:
    """Events of even years are the tuning half, odd years the held-out half (25 events each)."""
    return int(event["year"]) % 2 == 0


def _person_label(label: str) -> tuple[str, ...] | None:
    """The name parts of a BASIL entity or speaker label that names one person, else None."""
    words = label.replace("_", " ").split()
    if len(words) < 2 or any(not w[:1].isupper() or w.lower() in _GROUP_WORDS for w in words):
        return None
    return tuple(words)


def _main_people(event: dict[str, Any]) -> set[tuple[str, ...]]:
    """Main entities that are people, and quoted speakers named in two or more outlets."""
    people = {p for a in event["articles"] for p in map(_person_label, a["main_entities"]) if p}
    spoke: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for a in event["articles"]:
        for span in a["bias_spans"]:
            person = _person_label(span["speaker"] or "") if span["quote"] == "yes" else None
            if person:
                spoke[person].add(a["outlet"])
    return people | {p for p, outlets in spoke.items() if len(outlets) >= 2}


def _same_given(a: str, b: str) -> bool:
    """Gold rule for one first name: equal up to a letter or two, an initial, or a listed nickname."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if names.same_part(a, b, 85) or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    namer = _namer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


def _surname_uses(text: str, doc: Doc, surname: str) -> Iterator[tuple[int, int, list[str], bool]]:
    """(start, end, the words of spaCy's PERSON name before it, followed by a generational suffix).

    Uses inside a longer name ("Trump Tower") are skipped; titles ("Justice", "Sen.") are not
    name words.
    """
    for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}\w{{0,2}}(?![\w-])", text):
        after = text[match.end() : match.end() + 6]
        if re.match(r" [A-Z]", after) and not re.match(r" (?:Jr|Sr)\b", after):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        ent = next((e for e in doc.ents if span is not None and e.start <= span.start < e.end), None)
        run: list[str] = []
        if ent is not None and ent.label_ == "PERSON":
            for token in ent:
                if token.idx >= match.start():
                    break
                word = token.text.rstrip(".")
                if token.is_alpha and word[:1].isupper() and word.lower() not in names.titles():
                    run.append(word)
        yield match.start(), match.end(), run, bool(re.match(r",? (?:Jr|Sr)\b", after))


def _entity_at(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    return next((e for s, t, e in spans if s < end and start < t), None)


def _named_person(person: tuple[str, ...], docs: list[Doc]) -> bool:
    """spaCy tags the full name as a person somewhere in the event ("National Enquirer" is not)."""
    return any(
        e.label_ == "PERSON" and person[0] in e.text and person[-1].rstrip(".") in e.text
        for doc in docs
        for e in doc.ents
    )


def _people_scores(
    stories: list[_Story], entities: dict[str, list[Entity]]
) -> dict[str, dict[str, list[int]]]:
    """Per half: one flag per main person (one entity across outlets), one per namesake pair (apart).

    A main person's mentions are every use of the surname after the person's first name (or an
    initial or listed nickname of it) in spaCy's PERSON span, and the bare or titled surname when
    no other first name is written before that surname anywhere in the event (else a bare surname
    is ambiguous, and not counted). A namesake is another first name (or the "Jr." of a main person
    named so) before the same surname; the pair is kept apart when no entity holds mentions of
    both. Only people whose mentions are in two or more outlets count.
    """
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"one": [], "apart": [], "covered": []})
    for story in stories:
        half = "tuning half" if _tuning_half(story.event) else "held-out half"
        docs = parse_many([a.body for a in story.articles])
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in entities[story.event["event_id"]]:
            for m in entity.mentions:
                spans[m.article].append((m.start, m.end, entity.id))
        seen_pairs: set[frozenset[str]] = set()
        people = _main_people(story.event)
        for person in sorted(people):
            if person[-1].rstrip(".") in {"Jr", "Sr"} or not _named_person(person, docs):
                continue
            given, surname = person[0], person[-1]
            juniors = any(p[0] == given and p[-1].rstrip(".") in {"Jr", "Sr"} for p in people)
            uses = [
                (a.id, *use)
                for a, doc in zip(story.articles, docs, strict=True)
                for use in _surname_uses(a.body, doc, surname)
            ]

            def first_of(run: list[str], given: str = given) -> str | None:
                # The person's own first name anywhere in the name, else the word before the surname.
                return next((w for w in run if _same_given(w, given)), run[-1] if run else None)

            others = {
                first_of(r) for _, _, _, r, _ in uses if r and not any(_same_given(w, given) for w in r)
            }
            mine, theirs = [], []
            for article, start, end, run, suffix in uses:
                first = first_of(run)
                if suffix and juniors:
                    theirs.append((article, start, end, f"{first} Jr"))
                elif first and not _same_given(first, given):
                    theirs.append((article, start, end, first))
                elif first or not (others or (juniors and any(u[4] for u in uses))):
                    mine.append((article, start, end))
            if len({a for a, _, _ in mine}) < 2:
                continue
            found = [_entity_at(spans[a], s, e) for a, s, e in mine]
            held = {e for e in found if e}
            out[half]["covered"].append(int(all(found)))
            out[half]["one"].append(int(len(held) == 1))
            for other in sorted({t[3] for t in theirs}):
                pair = frozenset({f"{given} {surname}", f"{other} {surname}"})
                if pair in seen_pairs:
                    continue
                seen_pairs.add(pair)
                their = {_entity_at(spans[a], s, e) for a, s, e, f in theirs if f == other} - {None}
                if their and held:
                    out[half]["apart"].append(int(not their & held))
    return out


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS and len(w) > 2}


def _locate(body: str, text: str, near: int) -> tuple[int, int] | None:
    """Where a BASIL span lies in the cleaned body: the occurrence nearest its original offset."""
    found = [m.start() for m in re.finditer(re.escape(text.strip()), body)]
    if not found:
        return None
    start = min(found, key=lambda s: abs(s - near))
    return start, start + len(text.strip())


def _quotation_pairs(story: _Story) -> list[tuple[tuple[str, int, int], tuple[str, int, int], bool]]:
    """Cross-outlet pairs of one speaker's BASIL quote spans: True when they share most content
    words (Jaccard >= 0.5), False when clearly different (<= 0.1); pairs in between are left out."""
    spans: dict[tuple[str, str], tuple[str, str, int, int, set[str]]] = {}
    bodies = {a.id: a.body for a in story.articles}
    for a in story.event["articles"]:
        for span in a["bias_spans"]:
            speaker = span["speaker"] or ""
            if (
                span["quote"] != "yes"
                or span["field"] != "text"
                or not speaker
                or speaker.startswith("other")
            ):
                continue
            words = _content(span["text"])
            where = _locate(bodies[a["outlet"]], span["text"], span["start"])
            if len(words) < _MIN_WORDS or where is None:
                continue
            spans.setdefault((a["outlet"], " ".join(sorted(words))), (speaker, a["outlet"], *where, words))
    pairs = []
    found = list(spans.values())
    for i, (speaker, outlet, start, end, words) in enumerate(found):
        for other, outlet2, start2, end2, words2 in found[i + 1 :]:
            if other != speaker or outlet2 == outlet:
                continue
            jaccard = len(words & words2) / len(words | words2)
            if jaccard >= _SAME_STATEMENT or jaccard <= _DIFFERENT_STATEMENT:
                pairs.append(((outlet, start, end), (outlet2, start2, end2), jaccard >= _SAME_STATEMENT))
    return pairs


def _quote_at(quotes: list[Quote], where: tuple[str, int, int]) -> Quote | None:
    article, start, end = where
    overlapping = [q for q in quotes if q.article == article and q.start < end and start < q.end]
    return max(overlapping, key=lambda q: min(q.end, end) - max(q.start, start), default=None)


def _utterance_scores(
    stories: list[_Story], grouped: dict[str, tuple[list[Quote], list[Utterance]]]
) -> dict[str, Counter[str]]:
    """Per half: counts of same-statement pairs grouped / not (and why not), different pairs merged."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for story in stories:
        half = "tuning half" if _tuning_half(story.event) else "held-out half"
        quotes, utterances = grouped[story.event["event_id"]]
        # A long quote may be in several utterances (as a part of those its sentences repeat).
        owner: dict[str, set[str]] = defaultdict(set)
        for u in utterances:
            for q in u.quotes:
                owner[q].add(u.id)
        pairs = [(_quote_at(quotes, x), _quote_at(quotes, y), same) for x, y, same in _quotation_pairs(story)]
        # Two of our quotes that hold one statement are rightly one utterance, whatever else each holds.
        shared = {frozenset({a.id, b.id}) for a, b, same in pairs if same and a and b}
        for a, b, same in pairs:
            together = a is not None and b is not None and bool(owner[a.id] & owner[b.id])
            if not same and a and b and frozenset({a.id, b.id}) in shared:
                out[half]["different, in quotes sharing a statement"] += 1
                continue
            if not same:
                out[half]["different"] += 1
                out[half]["different merged"] += together
                continue
            out[half]["same"] += 1
            if together:
                out[half]["same grouped"] += 1
            elif a is None or b is None:
                out[half]["same: quote not found"] += 1
            elif a.speaker is None or b.speaker is None:
                out[half]["same: speaker unresolved"] += 1
            elif a.speaker != b.speaker:
                out[half]["same: different speakers"] += 1
            else:
                out[half]["same: same speaker, apart"] += 1
    return out


# The same measurement of the code before nickname, dominant-bearer and unresolved-speaker rules
# (commit e907f0c, these functions run on its link_entities and group_utterances).
_BEFORE = {
    "held-out half": (
        {"one_entity": 0.838, "namesakes_apart": 1.0, "all_mentions_tagged": 0.946},
        {"same_grouped": 0.467, "different_merged": 0.0},
    ),
    "tuning half": (
        {"one_entity": 0.806, "namesakes_apart": 1.0, "all_mentions_tagged": 0.972},
        {"same_grouped": 0.889, "different_merged": 0.048},
    ),
}


def _basil(data: Path) -> list[Row]:
    stories = _basil_stories(data)
    entities: dict[str, list[Entity]] = {}
    grouped: dict[str, tuple[list[Quote], list[Utterance]]] = {}
    for story in stories:
        found = link_entities(story.articles, DEFAULT.align)
        quotes = attach_speakers(story.quotes, found, DEFAULT.align)
        utterances = group_utterances(quotes, found, story.articles, DEFAULT.align)
        entities[story.event["event_id"]] = found
        grouped[story.event["event_id"]] = (quotes, utterances)
    people = _people_scores(stories, entities)
    said = _utterance_scores(stories, grouped)
    rows = []
    for half in ("held-out half", "tuning half"):
        flags = people[half]
        rows.append(
            Row(
                f"basil people ({half})",
                "parallax link_entities",
                {
                    "one_entity": round(sum(flags["one"]) / max(1, len(flags["one"])), 3),
                    "namesakes_apart": round(sum(flags["apart"]) / max(1, len(flags["apart"])), 3),
                    "all_mentions_tagged": round(sum(flags["covered"]) / max(1, len(flags["covered"])), 3),
                },
                note=f"{len(flags['one'])} main people in 2+ outlets, {len(flags['apart'])} namesake pairs",
            )
        )
        counts = said[half]
        rows.append(
            Row(
                f"basil utterances ({half})",
                "parallax group_utterances",
                {
                    "same_grouped": round(counts["same grouped"] / max(1, counts["same"]), 3),
                    "different_merged": round(counts["different merged"] / max(1, counts["different"]), 3),
                },
                note=f"{counts['same']} same-statement pairs, {counts['different']} different; "
                + ", ".join(
                    f"{k}: {v}" for k, v in sorted(counts.items()) if k.startswith(("same:", "different,"))
                ),
            )
        )
        before_people, before_said = _BEFORE[half]
        note = "the code before this measurement's rules, commit e907f0c"
        rows.append(
            Row(f"basil people ({half})", "before (e907f0c)", before_people, baseline=True, note=note)
        )
        rows.append(
            Row(f"basil utterances ({half})", "before (e907f0c)", before_said, baseline=True, note=note)
        )
    return rows
