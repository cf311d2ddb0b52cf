"""The local engine: ordered results for any number of workers, and a batch that outlives
workers dying under it."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import cleaner.engine.local as local
from cleaner.engine import Settings, Task, run_tasks

needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="the dying worker is patched in before the pool forks")


def _tasks(tmp_path: Path, names: list[str]) -> list[Task]:
    (tmp_path / "in").mkdir()
    tasks = []
    for i, name in enumerate(names):
        path = tmp_path / "in" / name
        path.write_text(f"Advertisement\nBody of article {i}.\n", encoding="utf-8")
        tasks.append(Task(str(path), str(tmp_path / "out" / name)))
    return tasks


def _outputs(tasks: list[Task]) -> dict[str, str]:
    return {Path(t.target).name: Path(t.target).read_text(encoding="utf-8")
            for t in tasks if Path(t.target).exists()}


def test_results_come_in_input_order_whatever_the_workers(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, [f"{i:03}.txt" for i in range(40)])
    one = [r.source for r in run_tasks(tasks, Settings(), 1)]
    two = [r.source for r in run_tasks(tasks, Settings(), 2)]
    assert one == two == [t.path for t in tasks]
    assert _outputs(tasks)["007.txt"] == "Body of article 7.\n"


@pytest.fixture()
def dying_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Workers die (as if killed for memory) on files named poison*, and once only on files
    named flaky*, whose second try succeeds."""
    real = local.run_task
    marks = tmp_path / "marks"
    marks.mkdir()

    def run_task(cleaner, task, settings):
        name = Path(task.path).name
        if name.startswith("poison"):
            os._exit(137)
        if name.startswith("flaky") and not (marks / name).exists():
            (marks / name).touch()
            os._exit(137)
        return real(cleaner, task, settings)

    monkeypatch.setattr(local, "run_task", run_task)


@needs_fork
def test_a_file_that_kills_its_worker_is_rejected_and_the_batch_goes_on(tmp_path: Path, dying_worker) -> None:
    names = [f"{i:03}.txt" for i in range(30)]
    names[11] = "poison.txt"
    names[20] = "flaky.txt"
    tasks = _tasks(tmp_path, names)
    results = list(run_tasks(tasks, Settings(), 2))
    assert [r.source for r in results] == [t.path for t in tasks]  # still in order, each once
    failed = {Path(r.source).name: r.rejects[0]["reason"] for r in results if r.rejects}
    assert list(failed) == ["poison.txt"]
    assert "worker process cleaning it died" in failed["poison.txt"]
    assert "--jobs 1" in failed["poison.txt"]
    outputs = _outputs(tasks)
    assert len(outputs) == 29 and "poison.txt" not in outputs
    assert outputs["flaky.txt"] == "Body of article 20.\n"  # died once, done on the retry
    assert all(r.documents == 1 for r in results if not r.rejects)
