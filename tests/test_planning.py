"""Planning a batch: every input gets an output of its own, decided before any work starts;
an input reached twice is cleaned once; an output that is an input is refused; the run's own
outputs and state are never read back as inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.task.settings import Settings, build_cleaner
from cleaner.errors import CleanerError
from cleaner.readers import discover
from cleaner.runner import plan_run

pytestmark = pytest.mark.bad_input  # inputs that collide, repeat, or hold the output

PAGE = ("<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{body} The harbour ferry ran late again on Tuesday, and the council said it would look into "
        "the timetable before the winter season starts in earnest.</p></article></body></html>")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _outputs(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts}


def test_inputs_differing_only_in_extension_each_keep_their_output(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write(data / "a.txt", "Advertisement\nText article.\n")
    _write(data / "a.html", PAGE.format(title="Page one", body="First page."))
    _write(data / "a.htm", PAGE.format(title="Page two", body="Second page."))
    _write(data / "b.html", PAGE.format(title="Page three", body="Third page."))
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    outputs = _outputs(out)
    # The text file keeps its own name; the pages that would share it keep their extension;
    # a page that collides with nothing is named as before.
    assert sorted(outputs) == ["a.htm.txt", "a.html.txt", "a.txt", "b.txt"]
    assert outputs["a.txt"] == "Text article.\n"
    assert "First page." in outputs["a.html.txt"] and "Second page." in outputs["a.htm.txt"]
    assert "a.html.txt" in result.stderr  # the run says where the renamed outputs went

    result = runner.invoke(app, ["clean", str(data), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {"a.txt.json", "a.html.json", "a.htm.json", "b.json"} <= set(_outputs(out))


def test_named_files_with_one_name_go_under_the_folders_that_tell_them_apart(runner: CliRunner,
                                                                              tmp_path: Path) -> None:
    first = _write(tmp_path / "s1" / "index.txt", "Advertisement\nFirst site.\n")
    second = _write(tmp_path / "s2" / "index.txt", "Advertisement\nSecond site.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(first), str(second), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _outputs(out) == {"s1/index.txt": "First site.\n", "s2/index.txt": "Second site.\n"}

    one = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["clean", str(first), str(second), "--out", str(one)])
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["text"] for line in one.read_text(encoding="utf-8").splitlines()]
    assert texts == ["First site.\n", "Second site.\n"]


def test_an_input_reached_twice_is_cleaned_once(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    a = _write(data / "a.txt", "Advertisement\nOnly once.\n")
    _write(data / "sub" / "b.txt", "Advertisement\nAlso once.\n")
    out = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["clean", str(data), str(a), str(a), str(data / "sub"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert texts == ["Only once.\n", "Also once.\n"]
    assert "cleaned once" in result.stderr
    report = json.loads((tmp_path / "all.jsonl.cleaner" / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == 2


def test_outputs_that_cannot_be_named_apart_are_refused_before_any_work(runner: CliRunner, tmp_path: Path) -> None:
    # Several inputs are planned whole, before any work: a clash stops the run before it starts.
    data, more = tmp_path / "data", tmp_path / "more"
    _write(data / "a.txt", "Advertisement\nText.\n")
    _write(data / "a.html", PAGE.format(title="Page", body="Page."))
    _write(data / "a.html.txt", "Advertisement\nAnother text.\n")  # where a.html would be renamed to
    _write(more / "b.txt", "Advertisement\nMore.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(data), str(more), "--out", str(out)])
    assert result.exit_code == 2
    assert "a.html " in result.stderr and "a.html.txt" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_walked_folder_rejects_files_it_cannot_name_apart_and_cleans_the_rest(runner: CliRunner, tmp_path: Path,
                                                                               jobs: str) -> None:
    # One folder is cleaned as it is walked: the clash is found when the walk reaches its folder,
    # and the files in it are rejected, naming each other, while every other file is written.
    data = tmp_path / "data"
    _write(data / "0" / "early.txt", "Advertisement\nEarly.\n")
    _write(data / "m" / "a.txt", "Advertisement\nText.\n")
    _write(data / "m" / "a.html", PAGE.format(title="Page", body="Page."))
    _write(data / "m" / "a.html.txt", "Advertisement\nAnother text.\n")
    _write(data / "z" / "late.txt", "Advertisement\nLate.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(data), "--out", str(out), "-j", jobs])
    assert result.exit_code == 1, result.output
    assert _outputs(out) == {"0/early.txt": "Early.\n", "m/a.txt": "Text.\n", "z/late.txt": "Late.\n"}
    rejects = [json.loads(line) for line in (out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["source"]).name for r in rejects) == ["a.html", "a.html.txt"]
    assert all("a.html " in r["reason"] and "a.html.txt" in r["reason"] and "rename one" in r["reason"]
               for r in rejects)
    # Renamed, the rerun cleans only those two, each into its own output.
    (data / "m" / "a.html.txt").rename(data / "m" / "a-notes.txt")
    result = runner.invoke(app, ["clean", str(data), "--out", str(out), "-j", jobs])
    assert result.exit_code == 0, result.output
    assert "resumed: 3 of 5 files were done already" in result.stderr
    assert _outputs(out)["m/a-notes.txt"] == "Another text.\n" and "Page." in _outputs(out)["m/a.html.txt"]


@pytest.mark.parametrize("one_file", [False, True])
def test_the_plan_gives_every_input_its_own_target_for_any_engine(tmp_path: Path, one_file: bool) -> None:
    _write(tmp_path / "s1" / "index.txt", "x\n")
    _write(tmp_path / "s2" / "index.txt", "y\n")
    _write(tmp_path / "s1" / "index.html", "<p>z</p>\n")
    inputs = list(discover([tmp_path / "s1", tmp_path / "s2", tmp_path / "s1" / "index.txt"]))
    settings = Settings()
    plan = plan_run(build_cleaner(settings), inputs, tmp_path / ("all.jsonl" if one_file else "out"), settings)
    targets = [task.target for task in plan.tasks]
    assert len(targets) == len(set(targets)) == 3


def test_out_equal_to_the_input_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write(data / "a.txt", "Advertisement\nKept as it was.\n")
    _write(data / "page.html", PAGE.format(title="Page", body="Page."))
    result = runner.invoke(app, ["clean", str(data), "--out", str(data)])
    assert result.exit_code == 2
    assert "--out" in result.stderr and str(data) in result.stderr
    assert sorted(p.name for p in data.iterdir()) == ["a.txt", "page.html"]


@pytest.mark.parametrize("named", [["dump.jsonl"], ["."]])
def test_one_output_file_that_is_an_input_is_refused(runner: CliRunner, tmp_path: Path, named: list[str]) -> None:
    data = tmp_path / "d"
    dump = _write(data / "dump.jsonl", json.dumps({"text": "Advertisement\nRecord.\n"}) + "\n")
    before = dump.read_bytes()
    result = runner.invoke(app, ["clean", *[str(data / n) for n in named], "--out", str(dump)])
    assert result.exit_code == 2
    assert "dump.jsonl" in result.stderr
    assert dump.read_bytes() == before


def test_a_file_written_into_its_own_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    a = _write(data / "a.txt", "Advertisement\nKept.\n")
    b = _write(data / "b.txt", "Advertisement\nKept too.\n")
    result = runner.invoke(app, ["clean", str(a), str(b), "--out", str(data)])
    assert result.exit_code == 2
    assert "a.txt" in result.stderr
    assert a.read_text(encoding="utf-8") == "Advertisement\nKept.\n"


@pytest.mark.parametrize("out_name", ["cleaned", "all.jsonl"])
def test_outputs_inside_the_input_folder_are_never_read_back(runner: CliRunner, tmp_path: Path,
                                                              out_name: str) -> None:
    data = tmp_path / "data"
    for i in range(3):
        _write(data / f"n{i}.txt", f"Advertisement\nArticle {i}.\n")
    out = data / out_name
    for _ in range(3):
        result = runner.invoke(app, ["clean", str(data), "--out", str(out), "-q"])
        assert result.exit_code == 0, result.output
        state = out / ".cleaner" if out_name == "cleaned" else data / "all.jsonl.cleaner"
        report = json.loads((state / "report.json").read_text(encoding="utf-8"))
        assert report["files"] == 3 and report["documents"]["in"] == 3
    if out_name == "cleaned":
        assert sorted(_outputs(out)) == ["n0.txt", "n1.txt", "n2.txt"]
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_plan_refuses_a_target_that_is_an_input(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", "x\n")
    settings = Settings()
    with pytest.raises(CleanerError, match="a.txt"):
        plan_run(build_cleaner(settings), list(discover([a])), tmp_path, settings)


@pytest.mark.parametrize("out_name", ["out", "all.jsonl"])
def test_names_differing_only_in_case_are_refused_where_the_output_ignores_case(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out_name: str) -> None:
    import cleaner.planning as planning

    _write(tmp_path / "mirror" / "News.txt", "Advertisement\nThe quay reopens.\n")
    _write(tmp_path / "mirror" / "news.txt", "Advertisement\nThe ferry is late.\n")
    _write(tmp_path / "mirror" / "other.txt", "Advertisement\nThe pier.\n")
    out = tmp_path / out_name
    # Here the file system tells case apart: both are written, each to its own file.
    assert runner.invoke(app, ["clean", str(tmp_path / "mirror"), "-o", str(out), "-q"]).exit_code == 0
    if out_name == "out":
        assert _outputs(out) == {"News.txt": "The quay reopens.\n", "news.txt": "The ferry is late.\n",
                                 "other.txt": "The pier.\n"}
    # Where it does not (macOS, Windows, a mounted share), one would replace the other.
    monkeypatch.setattr(planning, "ignores_case", lambda folder: True)
    monkeypatch.setattr("cleaner.runner.ignores_case", lambda folder: True)
    other = tmp_path / f"other-{out_name}"
    result = runner.invoke(app, ["clean", str(tmp_path / "mirror"), "-o", str(other)])
    assert "News.txt" in result.stderr and "news.txt" in result.stderr and "case" in result.stderr
    if out_name == "out":  # a folder walked as it goes: both rejected, the rest written
        assert result.exit_code == 1
        assert _outputs(other) == {"other.txt": "The pier.\n"}
    else:  # one output file, planned whole: refused before any work
        assert result.exit_code == 2
        assert not other.exists() and not (tmp_path / f"other-{out_name}.cleaner").exists()


def test_a_walked_folder_never_writes_a_name_again_in_another_case_where_case_is_ignored(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Folders A and a hold x.txt each: one output where case is ignored. The first is written
    # when the second is met, so the second is the one rejected.
    _write(tmp_path / "mirror" / "A" / "x.txt", "Advertisement\nUpper.\n")
    _write(tmp_path / "mirror" / "a" / "x.txt", "Advertisement\nLower.\n")
    _write(tmp_path / "mirror" / "a" / "y.txt", "Advertisement\nAlone.\n")
    monkeypatch.setattr("cleaner.runner.ignores_case", lambda folder: True)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(tmp_path / "mirror"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert _outputs(out) == {"A/x.txt": "Upper.\n", "a/y.txt": "Alone.\n"}
    rejects = (out / ".cleaner" / "rejects.jsonl").read_text(encoding="utf-8")
    assert "a/x.txt" in rejects and "ignores case" in rejects


def test_the_case_probe_leaves_nothing_behind(tmp_path: Path) -> None:
    from cleaner.planning import ignores_case

    assert ignores_case(tmp_path / "not" / "made" / "yet") is False  # this machine's file system
    assert list(tmp_path.iterdir()) == []


def _tree(root: Path) -> list[Path]:
    for name in ["s1/index.txt", "s2/index.txt", "s1/index.html", "a.txt", "a.html", "b/c.html", "B/c.html",
                 "d/crawl.warc.gz", "d/crawl.jsonl.gz"]:
        _write(root / name, "Advertisement\nx.\n")
    return [root / "s1", root / "s2", root / "s1" / "index.txt", root]


@pytest.mark.parametrize("one_file", [False, True])
def test_names_are_decided_by_the_names_not_their_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         one_file: bool) -> None:
    # Collisions are found from hashes (eight bytes an input) and confirmed on the names: with
    # every hash equal, the plan is the same.
    import cleaner.planning as planning

    roots = _tree(tmp_path / "in")
    settings = Settings()
    out = tmp_path / ("all.jsonl" if one_file else "out")

    def planned() -> tuple[list[tuple[str, str]], list[str]]:
        plan = plan_run(build_cleaner(settings), list(discover(roots)), out, settings)
        return [(t.path, t.target) for t in plan.tasks], plan.notes

    expected = planned()
    monkeypatch.setattr(planning, "hash", lambda text: 7, raising=False)
    assert planned() == expected
    targets = [target for _, target in expected[0]]
    assert len(targets) == len(set(targets)) == 9  # each file once, however often it was named


def test_the_plan_holds_tasks_made_when_asked_for_equal_each_time(tmp_path: Path) -> None:
    from cleaner.readers.files import InputList

    roots = _tree(tmp_path / "in")
    settings = Settings()
    plan = plan_run(build_cleaner(settings), InputList(discover(roots)), tmp_path / "out", settings)
    assert list(plan.tasks) == list(plan.tasks) and len(plan.tasks) == 9
    assert plan.tasks[-1] == list(plan.tasks)[-1] and plan.tasks[0] is not plan.tasks[0]
