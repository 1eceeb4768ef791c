"""Analyses as background jobs, off the event loop, with their progress and results.

Each job runs ``parallax.pipeline.analyze_articles`` in a worker process (or a thread when
``WebConfig.analysis_processes`` is 0) so that the server keeps answering while spaCy works.
Workers send the step they are on through a queue; finished reports are written as JSON into
the data directory, the only place the web app writes.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from parallax import clean, pipeline
from parallax.config import Config
from parallax.errors import ParallaxError
from parallax.models import RawArticle, Report, Skipped
from parallax.web.inputs import Batch
from parallax.web.safety import ALLOW_HINT, fetch_urls, inside

Status = Literal["queued", "running", "done", "failed"]
Sink = Callable[[tuple[str, str]], None]
JOB_ID = re.compile(r"^[0-9a-f]{32}$")

# The progress sink of a worker process, set by ``_init_worker``.
_worker_sink: Sink | None = None


@dataclass
class Failure:
    """Why an analysis gave no report: a one-line message, what was skipped, its HTTP status."""

    message: str
    skipped: list[Skipped]
    status: int


@dataclass
class Job:
    """One analysis as the server tracks it."""

    id: str
    status: Status = "queued"
    step: str = "waiting for a worker"
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    error: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    report: Report | None = None
    future: Future[Report | Failure] | None = None

    def as_json(self) -> dict[str, Any]:
        elapsed = (self.finished or time.monotonic()) - self.started
        return {
            "id": self.id,
            "status": self.status,
            "step": self.step,
            "elapsed_s": round(elapsed, 1),
            "error": self.error,
            "skipped": [s.model_dump() for s in self.skipped],
            "report": f"/jobs/{self.id}/report" if self.status == "done" else None,
        }


def _init_worker(queue: Any, niceness: int) -> None:
    """Worker start: lower its priority so the server stays responsive; progress goes to the queue."""
    global _worker_sink
    if niceness:
        os.nice(niceness)
    _worker_sink = queue.put


def analyse(
    job_id: str,
    raws: list[RawArticle],
    urls: list[str],
    skipped: list[Skipped],
    config: Config,
    allow_private: bool,
    sink: Sink | None = None,
) -> Report | Failure:
    """The job body: fetch URLs behind the guard, clean, then the full analysis through the library API."""
    send = sink or _worker_sink or (lambda message: None)

    def progress(step: str) -> None:
        send((job_id, step))

    raws, skipped = list(raws), list(skipped)
    if urls:
        progress(f"fetching {len(urls)} URL{'s' if len(urls) > 1 else ''}")
        for item in fetch_urls(urls, config.web, config.ingest, allow_private):
            (skipped if isinstance(item, Skipped) else raws).append(item)  # type: ignore[arg-type]
    progress("cleaning articles")
    articles, dropped = clean.clean_articles(raws, config.clean)
    skipped += dropped
    try:
        return pipeline.analyze_articles(articles, skipped, config, progress)
    except ParallaxError as error:
        # Nothing usable because every URL was refused: the request itself was wrong (400).
        refused = bool(skipped) and all(s.reason.endswith(ALLOW_HINT) for s in skipped)
        return Failure(error.message, skipped, 400 if refused else 422)


def _warm_up(model: str) -> None:
    """Load the configured spaCy model in a fresh worker so the first real job does not pay for it."""
    from parallax.annotate.nlp import load

    load(model)


class BusyError(ParallaxError):
    """Too many analyses are waiting."""

    code = "PX400"


class JobRunner:
    """Starts analyses in the background and answers where each one stands."""

    def __init__(self, config: Config, data_dir: Path, allow_private: bool) -> None:
        self.config = config
        self.allow_private = allow_private
        self.reports = data_dir / "reports"
        self.reports.mkdir(parents=True, exist_ok=True)
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()
        self.executor: Executor
        self.queue: Any = None
        self.drain: threading.Thread | None = None
        web = config.web
        if web.analysis_processes > 0:
            context = multiprocessing.get_context("spawn")
            self.queue = context.Queue()
            self.executor = ProcessPoolExecutor(
                web.analysis_processes,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.queue, web.worker_niceness),
            )
            self.drain = threading.Thread(target=self._drain, name="parallax-progress", daemon=True)
            self.drain.start()
            self.executor.submit(_warm_up, config.annotate.spacy_model)
        else:
            self.executor = ThreadPoolExecutor(1, thread_name_prefix="parallax-analysis")

    def submit(self, batch: Batch) -> Job:
        """Queue one analysis; ``BusyError`` when too many are already waiting."""
        with self.lock:
            pending = sum(1 for j in self.jobs.values() if j.status in ("queued", "running"))
            if pending >= self.config.web.max_pending_jobs:
                raise BusyError("the server is busy with other analyses: try again in a minute")
            job = Job(id=uuid.uuid4().hex, skipped=list(batch.skipped))
            self.jobs[job.id] = job
            self._forget_old()
        sink = None if self.queue is not None else self._progress
        job.future = self.executor.submit(
            analyse, job.id, batch.raws, batch.urls, batch.skipped, self.config, self.allow_private, sink
        )
        job.future.add_done_callback(lambda future: self._finish(job, future))
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, read back from the data directory when it has left memory."""
        if not JOB_ID.match(job_id):
            return None
        with self.lock:
            job = self.jobs.get(job_id)
        if job is not None:
            return job
        path = inside(self.reports, f"{job_id}.json")
        if not path.is_file():
            return None
        report = Report.model_validate_json(path.read_text(encoding="utf-8"))
        return Job(id=job_id, status="done", step="done", report=report, skipped=report.skipped)

    def status(self, job: Job) -> dict[str, Any]:
        """The job as JSON, with how many analyses are ahead of it while it waits."""
        ahead = 0
        with self.lock:
            for other in self.jobs.values():
                if other.id == job.id:
                    break
                ahead += other.status in ("queued", "running")
        answer = job.as_json()
        if job.status == "queued":
            answer["step"] = f"waiting for a worker ({ahead} ahead)" if ahead else "starting"
        return answer | {"ahead": ahead}

    def close(self) -> None:
        """Stop the workers (pending and running analyses are dropped) and the progress reader."""
        if isinstance(self.executor, ProcessPoolExecutor):
            # A worker may be deep in an analysis: stopping the server should not wait for it.
            workers = list((self.executor._processes or {}).values())
            self.executor.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.queue is not None:
            self.queue.put(None)
            if self.drain is not None:
                self.drain.join(timeout=5)
            self.queue.close()

    def _progress(self, message: tuple[str, str]) -> None:
        job_id, step = message
        with self.lock:
            job = self.jobs.get(job_id)
            if job is not None and job.status in ("queued", "running"):
                job.status, job.step = "running", step

    def _drain(self) -> None:
        while True:
            message = self.queue.get()
            if message is None:
                return
            self._progress(message)

    def _finish(self, job: Job, future: Future[Report | Failure]) -> None:
        if future.cancelled():
            job.status, job.error = "failed", "the server stopped before this analysis ran"
        elif future.exception() is not None:
            error = future.exception()
            job.status, job.error = "failed", f"the analysis failed: {error.__class__.__name__}: {error}"
        else:
            outcome = future.result()
            if isinstance(outcome, Failure):
                job.status, job.error, job.skipped = "failed", outcome.message, outcome.skipped
            else:
                inside(self.reports, f"{job.id}.json").write_text(outcome.model_dump_json(), encoding="utf-8")
                job.report, job.skipped, job.status = outcome, outcome.skipped, "done"
        job.step = job.status
        job.finished = time.monotonic()

    def _forget_old(self) -> None:
        """Keep at most ``jobs_kept`` jobs in memory (finished reports stay on disk)."""
        kept = self.config.web.jobs_kept
        for old in [j for j in self.jobs.values() if j.status in ("done", "failed")][
            : max(0, len(self.jobs) - kept)
        ]:
            del self.jobs[old.id]
