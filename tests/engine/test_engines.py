"""The engine seam: the CLI runs its tasks through whichever engine is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner.engine as engines
from cleaner.cli import app
from cleaner.engine import get_engine
from cleaner.engine.local import run_tasks
from cleaner.errors import CleanerError

SEEN: list[str] = []


def recording_engine(tasks, settings, jobs, *, on_documents=None):
    """An engine of our own: every task in this process, in order, remembered."""
    for result in run_tasks(tasks, settings, 1, on_documents=on_documents):
        SEEN.append(result.samples[0]["source"])  # each file here has a change: its ad label
        yield result


def test_local_is_the_default_engine() -> None:
    assert get_engine("local") is run_tasks


def test_unknown_or_uninstalled_engines_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CleanerError, match="unknown engine 'spark'; choose one of: local"):
        get_engine("spark")
    monkeypatch.setitem(engines.ENGINES, "far", "cleaner_far_away_engine:run")
    with pytest.raises(CleanerError, match="needs a package that is not installed .*--engine local"):
        get_engine("far")


def test_the_cli_runs_through_the_named_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(engines.ENGINES, "recording", f"{__name__}:recording_engine")
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text("Advertisement\nA short body.\n", encoding="utf-8")
    SEEN.clear()
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                      "--engine", "recording", "-q"])
    assert result.exit_code == 0, result.output
    assert [Path(s).name for s in SEEN] == ["a.txt", "b.txt"]
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "A short body.\n"

    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--engine", "x"])
    assert result.exit_code == 2
    assert "unknown engine 'x'" in result.output


def test_address_is_for_a_cluster_engine_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A short body.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                                      "--address", "auto"])
    assert result.exit_code == 2
    assert "--address is for a cluster engine (--engine ray)" in result.output
    assert not (tmp_path / "out").exists()


def test_the_ray_engine_without_ray_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "cleaner.engine.ray_engine", raising=False)
    with pytest.raises(CleanerError, match=r"needs a package that is not installed \(ray\); install it "
                                           r"\(pip install 'cleaner\[ray\]'\)"):
        get_engine("ray")
    (tmp_path / "a.txt").write_text("A short body.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                                      "--engine", "ray"])
    assert result.exit_code == 2 and "cleaner[ray]" in result.output


def test_nothing_of_ray_is_imported_by_the_cli_or_the_library() -> None:
    import subprocess
    import sys

    code = "import sys, cleaner, cleaner.cli, cleaner.engine; print('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
