"""The ``cleaner`` command: files in, the library's pipeline, files out.

Everything that changes text happens in :class:`cleaner.Cleaner`; this module only finds
inputs, writes outputs, and reports.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import __version__
from cleaner.batch import Outcome, clean_records
from cleaner.document import Document
from cleaner.engine import (CLUSTER_ENGINES, Engine, Settings, Task, build_cleaner, get_boilerplate_learner,
                            get_engine, load_document)
from cleaner.engine.address import check_reachable
from cleaner.engine.local import extract_document, record_options, records_of
from cleaner.errors import CleanerError, InputError, OutputFull, RuleSetError
from cleaner.extractors import EXTRACTORS
from cleaner.in_place import backup_suffix_problem
from cleaner.pipeline import Cleaner
from cleaner.planning import OutputClash, own_files, refuse_out_among_inputs
from cleaner.runner import archive_context, plan_run, run_plan, with_boilerplate
from cleaner.storage import is_url
from cleaner.readers import discover
from cleaner.readers.files import HTML_SUFFIXES
from cleaner.readers.records import archive_kind, read_jsonl_stream
from cleaner.readers.stdin import open_stdin
from cleaner.readers.text import decode_bytes
from cleaner.report import Report
from cleaner.report_html import render_html
from cleaner.ruleset import bundled_rule_sets, load_rule_set
from cleaner.writers import FORMATS, atomic_write_text, format_document

app = typer.Typer(
    name="cleaner",
    help="Clean scraped articles: strip ads and boilerplate, fix stray semicolons, resolve shortcodes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show and check rule sets.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_OUTPUT_FULL = 0, 1, 2, 3

RulesOption = Annotated[
    Optional[list[str]],
    typer.Option("--rules", "-r", help="A bundled rule-set name or a path to a .toml file. Repeatable; "
                 "later sets override earlier ones by rule id. Default: 'default'.", metavar="NAME|FILE"),
]
EnableOption = Annotated[Optional[list[str]], typer.Option("--enable", help="Switch on a rule by id (repeatable).",
                                                           metavar="ID")]
DisableOption = Annotated[Optional[list[str]], typer.Option("--disable", help="Switch off a rule by id (repeatable).",
                                                            metavar="ID")]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Clean scraped articles: strip ads and boilerplate, fix stray semicolons, resolve shortcodes."""


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
    changes: Annotated[bool, typer.Option("--changes", help="For JSONL/WARC: add what each rule removed "
                                          "to each output record.")] = False,
    engine_name: Annotated[str, typer.Option("--engine", help="Where the work runs: local (this machine, "
                                             "--jobs processes) or ray (a Ray cluster at --address, or a Ray "
                                             "instance started here with --jobs CPUs; pip install "
                                             "'cleaner[ray]').", metavar="NAME")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="With --engine ray: the cluster to join "
                                                   "(auto: the one this node belongs to; ray://HOST:10001 "
                                                   "through Ray Client).", metavar="ADDRESS")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores). "
                                                "Outputs are the same whatever the number.", min=1)] = None,
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
        raise _fail(f"--format must be one of: {', '.join(FORMATS)} (got {fmt!r})")
    if no_article not in ("reject", "text"):
        raise _fail(f"--no-article must be reject or text (got {no_article!r})")
    if extractor not in EXTRACTORS:
        raise _fail(f"--extractor must be one of: {', '.join(EXTRACTORS)} (got {extractor!r})")
    settings = Settings(rules=tuple(rules or ["default"]), enable=tuple(enable or ()), disable=tuple(disable or ()),
                        filter_list=str(filter_list) if filter_list else None, fmt=fmt, extractor=extractor,
                        title=title, timeout=timeout, with_changes=changes, text_field=text_field,
                        html_field=html_field, dry_run=dry_run, backup_suffix=backup_suffix if in_place else None,
                        max_document_bytes=int(max_document_mb * (1 << 20)), no_article=no_article)
    names = paths  # as given: local paths and URLs
    urls = [name for name in names if is_url(name)]
    paths = [Path(name) for name in names if not is_url(name)]
    remote_out = out_name if is_url(out_name) else None
    out = Path(out_name) if out_name is not None and remote_out is None else None
    if (urls or remote_out) and (in_place or names == ["-"]):
        raise _fail("URLs cannot be cleaned in place or mixed with standard input; give --out DIR or URL")
    if urls and out_name is None:
        raise _fail("remote inputs need --out (a folder, a URL, or a .jsonl[.gz|.zst] file)")
    if in_place:
        _check_in_place(paths, out, fmt, backup_suffix)
    if address is not None and engine_name not in CLUSTER_ENGINES:
        raise _fail(f"--address is for a cluster engine (--engine {' or '.join(sorted(CLUSTER_ENGINES))}); "
                    f"the {engine_name} engine runs on this machine")
    try:
        cleaner = build_cleaner(settings)
        engine = get_engine(engine_name)
    except (RuleSetError, CleanerError) as exc:
        raise _fail(str(exc)) from None
    if address is not None:
        try:
            check_reachable(address)  # before anything is planned or written
        except CleanerError as exc:
            raise _fail(str(exc)) from None
        engine = functools.partial(engine, address=address)

    if paths == [Path("-")]:
        kind, stream = open_stdin(sys.stdin.buffer)
        if kind == "jsonl":
            _clean_records_to_stdout(cleaner, read_jsonl_stream(stream, display="<stdin>", text_field=text_field,
                                                                html_field=html_field,
                                                                max_bytes=settings.max_document_bytes), settings)
            return
        data = stream.read(settings.max_document_bytes + 1)
        if len(data) > settings.max_document_bytes:
            raise _fail(f"<stdin>: longer than the {max_document_mb:g} MB limit per document; nothing written "
                        "(raise --max-document-mb to take it)", EXIT_SOME_FAILED)
        try:
            if _looks_like_html(data):
                doc = extract_document(cleaner, data, "<stdin>", settings)
            else:
                doc = Document(decode_bytes(data)[0], source="<stdin>")
        except InputError as exc:
            raise _fail(str(exc), EXIT_SOME_FAILED) from None
        doc = cleaner.clean_document(doc)
        _report_warnings(doc)
        sys.stdout.write(format_document(doc, fmt))
        return

    try:
        if out is not None:
            refuse_out_among_inputs(paths, out)
    except OutputClash as exc:
        raise _fail(str(exc)) from None
    # The run's own outputs and state are never inputs, even under a folder being cleaned.
    own = own_files(out) if out is not None else frozenset()
    if dry_run and not in_place and remote_out is None:
        out = out or Path(".")  # only to name targets; nothing is written
    if out is None and remote_out is None and not in_place and (len(paths) > 1 or any(p.is_dir() for p in paths)):
        raise _fail("a directory or several files need --out DIR (where the cleaned files go); "
                    "for one file without --out, the result goes to standard output")
    one_file = out is not None and archive_kind(out) == "jsonl"  # every document a record of one file
    if out is not None and not one_file and out.exists() and not out.is_dir():
        raise _fail(f"--out {out} exists and is not a directory (a file ending in .jsonl, .jsonl.gz or "
                    ".jsonl.zst collects every document as records of one file)")

    try:
        unreadable: list[dict[str, str]] = []
        inputs = list(discover(paths, include=include or (), exclude=exclude or (), follow_symlinks=follow_symlinks,
                               skip=own, unreadable=unreadable))
        if urls:
            from cleaner.storage import discover_urls

            inputs += list(discover_urls(urls, include=include or (), exclude=exclude or ()))
    except (InputError, CleanerError) as exc:
        raise _fail(str(exc)) from None
    if not inputs:
        globs = " (after --include/--exclude)" if include or exclude else ""
        raise _fail(f"no text, HTML, JSONL or WARC files found under {', '.join(names)}{globs}")
    if in_place:
        out = _in_place_state_root(paths, inputs)

    if out is None and remote_out is None:
        context = archive_context(cleaner, inputs, settings)
        _clean_one_to_stdout(cleaner, inputs[0].path, replace(settings, context={**settings.context, **context}))
        return

    say = _silent if quiet else functools.partial(typer.echo, err=True)
    try:
        plan = plan_run(cleaner, inputs, remote_out or out, settings, in_place=in_place)
    except CleanerError as exc:  # two inputs with one output, or an output that is an input
        raise _fail(str(exc)) from None
    plan.unreadable = unreadable
    for note in plan.notes:
        say(f"cleaner: {note}")
    for reject in unreadable:
        say(f"cleaner: {reject['reason']}")
    workers = jobs or (os.cpu_count() or 1)
    learner = get_boilerplate_learner(engine_name)
    if engine_name in CLUSTER_ENGINES:
        learner = functools.partial(learner, jobs=workers, address=address)
    try:
        plan = with_boilerplate(plan, cleaner, learn=learn_boilerplate, saved=boilerplate, learner=learner, say=say)
    except CleanerError as exc:
        raise _fail(str(exc)) from None
    if dry_run:
        _dry_run(engine, plan.tasks, plan.settings, workers, quiet)
        return
    # SIGTERM (kill, a service manager, a scheduler's time limit) stops the run as Ctrl-C does:
    # the manifest saved, how to resume said. Workers forked meanwhile take the default back.
    previous = signal.signal(signal.SIGTERM, functools.partial(_stop_on_sigterm, os.getpid()))
    try:
        report = run_plan(plan, cleaner, lambda todo, s: _progress(engine, todo, s, workers, quiet),
                          report_path=report_path, say=say, warnings_shown=_WARNINGS_SHOWN)
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
    except CleanerError as exc:  # the engine could not start (a Ray cluster out of reach)
        raise _fail(str(exc)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not quiet:
        _print_summary(report.summary(rules=plan.settings.rules), remote_out or out.resolve(),
                       plan.state.resolve() if remote_out is None else f"{plan.state} (copied to {remote_out})")
    if report.rejects:
        raise typer.Exit(EXIT_SOME_FAILED)


def _silent(_message: str) -> None:
    pass


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds as Ctrl-C does."""


def _stop_on_sigterm(main_pid: int, _signum: int, _frame: object) -> None:
    if os.getpid() == main_pid:
        raise _Terminated()
    os._exit(128 + signal.SIGTERM)  # a worker forked with this handler leaves quietly


_WARNINGS_SHOWN = 10  # on stderr; all of them (up to the report's bound) go to warnings.jsonl


def _check_in_place(paths: list[Path], out: Path | None, fmt: str, suffix: str | None) -> None:
    if out is not None:
        raise _fail("--in-place and --out exclude each other: either rewrite the inputs or write elsewhere")
    if paths == [Path("-")]:
        raise _fail("--in-place needs files; standard input has no place to rewrite")
    if fmt == "json":
        raise _fail("--in-place keeps each file's kind: use --format text or markdown, or --out for json")
    if not suffix:
        raise _fail("--in-place rewrites your inputs: give --backup-suffix SUFFIX (for example .orig) so each "
                    "original is kept beside it as NAME.orig")
    problem = backup_suffix_problem(suffix)
    if problem:
        raise _fail(f"--backup-suffix {suffix!r} must be a plain ending that is not read as an input "
                    f"(such as .orig or .bak): {problem}")


def _in_place_state_root(paths: list[Path], inputs: list) -> Path:
    """Only text and JSONL files are rewritten in place (an HTML page rewritten as text, or
    a WARC as JSONL, would change what the file is); the run's state goes in the folder."""
    others = [item.path for item in inputs
              if item.path.suffix.lower() in HTML_SUFFIXES or archive_kind(item.path) == "warc"]
    if others:
        raise _fail(f"--in-place rewrites text and JSONL files only; {len(others)} HTML or WARC input(s) found "
                    f"(such as {others[0]}): clean them with --out DIR, or leave them out with --exclude")
    return paths[0] if paths[0].is_dir() else paths[0].parent


def _dry_run(engine: Engine, tasks: list[Task], settings: Settings, jobs: int, quiet: bool) -> None:
    """Every file cleaned, nothing written: the changes per rule, and a few of them."""
    report = Report()
    samples: list[dict[str, str]] = []
    started = time.monotonic()
    for result in _progress(engine, tasks, settings, jobs, quiet):
        report.add(result)
        samples.extend(result.samples)
    report.finish(time.monotonic() - started)
    summary = report.summary(rules=settings.rules)
    docs = summary["documents"]
    typer.echo(f"dry run: {docs['in']} documents in {summary['files']} files; {docs['changed']} would change, "
               f"{docs['failed']} would fail; nothing written")
    typer.echo(f"\n{'rule':<32} {'documents':>9} {'changes':>8} {'lines removed':>13} {'chars removed':>13}")
    for rule_id, hits in summary["rules_hit"].items():
        typer.echo(f"{rule_id:<32} {hits['documents']:>9} {hits['changes']:>8} {hits['lines_removed']:>13} "
                   f"{hits['characters_removed']:>13}")
    if samples:
        typer.echo("\nsample changes:")
        for sample in samples[:12]:
            before = sample["before"].replace("\n", "⏎")
            after = sample["after"].replace("\n", "⏎")
            typer.echo(f"  {sample['rule']} in {sample['source']}: [-{before[:80]}-]{{+{after[:80]}+}}")
    if report.rejects:
        raise typer.Exit(EXIT_SOME_FAILED)


def _clean_one_to_stdout(cleaner: Cleaner, path: Path, settings: Settings) -> None:
    """One file and no --out: a document to stdout, or an archive's records as JSONL."""
    if archive_kind(path):
        _clean_records_to_stdout(cleaner, records_of(path, settings, {}), settings)
        return
    try:
        doc = load_document(cleaner, path, settings)
    except InputError as exc:
        raise _fail(str(exc), EXIT_SOME_FAILED) from None
    doc.context.update(settings.context)
    doc = cleaner.clean_document(doc)
    _report_warnings(doc)
    sys.stdout.write(format_document(doc, settings.fmt))


def _clean_records_to_stdout(cleaner: Cleaner, records, settings: Settings) -> None:
    """An archive's or a JSONL stream's records, cleaned, as JSONL on standard output; each
    failed record named on stderr."""
    outcome = Outcome()
    for item in clean_records(cleaner, records, record_options(settings), outcome):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    for reject in outcome.rejects:
        typer.echo(f"cleaner: {reject['source']}: {reject['reason']}", err=True)
    if outcome.rejects:
        raise typer.Exit(EXIT_SOME_FAILED)


def _print_summary(summary: dict, out: Path | str, state: Path | str) -> None:
    docs = summary["documents"]
    resumed = summary["resumed"]
    earlier = f", {resumed['files']} of the files by an earlier run" if resumed["files"] else ""
    typer.echo(f"cleaned {docs['written']} documents from {summary['files']} files into {out}{earlier} "
               f"in {summary['wall_seconds']:.1f} s ({summary['documents_per_second']:.0f} docs/s); "
               f"{docs['changed']} changed, {docs['failed']} failed"
               + (f" (see {state / 'rejects.jsonl'})" if docs["failed"] else ""), err=True)
    _report_unknown_tags(summary["unknown_shortcodes"])


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _report_unknown_tags(unknown_tags: dict[str, dict]) -> None:
    if not unknown_tags:
        return
    typer.echo("unknown shortcode tags (resolved by the defaults; add them to a rule set to choose):", err=True)
    for tag, entry in sorted(unknown_tags.items(), key=lambda kv: -kv[1]["count"])[:20]:
        typer.echo(f"  {tag:<24} {entry['count']:>6}  e.g. {entry['example'][:60]}  ({entry['file']})", err=True)


def _progress(engine: Engine, tasks: list[Task], settings: Settings, jobs: int, quiet: bool):
    """The engine's results as they come, with a progress bar on a terminal (files, documents
    so far, counted shard by shard inside archives, MB read, documents per second, time
    left); nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield from engine(tasks, settings, jobs, on_documents=None)
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total} files"),
               TextColumn("{task.fields[docs]} docs, {task.fields[mb]:.1f} MB, {task.fields[rate]:.0f} docs/s"
                          "{task.fields[shards]}"),
               TimeRemainingColumn())
    started = time.monotonic()
    done, size, inside = 0, 0, 0  # inside: documents of the archive in hand, shard by shard

    with Progress(*columns, transient=True) as progress:
        bar = progress.add_task("cleaning", total=len(tasks), docs=0, mb=0.0, rate=0.0, shards="")

        def show() -> None:
            docs = done + inside
            progress.update(bar, docs=docs, mb=size / 1e6, rate=docs / max(1e-6, time.monotonic() - started))

        def on_documents(count: int) -> None:
            nonlocal inside
            inside += count
            show()

        def on_shards(finished: int, total: int) -> None:
            progress.update(bar, shards=f", shards {finished}/{total}")

        # An engine of the user's own may not tell of shards.
        shards = {"on_shards": on_shards} if "on_shards" in inspect.signature(engine).parameters else {}
        for result in engine(tasks, settings, jobs, on_documents=on_documents, **shards):
            done += result.documents
            size += result.bytes_in
            inside = 0
            progress.advance(bar)
            show()
            yield result


def _report_warnings(doc: Document) -> None:
    for warning in doc.warnings:
        typer.echo(f"cleaner: warning: {doc.source or '<text>'}: {warning}", err=True)


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="A text or HTML file ('-' for standard input text).")],
    rules: RulesOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    context: Annotated[int, typer.Option(help="Characters of context shown around each change.")] = 40,
) -> None:
    """Show every change the rules make to one file, rule by rule, as a readable diff.

    Example:

      cleaner explain scraped/article.txt --rules default
    """
    settings = Settings(rules=tuple(rules or ["default"]), enable=tuple(enable or ()), disable=tuple(disable or ()))
    try:
        cleaner = build_cleaner(settings)
    except RuleSetError as exc:
        raise _fail(str(exc)) from None
    try:
        if str(path) == "-":
            text, _ = decode_bytes(sys.stdin.buffer.read())
            doc = Document(text, source="<stdin>")
        else:
            doc = load_document(cleaner, path, settings)
    except InputError as exc:
        raise _fail(str(exc), EXIT_SOME_FAILED) from None

    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    stages: list[tuple[str, str, list]] = []
    for rule in cleaner.rules:
        before = doc.text
        count = len(doc.changes)
        cleaner.clean_document_with([rule], doc)
        if len(doc.changes) > count:
            stages.append((rule.id, before, doc.changes[count:]))
    if not stages:
        console.print(f"{doc.source}: no changes")
        return
    total = sum(len(c) for _, _, c in stages)
    console.print(Text(f"{doc.source}: {total} change(s) by {len(stages)} rule(s)", style="bold"))
    for rule_id, before, changes in stages:
        console.print()
        console.print(Text(f"{rule_id} ({len(changes)})", style="bold cyan"))
        for change in changes:
            line_no = before.count("\n", 0, change.start) + 1
            left = before[max(0, change.start - context):change.start].rsplit("\n", 1)[-1]
            right = before[change.end:change.end + context].split("\n", 1)[0]
            # Colour on a terminal; wdiff-style [-removed-]{+added+} markers when piped.
            plain = not console.is_terminal
            line = Text(f"  line {line_no}: ")
            line.append(left, style="dim")
            if change.before:
                shown = _visible(change.before)
                line.append(f"[-{shown}-]" if plain else shown, style="red strike")
            if change.after:
                shown = _visible(change.after)
                line.append(f"{{+{shown}+}}" if plain else shown, style="green")
            line.append(right, style="dim")
            if change.note:
                line.append(f"  ({change.note})", style="italic")
            console.print(line)
    for warning in doc.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def _visible(fragment: str) -> str:
    """Make whitespace-only or invisible changes readable."""
    replacements = {"\n": "⏎", "\u00a0": "⍽", "\u200b": "<ZWSP>", "\u00ad": "<SHY>", "\u2060": "<WJ>",
                    "\ufeff": "<BOM>"}
    if fragment.strip() and fragment.isprintable():
        return fragment.replace("\n", "⏎")
    return "".join(replacements.get(ch, ch) for ch in fragment)


@app.command("report")
def report_command(
    report_file: Annotated[Path, typer.Argument(help="A report.json written by 'cleaner clean'.")],
    html_out: Annotated[Path, typer.Option("--html", help="Where to write the page.", metavar="FILE")],
) -> None:
    """Turn a run's report.json into one self-contained HTML page (charts inline, nothing fetched).

    Example:

      cleaner report cleaned/.cleaner/report.json --html report.html
    """
    try:
        summary = json.loads(report_file.read_text(encoding="utf-8"))
        if not isinstance(summary, dict) or "documents" not in summary:
            raise ValueError("no 'documents' section")
    except (OSError, ValueError) as exc:
        raise _fail(f"{report_file}: not a cleaner report ({exc}); pass OUT/.cleaner/report.json") from None
    atomic_write_text(html_out, render_html(summary))
    typer.echo(f"wrote {html_out}", err=True)


@rules_app.command("list")
def rules_list() -> None:
    """List the bundled rule sets and the rule kinds available to TOML files."""
    from cleaner.kinds import KINDS

    typer.echo("Bundled rule sets:")
    for name in bundled_rule_sets():
        try:
            description = load_rule_set(name).description.split(" / ")[-1]
        except RuleSetError as exc:
            description = f"(broken: {exc})"
        typer.echo(f"  {name:<14} {description}")
    typer.echo("\nRule kinds (the 'kind' of a [[rules]] table):")
    for kind, cls in sorted(KINDS.items()):
        typer.echo(f"  {kind:<18} {cls.summary}")


@rules_app.command("show")
def rules_show(
    name: Annotated[str, typer.Argument(help="A bundled set name or a .toml path.")],
) -> None:
    """Print a rule set as resolved (after 'extends' and overrides), as TOML.

    Examples:

      cleaner rules show default

      cleaner rules show my-site.toml
    """
    try:
        rule_set = load_rule_set(name)
        Cleaner(rule_set)
    except RuleSetError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"# resolved from: {', '.join(rule_set.sources)}")
    typer.echo(rule_set.to_toml(), nl=False)


@rules_app.command("kind")
def rules_kind(name: Annotated[str, typer.Argument(help="A rule kind, as listed by 'cleaner rules list'.")]) -> None:
    """Describe a rule kind: what it does and the parameters a [[rules]] table may set."""
    from cleaner.kinds import KINDS

    cls = KINDS.get(name)
    if cls is None:
        raise _fail(f"unknown kind {name!r}; known kinds: {', '.join(sorted(KINDS))}")
    typer.echo(f"{name}: {cls.summary}\n\nparameters:")
    for param_name, spec in cls.params.items():
        default = "required" if spec.required else f"default {spec.default!r}"
        typer.echo(f"  {param_name} ({spec.describe()}, {default})")
        if spec.help:
            typer.echo(f"      {spec.help}")


@rules_app.command("check")
def rules_check(files: Annotated[list[Path], typer.Argument(help="Rule-set .toml files to validate.")]) -> None:
    """Validate rule-set files: TOML syntax, kinds, parameters, patterns. Exit 2 on the first error.

    Example:

      cleaner rules check my-site.toml
    """
    for file in files:
        try:
            rule_set = load_rule_set([file])
            cleaner = Cleaner(rule_set)
        except RuleSetError as exc:
            raise _fail(str(exc)) from None
        typer.echo(f"{file}: ok ({len(rule_set.rules)} rules, {len(cleaner.rules)} enabled)")


def main() -> None:
    try:
        app()
    except CleanerError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"cleaner: error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from None


if __name__ == "__main__":
    main()
