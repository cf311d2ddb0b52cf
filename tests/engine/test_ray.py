"""The Ray engine on a real local Ray instance (2 CPUs): the local engine's outputs byte for
byte, shards skipped when their completion marker is there, a killed worker's task retried, a
killed run finished by a rerun with every document once. Skipped when Ray is not installed."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

ray = pytest.importorskip("ray")

from cleaner.cli import app  # noqa: E402
from cleaner.engine import ray_engine  # noqa: E402
from cleaner.readers.ranges import cut_ranges  # noqa: E402
from cleaner.task.checkpoints import Checkpoints, Unit, UnitKind  # noqa: E402
from cleaner.task.run import Task  # noqa: E402
from cleaner.task.settings import Settings  # noqa: E402
from cleaner.task.stats import RunStats  # noqa: E402
from tests.readers.test_records import make_warc  # noqa: E402

pytestmark = pytest.mark.ray

_TIMINGS = ("wall_seconds", "documents_per_second")


@pytest.fixture(scope="module")
def cluster():
    """One local Ray instance for the module; the engine joins it instead of starting its own."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def _html(i: int) -> str:
    paragraphs = "".join(f"<p>Paragraph {i}.{k}: the harbour board moved the fleet to the outer quay for the "
                         "winter works, the clerk said.</p>" for k in range(4))
    return (f"<html><head><title>Quay {i}</title></head><body><article><h1>Quay {i}</h1>{paragraphs}"
            "<div class='ad-slot'>Buy a boat today</div></article></body></html>")


def _archive(root: Path, records: int = 600) -> Path:
    """Text and HTML files, a plain JSONL dump (large enough to be cut into ranges), a gzip
    JSONL, a WARC, and a bad line or two."""
    (root / "site").mkdir(parents=True)
    for i in range(20):
        (root / "site" / f"note-{i}.txt").write_text(
            f"Advertisement\n\nNote {i}: the ferry; which runs twice a day, was late again.\n", encoding="utf-8")
    (root / "site" / "page.html").write_text(_html(0), encoding="utf-8")
    with (root / "dump.jsonl").open("w", encoding="utf-8") as out:
        for i in range(records):
            if i % 97 == 5:
                out.write("{not json\n")
            elif i % 2:
                out.write(json.dumps({"id": f"r{i}", "html": _html(i), "url": f"https://example.org/{i}"}) + "\n")
            else:
                out.write(json.dumps({"text": f"Google Ads | Google Ads | Google Ads\n\nRecord {i} of the "
                                              "harbour dump.\n", "lang": "en"}) + "\n")
    with gzip.open(root / "small.jsonl.gz", "wt", encoding="utf-8") as out:
        for i in range(30):
            out.write(json.dumps({"text": f"Story continues below advertisement\n\nSmall {i}.\n"}) + "\n")
    make_warc(root / "crawl.warc.gz", gzipped=True)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts}


def _report(folder: Path) -> dict:
    report = json.loads((folder / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    for key in _TIMINGS:
        report.pop(key, None)
    return report


def test_ray_writes_what_the_local_engine_writes_byte_for_byte(cluster, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = _archive(tmp_path / "in")
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 40_000)  # the dump becomes several ranges
    monkeypatch.setattr(ray_engine, "FILES_PER_TASK", 6)
    runner = CliRunner()
    local = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "local"), "--jobs", "2", "-q"])
    remote = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "ray"), "--engine", "ray",
                                 "--address", cluster, "-q"])
    assert local.exit_code == remote.exit_code == 1, remote.output  # the bad lines are rejected
    assert (source / "dump.jsonl").stat().st_size > 3 * 40_000
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert _report(tmp_path / "ray") == _report(tmp_path / "local")
    assert (tmp_path / "ray" / ".cleaner" / "rejects.jsonl").read_bytes() == \
        (tmp_path / "local" / ".cleaner" / "rejects.jsonl").read_bytes()
    assert not (tmp_path / "ray" / ".cleaner" / "shards").exists()  # parts and markers cleared


def test_a_range_with_a_completion_marker_is_not_cleaned_again(cluster, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = _archive(tmp_path / "in", records=300)
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 40_000)
    dump = source / "dump.jsonl"
    task = Task(str(dump), str(tmp_path / "out" / "dump.jsonl"), checkpoints=str(tmp_path / "checkpoints"))
    (start, end), *rest = cut_ranges(str(dump), dump.stat().st_size, 40_000)
    assert rest
    # Range 0 finished by an earlier run: its part and its marker are there.
    checkpoints, first = Checkpoints(task.checkpoints), Unit(UnitKind.RANGE, 0, start, end)
    checkpoints.prepare()
    checkpoints.part(first).write_text('{"text": "done before"}\n', encoding="utf-8")
    checkpoints.mark_done(first, 1, RunStats(documents=1))
    shards: list[tuple[int, int]] = []
    [result] = list(ray_engine.run_tasks([task], Settings(), 2, on_shards=lambda d, t: shards.append((d, t))))
    lines = (tmp_path / "out" / "dump.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"text": "done before"}'
    assert result.documents == 1 + len(lines) - 1
    assert shards[-1] == (len(rest) + 1, len(rest) + 1) and [d for d, _ in shards] == sorted(d for d, _ in shards)


def _driver(out: Path, source: Path, address: str | None, range_bytes: int = 30_000) -> list[str]:
    """A run in its own process, with the dump cut into small ranges; without an address it
    starts a Ray instance of its own."""
    code = (f"import sys; import cleaner.engine.ray_engine as r; r.RANGE_BYTES = {range_bytes}; "
            "from cleaner.cli import app; app(sys.argv[1:])")
    joining = ["--address", address] if address else []
    # faulthandler: a driver that crashes in native code says where.
    return [sys.executable, "-X", "faulthandler", "-c", code, "clean", str(source), "--out", str(out),
            "--engine", "ray", *joining, "-q"]


def _local_run(source: Path, out: Path) -> Path:
    """What the local engine writes for ``source``: the reference a Ray run must equal."""
    CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "--jobs", "1", "-q"])
    return out


def _wait_for(predicate, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def _markers(out: Path) -> int:
    return sum(1 for _ in (out / ".cleaner" / "shards").glob("*/range-*.done.json")) \
        if (out / ".cleaner" / "shards").is_dir() else 0


@pytest.mark.fault
def test_a_run_killed_outright_is_finished_by_a_rerun_with_every_document_once(cluster, tmp_path: Path) -> None:
    source = _archive(tmp_path / "in", records=1500)
    expected = _local_run(source, tmp_path / "local")
    out = tmp_path / "ray"
    driver = subprocess.Popen(_driver(out, source, cluster), start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _markers(out) >= 2 or driver.poll() is not None)
    finally:
        os.killpg(driver.pid, signal.SIGKILL)
        driver.wait()
    assert not (out / "dump.jsonl").exists(), "the run ended before it could be killed"
    rerun = subprocess.run(_driver(out, source, cluster), capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 1, rerun.stderr  # the bad lines, as in the local run
    assert _files(out) == _files(expected)
    ids = [json.loads(line)["cleaner"]["id"] for line in (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids))
    assert not list(out.rglob("*.tmp*"))


@pytest.mark.fault
def test_a_worker_killed_mid_task_is_retried_and_the_run_finishes(cluster, tmp_path: Path) -> None:
    source = _archive(tmp_path / "in", records=1500)
    expected = _local_run(source, tmp_path / "local")
    out = tmp_path / "ray"
    log = tmp_path / "driver.log"
    with log.open("wb") as said:  # the driver's own account, for the failure message
        driver = subprocess.Popen(_driver(out, source, cluster), stdout=subprocess.DEVNULL, stderr=said)
    killed = False
    try:
        deadline = time.monotonic() + 60
        while not killed and driver.poll() is None and time.monotonic() < deadline:
            found = subprocess.run(["pgrep", "-f", "ray::_clean_range"], capture_output=True, text=True, check=False)
            for pid in found.stdout.split():
                os.kill(int(pid), signal.SIGKILL)
                killed = True
                break
            time.sleep(0.02)
        driver.wait(timeout=300)
    finally:
        if driver.poll() is None:
            driver.kill()
    assert killed, "no range task was seen running"
    assert driver.returncode == 1, log.read_text(encoding="utf-8", errors="replace")[-4000:]
    assert _files(out) == _files(expected)


def test_site_boilerplate_is_learned_on_ray_as_it_is_locally(cluster, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Counts are of lines with digits folded, so the stories differ in words.
    things = ["ferry", "crane", "lighthouse", "fish market", "dry dock", "pilot boat", "customs shed", "slipway",
              "breakwater", "chandlery", "tide gauge", "ice plant"]
    verbs = ["was repainted", "reopened", "closed for repairs", "changed hands", "flooded", "won an award",
             "lost its roof", "got a new manager", "was sold", "moved north"]
    source = tmp_path / "in"
    (source / "harbour-times").mkdir(parents=True)
    footer = "Subscribe to the Harbour Times newsletter for the week's news"
    for i in range(8):
        (source / "harbour-times" / f"story-{i}.txt").write_text(
            f"The {things[i]} {verbs[i]} this week, the harbour office said.\n\nNeighbours of the {things[i]} "
            f"said it {verbs[(i + 3) % len(verbs)]} too, which nobody had expected.\n\n{footer}\n", encoding="utf-8")
    with (source / "dump.jsonl").open("w", encoding="utf-8") as out:
        for i in range(120):
            thing, verb = things[i % len(things)], verbs[(i // len(things)) % len(verbs)]
            out.write(json.dumps({"url": f"https://quay.example.org/{i}",
                                  "text": f"At the quay, the {thing} {verb} after a long winter of works.\n\n"
                                          "Read more from the Quay Gazette archive pages\n"}) + "\n")
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 6_000)
    runner = CliRunner()
    local = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "local"), "--learn-boilerplate",
                                "-q"])
    remote = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "ray"), "--learn-boilerplate",
                                 "--engine", "ray", "--address", cluster, "-q"])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert (source / "dump.jsonl").stat().st_size > 2 * 6_000  # counted range by range
    learned = (tmp_path / "ray" / ".cleaner" / "boilerplate.json").read_bytes()
    assert learned == (tmp_path / "local" / ".cleaner" / "boilerplate.json").read_bytes()
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert footer not in (tmp_path / "ray" / "harbour-times" / "story-3.txt").read_text(encoding="utf-8")
    assert "Read more from the Quay Gazette" not in (tmp_path / "ray" / "dump.jsonl").read_text(encoding="utf-8")
    assert "The crane reopened" in (tmp_path / "ray" / "harbour-times" / "story-1.txt").read_text(encoding="utf-8")


def test_inputs_and_outputs_named_by_url_on_ray(cluster, tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    source = _archive(tmp_path / "in", records=200)
    runner = CliRunner()
    local = runner.invoke(app, ["clean", source.as_uri(), "--out", (tmp_path / "local").as_uri(), "--jobs", "1",
                                "-q"])
    remote = runner.invoke(app, ["clean", source.as_uri(), "--out", (tmp_path / "ray").as_uri(), "--engine", "ray",
                                 "--address", cluster, "-q"])
    assert local.exit_code == remote.exit_code == 1, remote.output
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert _report(tmp_path / "ray") == _report(tmp_path / "local")


# Tasks that fail for good: stand-ins for the engine's task functions, sent to the workers by
# reference (they import this module), failing on one input and doing the real work elsewhere.
def clean_files_failing_on_poison(key, job, tasks):
    if any(Path(task.path).name == "poison.txt" for task in tasks):
        raise RuntimeError("a native library crashed")
    return ray_engine._clean_files(key, job, tasks)


def clean_range_failing_on_the_second(key, job, task, unit, first_line):
    if unit.index == 1:
        raise RuntimeError("the node ran out of memory")
    return ray_engine._clean_range(key, job, task, unit, first_line)


@pytest.mark.fault
def test_a_task_that_fails_for_good_is_recorded_with_its_error_and_the_run_goes_on(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _archive(tmp_path / "in", records=300)
    (source / "site" / "poison.txt").write_text("Advertisement\n\nPoison.\n", encoding="utf-8")
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 40_000)
    monkeypatch.setattr(ray_engine, "FILES_PER_TASK", 6)
    monkeypatch.setattr(ray_engine, "_clean_files", clean_files_failing_on_poison)
    monkeypatch.setattr(ray_engine, "_clean_range", clean_range_failing_on_the_second)
    out = tmp_path / "ray"
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "--engine", "ray",
                                      "--address", cluster, "-q"])
    assert result.exit_code == 1, result.output
    rejects = [json.loads(line) for line in (out / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    poison = [r for r in rejects if r["source"].endswith("poison.txt")]
    assert len(poison) == 1 and "a native library crashed" in poison[0]["reason"]
    [lost] = [r for r in rejects if "@" in r["source"]]
    assert lost["source"].startswith(str(source / "dump.jsonl") + "@") and "out of memory" in lost["reason"]
    # Its chunk-mates are written; the dump has every range but the lost one.
    assert (out / "site" / "note-3.txt").exists() and not (out / "site" / "poison.txt").exists()
    written = (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()
    assert 0 < len(written) < 300


def _parquet_folder(root: Path) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    root.mkdir(parents=True)
    rows = [f"Advertisement\nRow {i} of the quay's ledger.\n" for i in range(30)]
    pq.write_table(pa.table({"n": list(range(30)), "text": rows}), root / "ledger.parquet", row_group_size=8)
    (root / "note.txt").write_text("Advertisement\nA note.\n", encoding="utf-8")
    return root


def test_the_row_groups_of_a_parquet_file_are_tasks_of_their_own_and_the_output_is_the_local_one(
        cluster, tmp_path: Path) -> None:
    source = _parquet_folder(tmp_path / "in")
    runner = CliRunner()
    local = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "local"), "--jobs", "1", "-q"])
    remote = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path / "ray"), "--engine", "ray",
                                 "--address", cluster, "-q"])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert _report(tmp_path / "ray") == _report(tmp_path / "local")
    steps = ray_engine._plan([Task(str(source / "ledger.parquet"), str(tmp_path / "o.parquet"),
                                   checkpoints=str(tmp_path / "cp"))], Settings(), 2, None)
    assert [(s.kind, s.unit.index if s.unit else None) for s in steps] == [  # row groups: no lines counted
        ("range", 0), ("range", 1), ("range", 2), ("range", 3), ("join", None)]


@pytest.mark.fault
def test_a_row_group_that_fails_for_good_is_rejected_and_the_rest_of_the_file_written(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = _parquet_folder(tmp_path / "in")
    monkeypatch.setattr(ray_engine, "_clean_range", clean_range_failing_on_the_second)
    out = tmp_path / "ray"
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "--engine", "ray",
                                      "--address", cluster, "-q"])
    assert result.exit_code == 1, result.output
    [reject] = [json.loads(line) for line in (out / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    assert reject["source"] == f"{source / 'ledger.parquet'} row group 2" and "out of memory" in reject["reason"]
    assert pq.read_table(out / "ledger.parquet").column("n").to_pylist() == [*range(8), *range(16, 30)]
    assert (out / "note.txt").read_text(encoding="utf-8") == "A note.\n"


def test_one_dump_is_cut_into_enough_ranges_to_keep_every_cpu_busy() -> None:
    mb = 1 << 20
    assert 48 * mb // ray_engine.range_size(48 * mb, 2) == 3  # 4 ranges, the last one short
    assert ray_engine.range_size(48 * mb, 2) >= 12 * mb
    assert ray_engine.range_size(10_000 * mb, 2) == ray_engine.RANGE_BYTES  # at most 64 MB a task
    assert ray_engine.range_size(5 * mb, 64) == ray_engine.MIN_RANGE_BYTES  # at least 4 MB a task


def test_workers_clean_with_the_rule_set_the_driver_read_not_their_own_files(cluster, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # The driver reads the rule set once (here: the default set with the ad-label rule off);
    # workers use what it sent, so rule files need not exist on the cluster's nodes.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Advertisement\n\nThe quay reopens on Monday.\n", encoding="utf-8")
    real = ray_engine.resolve_rule_set
    monkeypatch.setattr(ray_engine, "resolve_rule_set", lambda settings: real(Settings(disable=("ads.label",))))
    task = Task(str(tmp_path / "in" / "a.txt"), str(tmp_path / "out" / "a.txt"))
    [result] = list(ray_engine.run_tasks([task], Settings(), 2))
    assert result.documents == 1
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").startswith("Advertisement")


@pytest.mark.bad_input
def test_a_cluster_out_of_reach_is_a_clear_error_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Advertisement\n\nThe quay reopens.\n", encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(tmp_path / "in"), "-o",
                          str(tmp_path / "out"), "--engine", "ray", "--address", "127.0.0.1:1"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2
    assert "--address 127.0.0.1:1: nothing answers there" in run.stderr and "ray start --head" in run.stderr
    assert "Traceback" not in run.stderr and time.monotonic() - started < 60
    assert not (tmp_path / "out").exists()


@pytest.mark.fault
def test_ctrl_c_on_ray_stops_cleanly_says_how_to_resume_and_the_rerun_finishes(tmp_path: Path) -> None:
    # The command starts (and must stop) a Ray instance of its own here: no --address.
    # Ranges enough that the run is still going when Ctrl-C reaches it, even when this process
    # wakes seconds late on a loaded machine.
    source = _archive(tmp_path / "in", records=3000)
    expected = _local_run(source, tmp_path / "local")
    out = tmp_path / "ray"
    command = _driver(out, source, None, range_bytes=15_000)
    driver = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    _wait_for(lambda: _markers(out) >= 2 or driver.poll() is not None, seconds=120)
    assert driver.poll() is None, "the run ended before Ctrl-C could reach it"
    os.killpg(driver.pid, signal.SIGINT)
    _, stderr = driver.communicate(timeout=120)
    assert driver.returncode == 130, stderr
    assert "interrupted" in stderr and "Run the same command again" in stderr and "Traceback" not in stderr
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 1, rerun.stderr  # the bad lines, as in the local run
    assert _files(out) == _files(expected)


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing on the way catches it."""


@pytest.mark.fault
def test_a_dump_cleaned_in_place_in_ranges_is_cleaned_once_when_the_run_dies_before_recording_it(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.manifest as manifest

    # Cleaning prints the escaped shortcode [[gallery]] as the literal [gallery], which a
    # second cleaning removes: a record cleaned twice loses it.
    (tmp_path / "in").mkdir()
    dump = tmp_path / "in" / "dump.jsonl"
    original = "".join(json.dumps({"id": f"r{i}", "text": f"Advertisement\nStory {i} of the quay.\n\nShown as "
                                   f"[[gallery]] in the post.\n"}) + "\n" for i in range(400))
    dump.write_text(original, encoding="utf-8")
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 8_000)  # the dump is cut into ranges
    command = ["clean", str(tmp_path / "in"), "--in-place", "--backup-suffix", ".orig", "--engine", "ray",
               "--address", cluster, "-q"]

    def killed(self, force=False):  # noqa: ANN001, ANN202
        raise Killed

    # The run dies right after the joined dump was put in place, before the manifest says so.
    monkeypatch.setattr(manifest.Manifest, "save", killed)
    with pytest.raises(Killed):
        CliRunner().invoke(app, command)
    monkeypatch.undo()
    monkeypatch.setattr(ray_engine, "RANGE_BYTES", 8_000)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 400
    assert all(r["text"] == f"Story {i} of the quay.\n\nShown as [gallery] in the post.\n"
               for i, r in enumerate(records))  # cleaned once, from the original
    assert (tmp_path / "in" / "dump.jsonl.orig").read_text(encoding="utf-8") == original


def count_files_failing_on_poison(key, job, tasks):
    if any("poison" in Path(task.path).name for task in tasks):
        raise RuntimeError("a native library crashed")
    return ray_engine._count_files(key, job, tasks)


@pytest.mark.fault
def test_a_boilerplate_count_task_that_fails_is_said_and_recorded_and_the_rest_is_counted(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in" / "site"
    source.mkdir(parents=True)
    for i in range(8):
        (source / f"note-{i}.txt").write_text(f"Subscribe to the harbour newsletter today\n\nNote {i} of the "
                                              "quay.\n", encoding="utf-8")
    (source / "note-2-poison.txt").write_text("Poison.\n", encoding="utf-8")  # in the first chunk
    monkeypatch.setattr(ray_engine, "FILES_PER_TASK", 4)
    monkeypatch.setattr(ray_engine, "_count_files", count_files_failing_on_poison)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "--out", str(out), "--engine", "ray",
                                      "--address", cluster, "--learn-boilerplate"])
    assert result.exit_code == 0, result.output
    assert "note-2-poison.txt: left out of the boilerplate counts" in result.output
    assert "a native library crashed" in result.output
    warnings = [json.loads(line)["warning"] for line in (out / ".cleaner" / "warnings.jsonl").read_text().splitlines()]
    assert any("note-2-poison.txt: left out of the boilerplate counts" in w for w in warnings)
    counts = json.loads((out / ".cleaner" / "boilerplate.json").read_text(encoding="utf-8"))
    assert counts["site"]["documents"] == 8  # its chunk-mates are counted
    assert (out / "site" / "note-3.txt").read_text(encoding="utf-8") == "Note 3 of the quay.\n"


def test_the_driver_takes_tasks_as_it_has_room_for_them(cluster, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # A walked plan makes its tasks as the walk goes: the driver holds the steps in flight,
    # never the whole run, and still gives every result in order.
    monkeypatch.setattr(ray_engine, "FILES_PER_TASK", 2)
    (tmp_path / "in").mkdir()
    for i in range(120):
        (tmp_path / "in" / f"{i:03}.txt").write_text(f"Advertisement\nNote {i}.\n", encoding="utf-8")
    taken: list[int] = []

    def tasks():  # noqa: ANN202 - a generator
        for i in range(120):
            taken.append(i)
            yield Task(str(tmp_path / "in" / f"{i:03}.txt"), str(tmp_path / "out" / f"{i:03}.txt"))

    results = ray_engine.run_tasks(tasks(), Settings(), 2)
    first = next(results)
    window_tasks = 2 * ray_engine._IN_FLIGHT_PER_CPU * 2 * 2  # CPUs x steps a CPU x files a step, twice over
    assert first.documents == 1 and len(taken) <= window_tasks < 120
    rest = list(results)
    assert len(rest) == 119 and len(taken) == 120
    assert [(tmp_path / "out" / f"{i:03}.txt").read_text(encoding="utf-8") for i in (0, 119)] == ["Note 0.\n",
                                                                                                 "Note 119.\n"]
