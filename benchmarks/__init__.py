"""Evaluations (`make eval`) and benchmarks (`make bench`), one module per stage.

Each ``eval_<stage>.py`` defines ``run(data: Path) -> list[Row]``; each ``bench_<stage>.py``
defines ``run() -> list[BenchRow]``. The runners discover them, print one table, compare with the
committed baselines in ``benchmarks/results/`` and save the new numbers beside them.
"""
