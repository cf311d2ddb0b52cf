"""``cleaner report``: a run's report.json as one self-contained HTML page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.app import app, fail
from cleaner.report_html import render_html
from cleaner.writers import atomic_write_text


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
        raise fail(f"{report_file}: not a cleaner report ({exc}); pass OUT/.cleaner/report.json") from None
    atomic_write_text(html_out, render_html(summary))
    typer.echo(f"wrote {html_out}", err=True)
