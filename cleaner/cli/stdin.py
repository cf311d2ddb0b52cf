"""``cleaner clean -``: standard input cleaned to standard output.

A JSONL stream (maybe gzip or zstd) is cleaned record by record, in this process or by
``--jobs`` worker processes, in input order; anything else is one text or page, cleaned whole.
``--dry-run``, ``--report`` and ``--boilerplate`` work as in a batch; the options that choose,
place or learn from files are refused with the reason, never silently ignored.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import typer

from cleaner.cli.app import EXIT_SOME_FAILED, fail
from cleaner.cli.progress import print_dry_run
from cleaner.document import Document
from cleaner.engine import ENGINES
from cleaner.engine.stream import clean_stream
from cleaner.errors import CleanerError, InputError
from cleaner.kinds.site_boilerplate import BOILERPLATE
from cleaner.pipeline import Cleaner
from cleaner.readers.records import read_jsonl_stream
from cleaner.readers.stdin import open_stdin
from cleaner.readers.text import decode_bytes
from cleaner.report import Report
from cleaner.runner import read_boilerplate_counts
from cleaner.task.documents import document_of_page, readable
from cleaner.task.settings import Settings, build_cleaner
from cleaner.task.stats import RunStats
from cleaner.writers import atomic_write_text, format_document
from cleaner.writers.json_text import json_text

SOURCE = "<stdin>"
_WARNINGS_SHOWN = 10  # on stderr, as a batch shows them; the report counts them all


def refuse_what_stdin_cannot_take(*, out: str | None, include: list[str] | None, exclude: list[str] | None,
                                  follow_symlinks: bool, learn_boilerplate: bool, engine: str, address: str | None,
                                  in_place: bool, backup_suffix: str | None) -> None:
    """Exit 2 for an option that has no meaning for one stream read once, saying what to do
    instead: a user who asked for it would otherwise get a run that did not do it."""
    for given, reason in (
        (in_place, "--in-place needs files; standard input has no place to rewrite"),
        (backup_suffix is not None, "--backup-suffix goes with --in-place, which needs files; standard input "
                                    "is cleaned to standard output"),
        (out is not None, "standard input is cleaned to standard output, not into --out: redirect it "
                          "(cleaner clean - > cleaned.jsonl), or save the stream to a file and clean that file"),
        (bool(include) or bool(exclude) or follow_symlinks,
         "--include, --exclude and --follow-symlinks choose files in folders; standard input is one stream"),
        (learn_boilerplate, "--learn-boilerplate reads the input twice (a first pass counts the lines, the "
                            "second cleans); standard input is read once: save the stream to a file and clean "
                            "that file, or give counts learned by an earlier run with --boilerplate FILE"),
        (engine in ENGINES and engine != "local",
         f"standard input is cleaned on this machine, not with --engine {engine}: save the stream to a file "
         "(or a bucket) and clean that, or use --jobs N for worker processes here"),
        (engine not in ENGINES, f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}"),
        (address is not None, "--address joins a cluster; standard input is cleaned on this machine (use "
                              "--jobs N for worker processes here)"),
    ):
        if given:
            raise fail(reason)


def with_saved_boilerplate(settings: Settings, path: Path | None) -> Settings:
    """The settings with the site line counts of ``--boilerplate FILE``, as a batch reads them."""
    if path is None:
        return settings
    try:
        table = read_boilerplate_counts(path)
    except CleanerError as exc:
        raise fail(str(exc)) from None
    return replace(settings, context={**settings.context, BOILERPLATE: table}) if table else settings


class _Counted:
    """Standard input, counting the bytes read (the report's bytes in, as a file's size is)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data


def clean_stdin(settings: Settings, *, limit_mb: float, jobs: int, dry_run: bool, report_path: Path | None,
                quiet: bool) -> None:
    """Clean standard input to standard output (nothing with ``dry_run``, which prints the
    batch's dry-run summary instead); write the run's report to ``report_path``; exit 1 if a
    document failed (each is named on stderr: there is no rejects file to look in)."""
    try:
        cleaner = build_cleaner(settings)
    except CleanerError as exc:
        raise fail(str(exc)) from None
    say = _Say(quiet)
    started = time.monotonic()
    stdin = _Counted(sys.stdin.buffer)
    kind, stream, data = "", None, b""
    try:
        kind, stream = open_stdin(stdin)  # type: ignore[arg-type]
        if kind != "jsonl":
            data = stream.read(settings.max_document_bytes + 1)
    except (EOFError, OSError, ValueError) as exc:  # gzip, zstd: a stream that ends early or is corrupt
        kind = ""
        stats = _failed(f"{SOURCE}: cannot be read ({type(exc).__name__}: {exc or 'the stream ends early'}); "
                        "nothing written. Is the input complete?")
    if kind == "jsonl":
        records = read_jsonl_stream(stream, display=SOURCE, text_field=settings.text_field,
                                    html_field=settings.html_field, max_bytes=settings.max_document_bytes)
        # Where the stream breaks (a download cut short), what came before is written and the
        # break is a failed record that says so.
        stats = _clean_records(cleaner, readable(records, SOURCE), settings, jobs=jobs, dry_run=dry_run, say=say)
    elif kind:
        if len(data) > settings.max_document_bytes:
            stats = _failed(f"{SOURCE}: longer than the {limit_mb:g} MB limit per document; nothing written "
                            "(raise --max-document-mb to take it)")
        else:
            stats = _clean_document(cleaner, data, settings, dry_run=dry_run, say=say)
    stats.bytes_in = stdin.count
    report = Report()
    report.add(stats.file_done())  # the stream counts as one input file, as in a batch's report
    report.finish(time.monotonic() - started)
    summary = report.summary(rules=settings.rules, rule_set=cleaner.rule_set)
    if report_path is not None:
        try:
            atomic_write_text(report_path, json_text(summary, indent=2) + "\n")
        except OSError as exc:
            raise fail(f"--report {report_path}: cannot be written ({exc.strerror or exc})", EXIT_SOME_FAILED) \
                from None
    if dry_run:
        print_dry_run(summary)
    if report.warnings_seen > _WARNINGS_SHOWN:
        say.note(f"cleaner: {report.warnings_seen} warnings in all; the first {_WARNINGS_SHOWN} are above")
    if report.rejects:
        raise typer.Exit(EXIT_SOME_FAILED)


def _failed(reason: str) -> RunStats:
    """Standard input as one document that could not be read."""
    typer.echo(f"cleaner: error: {reason}", err=True)
    stats = RunStats()
    stats.reject(SOURCE, reason)
    return stats


class _Say:
    """Warnings on stderr, the first few (as a batch shows them), none with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.warnings = 0

    def warning(self, warning: str) -> None:
        self.warnings += 1
        if not self.quiet and self.warnings <= _WARNINGS_SHOWN:
            typer.echo(f"cleaner: warning: {warning}", err=True)

    def note(self, message: str) -> None:
        if not self.quiet:
            typer.echo(message, err=True)


def _clean_records(cleaner: Cleaner, records, settings: Settings, *, jobs: int, dry_run: bool,
                   say: _Say) -> RunStats:
    """The records cleaned in order, each written as it comes (none with ``dry_run``)."""
    total = RunStats()
    out = _binary_stdout()
    for step in clean_stream(records, settings, jobs=jobs, cleaner=cleaner):
        for reject in step.rejects:
            typer.echo(f"cleaner: {reject['source']}: {reject['reason']}", err=True)
        for warning in step.warnings:
            say.warning(warning)
        if not dry_run:
            data = "".join(step.lines).encode("utf-8")
            out.write(data)
            total.bytes_out += len(data)
        if step.stats is not None:
            total += step.stats
    out.flush()
    return total


def _binary_stdout() -> BinaryIO:
    # JSON lines are UTF-8 whatever the terminal's encoding, as in a batch's output files.
    sys.stdout.flush()
    return sys.stdout.buffer


def _clean_document(cleaner: Cleaner, data: bytes, settings: Settings, *, dry_run: bool, say: _Say) -> RunStats:
    """One text or page, whole: written unless ``dry_run``; a failure is named and counted."""
    try:
        doc = document_of_page(cleaner, data, SOURCE, settings) if _looks_like_html(data) else \
            Document(decode_bytes(data)[0], source=SOURCE)
    except InputError as exc:
        return _failed(str(exc))
    doc.context.update(settings.context)
    doc = cleaner.clean_document(doc)
    for warning in doc.warnings:
        say.warning(f"{SOURCE}: {warning}")
    stats = RunStats()
    if not dry_run:
        text = format_document(doc, settings.fmt)
        sys.stdout.write(text)
        stats.bytes_out = len(text.encode("utf-8"))
    stats.add_document(doc)
    return stats


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head
