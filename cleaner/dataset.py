"""The library's entry for a batch run, the one the ``cleaner clean`` command calls too:

    from cleaner import clean_dataset

    report = clean_dataset(["crawl/"], "cleaned/", rules=["default", "my-site.toml"], jobs=4)
    print(report["documents"])              # {"in": ..., "written": ..., "failed": ..., "changed": ...}

Inputs are text and HTML files, folders of them, and JSONL/WARC archives (paths or URLs);
outputs go to a folder (the input tree mirrored), one ``.jsonl[.gz|.zst]`` file, or back in
place. Every option is checked before any work; every document that fails is in the rejects
file and counted in the report, and a rerun of the same call does only what is left.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from pathlib import Path
from typing import Any, Protocol

from cleaner.engine import CLUSTER_ENGINES, get_boilerplate_learner, get_engine
from cleaner.engine.address import check_reachable
from cleaner.errors import CleanerError
from cleaner.in_place import backup_suffix_problem
from cleaner.planning import own_files, refuse_out_among_inputs
from cleaner.readers import discover
from cleaner.readers.files import HTML_SUFFIXES, InputFile, InputList
from cleaner.readers.records import archive_kind
from cleaner.report import Report
from cleaner.folder_plan import FolderWalk
from cleaner.pipeline import Cleaner
from cleaner.runner import Plan, plan_folder, plan_run, run_plan, walked_as_it_goes, with_boilerplate
from cleaner.storage import discover_urls, is_url
from cleaner.task.run import Task
from cleaner.task.settings import Settings, build_cleaner, check_settings
from cleaner.task.stats import RunStats
from cleaner.writers import atomic_write_text
from cleaner.writers.json_text import json_text

# Settings a caller may give by name; the others are the run's own (derived from the call).
OPTIONS = frozenset(f.name for f in dataclasses.fields(Settings)) - {
    "rules", "enable", "disable", "context", "dry_run", "as_records", "backup_suffix", "journal"}


# How often the walk of the inputs is told while it runs (files seen; and its end).
FOUND_EVERY = 1000


class Progress(Protocol):
    """What a caller may hear as the run goes (the command draws its progress bar from it).
    ``finding(files)``, the files seen so far while the inputs are walked, and ``walked(files)``,
    the files to clean once a walk that goes on during the run has ended, are optional: they are
    called only on an object that has them."""

    def start(self, files: int | None) -> None: ...  # None: the walk goes on as the run starts
    def documents(self, count: int) -> None: ...  # documents done inside an archive, before its file
    def shards(self, done: int, total: int) -> None: ...  # units of work finished, on a cluster engine
    def file_done(self, stats: RunStats) -> None: ...
    def stop(self) -> None: ...  # the run ended, or stopped


def _silent(_message: str) -> None:
    pass


def clean_dataset(paths: Iterable[str | Path], out: str | Path | None = None,
                  rules: Iterable[str | Path] = ("default",), *, engine: str = "local", jobs: int | None = None,
                  address: str | None = None, enable: Iterable[str] = (), disable: Iterable[str] = (),
                  include: Iterable[str] = (), exclude: Iterable[str] = (), follow_symlinks: bool = False,
                  learn_boilerplate: bool = False, boilerplate: str | Path | None = None,
                  report: str | Path | None = None, in_place: bool = False, backup_suffix: str | None = None,
                  dry_run: bool = False, say: Callable[[str], None] = _silent, progress: Progress | None = None,
                  **options: Any) -> dict[str, Any]:
    """Clean ``paths`` into ``out`` and return the run's report (as ``OUT/.cleaner/report.json``
    holds it, plus ``"state"``: the folder of the run's own files).

    ``rules``: bundled rule-set names or TOML files. ``engine``: ``"local"`` (``jobs``
    processes, default all cores) or ``"ray"`` (``pip install 'cleaner[ray]'``; joins the
    cluster at ``address``, or starts a local instance with ``jobs`` CPUs). ``in_place`` with
    ``backup_suffix`` rewrites text and JSONL inputs where they are (``out`` left out).
    ``dry_run`` cleans everything and writes nothing. ``options``: the settings of
    :class:`cleaner.task.settings.Settings` by name, e.g. ``fmt="json"``,
    ``extractor="trafilatura"``, ``timeout=30``, ``no_article="text"``, ``text_field="body"``,
    ``with_changes=True``, ``max_document_bytes=2**28``, ``filter_list="easylist.txt"``.
    ``say`` hears notes and warnings meant for a person; ``progress`` the run's progress.

    Raises :class:`~cleaner.errors.CleanerError`, before anything is written, for a bad
    option, rule set or input path, outputs that would collide or replace an input, or a
    cluster out of reach; :class:`~cleaner.locking.RunInProgress` while another run writes
    into ``out``; :class:`~cleaner.errors.OutputFull` when the disk fills (what was finished
    is recorded; the same call again does the rest).
    """
    names = [str(p) for p in paths]
    unknown = sorted(set(options) - OPTIONS)
    if unknown:
        raise CleanerError(f"unknown option(s) {', '.join(unknown)}; choose from: {', '.join(sorted(OPTIONS))}")
    settings = Settings(rules=tuple(str(r) for r in rules), enable=tuple(enable), disable=tuple(disable),
                        dry_run=dry_run, backup_suffix=backup_suffix if in_place else None, **options)
    check_settings(settings)
    urls = [n for n in names if is_url(n)]
    local = [Path(n) for n in names if not is_url(n)]
    remote_out = str(out) if out is not None and is_url(str(out)) else None
    out_path = Path(out) if out is not None and remote_out is None else None
    if (urls or remote_out) and in_place:
        raise CleanerError("URLs cannot be cleaned in place; give --out DIR or URL")
    if urls and out is None:
        raise CleanerError("remote inputs need --out (a folder, a URL, or a .jsonl[.gz|.zst] file)")
    if in_place:
        _check_in_place(out_path, settings.fmt, backup_suffix)
    if address is not None and engine not in CLUSTER_ENGINES:
        raise CleanerError(f"--address is for a cluster engine (--engine {' or '.join(sorted(CLUSTER_ENGINES))}); "
                           f"the {engine} engine runs on this machine")
    cleaner = build_cleaner(settings)
    run_engine = get_engine(engine)
    if address is not None:
        check_reachable(address)  # before anything is planned or written
        run_engine = functools.partial(run_engine, address=address)
    if out_path is not None:
        refuse_out_among_inputs(local, out_path)
    # The run's own outputs and state are never inputs, even under a folder being cleaned.
    own = own_files(out_path) if out_path is not None else frozenset()
    if dry_run and not in_place and remote_out is None:
        out_path = out_path or Path(".")  # only to name targets; nothing is written
    if out_path is None and remote_out is None and not in_place:
        raise CleanerError("a directory or several files need --out DIR (where the cleaned files go); "
                           "for one file without --out, the result goes to standard output")
    if out_path is not None and archive_kind(out_path) != "jsonl" and out_path.exists() and not out_path.is_dir():
        raise CleanerError(f"--out {out_path} exists and is not a directory (a file ending in .jsonl, .jsonl.gz or "
                           ".jsonl.zst collects every document as records of one file)")
    finding = getattr(progress, "finding", None)
    told = _FindingTold(FOUND_EVERY, finding)
    walk = FolderWalk(tuple(include), tuple(exclude), follow_symlinks, own, told if finding else None,
                      told.end if finding else None)
    walked = walked_as_it_goes(cleaner, names, out_path if remote_out is None else None, in_place=in_place)
    if walked:
        assert out_path is not None
        plan = plan_folder(local[0], out_path, settings, walk)
        if plan.tasks.first() is None:
            _no_inputs(names, include, exclude)
    else:
        plan = _plan_whole(cleaner, local, urls, names, remote_out or out_path, settings, walk, in_place=in_place)
        _say_found(plan, say)
    workers = jobs or (os.cpu_count() or 1)
    learner = get_boilerplate_learner(engine)
    if engine in CLUSTER_ENGINES:
        learner = functools.partial(learner, jobs=workers, address=address)
    plan = with_boilerplate(plan, cleaner, learn=learn_boilerplate,
                            saved=Path(boilerplate) if boilerplate is not None else None, learner=learner, say=say)

    def run(todo: Iterable[Task], run_settings: Settings) -> Iterator[RunStats]:
        return _observed(run_engine, todo, run_settings, workers, progress)

    if dry_run:
        done = Report()
        started = time.monotonic()
        for stats in run(plan.tasks, plan.settings):
            done.add(stats)
        done.finish(time.monotonic() - started)
        if walked:
            _say_found(plan, say)
        summary = done.summary(rules=plan.settings.rules, rule_set=cleaner.rule_set)
        if report is not None:  # nothing else is written, but the report asked for is
            atomic_write_text(Path(report), json_text(summary, indent=2) + "\n")
        return summary
    done = run_plan(plan, cleaner, run, report_path=Path(report) if report is not None else None, say=say)
    if walked:  # a walked plan finds these as it goes
        _say_found(plan, say)
    summary = done.summary(rules=plan.settings.rules, rule_set=cleaner.rule_set)
    summary["state"] = str(plan.state.resolve())
    return summary


def _plan_whole(cleaner: Cleaner, local: list[Path], urls: list[str], names: list[str], out: Path | str | None,
                settings: Settings, walk: FolderWalk, *, in_place: bool) -> Plan:
    """Every input found first, then the run planned whole (:func:`plan_run`)."""
    unreadable: list[dict[str, str]] = []
    # Held a few bytes beyond each path's text (a million files are planned in ~150 MB).
    inputs = InputList(discover(local, include=walk.include, exclude=walk.exclude,
                                follow_symlinks=walk.follow_symlinks, skip=walk.skip, unreadable=unreadable,
                                on_found=walk.on_found))
    if walk.on_walked is not None:
        walk.on_walked()
    for item in discover_urls(urls, include=walk.include, exclude=walk.exclude) if urls else ():
        inputs.append(item)
    if not inputs:
        _no_inputs(names, walk.include, walk.exclude)
    if in_place:
        out = _in_place_state_root(local, inputs)
    assert out is not None
    plan = plan_run(cleaner, inputs, out, settings, in_place=in_place)
    plan.unreadable = unreadable
    return plan


def _say_found(plan: Plan, say: Callable[[str], None]) -> None:
    """What the walk found besides the inputs: outputs renamed apart, folders it could not read."""
    for note in plan.notes:
        say(f"cleaner: {note}")
    for reject in plan.unreadable:
        say(f"cleaner: {reject['reason']}")


def _no_inputs(names: list[str], include: Iterable[str], exclude: Iterable[str]) -> None:
    globs = " (after --include/--exclude)" if tuple(include) or tuple(exclude) else ""
    raise CleanerError(f"no text, HTML, JSONL or WARC files found under {', '.join(names)}{globs}")


class _FindingTold:
    """A progress' ``finding`` told every ``step`` files the walk sees, and where it ends."""

    def __init__(self, step: int, finding: Callable[[int], None] | None) -> None:
        self.step, self.finding, self.seen = step, finding, 0

    def __call__(self, count: int) -> None:
        self.seen = count
        if count % self.step == 0 and self.finding is not None:
            self.finding(count)

    def end(self) -> None:
        if self.seen % self.step and self.finding is not None:
            self.finding(self.seen)
        self.seen = 0


def _observed(run_engine: Callable[..., Iterator[RunStats]], tasks: Iterable[Task], settings: Settings, jobs: int,
              progress: Progress | None) -> Iterator[RunStats]:
    if progress is None:
        yield from run_engine(tasks, settings, jobs)
        return
    # A walked plan's tasks are counted when its walk ends; until then the bar has no total.
    progress.start(len(tasks) if isinstance(tasks, Sized) else None)
    walked = getattr(progress, "walked", None)
    if not isinstance(tasks, Sized) and walked is not None:
        tasks = _counted(tasks, walked)
    try:
        for stats in run_engine(tasks, settings, jobs, on_documents=progress.documents, on_shards=progress.shards):
            progress.file_done(stats)
            yield stats
    finally:
        progress.stop()


def _counted(tasks: Iterable[Task], walked: Callable[[int], None]) -> Iterator[Task]:
    count = 0
    for task in tasks:
        count += 1
        yield task
    walked(count)


def _check_in_place(out: Path | None, fmt: str, suffix: str | None) -> None:
    if out is not None:
        raise CleanerError("--in-place and --out exclude each other: either rewrite the inputs or write elsewhere")
    if fmt == "json":
        raise CleanerError("--in-place keeps each file's kind: use --format text or markdown, or --out for json")
    if not suffix:
        raise CleanerError("--in-place rewrites your inputs: give --backup-suffix SUFFIX (for example .orig) so "
                           "each original is kept beside it as NAME.orig")
    problem = backup_suffix_problem(suffix)
    if problem:
        raise CleanerError(f"--backup-suffix {suffix!r} must be a plain ending that is not read as an input "
                           f"(such as .orig or .bak): {problem}")


def _in_place_state_root(paths: list[Path], inputs: list[InputFile]) -> Path:
    """Only text and JSONL files are rewritten in place (an HTML page rewritten as text, or
    a WARC as JSONL, would change what the file is); the run's state goes in the folder."""
    others = [item.path for item in inputs
              if item.path.suffix.lower() in HTML_SUFFIXES or archive_kind(item.path) == "warc"]
    if others:
        raise CleanerError(f"--in-place rewrites text and JSONL files only; {len(others)} HTML or WARC input(s) "
                           f"found (such as {others[0]}): clean them with --out DIR, or leave them out with "
                           "--exclude")
    return paths[0] if paths[0].is_dir() else paths[0].parent
