"""Where the work runs: in this process, or on an existing Dask cluster.

``executor_for(None)`` maps in-process (``workers=2``: in two local processes);
``executor_for("tcp://host:8786")`` (or the ``PARALLAX_SCHEDULER`` environment variable) sends
each task to the cluster's workers. All return results in input order, so a run gives the same
output wherever it ran; only pure, module-level functions are mapped, which makes that hold.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from parallax.errors import E, UsageError

T = TypeVar("T")
R = TypeVar("R")

ENVIRONMENT = "PARALLAX_SCHEDULER"


class Executor(Protocol):
    """Maps a function over items, yielding results in input order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class LocalExecutor:
    """In-process, one item after another."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return (fn(item) for item in items)

    def close(self) -> None:
        return None


class PoolExecutor:
    """Worker processes on this machine (``spawn``: no state shared with this process).

    A bounded number of tasks is in flight, so memory stays flat, and results come back in
    input order: the same output as ``LocalExecutor`` for a pure function.
    """

    def __init__(self, workers: int, in_flight: int | None = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        self.in_flight = in_flight or 2 * workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self.pool.submit(fn, item))
            if len(pending) >= self.in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.pool.shutdown()


class DaskExecutor:
    """Tasks on a running Dask cluster, a bounded number in flight so memory stays flat."""

    def __init__(self, address: str, in_flight: int | None = None, timeout: str = "10s") -> None:
        from distributed import Client

        try:
            self.client = Client(address, timeout=timeout)
        except OSError as error:
            raise UsageError(E.PX204, address=address, detail=error, variable=ENVIRONMENT) from None
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.in_flight = in_flight or 2 * workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending: deque[Any] = deque()
        for item in items:
            # pure=False: two equal batches are still two tasks (results are not shared by key).
            pending.append(self.client.submit(fn, item, pure=False))
            if len(pending) >= self.in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.client.close()


def scheduler_address(scheduler: str | None) -> str | None:
    """The scheduler to use: the option, else ``PARALLAX_SCHEDULER``, else none (in-process)."""
    return scheduler or os.environ.get(ENVIRONMENT) or None


def executor_for(scheduler: str | None, workers: int = 1) -> Executor:
    """The executor for a ``--scheduler`` value (see ``scheduler_address``); with no scheduler,
    ``workers`` > 1 local processes."""
    address = scheduler_address(scheduler)
    if address is None:
        return PoolExecutor(workers) if workers > 1 else LocalExecutor()
    return DaskExecutor(address)
