"""A stream of records (standard input) cleaned in input order on this machine: record by
record in this process, or by worker processes a chunk at a time.

A stream has no end to plan by and may not fit in memory, so the workers get chunks as the
stream is read, a bounded window of them in flight: the reader waits for the oldest chunk
before it reads more. Output lines are the same byte for byte whatever the number of workers,
and so are the stats: both ways fold them chunk by chunk, at the same boundaries.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from cleaner.engine.local import follow_parent
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record
from cleaner.task.records import clean_records
from cleaner.task.run import SHARD_BYTES, SHARD_RECORDS
from cleaner.task.settings import Settings, build_cleaner
from cleaner.task.stats import RunStats
from cleaner.writers.json_text import json_text

# A chunk is what a worker cleans at a time, the size of an archive's shard: large enough that
# the round trip to a worker costs little, small enough that the window stays small in memory.
CHUNK_RECORDS = SHARD_RECORDS
CHUNK_BYTES = SHARD_BYTES


def window_of(jobs: int) -> int:
    """Chunks in flight: two per worker, so that each has its next one at hand when it is done."""
    return 2 * jobs


@dataclass
class Step:
    """What the stream gave so far, in input order: output records as JSON lines, the records
    that failed and the warnings among them; ``stats`` when a chunk is complete, to be folded
    into the run's (the rejects and warnings above are in it too)."""

    lines: list[str]
    rejects: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: RunStats | None = None


def clean_stream(records: Iterable[Record], settings: Settings, *, jobs: int = 1,
                 cleaner: Cleaner | None = None) -> Iterator[Step]:
    """The cleaned records of ``records``, in their order. ``jobs=1`` cleans here, each record
    given as soon as it is cleaned (a slow stream is not held back); more jobs clean in worker
    processes (at most one per core) that build the rule set of ``settings`` once each."""
    jobs = max(1, min(jobs, os.cpu_count() or 1))
    if jobs == 1:
        return _here(cleaner or build_cleaner(settings), records, settings)
    return _in_workers(records, settings, jobs)


def _size(record: Record) -> int:
    return len(record.html if record.html is not None else record.text or "")


def _lines(cleaner: Cleaner, records: Iterable[Record], settings: Settings, stats: RunStats) -> list[str]:
    return [json_text(item) + "\n" for item in clean_records(cleaner, records, settings, stats)]


def _here(cleaner: Cleaner, records: Iterable[Record], settings: Settings) -> Iterator[Step]:
    stats, count, size = RunStats(), 0, 0
    for record in records:
        rejects, warnings = len(stats.rejects), len(stats.warnings)
        lines = _lines(cleaner, (record,), settings, stats)
        count, size = count + 1, size + _size(record)
        full = count >= CHUNK_RECORDS or size >= CHUNK_BYTES  # where _chunks would close the chunk
        yield Step(lines, stats.rejects[rejects:], stats.warnings[warnings:], stats if full else None)
        if full:
            stats, count, size = RunStats(), 0, 0
    if count:
        yield Step([], stats=stats)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += _size(record)
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# In a worker process: its pipeline and the run's settings.
_WORKER: tuple[Cleaner, Settings] | None = None


def _start_worker(settings: Settings, parent: int) -> None:
    global _WORKER
    follow_parent(parent)
    _WORKER = (build_cleaner(settings), settings)


def _clean_chunk(records: list[Record]) -> tuple[list[str], RunStats]:
    assert _WORKER is not None
    cleaner, settings = _WORKER
    stats = RunStats()
    return _lines(cleaner, records, settings, stats), stats


def _new_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(),
                               initializer=_start_worker, initargs=(settings, os.getpid()))


def _submit(pool: ProcessPoolExecutor, chunk: list[Record]) -> Future:
    try:
        return pool.submit(_clean_chunk, chunk)
    except BrokenProcessPool as exc:  # a worker died before this was sent: told where results are read
        future: Future = Future()
        future.set_exception(exc)
        return future


def _in_workers(records: Iterable[Record], settings: Settings, jobs: int) -> Iterator[Step]:
    chunks = _chunks(records)
    pending: deque[tuple[list[Record], Future]] = deque()
    pool = _new_pool(settings, jobs)
    try:
        while True:
            while len(pending) < window_of(jobs):
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, _submit(pool, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                lines, stats = future.result()
            except BrokenProcessPool:
                # A worker died (killed for memory, a crash in a native library): the oldest
                # chunk is run alone, so that if it was the cause it costs its own records
                # only; the chunks after it go to a new pool, in the same order.
                pool.shutdown(wait=False, cancel_futures=True)
                lines, stats = _alone(chunk, settings)
                pool = _new_pool(settings, jobs)
                pending = deque((waiting, _submit(pool, waiting)) for waiting, _ in pending)
            yield Step(lines, stats.rejects, stats.warnings, stats)
    finally:
        # Cancelled: what is queued; what a worker holds is finished (at most one chunk each).
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(chunk: list[Record], settings: Settings) -> tuple[list[str], RunStats]:
    pool = _new_pool(settings, 1)
    try:
        return pool.submit(_clean_chunk, chunk).result()
    except BrokenProcessPool:
        stats = RunStats()
        stats.reject(f"{chunk[0].source} .. {chunk[-1].source}",
                     f"{chunk[0].source} .. {chunk[-1].source}: {len(chunk)} records: the worker process cleaning "
                     "them died twice (out of memory, or a crash in a native library); skipped. Clean them alone "
                     "with --jobs 1 to see the error.")
        return [], stats
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
