"""``cleaner explain``: every change the rules make to one file, rule by rule."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.app import EXIT_SOME_FAILED, DisableOption, EnableOption, RulesOption, app, fail
from cleaner.document import Document
from cleaner.errors import InputError, RuleSetError
from cleaner.readers.text import decode_bytes
from cleaner.task.documents import document_of_file
from cleaner.task.settings import Settings, build_cleaner


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
        raise fail(str(exc)) from None
    try:
        if str(path) == "-":
            text, _ = decode_bytes(sys.stdin.buffer.read())
            doc = Document(text, source="<stdin>")
        else:
            doc = document_of_file(cleaner, path, settings)
    except InputError as exc:
        raise fail(str(exc), EXIT_SOME_FAILED) from None

    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    stages = [(stage.rule_id, stage.before, stage.changes) for stage in cleaner.stages(doc) if stage.changes]
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
