"""The local engine: one task per input file, run here (``jobs=1``) or in worker processes.

Each worker builds the rule set once and cleans files in chunks, or shards of a large archive
(:mod:`cleaner.engine.shards`); results come back in input order whatever the number of
workers, so outputs and reports are the same for any ``--jobs``. Workers that die are
replaced, and what they held is retried alone before it is given up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner.batch import Options, Outcome, clean_records, document_record, write_jsonl
from cleaner.document import Document
from cleaner.engine.shards import ArchiveJob, part_path
from cleaner.errors import CleanerError, InputError, OutputFull, is_out_of_space
from cleaner.html import extract_page
from cleaner.pipeline import Cleaner
from cleaner.readers.files import HTML_SUFFIXES
from cleaner.readers.records import MAX_DOCUMENT_BYTES, Record, archive_kind, describe_size, read_jsonl, read_warc
from cleaner.readers.text import read_limited, read_text
from cleaner.storage import is_url
from cleaner.report import fold_observations
from cleaner.ruleset import load_rule_set
from cleaner.timeouts import ExtractionTimeout, time_limit
from cleaner.in_place import original_kept, writing
from cleaner.writers import atomic_write_text, format_document
from cleaner.writers.json_text import json_text


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
    no_article: str = "reject"  # a page where no extractor finds text: "reject", or "text" (its visible text)
    max_document_bytes: int = MAX_DOCUMENT_BYTES  # larger documents are rejected unread
    as_records: bool = False  # text and HTML documents written as one JSONL record each
    backup_suffix: str | None = None  # set for --in-place: the original is kept beside as NAME+suffix
    journal: str | None = None  # set for --in-place: where a rewrite is recorded before it (cleaner.in_place)

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
    # How its documents are named in records, rejects and reports, when not by ``path``: the
    # URL of a remote input cleaned from a local copy.
    source: str = ""

    @property
    def name(self) -> str:
        return self.source or self.path


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
        fold_observations(self, other, samples=_SAMPLES_PER_FILE)


_SAMPLES_PER_FILE = 3


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


def load_document(cleaner: Cleaner, path: Path, settings: Settings, *, metadata: bool | None = None,
                  display: str | None = None) -> Document:
    """The document of one text or HTML file, ready for the text rules: HTML is extracted first."""
    display = display or str(path)
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_text(path, display_name=display, max_bytes=settings.max_document_bytes)
    try:
        data = read_limited(path, settings.max_document_bytes, display)
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None
    return extract_document(cleaner, data, display, settings, metadata=metadata)


def extract_document(cleaner: Cleaner, data: bytes, source: str, settings: Settings, *,
                     metadata: bool | None = None, url: str | None = None,
                     http_charset: str | None = None) -> Document:
    """A page's document as every pass reads it (the URL and the HTTP charset of an archived
    response included, so the boilerplate pass counts the lines the cleaning pass sees)."""
    try:
        with time_limit(settings.timeout):
            return extract_page(data, cleaner=cleaner, extractor=settings.extractor, output=settings.output,
                                source=source, title=settings.title, no_article=settings.no_article,
                                metadata=settings.fmt == "json" if metadata is None else metadata,
                                url=url, http_charset=http_charset)
    except ExtractionTimeout:
        raise InputError(f"{source}: extraction took longer than {settings.timeout:g} s; skipped "
                         "(raise --timeout for very large pages)") from None


def records_of(path: Path, settings: Settings, counts: dict[str, int], display: str | None = None) -> Iterator[Record]:
    display = display or str(path)
    if archive_kind(path) == "warc":
        records = read_warc(path, display=display, counts=counts, max_bytes=settings.max_document_bytes)
    else:
        records = read_jsonl(path, display=display, text_field=settings.text_field, html_field=settings.html_field,
                             max_bytes=settings.max_document_bytes)
    return _readable(records, display)


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


def _prepare(task: Task, settings: Settings, result: TaskResult) -> bool:
    """Checks made before a file is cleaned; False (with the reason in ``result``) to skip it."""
    path, target = Path(task.path), Path(task.target)
    try:
        result.bytes_in = path.stat().st_size
    except OSError:
        pass
    if target.resolve() != path.resolve():
        return True
    if not settings.backup_suffix:
        result.rejects.append({"source": task.name, "reason": "output would overwrite the input; choose another --out"})
        return False
    if not settings.dry_run:
        try:
            reason = original_kept(path, settings.backup_suffix, task.name)
        except OSError as exc:
            reason = f"{task.name}: cannot keep a backup ({exc.strerror or exc}); the file was left as it was"
        if reason:
            result.rejects.append({"source": task.name, "reason": reason})
            return False
    return True


def _reject_failure(result: TaskResult, task: Task, exc: Exception) -> None:
    if is_out_of_space(exc):
        # Not this file's fault, and every file after it would fail the same way: stop the run.
        raise OutputFull(f"no space left on the output's file system while writing for {task.name} "
                         f"({exc})") from None
    if isinstance(exc, InputError):
        reason = str(exc)
    elif isinstance(exc, OSError):
        reason = f"{task.name}: {exc}"
    else:
        reason = f"{task.name}: {type(exc).__name__}: {exc} (a failure inside cleaner; please report it with this file)"
    result.rejects.append({"source": task.name, "reason": reason})


def run_task(cleaner: Cleaner, task: Task, settings: Settings,
             on_documents: Callable[[int], None] | None = None) -> TaskResult:
    if is_url(task.path) or is_url(task.target):
        return _run_staged(cleaner, task, settings, on_documents)
    path, target = Path(task.path), Path(task.target)
    result = TaskResult(task.name)
    if not _prepare(task, settings, result):
        return result
    try:
        if archive_kind(path) and task.checkpoints and not settings.dry_run:
            _clean_archive(cleaner, task, settings, result, on_documents)  # its ArchiveJob puts it in place
        elif archive_kind(path):
            with writing(target, None if settings.dry_run else settings.journal) as out:
                _clean_archive(cleaner, replace(task, target=str(out)), settings, result, on_documents)
        else:
            doc = load_document(cleaner, path, settings, display=task.name)
            doc.context.update(settings.context)
            doc.context["site"] = task.site
            doc = cleaner.clean_document(doc)
            if not settings.dry_run:
                with writing(target, settings.journal) as out:
                    atomic_write_text(out, json_text(document_record(doc, task.name, settings.with_changes)) + "\n"
                                      if settings.as_records else format_document(doc, settings.fmt))
            result.documents = 1
            _account(result, doc)
        if not settings.dry_run:
            result.bytes_out = target.stat().st_size
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        _reject_failure(result, task, exc)
    return result


def _run_staged(cleaner: Cleaner, task: Task, settings: Settings,
                on_documents: Callable[[int], None] | None) -> TaskResult:
    """A task whose input or output is a URL: the input copied to a temporary folder, cleaned
    there as a local file (named by its URL), the output uploaded whole."""
    from cleaner import storage

    name = task.name
    with tempfile.TemporaryDirectory(prefix="cleaner-stage-") as folder:
        staged = Path(folder)
        local_in = Path(task.path)
        if is_url(task.path):
            local_in = staged / "in" / storage.url_name(task.path).name
            try:
                if not archive_kind(local_in) and storage.size(task.path) > settings.max_document_bytes:
                    return TaskResult(name, rejects=[{"source": name, "reason": f"{name}: over the "
                                                      f"{describe_size(settings.max_document_bytes)} limit per "
                                                      "document; skipped (raise --max-document-mb to take it)"}])
                storage.download(task.path, local_in)
            except (OSError, CleanerError) as exc:
                return TaskResult(name, rejects=[{"source": name, "reason": f"{name}: cannot download it ({exc})"}])
        remote_out = is_url(task.target)
        local_out = staged / "out" / storage.url_name(task.target).name if remote_out else Path(task.target)
        local_task = replace(task, path=str(local_in), target=str(local_out), source=name, checkpoints="")
        result = run_task(cleaner, local_task, settings, on_documents)
        if remote_out and not settings.dry_run and local_out.exists() \
                and not any(r["source"] == name for r in result.rejects):
            try:
                storage.upload(local_out, task.target)
            except (OSError, CleanerError) as exc:
                result.rejects.append({"source": name, "reason": f"{name}: cannot upload {task.target} ({exc})"})
        return result


def _clean_shard(cleaner: Cleaner, task: Task, settings: Settings, records: Iterator[Record],
                 part: TaskResult) -> Iterator[dict[str, Any]]:
    """Output records of some of an archive's records, accounted in ``part``."""
    outcome = Outcome()
    documents: list[Document] = []
    context = {**settings.context, "site": task.site}
    for item in clean_records(cleaner, records, record_options(settings), outcome, seen=documents, context=context):
        yield item
        _account(part, documents.pop())
    part.documents = outcome.written
    part.rejects.extend(outcome.rejects)


def _write_shard(cleaner: Cleaner, task: Task, settings: Settings, index: int, records: list[Record]) -> TaskResult:
    part = TaskResult(task.name)
    write_jsonl(part_path(Path(task.checkpoints), index), _clean_shard(cleaner, task, settings, iter(records), part))
    return part


def _clean_archive(cleaner: Cleaner, task: Task, settings: Settings, result: TaskResult,
                   on_documents: Callable[[int], None] | None = None) -> None:
    """An archive's records into one JSONL output: in checkpointed shards when the task has a
    checkpoint folder (see :mod:`cleaner.engine.shards`), else in one go."""
    counts: dict[str, int] = {}
    records = records_of(Path(task.path), settings, counts, display=task.name)
    if settings.dry_run or not task.checkpoints:
        part = TaskResult(task.name)
        stream = _clean_shard(cleaner, task, settings, records, part)
        if settings.dry_run:
            for _ in stream:
                pass
        else:
            write_jsonl(Path(task.target), stream)
        result.merge(part)
        result.counts.update(counts)
        return
    job = ArchiveJob(task, records, counts, journal=settings.journal)
    for index, shard in job.remaining():
        part = _write_shard(cleaner, task, settings, index, shard)
        job.shard_done(index, len(shard), part)
        if on_documents is not None:
            on_documents(part.documents)
    job.finish(result)


def record_options(settings: Settings) -> Options:
    """How an archive's records are extracted and written, from the run's settings."""
    return Options(extractor=settings.extractor, output=settings.output, title=settings.title,
                   with_changes=settings.with_changes, timeout=settings.timeout, no_article=settings.no_article)


# In a worker process: its pipeline and settings, and where it says what it holds (the
# parent's shared arrays and this worker's slot in them).
_WORKER: tuple[Cleaner, Settings, Any, Any, int] | None = None
_MAX_ATTEMPTS = 2


def _exit_with_parent(parent: int) -> None:
    # A worker blocks on its queue forever if the parent is killed outright (SIGKILL, out of
    # memory): the other workers hold the queue open too. It leaves once it is orphaned.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _start_worker(settings: Settings, holding_entry: Any, holding_position: Any, slots: Any, parent: int) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group; the main process answers it (saves what is done,
    # says how to resume) and stops the pool. Workers that died of it too would only add
    # tracebacks and a broken pool to the story.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's pid is handed over, not read here: a worker forked just before the parent was
    # killed is an orphan already when it starts, and would wait for a parent it never had.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="exit-with-parent").start()
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


def _run_files(entry: int, tasks: list[Task]) -> list[TaskResult]:
    assert _WORKER is not None
    cleaner, settings = _WORKER[:2]
    results = []
    for position, task in enumerate(tasks):
        _hold(entry, position)
        results.append(run_task(cleaner, task, settings))
    _hold(-1, -1)
    return results


def _run_shard(entry: int, task: Task, index: int, records: list[Record]) -> TaskResult:
    assert _WORKER is not None
    cleaner, settings = _WORKER[:2]
    _hold(entry, 0)
    try:
        return _write_shard(cleaner, task, settings, index, records)
    finally:
        _hold(-1, -1)


@dataclass(eq=False)
class _Entry:
    """One step of the ordered work: a chunk of files, one shard of an archive, the joining
    of an archive's parts, or a result known already. ``outcome`` is set when it is done."""

    kind: str  # "files" | "shard" | "finish" | "ready"
    tasks: list[Task] = field(default_factory=list)
    job: ArchiveJob | None = None
    shard: int = 0
    records: list[Record] = field(default_factory=list)
    number: int = -1
    future: Future | None = None
    outcome: Any = None
    done: bool = False

    def submit(self, pool: ProcessPoolExecutor, number: int) -> None:
        self.number = number
        if self.kind == "files":
            self.future = pool.submit(_run_files, number, self.tasks)
        else:
            assert self.job is not None
            self.future = pool.submit(_run_shard, number, self.job.task, self.shard, self.records)

    def settle(self) -> None:
        if not self.done and self.future is not None:
            self.outcome = self.future.result()
            self.done = True


def _plan(tasks: list[Task], settings: Settings, chunk_size: int) -> Iterator[_Entry]:
    """The entries of the run, in output order, made as they are needed: a checkpointed
    archive is read here, one shard at a time, so its shards spread over the workers."""
    files: list[Task] = []
    for task in tasks:
        if not (task.checkpoints and not settings.dry_run and archive_kind(Path(task.path))):
            files.append(task)
            if len(files) >= chunk_size:
                yield _Entry("files", tasks=files)
                files = []
            continue
        if files:
            yield _Entry("files", tasks=files)
            files = []
        result = TaskResult(task.path)
        if not _prepare(task, settings, result):
            yield _Entry("ready", outcome=result, done=True)
            continue
        counts: dict[str, int] = {}
        try:
            job = ArchiveJob(task, records_of(Path(task.path), settings, counts), counts, journal=settings.journal)
        except OSError as exc:
            _reject_failure(result, task, exc)
            yield _Entry("ready", outcome=result, done=True)
            continue
        for index, shard in job.remaining():
            yield _Entry("shard", job=job, shard=index, records=shard)
        yield _Entry("finish", job=job, outcome=result, done=True)
    if files:
        yield _Entry("files", tasks=files)


def _results_of(entry: _Entry, on_documents: Callable[[int], None] | None) -> Iterator[TaskResult]:
    """What a settled entry gives the caller, in order; an archive's shards give nothing
    until the archive is joined."""
    if entry.kind == "files":
        yield from entry.outcome
    elif entry.kind == "shard":
        assert entry.job is not None
        if entry.outcome.rejects and entry.outcome.rejects[0].pop("lost", False):
            entry.job.shard_lost(entry.shard, len(entry.records), entry.outcome)
        else:
            entry.job.shard_done(entry.shard, len(entry.records), entry.outcome)
        if on_documents is not None:
            on_documents(entry.outcome.documents)
    elif entry.kind == "finish":
        assert entry.job is not None
        result = entry.outcome
        try:
            entry.job.finish(result)
            result.bytes_out = Path(entry.job.task.target).stat().st_size
        except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
            _reject_failure(result, entry.job.task, exc)
        yield result
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
    if entry.kind == "files":
        [task] = entry.tasks
        return [TaskResult(task.path, rejects=[{"source": task.path, "reason": f"{task.path}: {died}"}])]
    assert entry.job is not None
    first, last = entry.records[0].source, entry.records[-1].source
    return TaskResult(entry.job.task.path, rejects=[{"source": f"{first} .. {last}", "lost": True,
                                                     "reason": f"{len(entry.records)} records: {died}"}])


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


def run_tasks(tasks: list[Task], settings: Settings, jobs: int, *,
              on_documents: Callable[[int], None] | None = None, address: str | None = None,
              on_shards: Callable[[int, int], None] | None = None) -> Iterator[TaskResult]:
    """Results in the order of ``tasks``. ``jobs=1`` runs here, with no process overhead.
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
    if jobs <= 1 or (len(tasks) <= 1 and not any(t.checkpoints for t in tasks)):
        cleaner = build_cleaner(settings)
        for task in tasks:
            yield run_task(cleaner, task, settings, on_documents)
        return
    jobs = max(1, min(jobs, os.cpu_count() or 1))
    # Most files take about a millisecond and a round trip to a worker costs a fair share of
    # that, hence chunks; a bounded window of entries in flight keeps memory flat.
    chunk_size = max(1, min(64, len(tasks) // (jobs * 8)))
    window = jobs * 3
    plan = _plan(tasks, settings, chunk_size)
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
                yield from _results_of(current, on_documents)
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


def learn_boilerplate(cleaner: Cleaner, tasks: list[Task], settings: Settings, *, min_length: int = 12) -> dict:
    """The first pass of ``--learn-boilerplate``: per site, the number of documents and, for
    each normalised line, in how many of them it stands. Lines seen once are dropped from the
    table: they cannot be boilerplate, and keeping them would make it as large as the archive."""
    return without_single_lines(count_site_lines(cleaner, [(task, None) for task in tasks], settings,
                                                 min_length=min_length))


def count_site_lines(cleaner: Cleaner, items: list[tuple[Task, Iterator[Record] | None]], settings: Settings, *,
                     min_length: int = 12) -> dict:
    """Per site, documents and line counts of the tasks' documents (``records``, when given,
    stand for an archive's: a byte range of it), lines seen once included, for merging."""
    from cleaner.kinds.site_boilerplate import count_lines, site_of

    sites: dict[str, dict[str, Any]] = {}
    for task, records in items:
        try:
            for doc in _documents_of(cleaner, task, settings, records):
                doc.context["site"] = task.site
                entry = sites.setdefault(site_of(doc), {"documents": 0, "lines": {}})
                entry["documents"] += 1
                for key in count_lines(doc.text, min_length=min_length):
                    entry["lines"][key] = entry["lines"].get(key, 0) + 1
        except (InputError, OSError):
            continue  # the second pass reports it
    return sites


def merge_site_lines(tables: list[dict]) -> dict:
    """Counts of several parts of the inputs, added up."""
    merged: dict[str, dict[str, Any]] = {}
    for table in tables:
        for site, entry in table.items():
            into = merged.setdefault(site, {"documents": 0, "lines": {}})
            into["documents"] += entry["documents"]
            lines = into["lines"]
            for key, count in entry["lines"].items():
                lines[key] = lines.get(key, 0) + count
    return merged


def without_single_lines(table: dict) -> dict:
    for entry in table.values():
        entry["lines"] = {k: n for k, n in entry["lines"].items() if n > 1}
    return table


def _documents_of(cleaner: Cleaner, task: Task, settings: Settings,
                  records: Iterator[Record] | None) -> Iterator[Document]:
    if is_url(task.path):
        from cleaner import storage

        with tempfile.TemporaryDirectory(prefix="cleaner-stage-") as folder:
            local = Path(folder) / storage.url_name(task.path).name
            try:
                storage.download(task.path, local)
            except CleanerError as exc:
                raise InputError(str(exc)) from None
            yield from _documents_of(cleaner, replace(task, path=str(local), source=task.name), settings, records)
        return
    path = Path(task.path)
    if records is None and not archive_kind(path):
        yield load_document(cleaner, path, settings, metadata=False, display=task.name)
        return
    for record in records if records is not None else records_of(path, settings, {}, display=task.name):
        if record.error:
            continue
        if record.html is not None:
            try:
                doc = extract_document(cleaner, record.html if isinstance(record.html, bytes)
                                       else record.html.encode(), record.source, settings, metadata=False,
                                       url=record.url, http_charset=record.http_charset)
            except InputError:
                continue  # this record only: the second pass rejects it
        else:
            doc = Document(record.text or "")
        if record.url:
            doc.metadata["url"] = record.url
        yield doc
