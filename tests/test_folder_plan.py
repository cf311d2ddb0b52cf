"""A folder planned as it is walked: tasks come before the walk ends, the names are those the
whole-run planner gives, and nothing is held per file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner.folder_plan import FolderTasks, FolderWalk
from cleaner.readers import discover
from cleaner.runner import plan_run
from cleaner.task.settings import Settings, build_cleaner


def _write(path: Path, text: str = "Advertisement\nx.\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _listings_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    listed: list[str] = []
    scandir = os.scandir

    def counted(path):  # noqa: ANN001, ANN202 - os.scandir's
        listed.append(os.path.basename(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counted)
    return listed


def test_the_first_task_comes_before_the_walk_reaches_the_other_folders(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in range(20):
        _write(tmp_path / "in" / f"d{folder:02}" / "a.txt")
    listed = _listings_counted(monkeypatch)
    tasks = iter(FolderTasks(tmp_path / "in", tmp_path / "out", "text", FolderWalk(), case_blind=False))
    first = next(tasks)
    assert first.path == str(tmp_path / "in" / "d00" / "a.txt") and first.target == str(tmp_path / "out" / "d00" / "a.txt")
    assert listed == ["in", "d00"]  # the top and the first folder: nothing more yet
    assert len(list(tasks)) == 19 and len(listed) == 21


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_walked_folder_names_its_outputs_as_the_whole_run_planner_does(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "in"
    for name in ["a.txt", "a.html", "a.htm", "b.html", "sub/a.txt", "sub/a.md", "sub/x.html", "sub/deep/c.htm",
                 "d/crawl.warc.gz", "d/crawl.jsonl.gz", "d/crawl.jsonl", "e/p.json.txt", "e/p.txt", "Top.txt",
                 "top.txt", ".hidden/a.txt", "s p a c e.txt", "skip.pdf"]:
        _write(root / name)
    settings = Settings(fmt=fmt)
    whole = plan_run(build_cleaner(settings), list(discover([root])), tmp_path / "out", settings)
    walked = FolderTasks(root, tmp_path / "out", fmt, FolderWalk(), case_blind=False)
    assert [(t.path, t.target, t.site) for t in walked] == [(t.path, t.target, t.site) for t in whole.tasks]
    assert sorted(walked.notes) == sorted(whole.notes)


def test_a_walked_folder_takes_the_globs_as_the_walk_of_the_whole_run_does(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["a.txt", "a.html", "amp/a.html", "news/b.html", "news/amp/c.html", "tag/x.txt"]:
        _write(root / name)
    include, exclude = ("*.html", "*.txt"), ("amp", "tag")
    settings = Settings()
    whole = plan_run(build_cleaner(settings), list(discover([root], include=include, exclude=exclude)),
                     tmp_path / "out", settings)
    walked = FolderTasks(root, tmp_path / "out", "text", FolderWalk(include, exclude), case_blind=False)
    # a.html and a.txt would share a.txt: the page keeps its extension; amp/ and tag/ are left out
    assert [t.target for t in walked] == [t.target for t in whole.tasks]
    assert sorted(Path(t.target).relative_to(tmp_path / "out").as_posix() for t in walked) == [
        "a.html.txt", "a.txt", "news/b.txt"]


def test_every_walk_of_the_same_folder_gives_the_same_tasks_and_counts_afresh(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["a.txt", "a.html", "b/c.txt"]:
        _write(root / name)
    seen: list[int] = []
    walked = FolderTasks(root, tmp_path / "out", "text", FolderWalk(on_found=seen.append), case_blind=False)
    first, second = list(walked), list(walked)
    assert first == second and seen == [1, 2, 3, 1, 2, 3] and len(walked.notes) == 1
    assert walked.first() == first[0] and seen == [1, 2, 3, 1, 2, 3]  # the peek is not counted


def test_a_folder_named_dot_gives_the_paths_the_whole_run_planner_gives(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths are the record's keys: "a.txt", not "./a.txt", or a rerun would redo everything.
    for name in ["a.txt", "a.html", "sub/b.txt"]:
        _write(tmp_path / "in" / name)
    monkeypatch.chdir(tmp_path / "in")
    settings = Settings()
    whole = plan_run(build_cleaner(settings), list(discover([Path(".")])), tmp_path / "out", settings)
    walked = FolderTasks(Path("."), tmp_path / "out", "text", FolderWalk(), case_blind=False)
    assert [(t.path, t.target) for t in walked] == [(t.path, t.target) for t in whole.tasks]
    assert [t.path for t in walked] == ["a.html", "a.txt", "sub/b.txt"] and walked.notes == whole.notes
