"""The Ray engine: the local engine's work as plain Ray tasks, for archives beyond one machine.

The run is cut into shards, one Ray task each, each writing its own output atomically:

- text and HTML files, in chunks of ``FILES_PER_TASK``: each file's output is written whole
  by :func:`cleaner.engine.local.run_task`, as the local engine writes it;
- a plain JSONL file of some size: byte ranges cut at line ends (see :func:`range_size`), so a task
  reads only its own range (a first wave of tasks counts the lines of each range, so every
  record keeps the ``file:line`` source the local engine gives it). Each range is cleaned into
  a part file, then a completion marker is written beside it; when every range of the file
  is done, the parts are joined into the output in order;
- any other archive (compressed JSONL, WARC: no byte can be sought in them) as one task, which
  checkpoints itself shard by shard as the local engine does.

The outputs are the local engine's byte for byte. No Ray Data and no shuffles: a task is a
function of its shard. A task whose worker dies is retried by Ray (``MAX_RETRIES``); a chunk of
files that still fails is split into single files to find the culprit, and what fails alone
is rejected with the error, as a range is. The run goes on.

Ray is imported only here, and this module only when the engine is chosen (``pip install
'cleaner[ray]'``).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import ray

from cleaner.batch import write_joined, write_jsonl
from cleaner.engine.address import check_reachable
from cleaner.engine.local import Settings, Task, TaskResult, _clean_shard, _prepare, _reject_failure, build_cleaner, \
    count_site_lines, merge_site_lines, run_task, without_single_lines
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import archive_kind, read_jsonl_stream
from cleaner.writers import atomic_write_text
from cleaner.writers.json_text import json_text

# A plain JSONL file is cut into byte ranges, one task each, so that one dump keeps every CPU
# of the cluster busy (two ranges a CPU), of at most RANGE_BYTES (a task's memory and the work
# a killed task loses) and at least MIN_RANGE_BYTES (a task's start-up stays noise).
RANGE_BYTES = 64 << 20
MIN_RANGE_BYTES = 4 << 20
FILES_PER_TASK = 64
MAX_RETRIES = 1  # Ray runs a task whose worker died once more, then the error is recorded
# Tasks in flight at once, per CPU of the cluster: enough to keep every worker fed.
_IN_FLIGHT_PER_CPU = 4


def connect(address: str | None, jobs: int) -> bool:
    """Join the cluster at ``address`` (``auto``, ``ray://host:10001``), or start a local Ray
    instance with ``jobs`` CPUs. True when this call started (and so should stop) it."""
    if ray.is_initialized():
        return False
    # Ray reports usage statistics over the network unless told not to; a batch job on an
    # air-gapped cluster must not try.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # Ray's own log lines (start-up notices) would fall into the user's stderr between ours.
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    if address:
        check_reachable(address)
        try:
            ray.init(address=address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise CleanerError(f"--address {address}: cannot join the Ray cluster ({_first_line(exc)}). Start it "
                               "with 'ray start --head' on its head node, or leave --address out to run on a Ray "
                               "instance started here") from None
    else:
        # "local": a new instance of our own, even where another runs on this machine.
        ray.init(address="local", num_cpus=jobs, **options)
    return True


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@dataclass
class _Unit:
    """One step of the run in output order: a chunk of files, a byte range of a JSONL file, a
    whole archive, or the joining of a ranged file's parts."""

    kind: str  # "files" | "range" | "archive" | "join"
    tasks: list[Task] = field(default_factory=list)
    index: int = 0  # a range's number in its file
    start: int = 0
    end: int = 0
    first_line: int = 1
    ranges: int = 0  # for "join": how many ranges the file has
    result: TaskResult | None = None  # for "join", and for a range whose file failed to plan
    ref: Any = None
    outcome: Any = None


@dataclass(frozen=True)
class Job:
    """What every task of a run needs, sent once through the object store: the settings, and
    the rule set as the driver read it (switches applied), so workers need no rule files."""

    settings: Settings
    rule_set: Any


# In a Ray worker process: the pipeline of the job last seen, rebuilt only when it changes.
_CLEANER: tuple[str, Cleaner] | None = None


def _cleaner_for(key: str, job: Job) -> Cleaner:
    global _CLEANER
    if _CLEANER is None or _CLEANER[0] != key:
        _CLEANER = (key, Cleaner(job.rule_set))
    return _CLEANER[1]


def _clean_files(key: str, job: Job, tasks: list[Task]) -> list[TaskResult]:
    cleaner = _cleaner_for(key, job)
    return [run_task(cleaner, task, job.settings) for task in tasks]


def _clean_archive(key: str, job: Job, task: Task) -> TaskResult:
    return run_task(_cleaner_for(key, job), task, job.settings)


class _Slice(io.RawIOBase):
    """Bytes ``start`` to ``end`` of a file, as a stream."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed with the slice
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        count = self._file.readinto(view)
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def _count_lines(path: str, start: int, end: int) -> int:
    with _Slice(path, start, end) as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def range_part(folder: Path, index: int) -> Path:
    return folder / f"range-{index:06}.jsonl"


def _range_marker(folder: Path, index: int) -> Path:
    return folder / f"range-{index:06}.done.json"


def _clean_range(key: str, job: Job, task: Task, index: int, start: int, end: int,
                 first_line: int) -> TaskResult:
    """Bytes ``start`` to ``end`` of a JSONL file into its part file, then the marker that
    says the part is complete; a marker for the same range found already means done."""
    folder = Path(task.checkpoints)
    marker = _range_marker(folder, index)
    done = _read_marker(marker, start, end)
    if done is not None:
        return done
    cleaner, settings = _cleaner_for(key, job), job.settings
    part = TaskResult(task.path)
    with _Slice(task.path, start, end) as raw:
        records = _range_records(raw, task, settings, first_line)
        write_jsonl(range_part(folder, index), _clean_shard(cleaner, task, settings, records, part))
    _write_marker(marker, start, end, part)
    return part


def _range_records(raw: _Slice, task: Task, settings: Settings, first_line: int):
    return read_jsonl_stream(io.BufferedReader(raw, 1 << 20), display=task.path, text_field=settings.text_field,
                             html_field=settings.html_field, max_bytes=settings.max_document_bytes,
                             first_line=first_line)


def _count_files(key: str, job: Job, tasks: list[Task]) -> dict:
    return count_site_lines(_cleaner_for(key, job), [(task, None) for task in tasks], job.settings)


def _count_range(key: str, job: Job, task: Task, start: int, end: int) -> dict:
    with _Slice(task.path, start, end) as raw:
        return count_site_lines(_cleaner_for(key, job), [(task, _range_records(raw, task, job.settings, 1))],
                                job.settings)


def learn_boilerplate(cleaner, tasks: list[Task], settings: Settings, *, jobs: int = 1,
                      address: str | None = None) -> dict:
    """The first pass of ``--learn-boilerplate`` as Ray tasks: each shard (a chunk of files, a
    byte range of a large JSONL file, another archive whole) counts its sites' lines; the
    counts are added up here, and lines seen once in all are dropped."""
    started_here = connect(address, jobs)
    try:
        options = {"max_retries": MAX_RETRIES, "retry_exceptions": False}
        count_files = ray.remote(_count_files).options(**options)
        count_range = ray.remote(_count_range).options(**options)
        job = Job(settings, cleaner.rule_set)
        key, shared = job_key(job), ray.put(job)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        refs, files = [], []
        for task in tasks:
            size = _size(task.path) if task.path.lower().endswith((".jsonl", ".ndjson")) else 0
            step = range_size(size, cpus)
            if size > step:
                refs += [count_range.remote(key, shared, task, a, b) for a, b in cut_ranges(task.path, size, step)]
            else:
                files.append(task)
                if archive_kind(Path(task.path)) or len(files) >= FILES_PER_TASK:
                    refs.append(count_files.remote(key, shared, files))
                    files = []
        if files:
            refs.append(count_files.remote(key, shared, files))
        tables = []
        for ref in refs:
            try:
                tables.append(ray.get(ref))
            except Exception:  # noqa: BLE001 - a shard that cannot be counted: the second pass reports it
                continue
        return without_single_lines(merge_site_lines(tables))
    finally:
        if started_here:
            ray.shutdown()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _write_marker(marker: Path, start: int, end: int, part: TaskResult) -> None:
    atomic_write_text(marker, json_text({"start": start, "end": end, "result": asdict(part)}))


def _read_marker(marker: Path, start: int, end: int) -> TaskResult | None:
    try:
        entry = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(entry, dict) and entry.get("start") == start and entry.get("end") == end
            and isinstance(entry.get("result"), dict)) or not range_part(marker.parent, _index_of(marker)).exists():
        return None
    return TaskResult(**entry["result"])


def _index_of(marker: Path) -> int:
    return int(marker.name.split("-")[1].split(".")[0])


def cut_ranges(path: str, size: int, range_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges of about ``range_bytes`` covering the file, each ending after a newline
    (or at the end of the file)."""
    cuts = [0]
    with open(path, "rb") as file:
        while cuts[-1] + range_bytes < size:
            file.seek(cuts[-1] + range_bytes)
            while True:
                chunk = file.read(1 << 16)
                if not chunk:
                    cuts.append(size)
                    break
                newline = chunk.find(b"\n")
                if newline >= 0:
                    cuts.append(file.tell() - len(chunk) + newline + 1)
                    break
            if cuts[-1] >= size:
                break
    if cuts[-1] != size:
        cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def range_size(size: int, cpus: int) -> int:
    """How large the byte ranges of a file of ``size`` bytes are, on a cluster of ``cpus``."""
    return min(RANGE_BYTES, max(MIN_RANGE_BYTES, size // (2 * max(1, cpus)) + 1))


def _ranged(task: Task, settings: Settings, cpus: int) -> int:
    """The range size a task's file is cut into, or 0 when it is one task: a plain JSONL file
    of some size, with a checkpoint folder for its parts and markers, is cut."""
    if not task.checkpoints or settings.dry_run or not task.path.lower().endswith((".jsonl", ".ndjson")):
        return 0
    size = _size(task.path)
    step = range_size(size, cpus)
    return step if size > step else 0


def job_key(job: Job) -> str:
    """What identifies a run's pipeline between driver and workers, which keep the last one
    built (a job can be large: a boilerplate table travels once, through the object store)."""
    return hashlib.sha256(pickle.dumps(job)).hexdigest()[:16]


def _plan(tasks: list[Task], settings: Settings, cpus: int) -> list[_Unit]:
    units: list[_Unit] = []
    files: list[Task] = []

    def flush() -> None:
        if files:
            units.append(_Unit("files", tasks=list(files)))
            files.clear()

    for task in tasks:
        if not archive_kind(Path(task.path)):
            files.append(task)
            if len(files) >= FILES_PER_TASK:
                flush()
            continue
        flush()
        step = _ranged(task, settings, cpus)
        if not step:
            units.append(_Unit("archive", tasks=[task]))
            continue
        result = TaskResult(task.path)
        if not _prepare(task, settings, result):
            units.append(_Unit("join", tasks=[task], result=result, outcome=result))
            continue
        try:
            ranges = cut_ranges(task.path, os.path.getsize(task.path), step)
        except OSError as exc:
            _reject_failure(result, task, exc)
            units.append(_Unit("join", tasks=[task], result=result, outcome=result))
            continue
        Path(task.checkpoints).mkdir(parents=True, exist_ok=True)
        for index, (start, end) in enumerate(ranges):
            units.append(_Unit("range", tasks=[task], index=index, start=start, end=end))
        units.append(_Unit("join", tasks=[task], ranges=len(ranges), result=result))
    flush()
    return units


def run_tasks(tasks: list[Task], settings: Settings, jobs: int, *,
              on_documents: Callable[[int], None] | None = None, address: str | None = None,
              on_shards: Callable[[int, int], None] | None = None) -> Iterator[TaskResult]:
    """Results in the order of ``tasks``, as the local engine gives them. ``on_shards(done,
    total)`` hears of every shard finished, in any order; ``on_documents`` of the documents of
    a ranged file's shards."""
    started_here = connect(address, jobs)
    try:
        yield from _run(tasks, settings, on_documents, on_shards)
    finally:
        if started_here:
            ray.shutdown()


def _run(tasks: list[Task], settings: Settings, on_documents: Callable[[int], None] | None,
         on_shards: Callable[[int, int], None] | None) -> Iterator[TaskResult]:
    options = {"max_retries": MAX_RETRIES, "retry_exceptions": False}
    clean_files = ray.remote(_clean_files).options(**options)
    clean_archive = ray.remote(_clean_archive).options(**options)
    clean_range = ray.remote(_clean_range).options(**options)
    count_lines = ray.remote(_count_lines).options(**options)
    job = Job(settings, build_cleaner(settings).rule_set)
    key, shared = job_key(job), ray.put(job)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    units = _plan(tasks, settings, cpus)
    _number_lines(count_lines, units)
    work = [u for u in units if u.kind != "join"]
    total = len(work)
    window = max(2, cpus * _IN_FLIGHT_PER_CPU)
    submitted, finished = 0, 0
    waiting: dict[Any, _Unit] = {}

    def submit(unit: _Unit) -> None:
        if unit.kind == "files":
            unit.ref = clean_files.remote(key, shared, unit.tasks)
        elif unit.kind == "archive":
            unit.ref = clean_archive.remote(key, shared, unit.tasks[0])
        else:
            unit.ref = clean_range.remote(key, shared, unit.tasks[0], unit.index, unit.start, unit.end,
                                          unit.first_line)
        waiting[unit.ref] = unit

    def settle(ready: list[Any]) -> None:
        nonlocal finished
        for ref in ready:
            unit = waiting.pop(ref)
            unit.outcome = _outcome(unit, key, shared, clean_files)
            finished += 1
            if on_shards is not None:
                on_shards(finished, total)
            if unit.kind == "range" and on_documents is not None:
                on_documents(unit.outcome.documents)

    for unit in units:
        if unit.kind == "join":
            yield _join(unit, units)
            continue
        # Keep the cluster fed ahead of the unit whose result is due next.
        while submitted < total and len(waiting) < window:
            submit(work[submitted])
            submitted += 1
        while unit.outcome is None:
            settle(ray.wait(list(waiting), num_returns=1)[0])
        if unit.kind == "files":
            yield from unit.outcome
        elif unit.kind == "archive":
            yield unit.outcome


def _number_lines(count_lines, units: list[_Unit]) -> None:
    """The first line number of every range, from the lines of the ranges before it."""
    ranges = [u for u in units if u.kind == "range"]
    counts = ray.get([count_lines.remote(u.tasks[0].path, u.start, u.end) for u in ranges]) if ranges else []
    line = 1
    for unit, count in zip(ranges, counts, strict=True):
        if unit.index == 0:
            line = 1
        unit.first_line = line
        line += count


def _outcome(unit: _Unit, key: str, shared: Any, clean_files) -> Any:
    """The unit's result; when its task failed for good, what can still be saved."""
    try:
        return ray.get(unit.ref)
    except Exception as exc:  # noqa: BLE001 - a dead worker, a task error: the run goes on
        if unit.kind == "files" and len(unit.tasks) > 1:
            # One of them is the cause: each is run alone, so the others are written.
            refs = [clean_files.remote(key, shared, [task]) for task in unit.tasks]
            results = []
            for task, ref in zip(unit.tasks, refs, strict=True):
                try:
                    results.extend(ray.get(ref))
                except Exception as alone:  # noqa: BLE001
                    results.append(_failed(task.name, task.name, alone))
            return results
        task = unit.tasks[0]
        if unit.kind == "files":
            return [_failed(task.name, task.name, exc)]
        if unit.kind == "archive":
            return _failed(task.name, task.name, exc)
        # A range that failed for good: its records are rejected, an empty part stands in for
        # it so the rest of the file is still joined, and the marker says so.
        part = _failed(task.name, f"{task.name}@{unit.start}-{unit.end}", exc)
        folder = Path(task.checkpoints)
        try:
            atomic_write_text(range_part(folder, unit.index), "")
            _write_marker(_range_marker(folder, unit.index), unit.start, unit.end, part)
        except OSError as error:
            part.rejects.append({"source": task.name, "reason": f"{task.name}: cannot write its checkpoints "
                                 f"({error}); the file is not joined"})
        return part


def _failed(path: str, source: str, exc: BaseException) -> TaskResult:
    """A rejection for what a task could not clean, with the task's own error when it raised
    one, or the worker's death after Ray's retries."""
    cause = getattr(exc, "cause", None)  # a RayTaskError carries the exception the task raised
    if cause is not None:
        error = f"{type(cause).__name__}: {cause}"
        what = f"the Ray task cleaning it raised {error}"
    else:
        lines = str(exc).strip().splitlines()
        what = (f"the Ray task cleaning it failed {MAX_RETRIES + 1} times ({type(exc).__name__}"
                + (f": {lines[0][:200]}" if lines else "") + ")")
    reason = f"{source}: {what}; skipped. Run it with --engine local --jobs 1 to see the whole error."
    return TaskResult(path, rejects=[{"source": source, "reason": reason}])


def _join(unit: _Unit, units: list[_Unit]) -> TaskResult:
    """A ranged file's parts joined into its output, and their results into one."""
    assert unit.result is not None
    result = unit.result
    if unit.outcome is not None:  # failed before any range ran
        return result
    task = unit.tasks[0]
    folder = Path(task.checkpoints)
    parts = [u for u in units if u.kind == "range" and u.tasks[0] is task]
    try:
        write_joined(Path(task.target), [range_part(folder, i) for i in range(unit.ranges)])
        for part in parts:
            result.merge(part.outcome)
        result.bytes_out = Path(task.target).stat().st_size
        shutil.rmtree(folder, ignore_errors=True)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        _reject_failure(result, task, exc)
    for part in parts:
        part.outcome = None  # the file's results are folded: free them
    return result
