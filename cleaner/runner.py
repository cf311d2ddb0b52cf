"""A batch run into an output folder (or one JSONL file), whatever the engine: the tasks of
the inputs, the first passes some rules need, resume from the manifest, the engine's results
folded into the report, and the run's own files (rejects, warnings, report).

The CLI and the library (:func:`cleaner.ray.clean_dataset`) both run batches through here;
the CLI adds progress, messages and exit codes.
"""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from cleaner.errors import CleanerError, InputError, OutputFull, is_out_of_space
from cleaner.in_place import JOURNAL, forget_recorded, rewritten_files
from cleaner.kinds.shortcodes import ARCHIVE_TITLES
from cleaner.locking import run_lock
from cleaner.kinds.site_boilerplate import BOILERPLATE
from cleaner.manifest import LEGACY_MANIFEST, MANIFEST, Manifest, run_key_of
from cleaner.pipeline import Cleaner
from cleaner.report import Report
from cleaner.resume import Skipped, drop_stale_checkpoints, tasks_left
from cleaner.slug_titles import index_titles
from cleaner.task.boilerplate import learn_boilerplate
from cleaner.task.documents import document_of_file
from cleaner.task.run import Task
from cleaner.task.task_list import TaskList
from cleaner.task.settings import Settings
from cleaner.task.stats import RunStats
from cleaner.folder_plan import FolderTasks, FolderWalk
from cleaner.planning import (STATE_DIR, Names, distinct_inputs, ignores_case, names_apart, output_names,
                              refuse_case_clashes, refuse_clashes, refuse_targets_that_are_inputs, state_of)
from cleaner.readers.files import InputFile, InputList
from cleaner.readers.records import archive_kind
from cleaner.storage import is_url
from cleaner.writers import atomic_write_text, remove_stale_temporaries
from cleaner.writers.json_text import json_text
from cleaner.writers.jsonl import write_joined, write_jsonl

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# What runs the tasks: the engine with its jobs, address and progress, bound by the caller.
# It takes the tasks as it has room for them (a walked plan makes them as the walk goes).
RunEngine = Callable[[Iterable[Task], Settings], Iterator[RunStats]]
# What learns the boilerplate table (the first pass of --learn-boilerplate).
LearnBoilerplate = Callable[..., dict]


def _silent(_message: str) -> None:
    pass


@dataclass
class Plan:
    """The tasks of a run and where its state lives."""

    tasks: TaskList | FolderTasks  # made on demand: nothing is held per input
    out: Path  # for a remote --out, the local file the one-file output is joined in first
    state: Path  # local: for a remote --out, copied to OUT/.cleaner/ at the end
    settings: Settings
    one_file: bool  # every document a record of the one output file ``out``
    remote_out: str | None = None  # --out given as a URL
    notes: list[str] = field(default_factory=list)  # inputs dropped as repeated, or renamed apart
    # Found while walking the inputs: folders that could not be read, reported as rejects.
    unreadable: list[dict[str, str]] = field(default_factory=list)
    # Found by a first pass (inputs a boilerplate-counting task could not count): in the
    # run's warnings.
    warnings: list[str] = field(default_factory=list)


def plan_run(cleaner: Cleaner, inputs: list[InputFile], out: Path | str, settings: Settings, *,
             in_place: bool = False) -> Plan:
    """One task per input: ``a/b.html`` -> ``OUT/a/b.txt`` (by the format), archives to JSONL,
    or with ``out`` named ``*.jsonl[.gz|.zst]`` a part per input joined into that one file.
    ``out`` may be a URL (see :mod:`cleaner.storage`). Every input gets a target of its own
    (:mod:`cleaner.planning`); raises :class:`~cleaner.planning.OutputClash` before any work
    when that cannot be, or when a target is an input."""
    inputs, notes = distinct_inputs(inputs)
    names = names_apart(inputs)
    context = archive_context(cleaner, inputs, settings)
    if context:
        settings = replace(settings, context={**settings.context, **context})
    if is_url(out):
        plan = _plan_remote(inputs, names, str(out), settings, notes)
    else:
        out = Path(out)
        one_file = archive_kind(out) == "jsonl"
        state = state_of(out)
        if one_file:
            # Each input is cleaned into a part of its own (so the run resumes file by file), and
            # the parts are joined into the one output at the end.
            settings = replace(settings, as_records=True)
            refuse_clashes(inputs, names)
            refuse_case_clashes(inputs, names, state)
            tasks = _tasks(inputs, lambda i: _joined(state / "parts", f"{names.text(i)}.jsonl"))
            refuse_targets_that_are_inputs(inputs, [str(out)])
        elif in_place:
            settings = replace(settings, journal=str(state / JOURNAL))
            files = rewritten_files(inputs, notes)
            tasks = TaskList(len(files), lambda i: Task(files[i][1], files[i][1], site_of(files[i][0])))
        else:
            targets = output_names(inputs, names, settings.fmt, notes)
            refuse_case_clashes(inputs, targets, out)
            folder = out
            tasks = _tasks(inputs, lambda i: _joined(folder, targets.text(i)))
            refuse_targets_that_are_inputs(inputs, (_joined(folder, targets.text(i)) for i in range(len(targets))))
        plan = Plan(tasks, out, state, settings, one_file)
    plan.notes = notes
    return plan


def plan_folder(root: Path, out: Path, settings: Settings, walk: FolderWalk) -> Plan:
    """A run over the folder ``root`` into the folder ``out``, its tasks made as the walk
    reaches them (:mod:`cleaner.folder_plan`): for :func:`walked_as_it_goes` runs."""
    tasks = FolderTasks(root, out, settings.fmt, walk, case_blind=ignores_case(out))
    plan = Plan(tasks, out, state_of(out), settings, one_file=False)
    plan.unreadable, plan.notes = tasks.unreadable, tasks.notes  # filled as the walk goes
    return plan


def walked_as_it_goes(cleaner: Cleaner, paths: Sequence[str | Path], out: Path | str | None, *,
                      in_place: bool) -> bool:
    """Whether a run can be planned as its folder is walked: one local folder into a local
    output folder that does not hold it, and no rule that reads the whole archive first.
    Other runs are planned whole before any work (:func:`plan_run`)."""
    if len(paths) != 1 or in_place or out is None or is_url(out) or is_url(paths[0]) or cleaner.uses_archive:
        return False
    root, out = Path(paths[0]), Path(out)
    if not root.is_dir() or archive_kind(out) == "jsonl":
        return False
    # An output folder holding the input folder could put an output on an input still to be read.
    return not root.resolve().is_relative_to(out.resolve())


def _tasks(inputs: Sequence[InputFile], target: Callable[[int], str]) -> TaskList:
    """Each input's task, made when asked for, its target ``target(index)``; from the inputs'
    text alone when they are an :class:`InputList` (no path objects a file)."""
    def make(index: int) -> Task:
        if isinstance(inputs, InputList):
            path = inputs.path_text(index)
            return Task(path, target(index), _site_of_text(path, inputs.relative_text(index), inputs.is_url(index)))
        item = inputs[index]
        return Task(str(item.path), target(index), site_of(item))

    return TaskList(len(inputs), make)


def _joined(folder: Path, name: str) -> str:
    """``str(folder / name)`` for a relative POSIX name, without the path objects."""
    base = str(folder)
    return name if base == "." else os.path.join(base, name)


def _plan_remote(inputs: Sequence[InputFile], names: Names, out: str, settings: Settings,
                 notes: list[str]) -> Plan:
    from cleaner import storage

    state = storage.local_state(out)
    name = storage.url_name(out).name
    if archive_kind(Path(name)) == "jsonl":
        settings = replace(settings, as_records=True)
        refuse_clashes(inputs, names)
        tasks = _tasks(inputs, lambda i: _joined(state / "parts", f"{names.text(i)}.jsonl"))
        refuse_targets_that_are_inputs(inputs, [out])
        return Plan(tasks, state / name, state, settings, True, out)
    targets = output_names(inputs, names, settings.fmt, notes)
    tasks = _tasks(inputs, lambda i: storage.join(out, targets[i]))
    refuse_targets_that_are_inputs(inputs, (t.target for t in tasks))
    return Plan(tasks, state / "out", state, settings, False, out)


def _remote_state(plan: Plan) -> str:
    from cleaner import storage

    assert plan.remote_out is not None
    return plan.remote_out + STATE_DIR if plan.one_file else storage.join(plan.remote_out, STATE_DIR)


def _fetch_state(plan: Plan) -> None:
    """A remote --out's manifest, copied here, so a rerun from any machine resumes (an older
    run's JSON manifest is read in when there is no database)."""
    from cleaner import storage

    for name in (MANIFEST, LEGACY_MANIFEST):
        manifest = storage.join(_remote_state(plan), name)
        with contextlib.suppress(OSError, CleanerError):
            if storage.exists(manifest):
                storage.download(manifest, plan.state / name)
                return


def _push_state(plan: Plan) -> None:
    from cleaner import storage

    for name in (MANIFEST, "rejects.jsonl", "warnings.jsonl", "report.json", "boilerplate.json"):
        if (plan.state / name).exists():
            storage.upload(plan.state / name, storage.join(_remote_state(plan), name))


def read_boilerplate_counts(path: Path) -> dict:
    """Site line counts saved by an earlier ``--learn-boilerplate`` run; :class:`CleanerError`
    naming the file when it is not one."""
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(table, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        raise CleanerError(f"--boilerplate {path}: not a boilerplate counts file ({exc}); write one with "
                           "--learn-boilerplate") from None
    return table


def with_boilerplate(plan: Plan, cleaner: Cleaner, *, learn: bool, saved: Path | None,
                     learner: LearnBoilerplate = learn_boilerplate, say: Callable[[str], None] = _silent) -> Plan:
    """The plan with the site boilerplate table in its settings: read from ``saved``, or
    learned in a first pass over the inputs (and saved in the state folder), or none."""
    if saved is not None:
        table = read_boilerplate_counts(saved)
    elif learn:
        started = time.monotonic()
        table = learner(cleaner, plan.tasks, plan.settings, on_warning=plan.warnings.append)
        if not plan.settings.dry_run:
            atomic_write_text(plan.state / "boilerplate.json", json_text(table) + "\n")
        say(f"learned boilerplate of {len(table)} site(s) from {sum(e['documents'] for e in table.values())} "
            f"documents in {time.monotonic() - started:.1f} s")
    else:
        return plan
    if not table:
        return plan
    return replace(plan, settings=replace(plan.settings, context={**plan.settings.context, BOILERPLATE: table}))


def run_plan(plan: Plan, cleaner: Cleaner, run_engine: RunEngine, *, report_path: Path | None = None,
             say: Callable[[str], None] = _silent, warnings_shown: int = 10):
    """Clean what the manifest does not list as done, write the run's files, and return the
    :class:`~cleaner.report.Report`. On Ctrl-C or a full disk the manifest is saved (it lists
    only outputs written whole) before the exception goes on. Raises
    :class:`~cleaner.locking.RunInProgress` if another run is writing into the same place."""
    settings, state = plan.settings, plan.state
    key = run_key_of(cleaner, settings)
    # One run at a time: another run's temporary files would look like a killed run's below.
    with run_lock(state, where=plan.remote_out or str(plan.out)):
        return _run_locked(plan, cleaner, run_engine, key, report_path=report_path, say=say,
                           warnings_shown=warnings_shown)


def _run_locked(plan: Plan, cleaner: Cleaner, run_engine: RunEngine, key: str, *, report_path: Path | None,
                say: Callable[[str], None], warnings_shown: int):
    state = plan.state
    # An earlier run into the same place may have been killed mid-write, even before it
    # recorded anything: its temporary files go (one walk of the output).
    if plan.remote_out:
        state.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(state)
        _fetch_state(plan)
    elif plan.one_file:
        remove_stale_temporaries(state)
        remove_stale_temporaries(plan.out.parent, recursive=False)
    elif plan.out.exists():
        remove_stale_temporaries(plan.out)
    manifest = Manifest(state / MANIFEST, key)
    try:
        return _run_recorded(plan, cleaner, run_engine, manifest, report_path=report_path, say=say,
                             warnings_shown=warnings_shown)
    finally:
        with contextlib.suppress(OSError, CleanerError):
            manifest.close()  # what was recorded stands; a full disk is said by the run


def _run_recorded(plan: Plan, cleaner: Cleaner, run_engine: RunEngine, manifest: Manifest, *,
                  report_path: Path | None, say: Callable[[str], None], warnings_shown: int):
    settings, state, tasks = plan.settings, plan.state, plan.tasks
    report = Report()
    report.total.add_warnings(plan.warnings)
    for warning in plan.warnings[:warnings_shown]:
        say(f"cleaner: warning: {warning}")
    skipped = Skipped()
    todo = tasks_left(tasks, manifest, report, settings, state, skipped)
    started = time.monotonic()
    try:
        # The engine takes the tasks as it has room; results come in the same order.
        for result in run_engine(todo, settings):
            task = skipped.handed.popleft()
            report.add(result)
            for warning in result.warnings:
                if report.warnings_seen <= warnings_shown:
                    say(f"cleaner: warning: {warning}")
            whole_file_failed = any(r["source"] == task.name for r in result.rejects)
            if whole_file_failed:  # a record's failure is in the rejects file; a file's is said here
                say(f"cleaner: {result.rejects[-1]['reason']}")
            else:
                manifest.record(task.path, task.target, documents=result.documents,
                                rejects=result.rejects, changed=result.changed, bytes_in=result.bytes_in,
                                bytes_out=result.bytes_out)
    except KeyboardInterrupt:
        manifest.close()
        if plan.remote_out:
            with contextlib.suppress(OSError, CleanerError):
                _push_state(plan)
        raise
    except (OutputFull, OSError) as exc:
        if not isinstance(exc, OutputFull) and not is_out_of_space(exc):
            raise
        with contextlib.suppress(OSError):
            manifest.save(force=True)  # else the last saved manifest stands: it lists only whole outputs
        raise OutputFull(str(exc)) from None
    manifest.save(force=True)
    # Folders that could not be listed: known once the walk is over (for a walked plan, now).
    report.add(RunStats(rejects=list(plan.unreadable)))
    if skipped.files:
        say(f"resumed: {skipped.files} of {skipped.files + skipped.todo} files were done already and skipped")
    if settings.journal:
        forget_recorded(Path(settings.journal), lambda path: manifest.entry_of(path).get("input"))
    drop_stale_checkpoints(state, skipped.checkpoints)
    if plan.one_file:
        write_joined(plan.out, (Path(t.target) for t in tasks if Path(t.target).exists()))
        if plan.remote_out:
            from cleaner import storage

            storage.upload(plan.out, plan.remote_out)
    report.finish(time.monotonic() - started)
    manifest.close()  # one file again, before it is copied anywhere
    # Every failed document, one JSON line each with its source and the reason: a batch is
    # judged by what it could not do as much as by what it wrote.
    write_jsonl(state / "rejects.jsonl", report.rejects)
    # A warning is a document written with a rule skipped (a user pattern past its time budget):
    # nothing lost, but the user should know which documents were not fully cleaned.
    write_jsonl(state / "warnings.jsonl", ({"warning": w} for w in report.warnings))
    if report.warnings_seen > warnings_shown:
        say(f"cleaner: {report.warnings_seen} warnings in all; see {state / 'warnings.jsonl'}")
    summary = report.summary(rules=settings.rules, rule_set=cleaner.rule_set)
    for path in filter(None, [state / "report.json", report_path]):
        atomic_write_text(path, json_text(summary, indent=2) + "\n")
    if plan.remote_out:
        _push_state(plan)
    return report


def _site_of_text(path: str, relative: str, url: bool) -> str:
    """:func:`site_of` from an input's text."""
    if "/" in relative:
        return relative.split("/", 1)[0]
    where = _URL_SCHEME.sub("/", path) if url else path
    return posixpath.basename(posixpath.dirname(where)) or posixpath.basename(where)


def site_of(item: InputFile) -> str:
    """A document without a URL belongs to the site of its top folder (a wget mirror's host
    folder), or of its archive file."""
    parts = item.relative.parts
    path = PurePosixPath(_URL_SCHEME.sub("/", item.path)) if is_url(item.path) else item.path
    return parts[0] if len(parts) > 1 else path.parent.name or path.name


def archive_context(cleaner: Cleaner, inputs: list[InputFile], settings: Settings) -> dict[str, Any]:
    """A first pass over the inputs when a rule needs the archive's titles by slug."""
    if not cleaner.uses_archive:
        return {}
    documents = []
    for item in inputs:
        if is_url(item.path) or archive_kind(item.path):
            continue  # records of dumps are not addressed by slug; remote files are read by their tasks
        try:
            documents.append((item.relative.as_posix(), document_of_file(cleaner, item.path, settings).text))
        except InputError:
            continue  # reported when the second pass reaches it
    return {ARCHIVE_TITLES: index_titles(cleaner, documents)}
