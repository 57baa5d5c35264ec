"""Work shared out to forked worker processes, one per core, with the results back in task order.

A forked worker starts with everything this process has loaded (the directory, the page plans, the theme), so
nothing but each task's result crosses between processes, and a worker needs no setup. Tasks are dealt out in
turn (task i to worker i mod n); each worker sends its results when it has done all of its tasks, so this
process can go on with other work meanwhile and collect them when it needs them.

Where fork is not available, or this process runs other threads (fork copies only the calling thread, and a
lock another thread holds, a logging lock say, stays held for ever in the child), the tasks run here instead,
one after another, straight away (so they see the state they would have seen forked): the results are the same.

A worker's log records come back with its results and are logged here, so they are counted and shown once.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import resource
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

ENABLED = True  # False: every task runs in this process (tests compare the two)
Task = TypeVar("Task")
Result = TypeVar("Result")

log = logging.getLogger(__name__)


class WorkerFailed(Exception):
    """A worker stopped without sending its results, or raised an exception that cannot come back as it is."""


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return (
        ENABLED
        and sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append((record.name, record.levelno, record.getMessage()))
        except Exception:  # a record that cannot be formatted is not worth a worker's life
            pass


def _collect_logs() -> _Collector:
    """In a new worker: every logger's output goes to a collector instead of the parent's streams."""
    collector = _Collector()
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
    logging.getLogger().addHandler(collector)
    return collector


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _worker(job: Callable[[Any], Any], tasks: list[tuple[int, Any]], fd: int) -> None:
    """In the child: run the tasks, send (results, logs, error) down the pipe, and leave without cleaning up
    the parent's state (no atexit handlers, no flushing of buffers the parent will flush itself)."""
    status = 1
    try:
        collector = _collect_logs()
        results: list = []
        error: tuple[BaseException | None, str] | None = None
        try:
            for index, task in tasks:
                results.append((index, job(task)))
        except BaseException as exc:
            error = (exc, traceback.format_exc())
        usage = resource.getrusage(resource.RUSAGE_SELF)
        peak = (usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)  # kilobytes on Linux; CPU seconds
        try:
            payload = pickle.dumps((results, collector.records, error, peak), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception (or result) that does not pickle: send its traceback
            text = error[1] if error else traceback.format_exc()
            payload = pickle.dumps(([], collector.records, (None, text), peak), protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(fd, payload)
        status = 0
    finally:
        os._exit(status)


class Forked(Generic[Task, Result]):
    """`job` run on every task, by `workers` forked processes (or here, when forking is not possible).

    background: fork even a single worker, so the tasks run beside this process's own work.
    defer: when the tasks run here, run them when the results are asked for rather than straight away (for a
    job that carries all it needs with it, and is better done after this process's own work)."""

    def __init__(
        self,
        job: Callable[[Task], Result],
        tasks: Sequence[Task],
        workers: int | None = None,
        *,
        background: bool = False,
        defer: bool = False,
    ) -> None:
        self.job = job
        self.tasks = list(tasks)
        wanted = cpu_count() if workers is None else workers
        self.workers = max(0, min(wanted, len(self.tasks)))
        self.children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
        self.peaks: list[int] = []  # each worker's peak resident memory, in bytes (for the build's log)
        self.cpu: list[float] = []  # and the CPU time it used, in seconds
        self.forked = (self.workers > 1 or (background and self.workers == 1)) and can_fork()
        self._results: list[Result] | None = None
        self.count = len(self.tasks)
        if self.forked:
            self._start()
            self.tasks = []  # the workers have their own copies; what the tasks hold (page plans) can go here
        elif not defer:
            self._results = [job(task) for task in self.tasks]
            self.tasks = []

    def _start(self) -> None:
        # What exists now is shared with the workers page by page until written to: kept out of the cyclic
        # collector's passes, it is neither copied into each worker by them nor scanned again and again.
        gc.freeze()
        shares: list[list[tuple[int, Any]]] = [[] for _ in range(self.workers)]
        for index, task in enumerate(self.tasks):
            shares[index % self.workers].append((index, task))
        for share in shares:
            read, write = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child
                os.close(read)
                _worker(self.job, share, write)
            os.close(write)
            self.children.append((pid, read))

    def results(self) -> list[Result]:
        """Every task's result, in task order. A task's exception is raised here as it was raised there (the
        first one; the other workers are stopped), or as WorkerFailed when it cannot be sent back."""
        if not self.forked:
            if self._results is None:
                self._results = [self.job(task) for task in self.tasks]
                self.tasks = []
            return self._results
        found: dict[int, Result] = {}
        while self.children:
            pid, read = self.children.pop(0)
            try:
                data = _read_all(read)
            finally:
                os.close(read)
            _, status = os.waitpid(pid, 0)
            if not data:
                self.cancel()
                raise WorkerFailed(f"a worker process stopped without finishing (exit status {status})")
            results, records, error, (peak, cpu) = pickle.loads(data)
            self.peaks.append(peak)
            self.cpu.append(cpu)
            for name, level, message in records:
                logging.getLogger(name).log(level, message)
            if error:
                self.cancel()
                exc, text = error
                log.debug("a worker process failed:\n%s", text)
                if exc is None:
                    raise WorkerFailed(text)
                raise exc
            found.update(results)
        return [found[index] for index in range(self.count)]

    def cancel(self) -> None:
        """Stop the workers (after an error elsewhere): nothing they write is used."""
        for pid, read in self.children:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
            try:
                os.close(read)
            except OSError:
                pass
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
        self.children = []
