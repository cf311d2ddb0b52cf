"""The ``cleaner`` command: files in, the library's pipeline, files out.

Everything that changes text happens in :class:`cleaner.Cleaner`; this module only finds
inputs, writes outputs, and reports.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import __version__
from cleaner.document import Document
from cleaner.archive import index_titles
from cleaner.batch import Options, Outcome, clean_records, write_jsonl
from cleaner.readers.records import archive_kind, read_jsonl, read_warc
from cleaner.extractors import EXTRACTORS
from cleaner.html import extract_page
from cleaner.readers.files import HTML_SUFFIXES
from cleaner.timeouts import ExtractionTimeout, time_limit
from cleaner.errors import CleanerError, InputError, RuleSetError
from cleaner.kinds.shortcodes import ARCHIVE_TITLES, UNKNOWN_STAT
from cleaner.pipeline import Cleaner
from cleaner.readers import discover, read_text
from cleaner.readers.text import decode_bytes
from cleaner.ruleset import bundled_rule_sets, load_rule_set
from cleaner.writers import FORMATS, atomic_write_text, format_document, output_suffix

app = typer.Typer(
    name="cleaner",
    help="Clean scraped articles: strip ads and boilerplate, fix stray semicolons, resolve shortcodes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show and check rule sets.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
STATE_DIR = ".cleaner"  # under --out: the run's own files (rejects), never an output of a document

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


def _build_cleaner(rules: list[str] | None, enable: list[str] | None, disable: list[str] | None,
                   filter_list: Path | None = None) -> Cleaner:
    try:
        rule_set = load_rule_set(list(rules or ["default"]))
        for rule_id in enable or ():
            rule_set.set_enabled(rule_id, True)
        for rule_id in disable or ():
            rule_set.set_enabled(rule_id, False)
        if filter_list is not None:
            # The generic hiding rules of the user's EasyList-format file join every page ad rule.
            for spec in rule_set.rules:
                if spec.kind == "html_ads":
                    spec.params["filter_list"] = str(filter_list)
        return Cleaner(rule_set)
    except RuleSetError as exc:
        raise _fail(str(exc)) from None


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
    paths: Annotated[list[Path], typer.Argument(help="Text or HTML files, or directories of them; '-' reads "
                                                 "standard input.", show_default=False)],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output directory; the input tree is "
                                                "mirrored under it. Needed for directories and several files.")] = None,
    rules: RulesOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text: the cleaned text; markdown: headings and "
                                     "lists kept (HTML inputs); json: one JSON object per document with text, "
                                     "metadata and changes.")] = "text",
    extractor: Annotated[str, typer.Option(help="For HTML: auto (trafilatura, readability-lxml when it finds "
                                           "too little), trafilatura or readability.")] = "auto",
    timeout: Annotated[float, typer.Option(help="Seconds one HTML page may take to extract before it is "
                                           "reported as failed.", min=0.1)] = 60.0,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Clean text or HTML files and write the results.

    Examples:

      cleaner clean article.txt                      # cleaned text to stdout

      cleaner clean page.html --format markdown      # the page's article as Markdown

      cleaner clean scraped/ --out cleaned/          # mirror a folder: a/b.html -> cleaned/a/b.txt

      cleaner clean scraped/ -o cleaned/ -r default -r my-site.toml --disable ads.furniture

      cat page.txt | cleaner clean - --format json
    """
    if fmt not in FORMATS:
        raise _fail(f"--format must be one of: {', '.join(FORMATS)} (got {fmt!r})")
    if extractor not in EXTRACTORS:
        raise _fail(f"--extractor must be one of: {', '.join(EXTRACTORS)} (got {extractor!r})")
    cleaner = _build_cleaner(rules, enable, disable, filter_list)
    # Author, date and site name are written only in JSON; text outputs skip reading them.
    load = partial(_load, cleaner, extractor=extractor, output="markdown" if fmt == "markdown" else "text",
                   timeout=timeout, title=title, metadata=fmt == "json")

    if paths == [Path("-")]:
        data = sys.stdin.buffer.read()
        if _looks_like_html(data):
            try:
                doc = cleaner.clean_document(_extract(cleaner, data, "<stdin>", extractor=extractor,
                                                      output="markdown" if fmt == "markdown" else "text",
                                                      timeout=timeout, title=title, metadata=fmt == "json"))
            except InputError as exc:
                raise _fail(str(exc), EXIT_SOME_FAILED) from None
        else:
            text, _ = decode_bytes(data)
            doc = cleaner.clean_document(Document(text, source="<stdin>"))
        _report_warnings(doc)
        sys.stdout.write(format_document(doc, fmt))
        return

    if out is None and (len(paths) > 1 or any(p.is_dir() for p in paths)):
        raise _fail("a directory or several files need --out DIR (where the cleaned files go); "
                    "for one file without --out, the result goes to standard output")
    if out is not None and out.exists() and not out.is_dir():
        raise _fail(f"--out {out} exists and is not a directory")

    try:
        inputs = list(discover(paths))
    except InputError as exc:
        raise _fail(str(exc)) from None

    context = _archive_context(cleaner, inputs, load)
    batch_options = Options(extractor=extractor, output="markdown" if fmt == "markdown" else "text", title=title,
                            with_changes=changes, timeout=timeout)
    read_options = {"text_field": text_field, "html_field": html_field}
    if out is None and archive_kind(inputs[0].path):
        outcome = Outcome()
        records = _records(inputs[0].path, str(inputs[0].path), read_options, outcome)
        for item in clean_records(cleaner, records, batch_options, outcome):
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        for reject in outcome.rejects:
            typer.echo(f"cleaner: {reject['source']}: {reject['reason']}", err=True)
        if outcome.rejects:
            raise typer.Exit(EXIT_SOME_FAILED)
        return
    if out is None:
        item = inputs[0]
        try:
            doc = _clean_file(cleaner, load(item.path), context)
        except InputError as exc:
            raise _fail(str(exc), EXIT_SOME_FAILED) from None
        _report_warnings(doc)
        sys.stdout.write(format_document(doc, fmt))
        return

    failed = 0
    changed = 0
    unknown_tags: dict[str, dict] = {}
    rejects: list[dict] = []
    records_written = 0
    out_resolved = out.resolve()
    for item in _progress(inputs, quiet):
        if archive_kind(item.path):
            target = out / archive_output_name(item.relative)
            outcome = Outcome()
            try:
                write_jsonl(target, clean_records(cleaner, _records(item.path, str(item.path), read_options, outcome),
                                                  batch_options, outcome))
            except (InputError, OSError) as exc:
                failed += 1
                rejects.append({"source": str(item.path), "reason": str(exc)})
                typer.echo(f"cleaner: {item.path}: {exc}", err=True)
                continue
            records_written += outcome.written
            rejects.extend(outcome.rejects)
            continue
        target = out / item.relative.with_suffix(output_suffix(fmt, item.relative.suffix))
        if target.resolve() == item.path.resolve():
            message = f"{item.path}: output would overwrite the input; choose another --out"
            typer.echo(f"cleaner: {message}", err=True)
            rejects.append({"source": str(item.path), "reason": message})
            failed += 1
            continue
        try:
            doc = _clean_file(cleaner, load(item.path), context)
            atomic_write_text(target, format_document(doc, fmt))
        except (InputError, OSError) as exc:
            failed += 1
            message = str(exc) if isinstance(exc, InputError) else f"{item.path}: {exc}"
            rejects.append({"source": str(item.path), "reason": message})
            typer.echo(f"cleaner: {message}", err=True)
            continue
        _report_warnings(doc)
        changed += bool(doc.changes)
        for tag, seen in doc.stats.get(UNKNOWN_STAT, {}).items():
            entry = unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": str(item.path)})
            entry["count"] += seen["count"]
    # Every failed document, one JSON line each with its source and the reason: a batch is
    # judged by what it could not do as much as by what it wrote.
    write_jsonl(out / STATE_DIR / "rejects.jsonl", rejects)
    if not quiet:
        typer.echo(f"cleaned {len(inputs) - failed} of {len(inputs)} files ({changed} changed) into "
                   f"{out_resolved}" + (f"; {failed} failed (named above)" if failed else ""), err=True)
        if records_written or len(rejects) > failed:
            typer.echo(f"archives: {records_written} records written, {len(rejects) - failed} rejected "
                       f"(see {out_resolved / STATE_DIR / 'rejects.jsonl'})", err=True)
        _report_unknown_tags(unknown_tags)
    if rejects:
        raise typer.Exit(EXIT_SOME_FAILED)


def _records(path: Path, display: str, read_options: dict, outcome: Outcome):
    """The records of an archive file, by its kind."""
    if archive_kind(path) == "warc":
        return read_warc(path, display=display, counts=outcome.counts)
    return read_jsonl(path, display=display, **read_options)


def archive_output_name(relative: Path) -> Path:
    """``a/crawl.warc.gz`` -> ``a/crawl.jsonl.gz``; a JSONL dump keeps its name and compression."""
    name = relative.name
    lower = name.lower()
    for ending, replacement in ((".warc.gz", ".jsonl.gz"), (".warc", ".jsonl")):
        if lower.endswith(ending):
            return relative.with_name(name[: -len(ending)] + replacement)
    return relative


def _clean_file(cleaner: Cleaner, doc: Document, context: dict) -> Document:
    doc.context.update(context)
    return cleaner.clean_document(doc)


def _load(cleaner: Cleaner, path: Path, *, extractor: str, output: str, timeout: float,
          title: bool = True, metadata: bool = True) -> Document:
    """The document of one input file, ready for the text rules: HTML is extracted first."""
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_text(path, display_name=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _extract(cleaner, data, str(path), extractor=extractor, output=output, timeout=timeout, title=title,
                    metadata=metadata)


def _extract(cleaner: Cleaner, data: bytes, source: str, *, extractor: str, output: str,
             timeout: float, title: bool = True, metadata: bool = True) -> Document:
    try:
        with time_limit(timeout):
            return extract_page(data, cleaner=cleaner, extractor=extractor, output=output, source=source,
                                title=title, metadata=metadata)
    except ExtractionTimeout:
        raise InputError(f"{source}: extraction took longer than {timeout:g} s; skipped "
                         "(raise --timeout for very large pages)") from None


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _archive_context(cleaner: Cleaner, inputs: list, load) -> dict:
    """A first pass over the inputs when a rule needs the archive's titles by slug."""
    if not cleaner.uses_archive:
        return {}
    documents = []
    for item in inputs:
        try:
            documents.append((item.relative.as_posix(), load(item.path).text))
        except InputError:
            continue  # reported when the second pass reaches it
    return {ARCHIVE_TITLES: index_titles(cleaner, documents)}


def _report_unknown_tags(unknown_tags: dict[str, dict]) -> None:
    if not unknown_tags:
        return
    typer.echo("unknown shortcode tags (resolved by the defaults; add them to a rule set to choose):", err=True)
    for tag, entry in sorted(unknown_tags.items(), key=lambda kv: -kv[1]["count"])[:20]:
        typer.echo(f"  {tag:<24} {entry['count']:>6}  e.g. {entry['example'][:60]}  ({entry['file']})", err=True)


def _progress(items: list, quiet: bool):
    if quiet or not sys.stderr.isatty() or len(items) < 2:
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("cleaning", total=len(items))
        for item in items:
            yield item
            progress.advance(task)


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
    cleaner = _build_cleaner(rules, enable, disable)
    try:
        if str(path) == "-":
            text, _ = decode_bytes(sys.stdin.buffer.read())
            doc = Document(text, source="<stdin>")
        else:
            doc = _load(cleaner, path, extractor="auto", output="text", timeout=60.0)
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
