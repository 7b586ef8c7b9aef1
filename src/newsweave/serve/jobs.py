"""Indexing runs in the background: one worker thread takes submitted inputs in order, reads
them with the ingest readers and gives them to the store, reporting progress as it goes.

Readers keep answering meanwhile (the store lets one writer and many readers work at once);
a finished run bumps ``Jobs.generation`` so that cached pages are drawn again.
"""

from __future__ import annotations

import itertools
import queue
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.ingest import ReadOptions, iter_inputs
from newsweave.model import Article, Rejected
from newsweave.serve.backend import Backend
from newsweave.store.records import JobStatus

# Finished runs remembered for their status pages; older ones are forgotten first.
JOBS_KEPT = 500


@dataclass(frozen=True, slots=True)
class Submission:
    """Inputs for one run: ``specs`` as ``iter_inputs`` takes them, read with ``read``;
    ``folder`` (the uploads' temporary folder) is removed when the run ends and is cut from
    the names rejections are reported under."""

    specs: tuple[str, ...]
    read: ReadOptions
    folder: Path | None = None


class Jobs:
    """The queue of indexing runs and their status."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.lock = threading.Lock()
        self.status: dict[str, JobStatus] = {}
        self.pending: queue.Queue[tuple[str, Submission] | None] = queue.Queue()
        self.stopping = threading.Event()
        self.generation = itertools.count(1)
        self.current_generation = 0
        self.worker = threading.Thread(target=self._work, name="newsweave-indexer", daemon=True)
        self.worker.start()

    def submit(self, submission: Submission) -> JobStatus:
        job = JobStatus(id=uuid.uuid4().hex, state="queued")
        with self.lock:
            self.status[job.id] = job
            self._forget_old()
        self.pending.put((job.id, submission))
        return job

    def get(self, job_id: str) -> JobStatus | None:
        with self.lock:
            return self.status.get(job_id)

    def close(self, timeout: float = 5.0) -> None:
        """Stop after the run in progress; runs still queued are marked failed."""
        self.stopping.set()
        self.pending.put(None)
        self.worker.join(timeout)

    def _set(self, job_id: str, **changes: object) -> None:
        with self.lock:
            self.status[job_id] = replace(self.status[job_id], **changes)  # type: ignore[arg-type]

    def _forget_old(self) -> None:
        ended = [k for k, job in self.status.items() if job.state in ("done", "failed")]
        for key in ended[: max(0, len(self.status) - JOBS_KEPT)]:
            del self.status[key]

    def _work(self) -> None:
        while (item := self.pending.get()) is not None:
            job_id, submission = item
            try:
                if self.stopping.is_set():
                    self._set(job_id, state="failed", message="the server stopped first")
                else:
                    self._run(job_id, submission)
            except NewsweaveError as exc:
                self._end(job_id, state="failed", message=str(exc))
            except Exception as exc:  # a fault of the run must not stop the worker
                self._end(job_id, state="failed", message=f"indexing failed ({type(exc).__name__})")
            finally:
                if submission.folder is not None:
                    shutil.rmtree(submission.folder, ignore_errors=True)

    def _end(self, job_id: str, **changes: object) -> None:
        """The run's last status; cached pages are drawn again from now on (a failed run
        may have committed some batches)."""
        self.current_generation = next(self.generation)
        self._set(job_id, **changes)

    def _run(self, job_id: str, submission: Submission) -> None:
        self._set(job_id, state="running", message="reading the inputs")
        warnings: list[str] = []
        items = list(iter_inputs(list(submission.specs), submission.read, None, warnings=warnings))
        read_rejected = [item for item in items if isinstance(item, Rejected)]
        articles = sum(isinstance(item, Article) for item in items)
        self._set(job_id, total=articles, message=f"indexing {articles} article(s)")
        progress = self._progress(job_id)
        result = self.backend.update(items, progress)
        rejected = _rejections([*read_rejected, *result.rejected], submission.folder)
        self._end(
            job_id,
            state="done",
            done=articles,
            added=result.added,
            rejected=rejected,
            stories=result.stories,
            message=_summary(result.added, result.known, len(rejected)),
            extra={"known": result.known, "warnings": [*warnings, *result.warnings]},
        )

    def _progress(self, job_id: str) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            changes: dict[str, object] = {"done": done}
            if total:
                changes["total"] = total
            job = self.get(job_id)
            if job is not None and done >= (total or job.total):
                changes["message"] = "finding the stories again and computing their briefs"
            self._set(job_id, **changes)

        return report


def _rejections(rejected: Sequence[Rejected], folder: Path | None) -> tuple[tuple[str, str], ...]:
    """(input name, reason) pairs, each once, named as the user sent them (no temp folder)."""
    prefix = f"{folder}/" if folder is not None else ""
    seen: dict[tuple[str, str], None] = {}
    for item in rejected:
        name = item.source.removeprefix(prefix)
        seen[(name, f"{item.reason.value}: {item.detail}")] = None
    return tuple(seen)


def _summary(added: int, known: int, rejected: int) -> str:
    """One line for the status page.

    >>> _summary(3, 1, 0)
    '3 article(s) added, 1 already known, 0 rejected'
    """
    return f"{added} article(s) added, {known} already known, {rejected} rejected"
