"""The local engine: one task per input file, run here (``jobs=1``) or in worker processes.

Each worker builds the rule set once and cleans whole files; results come back in input
order whatever the number of workers, so outputs and reports are the same for any ``--jobs``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from cleaner.batch import Options, Outcome, clean_records, write_joined, write_jsonl
from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.html import extract_page
from cleaner.pipeline import Cleaner
from cleaner.readers.files import HTML_SUFFIXES
from cleaner.readers.records import Record, archive_kind, read_jsonl, read_warc
from cleaner.readers.text import read_text
from cleaner.ruleset import load_rule_set
from cleaner.timeouts import ExtractionTimeout, time_limit
from cleaner.writers import atomic_write_text, format_document, keep_backup


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to rebuild the same pipeline; plain data, so it pickles."""

    rules: tuple[str, ...] = ("default",)
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    filter_list: str | None = None
    fmt: str = "text"
    extractor: str = "auto"
    title: bool = True
    timeout: float = 60.0
    with_changes: bool = False
    text_field: str | None = None
    html_field: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False  # clean and count, write nothing
    backup_suffix: str | None = None  # set for --in-place: the original is kept beside as NAME+suffix

    @property
    def output(self) -> str:
        return "markdown" if self.fmt == "markdown" else "text"


@dataclass(frozen=True)
class Task:
    path: str
    target: str
    site: str = ""  # the site its documents belong to when they carry no URL (the top folder)
    # For an archive: a folder for its shard checkpoints, so a killed run resumes inside the
    # file. Empty: the archive is written in one go.
    checkpoints: str = ""


@dataclass
class TaskResult:
    """What one input file gave: for a text or HTML file one document, for an archive many."""

    source: str
    documents: int = 0
    changed: int = 0
    rejects: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rule_hits: dict[str, dict[str, int]] = field(default_factory=dict)
    unknown_tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    bytes_in: int = 0
    bytes_out: int = 0
    samples: list[dict[str, str]] = field(default_factory=list)  # a few changes, for --dry-run
    # How much of each document the rules kept, in tenths (0: nothing kept .. 10: all kept).
    kept_tenths: list[int] = field(default_factory=lambda: [0] * 11)
    removed_lines: dict[str, int] = field(default_factory=dict)  # whole removed lines, by text


    def merge(self, other: TaskResult) -> None:
        """Fold in the result of another part of the same input (a shard of an archive)."""
        self.documents += other.documents
        self.changed += other.changed
        self.rejects.extend(other.rejects)
        self.warnings.extend(other.warnings)
        for rule_id, hits in other.rule_hits.items():
            mine = self.rule_hits.setdefault(rule_id, dict.fromkeys(hits, 0))
            for key, value in hits.items():
                mine[key] = mine.get(key, 0) + value
        for tag, seen in other.unknown_tags.items():
            entry = self.unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": seen["file"]})
            entry["count"] += seen["count"]
        self.kept_tenths = [a + b for a, b in zip(self.kept_tenths, other.kept_tenths, strict=True)]
        for line, count in other.removed_lines.items():
            self.removed_lines[line] = self.removed_lines.get(line, 0) + count
        self.samples.extend(other.samples[: max(0, _SAMPLES_PER_FILE - len(self.samples))])


_SAMPLES_PER_FILE = 3
# Records per checkpoint of an archive: a killed run loses at most this much work per file.
SHARD_RECORDS = 2000


def build_cleaner(settings: Settings) -> Cleaner:
    """The rule set of the settings, with switches and the user's filter list applied."""
    rule_set = load_rule_set(list(settings.rules))
    for rule_id in settings.enable:
        rule_set.set_enabled(rule_id, True)
    for rule_id in settings.disable:
        rule_set.set_enabled(rule_id, False)
    if settings.filter_list is not None:
        # The generic hiding rules of the user's EasyList-format file join every page ad rule.
        for spec in rule_set.rules:
            if spec.kind == "html_ads":
                spec.params["filter_list"] = settings.filter_list
    return Cleaner(rule_set)


def load_document(cleaner: Cleaner, path: Path, settings: Settings, *, metadata: bool | None = None) -> Document:
    """The document of one text or HTML file, ready for the text rules: HTML is extracted first."""
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_text(path, display_name=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return extract_document(cleaner, data, str(path), settings, metadata=metadata)


def extract_document(cleaner: Cleaner, data: bytes, source: str, settings: Settings, *,
                     metadata: bool | None = None) -> Document:
    try:
        with time_limit(settings.timeout):
            return extract_page(data, cleaner=cleaner, extractor=settings.extractor, output=settings.output,
                                source=source, title=settings.title,
                                metadata=settings.fmt == "json" if metadata is None else metadata)
    except ExtractionTimeout:
        raise InputError(f"{source}: extraction took longer than {settings.timeout:g} s; skipped "
                         "(raise --timeout for very large pages)") from None


def records_of(path: Path, settings: Settings, counts: dict[str, int]) -> Iterator[Record]:
    if archive_kind(path) == "warc":
        records = read_warc(path, display=str(path), counts=counts)
    else:
        records = read_jsonl(path, display=str(path), text_field=settings.text_field, html_field=settings.html_field)
    return _readable(records, str(path))


def _readable(records: Iterator[Record], source: str) -> Iterator[Record]:
    """The records up to where the file breaks (a truncated download, a corrupt block), then
    one failed record that says so: what came before is kept, and the batch goes on."""
    read = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - gzip, zstd and warcio each raise their own
            yield Record(source, error=f"{source}: cannot be read after record {read} ({type(exc).__name__}: "
                                        f"{exc or 'the file ends early'}); the records before it were cleaned. "
                                        "Is the file complete?")
            return
        read += 1
        yield record


def _account(result: TaskResult, doc: Document) -> None:
    """Add one document's changes, warnings and observations to the task's result."""
    result.changed += bool(doc.changes)
    removed = sum(max(0, len(c.before) - len(c.after)) for c in doc.changes if c.start or c.end)
    original = len(doc.text) + removed
    result.kept_tenths[round(10 * len(doc.text) / original) if original else 10] += 1
    for change in doc.changes:
        line = change.before.strip()
        if not change.after and change.before.endswith("\n") and line and len(line) <= 120:
            key = " ".join(line.split())
            result.removed_lines[key] = result.removed_lines.get(key, 0) + 1
    result.warnings.extend(f"{doc.source}: {w}" for w in doc.warnings)
    touched: set[str] = set()
    for change in doc.changes:
        hits = result.rule_hits.setdefault(change.rule_id, {"documents": 0, "changes": 0, "lines_removed": 0,
                                                            "characters_removed": 0})
        hits["changes"] += 1
        hits["characters_removed"] += max(0, len(change.before) - len(change.after))
        hits["lines_removed"] += change.before.count("\n") if not change.after else 0
        if change.rule_id not in touched:
            touched.add(change.rule_id)
            hits["documents"] += 1
    for change in doc.changes:
        if len(result.samples) >= _SAMPLES_PER_FILE:
            break
        if change.before.strip():
            result.samples.append({"source": doc.source or "", "rule": change.rule_id,
                                   "before": change.before[:200], "after": change.after[:200]})
    for tag, seen in doc.stats.get("unknown_shortcodes", {}).items():
        entry = result.unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": doc.source})
        entry["count"] += seen["count"]


def run_task(cleaner: Cleaner, task: Task, settings: Settings) -> TaskResult:
    path, target = Path(task.path), Path(task.target)
    result = TaskResult(task.path)
    try:
        result.bytes_in = path.stat().st_size
    except OSError:
        pass
    if target.resolve() == path.resolve():
        if not settings.backup_suffix:
            result.rejects.append({"source": task.path,
                                   "reason": "output would overwrite the input; choose another --out"})
            return result
        if not settings.dry_run:
            try:
                keep_backup(path, settings.backup_suffix)
            except OSError as exc:
                result.rejects.append({"source": task.path, "reason": f"{task.path}: cannot keep a backup "
                                       f"({exc.strerror or exc}); the file was left as it was"})
                return result
    try:
        if archive_kind(path):
            _clean_archive(cleaner, task, settings, result)
        else:
            doc = load_document(cleaner, path, settings)
            doc.context.update(settings.context)
            doc.context["site"] = task.site
            doc = cleaner.clean_document(doc)
            if not settings.dry_run:
                atomic_write_text(target, format_document(doc, settings.fmt))
            result.documents = 1
            _account(result, doc)
        if not settings.dry_run:
            result.bytes_out = target.stat().st_size
    except (InputError, OSError) as exc:
        message = str(exc) if isinstance(exc, InputError) else f"{task.path}: {exc}"
        result.rejects.append({"source": task.path, "reason": message})
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        result.rejects.append({"source": task.path, "reason": f"{task.path}: {type(exc).__name__}: {exc} "
                               "(a failure inside cleaner; please report it with this file)"})
    return result


def _clean_archive(cleaner: Cleaner, task: Task, settings: Settings, result: TaskResult) -> None:
    """An archive's records into one JSONL output. With a checkpoint folder, the records go
    in shards of ``SHARD_RECORDS``, each written to a part file and recorded as done before
    the next starts; a rerun skips the recorded shards' records and goes on from there. The
    parts are joined into the output at the end, so the output is the same byte for byte
    however often the run was interrupted."""
    path, target = Path(task.path), Path(task.target)
    counts: dict[str, int] = {}
    records = iter(records_of(path, settings, counts))
    context = {**settings.context, "site": task.site}

    def cleaned(shard: Iterator, part: TaskResult):
        outcome = Outcome()
        documents: list[Document] = []
        for item in clean_records(cleaner, shard, _options(settings), outcome, seen=documents, context=context):
            yield item
            _account(part, documents.pop())
        part.documents = outcome.written
        part.rejects.extend(outcome.rejects)

    if settings.dry_run or not task.checkpoints:
        part = TaskResult(task.path)
        stream = cleaned(records, part)
        if settings.dry_run:
            for _ in stream:
                pass
        else:
            write_jsonl(target, stream)
        result.merge(part)
        result.counts.update(counts)
        return

    folder = Path(task.checkpoints)
    folder.mkdir(parents=True, exist_ok=True)
    done_file = folder / "done.json"
    try:
        done = json.loads(done_file.read_text(encoding="utf-8"))["shards"]
    except (OSError, ValueError, KeyError, TypeError):
        done = []  # no checkpoint yet, or a damaged one: start the file again
    finished = 0
    while finished < len(done) and (folder / _part_name(finished)).exists():
        finished += 1
    done = done[:finished]
    for _ in islice(records, len(done) * SHARD_RECORDS):
        pass  # read past what was finished; the reader's own counts stay whole
    while True:
        first = next(records, None)
        if first is None:
            break
        part = TaskResult(task.path)
        write_jsonl(folder / _part_name(len(done)), cleaned(chain([first], islice(records, SHARD_RECORDS - 1)), part))
        done.append(asdict(part))
        atomic_write_text(done_file, json.dumps({"shards": done}, ensure_ascii=False))
    write_joined(target, [folder / _part_name(i) for i in range(len(done))])
    for entry in done:
        result.merge(TaskResult(**entry))
    result.counts.update(counts)
    shutil.rmtree(folder, ignore_errors=True)


def _part_name(index: int) -> str:
    return f"part-{index:06}.jsonl"


def _options(settings: Settings) -> Options:
    return Options(extractor=settings.extractor, output=settings.output, title=settings.title,
                   with_changes=settings.with_changes, timeout=settings.timeout)


_WORKER: tuple[Cleaner, Settings, Any, int] | None = None
_MAX_ATTEMPTS = 2


def _start_worker(settings: Settings, running: Any, slots: Any) -> None:
    global _WORKER
    with slots.get_lock():
        slot = slots.value % len(running)
        slots.value += 1
    _WORKER = (build_cleaner(settings), settings, running, slot)


def _run_chunk(chunk: list[tuple[int, Task]]) -> list[TaskResult]:
    assert _WORKER is not None
    cleaner, settings, running, slot = _WORKER
    results = []
    for index, task in chunk:
        # Said before the work starts, so that if this process dies the parent knows which
        # task was in hand.
        running[slot] = index
        results.append(run_task(cleaner, task, settings))
        running[slot] = -1
    return results


def _lost_task(task: Task) -> TaskResult:
    return TaskResult(task.path, rejects=[{
        "source": task.path,
        "reason": f"{task.path}: the worker process cleaning it died, {_MAX_ATTEMPTS} times (out of memory, "
                  "or a crash in a native library); skipped. Run it alone with --jobs 1 to see the error.",
    }])


def _new_pool(settings: Settings, workers: int) -> tuple[ProcessPoolExecutor, Any]:
    context = multiprocessing.get_context()
    running = context.Array("q", [-1] * workers, lock=False)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(settings, running, context.Value("i", 0)))
    return pool, running


def _run_alone(task: Task, index: int, settings: Settings) -> TaskResult:
    """A task that was in hand when a pool broke, run in a pool of its own: if that worker
    dies too, the task is the cause, not a neighbour."""
    for _ in range(_MAX_ATTEMPTS):
        pool, _running = _new_pool(settings, 1)
        try:
            return pool.submit(_run_chunk, [(index, task)]).result()[0]
        except BrokenProcessPool:
            continue
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    return _lost_task(task)


def run_tasks(tasks: list[Task], settings: Settings, jobs: int) -> Iterator[TaskResult]:
    """Results in the order of ``tasks``. ``jobs=1`` runs here, with no process overhead.

    A worker that dies (killed for memory, a crash in a C extension) breaks its pool. The
    tasks that were in the workers' hands are then run one at a time in pools of their own,
    a task whose worker dies there ``_MAX_ATTEMPTS`` times is reported as a failed input,
    and a new pool takes up the rest: one poisonous file costs a few restarts, never the batch.
    """
    if jobs <= 1 or len(tasks) <= 1:
        cleaner = build_cleaner(settings)
        for task in tasks:
            yield run_task(cleaner, task, settings)
        return
    jobs = min(jobs, len(tasks), os.cpu_count() or 1)
    # Tasks go in chunks, since most files take about a millisecond and a round trip to a
    # worker costs a fair share of that; a bounded window of chunks keeps memory flat on a
    # million-file run.
    chunk_size = max(1, min(64, len(tasks) // (jobs * 8)))
    window = jobs * 4
    finished: dict[int, TaskResult] = {}  # results that came early or out of a broken pool
    next_index = 0
    restarts_without_a_suspect = 0
    while next_index < len(tasks):
        pool, running = _new_pool(settings, jobs)
        pending: deque[tuple[list[int], Future[list[TaskResult]]]] = deque()
        submit_from = next_index
        broken = False
        try:
            while next_index < len(tasks):
                while submit_from < len(tasks) and len(pending) < window:
                    chunk = [i for i in range(submit_from, min(len(tasks), submit_from + chunk_size))
                             if i not in finished]
                    submit_from = min(len(tasks), submit_from + chunk_size)
                    if chunk:
                        pending.append((chunk, pool.submit(_run_chunk, [(i, tasks[i]) for i in chunk])))
                while next_index in finished:
                    yield finished.pop(next_index)
                    next_index += 1
                if pending:
                    chunk, future = pending.popleft()
                    finished.update(zip(chunk, future.result(), strict=True))
        except BrokenProcessPool:
            broken = True
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if not broken:
            continue
        for chunk, future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                finished.update(zip(chunk, future.result(), strict=True))
        suspects = sorted({index for index in running if index >= 0} - finished.keys())
        for index in suspects:
            finished[index] = _run_alone(tasks[index], index, settings)
        restarts_without_a_suspect = 0 if suspects else restarts_without_a_suspect + 1
        if restarts_without_a_suspect >= _MAX_ATTEMPTS:
            raise RuntimeError("worker processes die before taking any work; run with --jobs 1 to see why")


def learn_boilerplate(cleaner: Cleaner, tasks: list[Task], settings: Settings, *, min_length: int = 12) -> dict:
    """The first pass of ``--learn-boilerplate``: per site, the number of documents and, for
    each normalised line, in how many of them it stands. Lines seen once are dropped from the
    table: they cannot be boilerplate, and keeping them would make it as large as the archive."""
    from cleaner.kinds.site_boilerplate import count_lines, site_of

    sites: dict[str, dict[str, Any]] = {}

    def add(doc: Document, site: str) -> None:
        doc.context["site"] = site
        entry = sites.setdefault(site_of(doc), {"documents": 0, "lines": {}})
        entry["documents"] += 1
        for key in count_lines(doc.text, min_length=min_length):
            entry["lines"][key] = entry["lines"].get(key, 0) + 1

    for task in tasks:
        path = Path(task.path)
        try:
            if archive_kind(path):
                for record in records_of(path, settings, {}):
                    if record.error:
                        continue
                    if record.html is not None:
                        doc = extract_document(cleaner, record.html if isinstance(record.html, bytes)
                                               else record.html.encode(), record.source, settings, metadata=False)
                    else:
                        doc = Document(record.text or "")
                    if record.url:
                        doc.metadata["url"] = record.url
                    add(doc, task.site)
            else:
                add(load_document(cleaner, path, settings, metadata=False), task.site)
        except (InputError, OSError):
            continue  # the second pass reports it
    for entry in sites.values():
        entry["lines"] = {k: n for k, n in entry["lines"].items() if n > 1}
    return sites
