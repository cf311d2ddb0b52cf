"""What a run has left to do: tasks an earlier run finished are skipped and counted, the rest
handed on with their checkpoint folders, as the engine asks for them."""

from __future__ import annotations

from pathlib import Path

from cleaner.manifest import MANIFEST, Manifest
from cleaner.report import Report
from cleaner.resume import Skipped, tasks_left
from cleaner.task.run import Task
from cleaner.task.settings import Settings
from cleaner.task.task_list import TaskList


def _inputs(tmp_path: Path) -> list[Task]:
    tasks = []
    for name in ["a.txt", "b.txt", "c.jsonl"]:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text('{"text": "x"}\n' if name.endswith("jsonl") else "x\n", encoding="utf-8")
        (tmp_path / "out").mkdir(exist_ok=True)
        tasks.append(Task(str(tmp_path / "in" / name), str(tmp_path / "out" / name)))
    return tasks


def test_a_walked_plans_tasks_are_checked_one_by_one_as_they_are_asked_for(tmp_path: Path) -> None:
    tasks, state = _inputs(tmp_path), tmp_path / ".cleaner"
    manifest = Manifest(state / MANIFEST, "key")
    Path(tasks[0].target).write_text("x\n", encoding="utf-8")
    manifest.record(tasks[0].path, tasks[0].target, documents=1, rejects=[])
    manifest.save(force=True)
    made: list[str] = []

    def walked():  # noqa: ANN202 - a generator, as a walk gives its tasks
        for task in tasks:
            made.append(task.path)
            yield task

    skipped, report = Skipped(), Report()
    left = tasks_left(walked(), manifest, report, Settings(), state, skipped)  # type: ignore[arg-type]
    assert not hasattr(left, "__len__") and made == []  # nothing walked yet
    first = next(iter(left))
    assert first.path == tasks[1].path and len(made) == 2 and skipped.files == 1
    rest = list(left)
    assert [t.path for t in rest] == [tasks[2].path] and rest[0].checkpoints.startswith(str(state / "shards"))
    assert skipped.todo == 2 and list(skipped.handed) == [first, rest[0]]
    assert skipped.checkpoints == {Path(rest[0].checkpoints).name}


def test_a_plan_made_whole_is_checked_first_and_its_number_is_known(tmp_path: Path) -> None:
    tasks, state = _inputs(tmp_path), tmp_path / ".cleaner"
    manifest = Manifest(state / MANIFEST, "key")
    for task in tasks[:2]:
        Path(task.target).write_text("x\n", encoding="utf-8")
        manifest.record(task.path, task.target, documents=1, rejects=[])
    manifest.save(force=True)
    skipped = Skipped()
    left = tasks_left(TaskList(3, tasks.__getitem__), manifest, Report(), Settings(), state, skipped)
    assert len(left) == 1 and skipped.files == 2  # type: ignore[arg-type]
    assert [t.path for t in left] == [tasks[2].path]
