"""``cleaner rules list|show|kind|check``: the bundled rule sets and kinds, a set resolved, files checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.app import fail, rules_app
from cleaner.errors import RuleSetError
from cleaner.pipeline import Cleaner
from cleaner.ruleset import bundled_rule_sets, load_rule_set


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
        raise fail(str(exc)) from None
    typer.echo(f"# resolved from: {', '.join(rule_set.sources)}")
    typer.echo(rule_set.to_toml(), nl=False)


@rules_app.command("kind")
def rules_kind(name: Annotated[str, typer.Argument(help="A rule kind, as listed by 'cleaner rules list'.")]) -> None:
    """Describe a rule kind: what it does and the parameters a [[rules]] table may set."""
    from cleaner.kinds import KINDS

    cls = KINDS.get(name)
    if cls is None:
        raise fail(f"unknown kind {name!r}; known kinds: {', '.join(sorted(KINDS))}")
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
            raise fail(str(exc)) from None
        typer.echo(f"{file}: ok ({len(rule_set.rules)} rules, {len(cleaner.rules)} enabled)")
