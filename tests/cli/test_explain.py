"""`cleaner explain`: every change, rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_explain_lists_each_change_with_rule_id_and_reason(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Maria Lopez; the budget director, said the depot; which opened in May; cost less."
                   " However; the council disagreed; and voted no. “It is over;” the mayor said.\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(src)])
    assert result.exit_code == 0
    assert "punctuation.stray-semicolon" in result.stdout
    assert "[-;-]{+,+}" in result.stdout  # plain markers when not on a terminal
    assert "before a relative pronoun" in result.stdout
