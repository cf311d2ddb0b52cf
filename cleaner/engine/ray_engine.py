"""The Ray engine: the tasks of :mod:`cleaner.task.run` as plain Ray tasks, for archives beyond
one machine. It only schedules: what a task does is the same on every engine.

The run is cut into shards, one Ray task each, each writing its own output atomically:

- text and HTML files, in chunks of ``FILES_PER_TASK``: each file's output is written whole
  by :func:`cleaner.task.run.run_task`, as the local engine writes it;
- a plain JSONL file of some size: byte ranges cut at line ends (see :func:`range_size`), so a task
  reads only its own range (a first wave of tasks counts the lines of each range, so every
  record keeps the ``file:line`` source the local engine gives it). Each range is a unit of
  the archive's checkpoints (:mod:`cleaner.task.checkpoints`): cleaned into a part file, then
  marked done; when every range of the file is done, the parts are joined in order;
- a Parquet file cleaned into Parquet: its row groups, a task each, each reading only its own
  row group, checkpointed and joined as ranges are;
- any other archive (compressed JSONL, WARC: no byte can be sought in them) as one task, which
  checkpoints itself shard by shard as the local engine does.

The outputs are the local engine's byte for byte. No Ray Data and no shuffles: a task is a
function of its shard. A task whose worker dies is retried by Ray (``MAX_RETRIES``); a chunk of
files that still fails is split into single files to find the culprit, and what fails alone
is rejected with the error, as a range is. The run goes on.

Ray is imported only here and in :mod:`cleaner.engine.ray_cluster`, and these only when the
engine is chosen (``pip install 'cleaner[ray]'``).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ray

from cleaner.engine.ray_cluster import Job, cleaner_for, connect, job_key
from cleaner.errors import InputError
from cleaner.pipeline import Cleaner
from cleaner.readers.ranges import count_lines, cut_ranges, range_records
from cleaner.readers.records import archive_kind
from cleaner.task.boilerplate import SiteLines, count_site_lines, merge_site_lines, without_single_lines
from cleaner.task.checkpoints import Checkpoints, Done, Unit, UnitKind
from cleaner.task.parquet import layout_of
from cleaner.task.run import Task, clean_seekable, join_parts, prepare, reject_failure, run_task
from cleaner.task.settings import Settings, resolve_rule_set
from cleaner.task.stats import RunStats

# A plain JSONL file is cut into byte ranges, one task each, so that one dump keeps every CPU
# of the cluster busy (two ranges a CPU), of at most RANGE_BYTES (a task's memory and the work
# a killed task loses) and at least MIN_RANGE_BYTES (a task's start-up stays noise).
RANGE_BYTES = 64 << 20
MIN_RANGE_BYTES = 4 << 20
FILES_PER_TASK = 64
MAX_RETRIES = 1  # Ray runs a task whose worker died once more, then the error is recorded
# Tasks in flight at once, per CPU of the cluster: enough to keep every worker fed.
_IN_FLIGHT_PER_CPU = 4


@dataclass
class _Step:
    """One step of the run in output order: a chunk of files, a unit read alone (a byte range
    of a JSONL file, a Parquet file's row group), a whole archive, or the joining of a file's
    parts."""

    kind: str  # "files" | "range" | "archive" | "join"
    tasks: list[Task] = field(default_factory=list)
    unit: Unit | None = None  # a range's or a row group's
    first_line: int = 1
    stats: RunStats | None = None  # for "join": the file's, filled by its ranges
    parts: list[_Step] = field(default_factory=list)  # for "join": the file's units, in order
    ref: Any = None
    outcome: Any = None


def _clean_files(key: str, job: Job, tasks: list[Task]) -> list[RunStats]:
    cleaner = cleaner_for(key, job)
    return [run_task(cleaner, task, job.settings) for task in tasks]


def _clean_archive(key: str, job: Job, task: Task) -> RunStats:
    return run_task(cleaner_for(key, job), task, job.settings)


def _clean_range(key: str, job: Job, task: Task, unit: Unit, first_line: int) -> Done:
    return clean_seekable(cleaner_for(key, job), task, job.settings, unit, first_line)


def _count_files(key: str, job: Job, tasks: list[Task]) -> SiteLines:
    return count_site_lines(cleaner_for(key, job), [(task, None) for task in tasks], job.settings)


def _count_range(key: str, job: Job, task: Task, start: int, end: int) -> SiteLines:
    settings = job.settings
    records = range_records(task.path, start, end, display=task.name, text_field=settings.text_field,
                            html_field=settings.html_field, max_bytes=settings.max_document_bytes)
    return count_site_lines(cleaner_for(key, job), [(task, records)], settings)


def learn_boilerplate(cleaner: Cleaner, tasks: list[Task], settings: Settings, *, jobs: int = 1,
                      address: str | None = None, on_warning: Callable[[str], None] | None = None) -> SiteLines:
    """The first pass of ``--learn-boilerplate`` as Ray tasks: each shard (a chunk of files, a
    byte range of a large JSONL file, another archive whole) counts its sites' lines; the
    counts are added up here, and lines seen once in all are dropped. A chunk whose task fails
    is counted again file by file; what still fails is left out of the counts, and
    ``on_warning`` hears which inputs and why (the cleaning pass rejects them if they fail there too)."""
    started_here = connect(address, jobs)
    try:
        options = {"max_retries": MAX_RETRIES, "retry_exceptions": False}
        count_files = ray.remote(_count_files).options(**options)
        count_range = ray.remote(_count_range).options(**options)
        job = Job(settings, cleaner.rule_set)
        key, shared = job_key(job), ray.put(job)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        parts: list[tuple[Any, list[Task], str]] = []  # (ref, its files, what it covers)
        files: list[Task] = []
        for task in tasks:
            size = _size(task.path) if task.path.lower().endswith((".jsonl", ".ndjson")) else 0
            step = range_size(size, cpus)
            if size > step:
                parts += [(count_range.remote(key, shared, task, a, b), [], f"{task.name}@{a}-{b}")
                          for a, b in cut_ranges(task.path, size, step)]
            else:
                files.append(task)
                if archive_kind(Path(task.path)) or len(files) >= FILES_PER_TASK:
                    parts.append((count_files.remote(key, shared, files), files, ""))
                    files = []
        if files:
            parts.append((count_files.remote(key, shared, files), files, ""))
        tables = []
        for ref, chunk, covers in parts:
            try:
                tables.append(ray.get(ref))
                continue
            except Exception as exc:  # noqa: BLE001 - a dead worker, a task error: the run goes on
                failure = exc
            if len(chunk) > 1:  # one of them is the cause: each is counted alone
                alone = [(count_files.remote(key, shared, [task]), task) for task in chunk]
                for single, task in alone:
                    try:
                        tables.append(ray.get(single))
                    except Exception as exc:  # noqa: BLE001
                        _not_counted(on_warning, task.name, exc)
            else:
                _not_counted(on_warning, covers or chunk[0].name, failure)
        return without_single_lines(merge_site_lines(tables))
    finally:
        if started_here:
            ray.shutdown()


def _not_counted(on_warning: Callable[[str], None] | None, what: str, exc: BaseException) -> None:
    if on_warning is not None:
        on_warning(f"{what}: left out of the boilerplate counts ({_cause(exc)}); its lines are not counted")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def range_size(size: int, cpus: int) -> int:
    """How large the byte ranges of a file of ``size`` bytes are, on a cluster of ``cpus``."""
    return min(RANGE_BYTES, max(MIN_RANGE_BYTES, size // (2 * max(1, cpus)) + 1))


def _units(task: Task, settings: Settings, cpus: int) -> list[Unit]:
    """The units a task's file is cut into, a Ray task each, or none when it is one task: a
    plain JSONL file of some size is cut into byte ranges, a Parquet file cleaned into Parquet
    into its row groups (with a checkpoint folder for their parts and markers)."""
    if not task.checkpoints or settings.dry_run:
        return []
    if task.row_grouped:
        groups = len(layout_of(task, settings).rows)
        return [Unit(UnitKind.ROW_GROUP, index) for index in range(groups)] if groups > 1 else []
    if not task.path.lower().endswith((".jsonl", ".ndjson")):
        return []
    size = _size(task.path)
    step = range_size(size, cpus)
    if size <= step:
        return []
    return [Unit(UnitKind.RANGE, index, start, end)
            for index, (start, end) in enumerate(cut_ranges(task.path, size, step))]


def _plan(tasks: Iterable[Task], settings: Settings, cpus: int, count_lines_task: Any) -> Iterator[_Step]:
    """The steps of the run in output order, made as the run has room for them: the tasks are
    taken as they come (a walked plan makes them as it walks), so the driver holds only the
    steps in flight."""
    files: list[Task] = []
    for task in tasks:
        if not archive_kind(Path(task.path)):
            files.append(task)
            if len(files) >= FILES_PER_TASK:
                yield _Step("files", tasks=files)
                files = []
            continue
        if files:
            yield _Step("files", tasks=files)
            files = []
        stats = RunStats()
        try:
            units = _units(task, settings, cpus)
        except (OSError, InputError):
            units = []  # an unreadable file: its own task says why, as any other archive's
        if not units:
            yield _Step("archive", tasks=[task])
            continue
        if not prepare(task, settings, stats):
            yield _Step("join", tasks=[task], stats=stats, outcome=stats.file_done())
            continue
        try:
            Checkpoints(task.checkpoints).prepare()
        except OSError as exc:
            reject_failure(stats, task, exc)
            yield _Step("join", tasks=[task], stats=stats, outcome=stats.file_done())
            continue
        parts = [_Step("range", tasks=[task], unit=unit) for unit in units]
        _number_lines(count_lines_task, parts)
        yield from parts
        yield _Step("join", tasks=[task], parts=parts, stats=stats)
    if files:
        yield _Step("files", tasks=files)


def run_tasks(tasks: Iterable[Task], settings: Settings, jobs: int, *,
              on_documents: Callable[[int], None] | None = None, address: str | None = None,
              on_shards: Callable[[int, int], None] | None = None) -> Iterator[RunStats]:
    """Results in the order of ``tasks``, as the local engine gives them. ``on_shards(done,
    total)`` hears of every shard finished, in any order; ``on_documents`` of the documents of
    a ranged file's shards."""
    started_here = connect(address, jobs)
    try:
        yield from _run(tasks, settings, on_documents, on_shards)
    finally:
        if started_here:
            ray.shutdown()


def _run(tasks: Iterable[Task], settings: Settings, on_documents: Callable[[int], None] | None,
         on_shards: Callable[[int, int], None] | None) -> Iterator[RunStats]:
    options = {"max_retries": MAX_RETRIES, "retry_exceptions": False}
    clean_files = ray.remote(_clean_files).options(**options)
    clean_archive = ray.remote(_clean_archive).options(**options)
    clean_range_task = ray.remote(_clean_range).options(**options)
    count_lines_task = ray.remote(count_lines).options(**options)
    job = Job(settings, resolve_rule_set(settings))
    key, shared = job_key(job), ray.put(job)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    steps = _plan(tasks, settings, cpus, count_lines_task)
    window = max(2, cpus * _IN_FLIGHT_PER_CPU)
    planned, finished = 0, 0
    ahead: deque[_Step] = deque()  # planned, in output order, not yet given back
    waiting: dict[Any, _Step] = {}

    def submit(step: _Step) -> None:
        if step.kind == "files":
            step.ref = clean_files.remote(key, shared, step.tasks)
        elif step.kind == "archive":
            step.ref = clean_archive.remote(key, shared, step.tasks[0])
        else:
            step.ref = clean_range_task.remote(key, shared, step.tasks[0], step.unit, step.first_line)
        waiting[step.ref] = step

    def settle(ready: list[Any]) -> None:
        nonlocal finished
        for ref in ready:
            step = waiting.pop(ref)
            step.outcome = _outcome(step, key, shared, clean_files)
            finished += 1
            if on_shards is not None:
                on_shards(finished, planned)  # the steps planned so far: the plan grows as it goes
            if step.kind == "range" and on_documents is not None:
                on_documents(step.outcome.stats.documents)

    while True:
        # Keep the cluster fed ahead of the step whose result is due next.
        while len(waiting) < window and len(ahead) < 4 * window:
            step = next(steps, None)
            if step is None:
                break
            ahead.append(step)
            if step.kind != "join":
                submit(step)
                planned += 1
        if not ahead:
            return
        step = ahead.popleft()
        if step.kind == "join":
            yield _join(step, settings)
            continue
        while step.outcome is None:
            settle(ray.wait(list(waiting), num_returns=1)[0])
        if step.kind == "files":
            yield from step.outcome
        elif step.kind == "archive":
            yield step.outcome


def _number_lines(count_lines_task, parts: list[_Step]) -> None:
    """The first line number of every byte range of one file, from the lines of the ranges
    before it (a wave of Ray tasks, one a range)."""
    ranges = [u for u in parts if u.unit is not None and u.unit.kind is UnitKind.RANGE]
    counts = ray.get([count_lines_task.remote(u.tasks[0].path, u.unit.start, u.unit.end) for u in ranges]) \
        if ranges else []
    line = 1
    for step, count in zip(ranges, counts, strict=True):
        assert step.unit is not None
        if step.unit.index == 0:
            line = 1
        step.first_line = line
        line += count


def _outcome(step: _Step, key: str, shared: Any, clean_files) -> Any:
    """The step's result; when its task failed for good, what can still be saved."""
    try:
        return ray.get(step.ref)
    except Exception as exc:  # noqa: BLE001 - a dead worker, a task error: the run goes on
        if step.kind == "files" and len(step.tasks) > 1:
            # One of them is the cause: each is run alone, so the others are written.
            refs = [clean_files.remote(key, shared, [task]) for task in step.tasks]
            results = []
            for task, ref in zip(step.tasks, refs, strict=True):
                try:
                    results.extend(ray.get(ref))
                except Exception as alone:  # noqa: BLE001
                    results.append(_failed(task.name, alone).file_done())
            return results
        task = step.tasks[0]
        if step.kind == "files":
            return [_failed(task.name, exc).file_done()]
        if step.kind == "archive":
            return _failed(task.name, exc).file_done()
        # A range that failed for good: its records are rejected, an empty part stands in for
        # it so the rest of the file is still joined, and the marker says so.
        assert step.unit is not None
        covers = f"{task.name}@{step.unit.start}-{step.unit.end}" if step.unit.kind is UnitKind.RANGE \
            else f"{task.name} row group {step.unit.index + 1}"
        stats = _failed(covers, exc)
        try:
            Checkpoints(task.checkpoints).mark_lost(step.unit, 0, stats)
        except OSError as error:
            stats.reject(task.name, f"{task.name}: cannot write its checkpoints ({error}); the file is not joined")
        return Done(0, stats)


def _cause(exc: BaseException) -> str:
    """A task's own error when it raised one, or the worker's death after Ray's retries."""
    cause = getattr(exc, "cause", None)  # a RayTaskError carries the exception the task raised
    if cause is not None:
        return f"the Ray task raised {type(cause).__name__}: {cause}"
    lines = str(exc).strip().splitlines()
    return (f"the Ray task failed {MAX_RETRIES + 1} times ({type(exc).__name__}"
            + (f": {lines[0][:200]}" if lines else "") + ")")


def _failed(source: str, exc: BaseException) -> RunStats:
    """A reject for what a task could not clean."""
    stats = RunStats()
    stats.reject(source, f"{source}: {_cause(exc).replace('the Ray task', 'the Ray task cleaning it', 1)}; "
                         "skipped. Run it with --engine local --jobs 1 to see the whole error.")
    return stats


def _join(step: _Step, settings: Settings) -> RunStats:
    """A ranged file's parts joined into its output, and their stats into one."""
    assert step.stats is not None
    if step.outcome is not None:  # failed before any range ran
        return step.outcome
    stats = step.stats
    task = step.tasks[0]
    parts = step.parts
    try:
        join_parts(task, settings, [part.unit for part in parts])
        for part in parts:
            stats += part.outcome.stats
        stats.bytes_out = Path(task.target).stat().st_size
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        reject_failure(stats, task, exc)
    for part in parts:
        part.outcome = None  # the file's results are folded: free them
    return stats.file_done()
