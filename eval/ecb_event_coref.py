"""Cross-document event coreference on ECB+ with gold mentions: MUC, B-cubed, CEAF-e, CoNLL F1.

Usage: .venv/bin/python eval/ecb_event_coref.py [--split dev|test|train] [--system NAME ...]
       [--scope topic|subtopic|predicted ...] [--train] [--model PATH] [--data DIR] [--json]

The standard evaluation of every published ECB+ event coreference figure: the gold event
mentions of the annotated sentences (eval/ecb_mentions.py; 1,780 in test topics 36-45) are
clustered, and the union of the clusters is scored against the gold clusters over the whole
split at once, singletons included, with the CoNLL-2012 metrics (eval/coref_metrics.py).

Scopes (what one call of a system sees; clusters never cross it):

- ``topic``: the mentions of one gold topic. Clustering the documents into topics is
  near-trivial on ECB+ (Bugert et al. 2021; newsweave's own story pass keeps topics apart with
  precision 1.000), so the gold topic stands in for it. Both sub-topics (two similar events:
  two earthquakes) are mixed, which is the hard part.
- ``subtopic``: the mentions of one gold sub-topic: an oracle document clustering, the upper
  bound of the "cluster documents first" pipelines (Barhom et al. 2019 cluster documents with
  K-means, which nearly recovers the sub-topics).
- ``predicted``: the documents of the split clustered by newsweave's corpus mode
  (``newsweave.corpus.api.cluster_articles``, tuned on topics 1-35), then the mentions of each
  story: the realistic version of ``subtopic``.

Systems (``--system``):

- ``lemma``: mentions whose heads have the same lemma form one cluster (the same-lemma baseline;
  with ``--scope subtopic`` or ``predicted`` it is the "cluster + lemma" baseline).
- ``singletons``: every mention alone (the floor that B-cubed and CEAF-e give for free).
- ``gold``: the gold clusters (a check of the harness: 100 everywhere).
- ``pairlr``: a logistic-regression pair scorer over predicted features (below) and average-link
  agglomerative clustering; its weights, threshold and linkage are read from
  ``eval/models/ecb_pair_lr.json``. ``--train`` fits it on the TRAIN topics' training pairs,
  chooses C, linkage and threshold on the DEV topics (topic scope) and rewrites that file.
- ``module:function``: any ``Clusterer`` importable by that dotted path (the hook below).

The hook: ``Clusterer = Callable[[Sequence[EventMention], Mapping[str, GoldDocument]],
list[list[int]]]``. It is called once per scope group with that group's mentions (gold spans,
lemmas, sentence numbers; the gold ``cluster`` field must not be read) and its documents by id
(texts and sentence offsets, so a system can read each mention's sentence and context); it
returns clusters as lists of indexes into the mentions it was given. Every index must appear at
most once; indexes left out are scored as singletons.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

if __package__ in (None, ""):  # run as a script: make the sibling eval modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.coref_metrics import CorefScores, score_all
from eval.ecb_mentions import (
    NEGATIVES_PER_MENTION,
    PAIR_SEED,
    EcbTopic,
    EventMention,
    load_lemmatizing_nlp,
    load_topics,
    training_pairs,
)
from eval.ecbplus_data import DEFAULT_DATA, SPLITS, GoldDocument

Clusterer = Callable[[Sequence[EventMention], Mapping[str, GoldDocument]], list[list[int]]]
Matrix = npt.NDArray[np.float64]

SCOPES = ("topic", "subtopic", "predicted")
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "ecb_pair_lr.json"
REFERENCE = (
    "Published (ECB+ test 36-45, gold mentions, event CoNLL F1, approximate): Barhom et al. "
    "2019 ~79.5, Cattan et al. 2021 ~81.0, CDLM (Caciularu et al. 2021) ~85.6; the "
    "cluster+lemma baseline of Barhom et al. ~76.5 (with document clustering)."
)


# --- baselines -------------------------------------------------------------------------------


def lemma_clusterer(
    mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
) -> list[list[int]]:
    """One cluster per head lemma."""
    by_lemma: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_lemma.setdefault(mention.head_lemma, []).append(i)
    return list(by_lemma.values())


def singleton_clusterer(
    mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
) -> list[list[int]]:
    return [[i] for i in range(len(mentions))]


def gold_clusterer(
    mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
) -> list[list[int]]:
    """The answer key (reads ``cluster``): checks that the harness scores it 100."""
    by_cluster: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_cluster.setdefault(mention.cluster, []).append(i)
    return list(by_cluster.values())


# --- the harness -----------------------------------------------------------------------------

Group = tuple[list[EventMention], dict[str, GoldDocument]]


def scope_groups(
    topics: Sequence[EcbTopic], scope: str, stories: Mapping[str, str] | None = None
) -> list[Group]:
    """The mentions (and their documents) that one clusterer call sees, in a stable order.

    ``stories`` maps document id -> predicted story id (scope ``predicted`` only).
    """
    groups: dict[str, Group] = {}
    for topic in topics:
        for mention in topic.mentions:
            if scope == "topic":
                key = topic.topic
            elif scope == "subtopic":
                key = mention.subtopic
            elif scope == "predicted":
                if stories is None:
                    raise ValueError("scope 'predicted' needs the predicted stories")
                key = stories[mention.doc]
            else:
                raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
            mentions, documents = groups.setdefault(key, ([], {}))
            mentions.append(mention)
            documents[mention.doc] = topic.documents[mention.doc]
    return list(groups.values())


def check_partition(clusters: Iterable[Iterable[int]], size: int) -> list[list[int]]:
    """Clusters of indexes 0..size-1: each at most once; the ones left out become singletons."""
    seen: set[int] = set()
    out: list[list[int]] = []
    for cluster in clusters:
        members = [int(i) for i in cluster]
        for i in members:
            if not 0 <= i < size or i in seen:
                raise ValueError(f"clusterer returned index {i} twice or out of range 0..{size}")
            seen.add(i)
        if members:
            out.append(members)
    out.extend([i] for i in range(size) if i not in seen)
    return out


def predict_clusters(clusterer: Clusterer, groups: Sequence[Group]) -> list[list[str]]:
    """The clusterer's clusters of every group, as mention ids."""
    found: list[list[str]] = []
    for mentions, documents in groups:
        for cluster in check_partition(clusterer(mentions, documents), len(mentions)):
            found.append([mentions[i].id for i in cluster])
    return found


def gold_key(topics: Iterable[EcbTopic]) -> list[list[str]]:
    by_cluster: dict[str, list[str]] = {}
    for topic in topics:
        for mention in topic.mentions:
            by_cluster.setdefault(mention.cluster, []).append(mention.id)
    return list(by_cluster.values())


def evaluate(
    clusterer: Clusterer,
    topics: Sequence[EcbTopic],
    scope: str = "topic",
    stories: Mapping[str, str] | None = None,
) -> CorefScores:
    """Scores of ``clusterer`` over all ``topics`` at once (one key, one response)."""
    response = predict_clusters(clusterer, scope_groups(topics, scope, stories))
    return score_all(gold_key(topics), response)


def predicted_stories(topics: Sequence[EcbTopic]) -> dict[str, str]:
    """Document id -> story id from newsweave's corpus mode over all documents of ``topics``."""
    from newsweave.corpus.api import cluster_articles

    articles = [doc.article() for topic in topics for doc in topic.documents.values()]
    run = cluster_articles(articles)
    stories = {doc: story.id for story in run.stories for doc in story.documents}
    return {a.id: stories.get(a.id, f"alone:{a.id}") for a in articles}


# --- the learned pair scorer -----------------------------------------------------------------

FEATURES = (
    "sentence_cosine",  # MiniLM embeddings of the two mentions' sentences
    "document_cosine",  # mean embedding of each document's annotated sentences
    "same_head_lemma",
    "lemma_cosine",  # MiniLM embeddings of the two head lemmas
    "lemma_chars",  # Jaccard of character trigrams of the head lemmas
    "same_pos",
    "same_document",
    "same_sentence",
    "shared_actors",  # Jaccard of spaCy PERSON/ORG/NORP names in the two sentences
    "shared_places",  # GPE/LOC/FAC
    "shared_times",  # DATE/TIME
    "shared_numbers",  # CARDINAL/QUANTITY/MONEY/PERCENT/ORDINAL
    "document_entities",  # Jaccard of all names in the two documents' annotated sentences
    "lemma_x_document",  # same_head_lemma * document_cosine
    "lemma_cosine_x_sentence",  # lemma_cosine * sentence_cosine
)
ENTITY_KINDS: Mapping[str, frozenset[str]] = {
    "shared_actors": frozenset({"PERSON", "ORG", "NORP"}),
    "shared_places": frozenset({"GPE", "LOC", "FAC"}),
    "shared_times": frozenset({"DATE", "TIME"}),
    "shared_numbers": frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"}),
}
C_GRID = (0.01, 0.1, 1.0, 10.0)
LINKAGES = ("average", "complete", "single")
THRESHOLDS = tuple(round(0.025 * i, 3) for i in range(2, 39))  # 0.05 .. 0.95


def _jaccard_matrix(sets: Sequence[frozenset[object]]) -> Matrix:
    n = len(sets)
    out = np.zeros((n, n), dtype=np.float64)
    for i in range(n):
        out[i, i] = 1.0 if sets[i] else 0.0
        for j in range(i + 1, n):
            union = len(sets[i] | sets[j])
            if union:
                out[i, j] = out[j, i] = len(sets[i] & sets[j]) / union
    return out


def _trigrams(word: str) -> frozenset[str]:
    padded = f"#{word}#"
    return frozenset(padded[i : i + 3] for i in range(max(1, len(padded) - 2)))


class PairFeaturizer:
    """Pair features from predicted analyses only (no gold arguments, times or places).

    Embeddings and spaCy entities are cached by text, so a sentence is analysed once however
    many mentions, scopes and runs ask for it.
    """

    def __init__(self) -> None:
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}
        self._entities: dict[str, tuple[tuple[str, str], ...]] = {}

    def _embed(self, texts: Iterable[str]) -> None:
        from newsweave.align.embed import load_embedder

        missing = sorted({t for t in texts if t not in self._vectors})
        if missing:
            for text, row in zip(missing, load_embedder().embed(missing), strict=True):
                self._vectors[text] = row

    def _analyse(self, texts: Iterable[str]) -> None:
        missing = sorted({t for t in texts if t not in self._entities})
        if missing:
            nlp = load_lemmatizing_nlp()
            for text, parsed in zip(missing, nlp.pipe(missing), strict=True):
                self._entities[text] = tuple((e.label_, e.text.lower()) for e in parsed.ents)

    def prepare(self, groups: Iterable[Group]) -> None:
        """Embed and analyse all texts of ``groups`` in a few large batches."""
        sentences: set[str] = set()
        lemmas: set[str] = set()
        for mentions, documents in groups:
            lemmas.update(m.head_lemma for m in mentions)
            for doc in documents.values():
                sentences.update(_annotated_texts(doc).values())
        self._embed(sentences | lemmas)
        self._analyse(sentences)

    def matrix(
        self, mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
    ) -> npt.NDArray[np.float64]:
        """Features of every mention pair: an array of shape (n, n, len(FEATURES))."""
        texts = {doc_id: _annotated_texts(doc) for doc_id, doc in documents.items()}
        sentence_keys = sorted({m.sentence_key for m in mentions})
        sentence_text = [texts[d][n] for d, n in sentence_keys]
        lemma_list = sorted({m.head_lemma for m in mentions})
        doc_ids = sorted({m.doc for m in mentions})
        self._embed([*sentence_text, *lemma_list, *(t for d in doc_ids for t in texts[d].values())])
        self._analyse([*sentence_text, *(t for d in doc_ids for t in texts[d].values())])

        s_index = {key: i for i, key in enumerate(sentence_keys)}
        l_index = {lemma: i for i, lemma in enumerate(lemma_list)}
        d_index = {doc: i for i, doc in enumerate(doc_ids)}
        si = np.array([s_index[m.sentence_key] for m in mentions])
        li = np.array([l_index[m.head_lemma] for m in mentions])
        di = np.array([d_index[m.doc] for m in mentions])

        s_vec = np.stack([self._vectors[t] for t in sentence_text]).astype(np.float64)
        l_vec = np.stack([self._vectors[t] for t in lemma_list]).astype(np.float64)
        d_vec = np.stack(
            [np.mean([self._vectors[t] for t in texts[d].values()], axis=0) for d in doc_ids]
        ).astype(np.float64)
        d_vec /= np.maximum(np.linalg.norm(d_vec, axis=1, keepdims=True), 1e-12)
        s_cos = (s_vec @ s_vec.T)[np.ix_(si, si)]
        d_cos = (d_vec @ d_vec.T)[np.ix_(di, di)]
        l_cos = (l_vec @ l_vec.T)[np.ix_(li, li)]
        same_lemma = (li[:, None] == li[None, :]).astype(np.float64)
        chars = _jaccard_matrix([_trigrams(lemma) for lemma in lemma_list])[np.ix_(li, li)]
        pos = np.array([m.pos for m in mentions])
        columns: dict[str, Matrix] = {
            "sentence_cosine": s_cos,
            "document_cosine": d_cos,
            "same_head_lemma": same_lemma,
            "lemma_cosine": l_cos,
            "lemma_chars": chars,
            "same_pos": (pos[:, None] == pos[None, :]).astype(np.float64),
            "same_document": (di[:, None] == di[None, :]).astype(np.float64),
            "same_sentence": (si[:, None] == si[None, :]).astype(np.float64),
            "lemma_x_document": same_lemma * d_cos,
            "lemma_cosine_x_sentence": l_cos * s_cos,
        }
        for name, labels in ENTITY_KINDS.items():
            sets = [
                frozenset(t for label, t in self._entities[text] if label in labels)
                for text in sentence_text
            ]
            columns[name] = _jaccard_matrix(sets)[np.ix_(si, si)]
        doc_sets = [
            frozenset(e for t in texts[d].values() for e in self._entities[t]) for d in doc_ids
        ]
        columns["document_entities"] = _jaccard_matrix(doc_sets)[np.ix_(di, di)]
        return np.stack([columns[name] for name in FEATURES], axis=-1)


def _annotated_texts(doc: GoldDocument) -> dict[int, str]:
    """The annotated sentences' texts by sentence number."""
    return {s.number: doc.text[s.start : s.end] for s in doc.sentences if s.number in doc.annotated}


@dataclass(frozen=True)
class PairModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    linkage: str
    c: float
    chosen_by: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, features: npt.NDArray[np.float64]) -> Matrix:
        """P(same event) for every pair of a (n, n, F) feature array."""
        if tuple(self.features) != FEATURES:
            raise ValueError(f"model features {self.features} differ from {FEATURES}")
        z = (features - np.array(self.mean)) / np.array(self.scale)
        logits = z @ np.array(self.coef) + self.intercept
        probabilities: Matrix = np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)
        return probabilities

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        raw = json.loads(text)
        return cls(
            features=tuple(raw["features"]),
            mean=tuple(raw["mean"]),
            scale=tuple(raw["scale"]),
            coef=tuple(raw["coef"]),
            intercept=float(raw["intercept"]),
            threshold=float(raw["threshold"]),
            linkage=str(raw["linkage"]),
            c=float(raw["c"]),
            chosen_by=dict(raw.get("chosen_by", {})),
        )


def agglomerate(probabilities: Matrix, threshold: float, linkage: str) -> list[list[int]]:
    """Agglomerative clusters that merge while the linkage of P(same) is at least threshold."""
    n = probabilities.shape[0]
    if n < 2:
        return [[i] for i in range(n)]
    hierarchy = importlib.import_module("scipy.cluster.hierarchy")
    distance = 1.0 - (probabilities + probabilities.T) / 2
    condensed = distance[np.triu_indices(n, k=1)]
    tree = hierarchy.linkage(np.clip(condensed, 0.0, 1.0), method=linkage)
    labels = hierarchy.fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    by_label: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(int(label), []).append(i)
    return list(by_label.values())


def pair_clusterer(model: PairModel, featurizer: PairFeaturizer | None = None) -> Clusterer:
    """A Clusterer that scores every pair with ``model`` and clusters agglomeratively."""
    features = featurizer or PairFeaturizer()

    def cluster(
        mentions: Sequence[EventMention], documents: Mapping[str, GoldDocument]
    ) -> list[list[int]]:
        if len(mentions) < 2:
            return [[i] for i in range(len(mentions))]
        probabilities = model.probabilities(features.matrix(mentions, documents))
        return agglomerate(probabilities, model.threshold, model.linkage)

    return cluster


def load_model(path: Path = DEFAULT_MODEL) -> PairModel:
    return PairModel.from_json(path.read_text(encoding="utf-8"))


def train_pair_model(
    train: Sequence[EcbTopic],
    dev: Sequence[EcbTopic],
    featurizer: PairFeaturizer,
    log: Callable[[str], None] = print,
) -> PairModel:
    """Fit on ``train``'s training pairs; choose C, linkage and threshold by dev CoNLL F1."""
    linear_model = importlib.import_module("sklearn.linear_model")
    featurizer.prepare(scope_groups([*train, *dev], "topic"))
    rows: list[npt.NDArray[np.float64]] = []
    labels: list[bool] = []
    pairs = training_pairs(train)
    by_topic: dict[str, list[tuple[int, int, bool]]] = {}
    for pair in pairs:
        by_topic.setdefault(pair.topic, []).append((pair.first, pair.second, pair.same))
    for topic in train:
        chosen = by_topic.get(topic.topic, [])
        if not chosen:
            continue
        full = featurizer.matrix(topic.mentions, topic.documents)
        first = np.array([a for a, _, _ in chosen])
        second = np.array([b for _, b, _ in chosen])
        rows.append(full[first, second])
        labels.extend(same for _, _, same in chosen)
    x = np.concatenate(rows)
    y = np.array(labels)
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    log(f"training pairs: {len(y)} ({int(y.sum())} positive) from {len(train)} topics")

    dev_groups = scope_groups(dev, "topic")
    dev_features = [featurizer.matrix(m, d) for m, d in dev_groups]
    key = gold_key(dev)
    grid: list[dict[str, Any]] = []
    best: tuple[float, PairModel] | None = None
    for c in C_GRID:
        fitted = linear_model.LogisticRegression(C=c, max_iter=2000)
        fitted.fit((x - mean) / scale, y)
        base = PairModel(
            features=FEATURES,
            mean=tuple(float(v) for v in mean),
            scale=tuple(float(v) for v in scale),
            coef=tuple(float(v) for v in fitted.coef_[0]),
            intercept=float(fitted.intercept_[0]),
            threshold=0.5,
            linkage="average",
            c=c,
        )
        probabilities = [base.probabilities(f) for f in dev_features]
        for linkage in LINKAGES:
            for threshold in THRESHOLDS:
                response: list[list[str]] = []
                for (mentions, _), p in zip(dev_groups, probabilities, strict=True):
                    for cluster in agglomerate(p, threshold, linkage):
                        response.append([mentions[i].id for i in cluster])
                f1 = score_all(key, response).conll_f1
                grid.append({"c": c, "linkage": linkage, "threshold": threshold, "dev_conll": f1})
                if best is None or f1 > best[0] + 1e-12:
                    best = (f1, _replace(base, threshold=threshold, linkage=linkage))
    assert best is not None
    f1, chosen_model = best
    summary = {
        "train_topics": [int(t.topic) for t in train],
        "dev_topics": [int(t.topic) for t in dev],
        "training_pairs": len(y),
        "positive_pairs": int(y.sum()),
        "negatives_per_mention": NEGATIVES_PER_MENTION,
        "pair_seed": PAIR_SEED,
        "selection": "C, linkage and threshold with the best dev CoNLL F1 (topic scope)",
        "dev_conll_f1": round(f1, 4),
        "best_dev_conll_by_c_and_linkage": _best_by(grid),
        "dev_conll_by_threshold_at_chosen_c_and_linkage": {
            str(g["threshold"]): round(g["dev_conll"], 4)
            for g in grid
            if g["c"] == chosen_model.c and g["linkage"] == chosen_model.linkage
        },
    }
    log(
        f"chosen on dev: C={chosen_model.c} {chosen_model.linkage} "
        f"threshold={chosen_model.threshold} (dev CoNLL F1 {100 * f1:.2f})"
    )
    return _replace(chosen_model, chosen_by=summary)


def _replace(model: PairModel, **changes: Any) -> PairModel:
    values = asdict(model)
    values.update(changes)
    values["features"] = tuple(values["features"])
    values["mean"] = tuple(values["mean"])
    values["scale"] = tuple(values["scale"])
    values["coef"] = tuple(values["coef"])
    return PairModel(**values)


def _best_by(grid: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for g in grid:
        name = f"C={g['c']} {g['linkage']}"
        if name not in out or g["dev_conll"] > out[name]["dev_conll"]:
            out[name] = {"threshold": g["threshold"], "dev_conll": round(g["dev_conll"], 4)}
    return out


# --- the command line ------------------------------------------------------------------------

BUILTIN: Mapping[str, Clusterer] = {
    "lemma": lemma_clusterer,
    "singletons": singleton_clusterer,
    "gold": gold_clusterer,
}


def resolve_system(name: str, model_path: Path, featurizer: PairFeaturizer) -> Clusterer:
    if name in BUILTIN:
        return BUILTIN[name]
    if name == "pairlr":
        return pair_clusterer(load_model(model_path), featurizer)
    if ":" in name:
        module, _, attribute = name.partition(":")
        found: Clusterer = getattr(importlib.import_module(module), attribute)
        return found
    raise ValueError(f"unknown system {name!r}: lemma, singletons, gold, pairlr or module:function")


def format_row(system: str, scope: str, scores: CorefScores) -> str:
    cells = [
        f"{100 * s.recall:5.1f} {100 * s.precision:5.1f} {100 * s.f1:5.1f}"
        for s in (scores.muc, scores.b_cubed, scores.ceaf_e)
    ]
    return f"{system:<12} {scope:<10} " + " | ".join(cells) + f" | {100 * scores.conll_f1:5.2f}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="test", choices=sorted(SPLITS))
    parser.add_argument("--system", action="append", help="repeatable; default lemma and pairlr")
    parser.add_argument("--scope", action="append", choices=SCOPES, help="repeatable")
    parser.add_argument("--train", action="store_true", help="refit pairlr and write --model")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--topics", help="comma-separated topic numbers instead of --split")
    parser.add_argument("--json", action="store_true", help="print one JSON object per row")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    featurizer = PairFeaturizer()
    if args.train:
        train = load_topics(SPLITS["train"], args.data)
        dev = load_topics(SPLITS["dev"], args.data)
        model = train_pair_model(train, dev, featurizer, log=lambda s: print(s, file=sys.stderr))
        args.model.parent.mkdir(parents=True, exist_ok=True)
        args.model.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {args.model}", file=sys.stderr)
    numbers = [int(t) for t in args.topics.split(",")] if args.topics else list(SPLITS[args.split])
    topics = load_topics(numbers, args.data)
    systems = args.system or ["lemma", "pairlr"]
    scopes = args.scope or ["topic", "subtopic"]
    stories = predicted_stories(topics) if "predicted" in scopes else None
    mentions = sum(len(t.mentions) for t in topics)
    clusters = len(gold_key(topics))
    label = f"topics {args.topics}" if args.topics else f"{args.split} topics"
    print(
        f"ECB+ {label}: {len(topics)} topics, {mentions} gold event mentions, {clusters} gold "
        f"clusters; scored over the whole set, singletons included"
    )
    if not args.json:
        print(
            f"{'system':<12} {'scope':<10} {'MUC R / P / F1':<17} | {'B3 R / P / F1':<17} | "
            f"{'CEAF-e R / P / F1':<17} | CoNLL F1"
        )
    for name in systems:
        clusterer = resolve_system(name, args.model, featurizer)
        for scope in scopes:
            groups = scope_groups(topics, scope, stories)
            if name == "pairlr":
                featurizer.prepare(groups)
            scores = score_all(gold_key(topics), predict_clusters(clusterer, groups))
            if args.json:
                row = {"system": name, "scope": scope, "split": args.split, **scores.row()}
                print(
                    json.dumps(
                        {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}
                    )
                )
            else:
                print(format_row(name, scope, scores))
    if stories is not None:
        print(
            f"predicted scope: {len(set(stories.values()))} newsweave stories over "
            f"{len(stories)} documents"
        )
    print(REFERENCE)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
