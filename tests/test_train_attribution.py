"""The attribution model's training labels (``benchmarks/train_attribution.best_labels``)."""

from __future__ import annotations

from benchmarks.train_attribution import best_labels


def test_only_the_best_matching_candidate_of_each_gold_is_positive() -> None:
    gold = set(range(10))
    exact = set(range(10))
    longer = set(range(12))  # F1 0.91 against the gold: a near duplicate of the exact one
    elsewhere = {50, 51, 52}
    assert best_labels([longer, exact, elsewhere], [gold]) == [0, 1, 0]
    # positive control: with the exact one gone, the near duplicate is the best and is positive
    assert best_labels([longer, elsewhere], [gold]) == [1, 0]


def test_a_candidate_below_the_match_criterion_is_never_positive() -> None:
    gold = set(range(10))
    weak = set(range(3))  # F1 0.46 < 0.5
    assert best_labels([weak], [gold]) == [0]
    assert best_labels([weak, set(range(4))], [gold]) == [0, 1]  # F1 0.57
