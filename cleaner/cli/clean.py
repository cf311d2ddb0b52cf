"""``cleaner clean``: a batch run into --out or in place (:func:`cleaner.clean_dataset`), one
file cleaned to standard output, or standard input cleaned to standard output."""

from __future__ import annotations

import functools
from collections.abc import Iterable
import json
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner.cli.app import (EXIT_OUTPUT_FULL, EXIT_SOME_FAILED, DisableOption, EnableOption, RulesOption, app,
                             fail)
from cleaner.cli.progress import ProgressBar, print_dry_run, print_summary
from cleaner.cli.stdin import clean_stdin, refuse_what_stdin_cannot_take, with_saved_boilerplate
from cleaner.dataset import clean_dataset
from cleaner.document import Document
from cleaner.errors import CleanerError, InputError, OutputFull
from cleaner.extractors import EXTRACTORS
from cleaner.pipeline import Cleaner
from cleaner.readers import discover
from cleaner.readers.records import Record, archive_kind
from cleaner.runner import archive_context, site_of
from cleaner.storage import is_url
from cleaner.task.documents import document_of_file, records_of
from cleaner.task.records import clean_records
from cleaner.task.settings import Settings, build_cleaner
from cleaner.task.stats import RunStats
from cleaner.writers import FORMATS, format_document


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(help="Text or HTML files, JSONL or WARC archives, or folders of "
                                                "them; URLs (s3://, gs://, any fsspec file system) too; '-' reads "
                                                "standard input.", show_default=False, metavar="PATHS")],
    out_name: Annotated[Optional[str], typer.Option("--out", "-o", help="Output directory (or URL); the input "
                                                    "tree is mirrored under it. Needed for directories and several "
                                                    "files. A name ending in .jsonl[.gz|.zst] collects every "
                                                    "document as records of that one file.")] = None,
    rules: RulesOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", help="In folders, clean only files "
                                                         "matching this glob (repeatable): '*.html', "
                                                         "'news/**'. A glob without '/' is tried on file "
                                                         "and folder names.", metavar="GLOB")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="In folders, skip files matching "
                                                         "this glob (repeatable): 'tag', '**/amp/*'.",
                                                         metavar="GLOB")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="In folders, follow symbolic "
                                                  "links that lead outside the folder too (links inside it are "
                                                  "always followed).")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text: the cleaned text; markdown: headings and "
                                     "lists kept (HTML inputs); json: one JSON object per document with text, "
                                     "metadata and changes.")] = "text",
    extractor: Annotated[str, typer.Option(help="For HTML: auto (trafilatura, readability-lxml when it finds "
                                           "too little), trafilatura or readability.")] = "auto",
    timeout: Annotated[float, typer.Option(help="Seconds one HTML page may take to extract before it is "
                                           "reported as failed.", min=0.1)] = 60.0,
    no_article: Annotated[str, typer.Option("--no-article", help="For HTML where no extractor finds an "
                                            "article: reject (listed in the rejects file) or text (keep the "
                                            "page's visible text).")] = "reject",
    title: Annotated[bool, typer.Option("--title/--no-title", help="For HTML: start the text with the "
                                        "page's headline.")] = True,
    filter_list: Annotated[Optional[Path], typer.Option("--filter-list", help="For HTML: an EasyList-format "
                                                        "file whose generic ##.class and ###id rules remove "
                                                        "ad elements too.", metavar="FILE")] = None,
    text_field: Annotated[Optional[str], typer.Option(help="For JSONL: the field holding text "
                                                      "(default: 'text' or 'html', whichever a record has).")] = None,
    html_field: Annotated[Optional[str], typer.Option(help="For JSONL: the field holding HTML.")] = None,
    output_field: Annotated[Optional[str], typer.Option(help="For JSONL and WARC: the field the cleaned text "
                                                        "goes to (default: the field it was read from, text "
                                                        "for a page); the original is kept.",
                                                        metavar="FIELD")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="For JSONL/WARC: add what each rule removed "
                                          "to each output record.")] = False,
    engine_name: Annotated[str, typer.Option("--engine", help="Where the work runs: local (this machine, "
                                             "--jobs processes) or ray (a Ray cluster at --address, or a Ray "
                                             "instance started here with --jobs CPUs; pip install "
                                             "'cleaner[ray]').", metavar="NAME")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="With --engine ray: the cluster to join "
                                                   "(auto: the one this node belongs to; ray://HOST:10001 "
                                                   "through Ray Client).", metavar="ADDRESS")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores; "
                                                "for standard input, 1). Outputs are the same whatever the "
                                                "number.", min=1)] = None,
    report_path: Annotated[Optional[Path], typer.Option("--report", help="Also write the run's report "
                                                        "(JSON) here; it is always in OUT/.cleaner/report.json.",
                                                        metavar="FILE")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Clean everything, write nothing: print the "
                                          "changes per rule and a sample of them.")] = False,
    learn_boilerplate: Annotated[bool, typer.Option("--learn-boilerplate", help="A first pass counts the "
                                                    "lines each site repeats; the second drops those found in "
                                                    "over 30% of a site's documents. Counts are saved in "
                                                    "OUT/.cleaner/boilerplate.json.")] = False,
    boilerplate: Annotated[Optional[Path], typer.Option("--boilerplate", help="Use counts saved by an earlier "
                                                        "--learn-boilerplate run instead of a first pass.",
                                                        metavar="FILE")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite text and JSONL inputs where they are "
                                           "(needs --backup-suffix; run state goes in DIR/.cleaner).")] = False,
    backup_suffix: Annotated[Optional[str], typer.Option("--backup-suffix", help="With --in-place: each original "
                                                         "is kept beside its file as NAME+SUFFIX (an existing "
                                                         "backup is never overwritten).", metavar="SUFFIX")] = None,
    max_document_mb: Annotated[float, typer.Option("--max-document-mb", help="A document larger than this "
                                                   "(a file, a JSONL line, a WARC body, after decompression) is "
                                                   "rejected unread.", min=0.001)] = 1024.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Clean text or HTML files and write the results.

    Examples:

      cleaner clean article.txt                      # cleaned text to stdout

      cleaner clean page.html --format markdown      # the page's article as Markdown

      cleaner clean scraped/ --out cleaned/          # mirror a folder: a/b.html -> cleaned/a/b.txt

      cleaner clean scraped/ -o cleaned/ -r default -r my-site.toml --disable ads.furniture

      cleaner clean mirror/ -o cleaned/ --include '*.html' --exclude 'tag' --exclude '**/amp/*'

      cat page.txt | cleaner clean - --format json

      cleaner clean crawl/ -o cleaned/ --engine ray --address auto   # on a Ray cluster

      cleaner clean s3://crawls/2026-11/ -o s3://cleaned/2026-11/ --engine ray
    """
    if fmt not in FORMATS:
        raise fail(f"--format must be one of: {', '.join(FORMATS)} (got {fmt!r})")
    if no_article not in ("reject", "text"):
        raise fail(f"--no-article must be reject or text (got {no_article!r})")
    if extractor not in EXTRACTORS:
        raise fail(f"--extractor must be one of: {', '.join(EXTRACTORS)} (got {extractor!r})")
    options = dict(filter_list=str(filter_list) if filter_list else None, fmt=fmt, extractor=extractor, title=title,
                   timeout=timeout, with_changes=changes, text_field=text_field, html_field=html_field,
                   output_field=output_field,
                   max_document_bytes=int(max_document_mb * (1 << 20)), no_article=no_article)
    rule_sets = dict(rules=tuple(rules or ["default"]), enable=tuple(enable or ()), disable=tuple(disable or ()))
    if "-" in paths and paths != ["-"]:
        raise fail("'-' reads standard input, which is cleaned alone to standard output: give '-' alone, or "
                   "save the stream to a file and pass that (a file named '-' is ./-)")
    if paths == ["-"]:
        refuse_what_stdin_cannot_take(out=out_name, include=include, exclude=exclude,
                                      follow_symlinks=follow_symlinks, learn_boilerplate=learn_boilerplate,
                                      engine=engine_name, address=address, in_place=in_place,
                                      backup_suffix=backup_suffix)
        # One process unless asked: a pipe is often short, and workers cost a start-up each.
        clean_stdin(with_saved_boilerplate(Settings(**rule_sets, **options), boilerplate), limit_mb=max_document_mb,
                    jobs=jobs or 1, dry_run=dry_run, report_path=report_path, quiet=quiet)
        return
    if out_name is None and not in_place and not dry_run and len(paths) == 1 and not is_url(paths[0]) \
            and not Path(paths[0]).is_dir():
        _refuse_what_one_file_to_stdout_cannot_take(report_path=report_path, jobs=jobs,
                                                    learn_boilerplate=learn_boilerplate, engine=engine_name,
                                                    address=address)
        _clean_file_to_stdout(Path(paths[0]), with_saved_boilerplate(Settings(**rule_sets, **options), boilerplate),
                              include or (), exclude or ())
        return
    say = _silent if quiet else functools.partial(typer.echo, err=True)
    # SIGTERM (kill, a service manager, a scheduler's time limit) stops the run as Ctrl-C does:
    # the manifest saved, how to resume said. Workers forked meanwhile take the default back.
    previous = signal.signal(signal.SIGTERM, functools.partial(_stop_on_sigterm, os.getpid()))
    try:
        summary = clean_dataset(paths, out_name, rule_sets["rules"], enable=rule_sets["enable"],
                                disable=rule_sets["disable"], engine=engine_name, jobs=jobs, address=address,
                                include=include or (), exclude=exclude or (), follow_symlinks=follow_symlinks,
                                learn_boilerplate=learn_boilerplate, boilerplate=boilerplate, report=report_path,
                                in_place=in_place, backup_suffix=backup_suffix, dry_run=dry_run, say=say,
                                progress=None if quiet or not sys.stderr.isatty() else ProgressBar(), **options)
    except KeyboardInterrupt as exc:
        how = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        typer.echo(f"cleaner: {how}; the files finished so far are recorded. Run the same command "
                   "again to do the rest.", err=True)
        raise typer.Exit(143 if isinstance(exc, _Terminated) else 130) from None
    except OutputFull as exc:
        typer.echo(f"cleaner: error: {exc}. The run stopped; the files finished so far are recorded and no "
                   "output was left half-written. Free some space and run the same command again to do the "
                   "rest.", err=True)
        raise typer.Exit(EXIT_OUTPUT_FULL) from None
    except CleanerError as exc:  # a bad option, input or output, a cluster out of reach, a run in progress
        raise fail(str(exc)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if dry_run:
        print_dry_run(summary)
    elif not quiet:
        remote = out_name if out_name is not None and is_url(out_name) else None
        print_summary(summary, remote or (Path(out_name).resolve() if out_name is not None
                                          else Path(summary["state"]).parent), copied_to=remote)
    if summary["documents"]["failed"]:
        raise typer.Exit(EXIT_SOME_FAILED)


def _silent(_message: str) -> None:
    pass


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds as Ctrl-C does."""


def _stop_on_sigterm(main_pid: int, _signum: int, _frame: object) -> None:
    if os.getpid() == main_pid:
        raise _Terminated()
    os._exit(128 + signal.SIGTERM)  # a worker forked with this handler leaves quietly


def _refuse_what_one_file_to_stdout_cannot_take(*, report_path: Path | None, jobs: int | None,
                                                learn_boilerplate: bool, engine: str, address: str | None) -> None:
    """One file without --out goes to standard output, cleaned here: an option that only a
    batch run has is refused, saying how to get it, never silently dropped."""
    for given, option in ((report_path is not None, "--report"), (jobs is not None and jobs > 1, "--jobs"),
                          (learn_boilerplate, "--learn-boilerplate"), (engine != "local", "--engine"),
                          (address is not None, "--address")):
        if given:
            raise fail(f"{option} is for a batch run: one file without --out is cleaned to standard output in "
                       f"this process. Give --out DIR (or --out all.jsonl) to run it as a batch with {option}")


def _clean_file_to_stdout(path: Path, settings: Settings, include, exclude) -> None:
    """One file and no --out: a document to stdout, or an archive's records as JSONL."""
    cleaner = _cleaner_of(settings)
    try:
        inputs = list(discover([path], include=include, exclude=exclude))
    except CleanerError as exc:
        raise fail(str(exc)) from None
    if not inputs:
        globs = " (after --include/--exclude)" if include or exclude else ""
        raise fail(f"no text, HTML, JSONL or WARC files found under {path}{globs}")
    path = inputs[0].path
    # The site a document without a URL belongs to, as a batch names it (for --boilerplate).
    settings = replace(settings, context={**settings.context, **archive_context(cleaner, inputs, settings),
                                          "site": site_of(inputs[0])})
    if archive_kind(path):
        _clean_records_to_stdout(cleaner, records_of(path, settings, {}), settings)
        return
    try:
        doc = document_of_file(cleaner, path, settings)
    except InputError as exc:
        raise fail(str(exc), EXIT_SOME_FAILED) from None
    _write_document(cleaner, doc, settings)


def _cleaner_of(settings: Settings) -> Cleaner:
    try:
        return build_cleaner(settings)
    except CleanerError as exc:
        raise fail(str(exc)) from None


def _write_document(cleaner: Cleaner, doc: Document, settings: Settings) -> None:
    doc.context.update(settings.context)
    doc = cleaner.clean_document(doc)
    for warning in doc.warnings:
        typer.echo(f"cleaner: warning: {doc.source or '<text>'}: {warning}", err=True)
    sys.stdout.write(format_document(doc, settings.fmt))


def _clean_records_to_stdout(cleaner: Cleaner, records: Iterable[Record], settings: Settings) -> None:
    """An archive's or a JSONL stream's records, cleaned, as JSONL on standard output; each
    failed record named on stderr."""
    stats = RunStats()
    for item in clean_records(cleaner, records, settings, stats):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    for reject in stats.rejects:
        typer.echo(f"cleaner: {reject['source']}: {reject['reason']}", err=True)
    if stats.rejects:
        raise typer.Exit(EXIT_SOME_FAILED)
