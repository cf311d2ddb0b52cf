"""The local engine: tasks run here (``jobs=1``) or in worker processes; it only schedules.

Each worker builds the rule set once and runs tasks (:mod:`cleaner.task.run`) in chunks, or
the shards of a large archive; results come back in input order whatever the number of
workers, so outputs and reports are the same for any ``--jobs``. Workers that die are
replaced, and what they held is retried alone before it is given up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record
from cleaner.errors import InputError
from cleaner.task.checkpoints import Done, Unit, UnitKind
from cleaner.task.documents import records_of
from cleaner.task.parquet import ParquetArchive
from cleaner.task.run import ShardedArchive, Task, clean_seekable, clean_unit, prepare, reject_failure, run_task
from cleaner.task.settings import Settings, build_cleaner
from cleaner.task.stats import RunStats


# In a worker process: its pipeline and settings, and where it says what it holds (the
# parent's shared arrays and this worker's slot in them).
_WORKER: tuple[Cleaner, Settings, Any, Any, int] | None = None
_MAX_ATTEMPTS = 2
_CHUNK_FILES = 64  # files sent to a worker at once, at most


def exit_with_parent(parent: int) -> None:
    # A worker blocks on its queue forever if the parent is killed outright (SIGKILL, out of
    # memory): the other workers hold the queue open too. It leaves once it is orphaned.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def follow_parent(parent: int) -> None:
    """How a worker process answers signals: its parent decides when it stops.

    Ctrl-C and a SIGTERM sent to the process group (a scheduler's time limit) reach every
    worker; the main process answers them (saves what is done, says how to resume) and stops
    its pool. A worker that died of the signal there and then would add tracebacks, or die
    half-way through sending a result, and the pool's reader would wait for the rest of it for
    ever. So a worker ignores Ctrl-C, and takes SIGTERM only from its parent (the pool ends its
    workers so when one died) or once orphaned. The parent's pid is handed over, not read
    here: a worker forked just before the parent was killed is an orphan already when it starts.
    Call it first in a worker, before any other thread starts.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "sigwaitinfo"):  # not on macOS: there a group's SIGTERM ends workers at once
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # threads started after inherit it
        threading.Thread(target=_take_sigterm_from, args=(parent,), daemon=True, name="sigterm-from-parent").start()
    else:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True, name="exit-with-parent").start()


def _take_sigterm_from(parent: int) -> None:
    while True:
        sender = signal.sigwaitinfo({signal.SIGTERM}).si_pid
        if sender == parent or os.getppid() != parent:
            os._exit(128 + signal.SIGTERM)


def _start_worker(settings: Settings, holding_entry: Any, holding_position: Any, slots: Any, parent: int) -> None:
    global _WORKER
    follow_parent(parent)
    with slots.get_lock():
        slot = slots.value % len(holding_entry)
        slots.value += 1
    _WORKER = (build_cleaner(settings), settings, holding_entry, holding_position, slot)


def _hold(entry: int, position: int) -> None:
    # Said before the work starts, so that if this process dies the parent knows what was in hand.
    assert _WORKER is not None
    _, _, holding_entry, holding_position, slot = _WORKER
    holding_entry[slot] = entry
    holding_position[slot] = position


def _run_files(entry: int, tasks: list[Task]) -> list[RunStats]:
    assert _WORKER is not None
    cleaner, settings = _WORKER[:2]
    results = []
    for position, task in enumerate(tasks):
        _hold(entry, position)
        results.append(run_task(cleaner, task, settings))
    _hold(-1, -1)
    return results


def _run_shard(entry: int, task: Task, unit: Unit, records: list[Record]) -> Done:
    assert _WORKER is not None
    cleaner, settings = _WORKER[:2]
    _hold(entry, 0)
    try:
        # A shard's records come with it; a row group is read by the worker, from the file.
        return clean_unit(cleaner, task, settings, unit, records) if unit.kind is UnitKind.SHARD \
            else clean_seekable(cleaner, task, settings, unit)
    finally:
        _hold(-1, -1)


@dataclass(eq=False)
class _Entry:
    """One step of the ordered work: a chunk of files, one unit of an archive (a shard of
    records, or a row group), the joining of an archive's parts, or a result known already.
    ``outcome`` is set when it is done."""

    kind: str  # "files" | "shard" | "finish" | "ready"
    tasks: list[Task] = field(default_factory=list)
    archive: ShardedArchive | ParquetArchive | None = None
    unit: Unit | None = None
    records: list[Record] = field(default_factory=list)
    number: int = -1
    future: Future | None = None
    outcome: Any = None
    done: bool = False
    lost: bool = False  # a shard no worker could finish: its outcome holds the rejects

    def submit(self, pool: ProcessPoolExecutor, number: int) -> None:
        self.number = number
        if self.kind == "files":
            self.future = pool.submit(_run_files, number, self.tasks)
        else:
            assert self.archive is not None
            self.future = pool.submit(_run_shard, number, self.archive.task, self.unit, self.records)

    def settle(self) -> None:
        if not self.done and self.future is not None:
            self.outcome = self.future.result()
            self.done = True


def _plan(tasks: Iterable[Task], settings: Settings, jobs: int) -> Iterator[_Entry]:
    """The entries of the run, in output order, made as they are needed: a checkpointed
    archive is read here, one shard at a time, so its shards spread over the workers; a Parquet
    file cleaned into Parquet spreads by row group, each read by its worker.

    Most files take about a millisecond and a round trip to a worker costs a fair share of
    that, hence chunks of files; they grow with the files seen (up to ``_CHUNK_FILES``), so a
    short run still spreads over every worker whatever its length, known or not."""
    files: list[Task] = []
    seen = 0
    for task in tasks:
        seen += 1
        if not (task.sharded or task.row_grouped) or settings.dry_run:
            files.append(task)
            if len(files) >= max(1, min(_CHUNK_FILES, seen // (jobs * 8))):
                yield _Entry("files", tasks=files)
                files = []
            continue
        if files:
            yield _Entry("files", tasks=files)
            files = []
        stats = RunStats()
        if not prepare(task, settings, stats):
            yield _Entry("ready", outcome=stats.file_done(), done=True)
            continue
        counts: dict[str, int] = {}
        archive: ShardedArchive | ParquetArchive
        try:
            archive = ParquetArchive(task, settings) if task.row_grouped else \
                ShardedArchive(task, records_of(Path(task.path), settings, counts, display=task.name), counts)
        except (OSError, InputError) as exc:
            reject_failure(stats, task, exc)
            yield _Entry("ready", outcome=stats.file_done(), done=True)
            continue
        for unit, shard in archive.remaining():
            yield _Entry("shard", archive=archive, unit=unit, records=shard)
        yield _Entry("finish", archive=archive, outcome=stats, done=True)
    if files:
        yield _Entry("files", tasks=files)


def _results_of(entry: _Entry, settings: Settings, on_documents: Callable[[int], None] | None) -> Iterator[RunStats]:
    """What a settled entry gives the caller, in order; an archive's shards give nothing
    until the archive is joined."""
    if entry.kind == "files":
        yield from entry.outcome
    elif entry.kind == "shard":
        assert entry.archive is not None and entry.unit is not None
        if entry.lost:
            entry.archive.lose(entry.unit, entry.records, entry.outcome)
            documents = 0
        else:
            entry.archive.settle(entry.unit, entry.outcome)
            documents = entry.outcome.stats.documents
        if on_documents is not None:
            on_documents(documents)
    elif entry.kind == "finish":
        assert entry.archive is not None
        stats = entry.outcome
        try:
            stats += entry.archive.finish(settings.journal)
            stats.bytes_out = Path(entry.archive.task.target).stat().st_size
        except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
            reject_failure(stats, entry.archive.task, exc)
        yield stats.file_done()
    else:
        yield entry.outcome


def _new_pool(settings: Settings, workers: int) -> tuple[ProcessPoolExecutor, Any, Any]:
    context = multiprocessing.get_context()
    holding_entry = context.Array("q", [-1] * workers, lock=False)
    holding_position = context.Array("q", [-1] * workers, lock=False)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(settings, holding_entry, holding_position, context.Value("i", 0),
                                         os.getpid()))
    return pool, holding_entry, holding_position


def _run_alone(entry: _Entry, settings: Settings) -> Any:
    """What a worker held when its pool broke, run in a pool of its own: if that worker dies
    too, this was the cause, not a neighbour. After ``_MAX_ATTEMPTS`` deaths it is given up."""
    for _ in range(_MAX_ATTEMPTS):
        pool = _new_pool(settings, 1)[0]
        try:
            entry.submit(pool, entry.number)
            return entry.future.result()  # type: ignore[union-attr]
        except BrokenProcessPool:
            continue
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    died = (f"the worker process cleaning it died, {_MAX_ATTEMPTS} times (out of memory, or a crash in a native "
            "library); skipped. Run it alone with --jobs 1 to see the error.")
    stats = RunStats()
    if entry.kind == "files":
        [task] = entry.tasks
        stats.reject(task.name, f"{task.name}: {died}")
        return [stats.file_done()]
    assert entry.archive is not None and entry.unit is not None
    covered, records = entry.archive.describe(entry.unit, entry.records)
    stats.reject(covered, f"{records} records: {died}")
    entry.lost = True
    return stats


def _recover(pending: deque[_Entry], held: set[tuple[int, int]], settings: Settings) -> deque[_Entry]:
    """After a pool broke: keep what finished, run what the dead workers held alone, and
    leave the rest to be sent again, in the same order."""
    again: deque[_Entry] = deque()
    for entry in pending:
        future = entry.future
        if entry.done or future is None:
            again.append(entry)
            continue
        if future.done() and not future.cancelled() and future.exception() is None:
            entry.outcome, entry.done = future.result(), True
            again.append(entry)
            continue
        entry.future = None
        suspects = sorted(position for number, position in held if number == entry.number)
        if not suspects:
            again.append(entry)
        elif entry.kind == "shard":
            entry.outcome, entry.done = _run_alone(entry, settings), True
            again.append(entry)
        else:
            start = 0
            for position in suspects:
                if position > start:
                    again.append(_Entry("files", tasks=entry.tasks[start:position]))
                alone = _Entry("files", tasks=[entry.tasks[position]], number=entry.number)
                alone.outcome, alone.done = _run_alone(alone, settings), True
                again.append(alone)
                start = position + 1
            if start < len(entry.tasks):
                again.append(_Entry("files", tasks=entry.tasks[start:]))
    return again


def run_tasks(tasks: Iterable[Task], settings: Settings, jobs: int, *,
              on_documents: Callable[[int], None] | None = None, address: str | None = None,
              on_shards: Callable[[int, int], None] | None = None) -> Iterator[RunStats]:
    """Results in the order of ``tasks``, taken as there is room for them (the window of work in
    flight). ``jobs=1`` runs here, with no process overhead.
    ``on_documents`` hears of documents done inside an archive, shard by shard, before the
    archive's own result comes (for progress).

    With more jobs, files go to the workers in chunks and a checkpointed archive in shards,
    so one large archive uses every worker too. A worker that dies (killed for memory, a crash
    in a C extension) breaks its pool: what the dead workers held is run alone in pools of its
    own, and given up after ``_MAX_ATTEMPTS`` deaths; a new pool takes up the rest. One
    poisonous file costs a few restarts, never the batch.

    ``address`` must be None (this engine runs on this machine); ``on_shards`` is not called:
    progress is told per file and per document.
    """
    if address is not None:
        raise ValueError("the local engine runs on this machine; --address is for a cluster engine (--engine ray)")
    tasks = iter(tasks)
    first = list(islice(tasks, 2))  # one file alone is not worth a worker's start-up
    tasks = chain(first, tasks)
    if jobs <= 1 or (len(first) <= 1 and not any(t.checkpoints for t in first)):
        cleaner = build_cleaner(settings)
        for task in tasks:
            yield run_task(cleaner, task, settings, on_documents)
        return
    jobs = max(1, min(jobs, os.cpu_count() or 1))
    window = jobs * 3
    plan = _plan(tasks, settings, jobs)
    waiting: deque[_Entry] = deque()  # entries to send again after a pool broke
    pending: deque[_Entry] = deque()
    numbers = iter(range(1 << 62))
    restarts_without_a_suspect = 0
    while True:
        pool, holding_entry, holding_position = _new_pool(settings, jobs)
        broken = False
        current: _Entry | None = None
        try:
            while True:
                while sum(1 for e in pending if not e.done) < window:
                    entry = waiting.popleft() if waiting else next(plan, None)
                    if entry is None:
                        break
                    pending.append(entry)  # first, so that a pool broken at submit loses nothing
                    if not entry.done:
                        entry.submit(pool, next(numbers))
                if not pending:
                    return
                current = pending.popleft()
                current.settle()
                yield from _results_of(current, settings, on_documents)
                current = None
        except BrokenProcessPool:
            broken = True
            if current is not None:
                pending.appendleft(current)
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        held = {(number, position) for number, position in zip(holding_entry, holding_position, strict=True)
                if number >= 0}
        waiting = _recover(pending, held, settings) + waiting
        pending = deque()
        restarts_without_a_suspect = 0 if held else restarts_without_a_suspect + 1
        if restarts_without_a_suspect >= _MAX_ATTEMPTS:
            raise RuntimeError("worker processes die before taking any work; run with --jobs 1 to see why")


