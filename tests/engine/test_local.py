"""The local engine: ordered results for any number of workers, and a batch that outlives
workers dying under it."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import cleaner.engine.local as local
import cleaner.task.records as records
import cleaner.task.run as task_run
from cleaner.engine.local import run_tasks
from cleaner.manifest import recorded_inputs
from cleaner.task.run import Task
from cleaner.task.settings import Settings
from cleaner.task.stats import RunStats

needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="the dying worker is patched in before the pool forks")


def _tasks(tmp_path: Path, names: list[str]) -> list[Task]:
    (tmp_path / "in").mkdir(parents=True)
    tasks = []
    for i, name in enumerate(names):
        path = tmp_path / "in" / name
        path.write_text(f"Advertisement\nBody of article {i}.\n", encoding="utf-8")
        tasks.append(Task(str(path), str(tmp_path / "out" / name)))
    return tasks


def _source(stats: RunStats) -> str:
    """Which file a result is of: every file here has a change (its ad label), or a reject."""
    return stats.rejects[0]["source"] if stats.rejects else stats.samples[0]["source"]


def _outputs(tasks: list[Task]) -> dict[str, str]:
    return {Path(t.target).name: Path(t.target).read_text(encoding="utf-8")
            for t in tasks if Path(t.target).exists()}


def test_results_come_in_input_order_whatever_the_workers(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, [f"{i:03}.txt" for i in range(40)])
    one = [_source(r) for r in run_tasks(tasks, Settings(), 1)]
    two = [_source(r) for r in run_tasks(tasks, Settings(), 2)]
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


@pytest.mark.fault
@needs_fork
def test_a_file_that_kills_its_worker_is_rejected_and_the_batch_goes_on(tmp_path: Path, dying_worker) -> None:
    names = [f"{i:03}.txt" for i in range(30)]
    names[11] = "poison.txt"
    names[20] = "flaky.txt"
    tasks = _tasks(tmp_path, names)
    results = list(run_tasks(tasks, Settings(), 2))
    assert [_source(r) for r in results] == [t.path for t in tasks]  # still in order, each once
    failed = {Path(_source(r)).name: r.rejects[0]["reason"] for r in results if r.rejects}
    assert list(failed) == ["poison.txt"]
    assert "worker process cleaning it died" in failed["poison.txt"]
    assert "--jobs 1" in failed["poison.txt"]
    outputs = _outputs(tasks)
    assert len(outputs) == 29 and "poison.txt" not in outputs
    assert outputs["flaky.txt"] == "Body of article 20.\n"  # died once, done on the retry
    assert all(r.documents == 1 for r in results if not r.rejects)


def _dump(path: Path, count: int) -> None:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(json.dumps({"id": f"r{i}", "text": f"Advertisement\nStory number {i} is here.\n"}) + "\n")


class Interrupt(BaseException):
    """Stands for the run being killed: not an Exception, so nothing on the way catches it."""


@pytest.mark.fault
def test_an_archive_killed_midway_resumes_from_its_last_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_run, "SHARD_RECORDS", 7)
    source = tmp_path / "dump.jsonl"
    _dump(source, 40)
    whole = Task(str(source), str(tmp_path / "whole" / "dump.jsonl.gz"), checkpoints=str(tmp_path / "cp-whole"))
    [result] = run_tasks([whole], Settings(), 1)
    assert result.documents == 40 and not result.rejects
    assert not (tmp_path / "cp-whole").exists()  # checkpoints go once the output is whole

    real = records.clean_record
    cleaned: list[str] = []

    def clean_record(cleaner, record, settings):
        if len(cleaned) == 23:
            raise Interrupt
        cleaned.append(record.source)
        return real(cleaner, record, settings)

    monkeypatch.setattr(records, "clean_record", clean_record)
    resumed = Task(str(source), str(tmp_path / "resumed" / "dump.jsonl.gz"), checkpoints=str(tmp_path / "cp"))
    with pytest.raises(Interrupt):
        list(run_tasks([resumed], Settings(), 1))
    assert not Path(resumed.target).exists()  # nothing that looks finished
    assert len(list((tmp_path / "cp").glob("shard-*.jsonl"))) == 3  # 21 records in whole shards

    cleaned.clear()
    monkeypatch.setattr(records, "clean_record", lambda *a, **k: (cleaned.append(a[1].source), real(*a, **k))[1])
    [result] = run_tasks([resumed], Settings(), 1)
    assert len(cleaned) == 40 - 21  # the finished shards are not cleaned again
    assert result.documents == 40 and result.changed == 40  # and still counted in the result
    assert result.rule_hits["ads.label"]["documents"] == 40
    assert Path(resumed.target).read_bytes() == Path(whole.target).read_bytes()


def test_a_damaged_checkpoint_starts_the_file_again(tmp_path: Path) -> None:
    source = tmp_path / "dump.jsonl"
    _dump(source, 5)
    checkpoints = tmp_path / "cp"
    checkpoints.mkdir()
    (checkpoints / "shard-000000.jsonl").write_text('{"id": "stale"}\n', encoding="utf-8")
    (checkpoints / "shard-000000.done.json").write_text("{not json", encoding="utf-8")
    task = Task(str(source), str(tmp_path / "out.jsonl"), checkpoints=str(checkpoints))
    [result] = run_tasks([task], Settings(), 1)
    assert result.documents == 5
    assert len(Path(task.target).read_text(encoding="utf-8").splitlines()) == 5


@pytest.mark.bad_input
def test_a_truncated_archive_keeps_what_came_before_the_break(tmp_path: Path) -> None:
    import gzip

    plain = tmp_path / "dump.jsonl"
    _dump(plain, 2000)
    data = gzip.compress(plain.read_bytes())
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(data[: len(data) // 2])
    task = Task(str(broken), str(tmp_path / "out" / "broken.jsonl.gz"), checkpoints=str(tmp_path / "cp"))
    [result] = run_tasks([task], Settings(), 1)
    assert 0 < result.documents < 2000
    [reject] = result.rejects
    assert reject["source"] == str(broken)
    assert f"cannot be read after record {result.documents}" in reject["reason"]
    assert "Is the file complete?" in reject["reason"]
    with gzip.open(task.target, "rt", encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == result.documents


def test_one_archive_spreads_over_the_workers_and_writes_what_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_run, "SHARD_RECORDS", 6)
    source = tmp_path / "dump.jsonl"
    _dump(source, 50)
    outputs = {}
    for jobs in (1, 2):
        task = Task(str(source), str(tmp_path / f"out{jobs}" / "dump.jsonl.zst"),
                    checkpoints=str(tmp_path / f"cp{jobs}"))
        [result] = run_tasks([task], Settings(), jobs)
        assert (result.documents, result.changed, len(result.rejects)) == (50, 50, 0)
        assert result.bytes_out > 0 and not Path(task.checkpoints).exists()
        outputs[jobs] = Path(task.target).read_bytes()
    assert outputs[1] == outputs[2]


@pytest.mark.fault
@needs_fork
def test_a_shard_that_kills_its_worker_is_rejected_and_the_rest_of_the_archive_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setattr(task_run, "SHARD_RECORDS", 5)
    real = local.clean_unit

    def clean_unit(cleaner, task, settings, unit, shard):
        if any("POISON" in (r.text or "") for r in shard):
            os._exit(139)
        return real(cleaner, task, settings, unit, shard)

    monkeypatch.setattr(local, "clean_unit", clean_unit)
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "dump.jsonl"
    _dump(source, 30)
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[12] = json.dumps({"id": "bad", "text": "POISON in this record"})
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _tasks(tmp_path / "a", ["one.txt", "two.txt"])
    after = _tasks(tmp_path / "b", ["three.txt"])
    archive = Task(str(source), str(tmp_path / "out" / "dump.jsonl"), checkpoints=str(tmp_path / "cp"))
    results = list(run_tasks([*before, archive, *after], Settings(), 2))
    assert [_source(r) for r in results[:2] + results[3:]] == [t.path for t in [*before, *after]]
    dump = results[2]
    assert dump.documents == 25
    [reject] = dump.rejects
    assert reject["source"] == f"{source}:11 .. {source}:15" and "died" in reject["reason"]
    written = [json.loads(line)["id"] for line in Path(archive.target).read_text(encoding="utf-8").splitlines()]
    assert written == [f"r{i}" for i in range(30) if not 10 <= i < 15]
    assert all(not r.rejects for r in results if r is not dump)


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_inside_an_archive_are_told_shard_by_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            jobs: int) -> None:
    monkeypatch.setattr(task_run, "SHARD_RECORDS", 4)
    source = tmp_path / "dump.jsonl"
    _dump(source, 10)
    told: list[int] = []
    task = Task(str(source), str(tmp_path / "out.jsonl"), checkpoints=str(tmp_path / "cp"))
    [result] = run_tasks([task], Settings(), jobs, on_documents=told.append)
    assert told == [4, 4, 2] and result.documents == 10


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's reaping is left


@pytest.mark.fault
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_workers_leave_when_the_main_process_is_killed_outright(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in"
    source.mkdir()
    for i in range(4000):
        (source / f"{i:05}.txt").write_text("Advertisement\nA body, of some words; here.\n" * 20, encoding="utf-8")
    main = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", str(source), "-o", str(tmp_path / "out"),
                             "--jobs", "2", "-q"], start_new_session=True)
    children: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(children) < 2 and main.poll() is None:
            time.sleep(0.05)
            try:
                text = Path(f"/proc/{main.pid}/task/{main.pid}/children").read_text()
            except OSError:
                continue
            children = [int(pid) for pid in text.split()]
        if main.poll() is not None or len(children) < 2:
            pytest.skip("the run ended before its workers could be seen")
        main.send_signal(signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.1)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.fault
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="kills process groups, as a crash does, on Linux")
def test_a_run_killed_at_any_point_is_finished_by_a_rerun_exactly_once(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    for i in range(1200):
        (source / ("sub" if i % 2 else "") / f"{i:04}.txt").write_text(
            f"Advertisement\nStory {i}; the harbour reopened, the council said.\n" * 30, encoding="utf-8")
    lines = "".join(f'{{"id": "r{i}", "text": "Advertisement\\\\nRecord {i}."}}\n' for i in range(3000))
    (source / "dump.jsonl").write_text(lines, encoding="utf-8")
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(source), "--jobs", "2", "-q", "--out"]
    reference = tmp_path / "reference"
    subprocess.run([*command, str(reference)], check=True)
    expected = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*")
                if p.is_file() and ".cleaner" not in p.parts}
    for delay in (0.5, 0.8, 1.1):  # start-up takes about 0.4 s; the whole run about 2
        out = tmp_path / f"out-{delay}"
        run = subprocess.Popen([*command, str(out)], start_new_session=True)
        time.sleep(delay)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)  # the whole group: main process and workers, mid-write
        run.wait()
        subprocess.run([*command, str(out)], check=True)
        got = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".cleaner" not in p.parts}
        assert got == expected, f"killed after {delay} s"
        assert not (out / ".cleaner" / "shards").exists()


@pytest.mark.fault
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="signals a process group, as a terminal does")
@pytest.mark.parametrize("signal_name, code, said", [
    ("SIGINT", 130, "interrupted"),  # what Ctrl-C in a terminal does
    ("SIGTERM", 143, "terminated"),  # what systemd, docker stop or kill do
])
def test_a_stopped_run_stops_cleanly_says_how_to_resume_and_the_rerun_finishes(
        tmp_path: Path, signal_name: str, code: int, said: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in"
    source.mkdir()
    for i in range(1500):
        # Work enough that the run is still going when the stop reaches it, even when this
        # process wakes seconds late on a loaded machine.
        (source / f"{i:04}.txt").write_text(f"Advertisement\nStory {i}, as told.\n" * 150, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(source), "--jobs", "2", "--out", str(out)]
    run = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True)
    # Stop the run once it has recorded a finished input (its manifest is written at the first
    # one), however long start-up takes on a loaded machine: a fixed delay could fall before
    # that, or inside the imports, and then there is nothing to resume from.
    deadline = time.monotonic() + 120
    while not recorded_inputs(out / ".cleaner"):
        if run.poll() is not None:
            pytest.skip("the run ended before it could be stopped")
        assert time.monotonic() < deadline, "the run wrote nothing in two minutes"
        time.sleep(0.02)
    os.killpg(run.pid, getattr(signal, signal_name))
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert said in stderr and "Run the same command again" in stderr
    assert "Traceback" not in stderr
    assert recorded_inputs(out / ".cleaner")  # the last progress was saved
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert "resumed:" in finished.stderr
    outputs = sorted(p.name for p in out.iterdir() if p.is_file())
    assert outputs == sorted(p.name for p in source.iterdir())
    assert (out / "0999.txt").read_text(encoding="utf-8") == "Story 999, as told.\n" * 150


def _sigterm_pending(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("ShdPnd:"):
            return bool(int(line.split()[1], 16) & (1 << (15 - 1)))
    return False


@pytest.mark.skipif(not Path("/proc/self/status").exists() or not hasattr(__import__("signal"), "sigwaitinfo"),
                    reason="reads a process's pending signals from /proc; sigwaitinfo is not on every system")
def test_a_worker_obeys_its_parents_sigterm_and_leaves_the_groups_to_the_main_process() -> None:
    # SIGTERM to a run's process group reaches its workers too. A worker that died of it at
    # once could die half-way through sending a result, and the pool's reader would wait for
    # the rest for ever (a stopped run that never ended, seen under load). The main process
    # answers the group's signal and stops its pool; the pool's own SIGTERM still kills.
    import signal
    import subprocess
    import time

    pool, _, _ = local._new_pool(Settings(), 1)
    try:
        worker = pool.submit(os.getpid).result(timeout=60)
        subprocess.run(["kill", "-TERM", str(worker)], check=True)  # from a process not its parent
        deadline = time.monotonic() + 60
        while _alive(worker) and _sigterm_pending(worker):
            assert time.monotonic() < deadline, "the signal was never taken"
            time.sleep(0.01)
        assert pool.submit(os.getpid).result(timeout=60) == worker
        os.kill(worker, signal.SIGTERM)  # from its parent, as the pool terminates workers
        deadline = time.monotonic() + 60
        while _alive(worker):
            assert time.monotonic() < deadline, "the worker ignored its parent's SIGTERM"
            time.sleep(0.01)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def test_a_parquet_file_cleaned_into_parquet_is_planned_row_group_by_row_group(tmp_path: Path) -> None:
    # So its row groups spread over the workers: each read by the worker that cleans it.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"text": [f"Row {i}.\n" for i in range(10)]}), path, row_group_size=3)
    task = Task(str(path), str(tmp_path / "out" / "x.parquet"), checkpoints=str(tmp_path / "cp"))
    entries = list(local._plan([task], Settings(), 64))
    assert [e.kind for e in entries] == ["shard"] * 4 + ["finish"]
    assert [e.unit.index for e in entries[:4]] == [0, 1, 2, 3] and not any(e.records for e in entries)
    results = list(run_tasks([task], Settings(), 2))
    assert [r.documents for r in results] == [10]
    assert pq.read_table(tmp_path / "out" / "x.parquet").column("text").to_pylist() == [f"Row {i}.\n" for i in range(10)]


@pytest.mark.fault
@needs_fork
def test_a_row_group_that_kills_its_worker_is_rejected_with_its_rows_and_the_rest_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    real = local.clean_seekable

    def clean_seekable(cleaner, task, settings, unit, first_line=1):  # noqa: ANN001, ANN202
        if unit.index == 1:
            os._exit(139)
        return real(cleaner, task, settings, unit, first_line)

    monkeypatch.setattr(local, "clean_seekable", clean_seekable)
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"n": list(range(10)), "text": [f"Row {i}.\n" for i in range(10)]}), path,
                   row_group_size=4)
    task = Task(str(path), str(tmp_path / "out" / "x.parquet"), checkpoints=str(tmp_path / "cp"))
    [result] = list(run_tasks([task], Settings(), 2))
    [reject] = result.rejects
    assert reject["source"] == f"{path}:5 .. {path}:8" and "4 records" in reject["reason"]
    assert "died" in reject["reason"] and result.documents == 6
    assert pq.read_table(task.target).column("n").to_pylist() == [0, 1, 2, 3, 8, 9]
    assert not Path(task.checkpoints).exists()
