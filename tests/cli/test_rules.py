"""`cleaner rules`, and the help of every command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_rules_list_show_check_and_kind(runner: CliRunner, tmp_path: Path) -> None:
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0 and "default" in listed.stdout and "stray_semicolon" in listed.stdout
    shown = runner.invoke(app, ["rules", "show", "default"])
    assert shown.exit_code == 0 and 'id = "ads.banner"' in shown.stdout
    good = tmp_path / "good.toml"
    good.write_text(shown.stdout, encoding="utf-8")
    assert runner.invoke(app, ["rules", "check", str(good)]).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "x"\nkind = "nope"\n', encoding="utf-8")
    checked = runner.invoke(app, ["rules", "check", str(bad)])
    assert checked.exit_code == 2 and "unknown kind 'nope'" in checked.stderr
    kind = runner.invoke(app, ["rules", "kind", "regex"])
    assert kind.exit_code == 0 and "timeout_ms" in kind.stdout


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for command in (["clean"], ["explain"], ["rules", "show"], ["rules", "check"]):
        result = runner.invoke(app, [*command, "--help"], env={**os.environ, "COLUMNS": "200"})
        assert result.exit_code == 0
        assert "Example" in result.stdout
