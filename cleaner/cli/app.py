"""The ``cleaner`` command's Typer application, exit codes and the options its commands share."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cleaner import __version__

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


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Say what is wrong on stderr; the caller raises the returned exit."""
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
