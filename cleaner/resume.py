"""What a run has left to do: the tasks an earlier run into the same place did not finish
(by its record, :mod:`cleaner.manifest`), handed to the engine as it asks for them, each with
the checkpoint folder that lets a large archive resume inside the file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleaner.folder_plan import FolderTasks
from cleaner.in_place import restore_if_ours, written_by_us
from cleaner.manifest import Manifest, input_signature
from cleaner.readers.records import archive_kind
from cleaner.report import Report
from cleaner.storage import is_url
from cleaner.task.run import Task
from cleaner.task.settings import Settings
from cleaner.task.task_list import TaskList


@dataclass
class Skipped:
    """What the check against the record found, as the tasks went by."""

    files: int = 0  # done by an earlier run
    todo: int = 0  # handed to the engine
    checkpoints: set[str] = field(default_factory=set)  # the shard folders of archives handed on
    handed: deque[Task] = field(default_factory=deque)  # taken by the engine, its result still to come


class _Known:
    """Tasks made as they are asked for, their number known before (for the progress' total)."""

    def __init__(self, count: int, tasks: Iterator[Task]) -> None:
        self._count, self._tasks = count, tasks

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Task]:
        return self._tasks


def tasks_left(tasks: TaskList | FolderTasks, manifest: Manifest, report: Report, settings: Settings, state: Path,
               skipped: Skipped) -> Iterable[Task]:
    """What is left to do (checkpoints of archives in ``state``): of a walked plan, checked as
    the walk goes; of a plan made whole, checked first, so that the engine and the progress know
    how many there are."""
    if not isinstance(tasks, TaskList):
        return _not_done(tasks, manifest, report, settings, state, skipped)
    finished = bytearray(len(tasks))  # one byte an input
    for index, task in enumerate(tasks):
        entry = manifest.done_entry(task.path, task.target)
        if entry is not None:
            finished[index] = 1
            skipped.files += 1
            report.add_resumed(entry)
    left = tasks.where(i for i, done in enumerate(finished) if not done)
    return _Known(len(left), _not_done(left, manifest, report, settings, state, skipped, checked=True))


def _not_done(tasks: Iterable[Task], manifest: Manifest, report: Report, settings: Settings, state: Path,
              skipped: Skipped, *, checked: bool = False) -> Iterator[Task]:
    """The tasks an earlier run did not finish (what a finished one gave is counted in the
    report), checked one by one as the engine asks for them (unless ``checked`` already), with
    their checkpoint folders.

    In place, a file to clean that holds an output of an earlier run (recorded in the
    manifest, or in the journal by a run killed before it could record it) gets its original
    back from the backup first, so it is cleaned from the original, never a second time."""
    journal = Path(settings.journal) if settings.journal else None
    written = written_by_us(journal) if journal is not None else {}
    for task in tasks:
        entry = manifest.done_entry(task.path, task.target) if not (task.refused or checked) else None
        if entry is not None:
            skipped.files += 1
            report.add_resumed(entry)
            continue
        if journal is not None:
            recorded = manifest.entry_of(task.path).get("input")
            restore_if_ours(Path(task.path), settings.backup_suffix or "",
                            written.get(task.path, []) + ([recorded] if recorded else []))
        task = with_checkpoints(task, state, manifest.run_key) if not task.refused else task
        if task.checkpoints:
            skipped.checkpoints.add(Path(task.checkpoints).name)
        skipped.todo += 1
        skipped.handed.append(task)
        yield task


def with_checkpoints(task: Task, state: Path, key: str) -> Task:
    """An archive gets a checkpoint folder named by the input as it is now and the run's key,
    so a changed file or rule set starts afresh instead of joining stale shards."""
    path = Path(task.path)
    if is_url(task.path) or not archive_kind(path):
        return task  # a remote archive is staged and cleaned whole
    try:
        signature = json.dumps(input_signature(path), sort_keys=True)
    except OSError:
        return task  # unreadable: the task reports it
    name = hashlib.sha256(f"{task.path}\0{key}\0{signature}".encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return replace(task, checkpoints=str(state / "shards" / name))


def drop_stale_checkpoints(state: Path, current: set[str]) -> None:
    """Shard folders of earlier runs that no task of this one continues (``current``: the
    names of those it does)."""
    folder = state / "shards"
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name not in current:
            shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty
