"""The ``cleaner`` command: files in, the library's pipeline, files out.

Everything that changes text happens in :class:`cleaner.Cleaner`, and a batch run is
:func:`cleaner.clean_dataset`; the commands parse options, add progress and messages, and
choose exit codes.
"""

from __future__ import annotations

import typer

from cleaner.cli import clean, explain, report, rules  # noqa: F401 - each registers its commands
from cleaner.cli.app import EXIT_USAGE, app
from cleaner.errors import CleanerError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except CleanerError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"cleaner: error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from None

