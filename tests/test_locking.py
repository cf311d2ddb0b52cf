"""One run at a time in an output folder: a second run into the same place is refused before
it touches anything, so it can never sweep away the first run's temporary files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app


@pytest.mark.fault
@pytest.mark.parametrize("out_name", ["out", "all.jsonl"])
def test_a_second_run_into_the_same_out_exits_2_and_leaves_the_first_runs_files(tmp_path: Path,
                                                                                out_name: str) -> None:
    from cleaner.locking import run_lock
    from cleaner.planning import state_of
    from cleaner.writers.atomic import new_temporary

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Advertisement\nBody.\n", encoding="utf-8")
    out = tmp_path / out_name
    state = state_of(out)
    runner = CliRunner()
    with run_lock(state):  # the first run, still going
        state.mkdir(parents=True, exist_ok=True)
        fd, writing = new_temporary(state / "manifest.json")  # one of its files, half written
        os.close(fd)
        result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
        assert result.exit_code == 2, result.output
        assert "another cleaner run" in result.output and "Traceback" not in result.output
        assert Path(writing).exists()
        assert not (out / "a.txt").exists() and not (state / "report.json").exists()
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output  # once the first run is over, the next one runs


@pytest.mark.bad_input
def test_an_out_whose_state_folder_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Advertisement\nBody.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cleaner").write_text("a file of the user's\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
    assert result.exit_code == 2, result.output
    assert ".cleaner" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, OSError)
    assert (out / ".cleaner").read_text(encoding="utf-8") == "a file of the user's\n"
