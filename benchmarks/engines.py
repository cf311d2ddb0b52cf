"""The ``cleaner clean`` command with ``--engine ray`` against ``--engine local`` on one machine:
what running the same work as Ray tasks costs, with and without starting a Ray instance, and
whether the outputs stay byte-identical. Every figure comes from the command run as a
subprocess (``python -m cleaner.cli`` in this checkout's root, so the command and the Ray
workers, which take the driver's working folder on their path, run this checkout; the commit
is printed).

The archive is ``batch.py``'s (its generators are imported from there): a synthetic scraped
archive built from the sentences of the article-extraction ground truth
(``../shared/benchmarks/article-extraction/``; invented paragraphs if it is absent, and the run
says which), about half HTML pages and half plain text, 2-5 KB each, one file each over
``--folders`` subfolders; and the same documents (same count and seed) as records of ONE plain
JSONL file. Everything is generated under a fresh temporary folder (inside ``--workdir`` if
given), deleted at the end unless ``--keep``.

Before the runs, one Ray instance is started for the whole benchmark (``ray start --head
--block --num-cpus JOBS --disable-usage-stats --include-dashboard=false``, with free ports, a
temporary folder of its own so that no other ``ray.init()`` on the machine finds it, and token
authentication with a token of its own, given to the runs that join it). It is stopped at the
end, also on failure, Ctrl-C or SIGTERM, by ending the process this script started (its Ray
processes go with it) and then anything left in that process's session: never ``ray stop``,
which would end every Ray instance on the machine.

1. Folder archive. ``cleaner clean SRC --out OUT --jobs JOBS --quiet`` with ``--engine local``;
   with ``--engine ray`` (no ``--address``: the command starts a local Ray instance of JOBS
   CPUs and stops it at the end, all inside the timed run); and with ``--engine ray --address
   GCS`` (joining the instance started beforehand: the steady-state cost of Ray, without its
   start-up). ``--repeats`` rounds; each round runs the three once, in an order rotated from
   round to round so that drift in the machine's load falls on all of them; each run writes
   into a fresh OUT. The whole command is timed (start-up, discovery and writing included),
   after an ``os.sync()`` so that no run pays for the disk writes of the step before.
2. One JSONL file. ``cleaner clean dump.jsonl --out OUT --jobs JOBS --quiet``: ``--engine
   local``; ``--engine ray --address GCS`` with ``RANGE_BYTES`` at its default (the engine cuts
   the file into two ranges a CPU, here 4 of 12 MB); and the same with ``RANGE_BYTES`` set to
   ``--range-mb`` MB (default 8) by a small ``python -c`` driver that sets
   ``cleaner.engine.ray_engine.RANGE_BYTES`` and then runs the command, so the file is cut
   into byte ranges cleaned in parallel. Rounds as in part 1.

The machine may be shared: before each run the script waits (up to ``--quiet-wait`` seconds)
until under 0.3 cores are busy, and it measures the CPU the machine's other processes used
during each run (from ``/proc``: a lower bound). A round in which they kept more than
``--max-other-load`` cores (default 0.25) busy during one of its runs is set aside and run again
(``--extra-rounds`` times at most, default as many as ``--repeats``); the figures are those of
the rounds kept, and the rounds set aside are listed with their times.

After every round, each Ray run's outputs are compared with the local run's of the same round,
file by file (``.cleaner/`` aside): "byte-identical: yes/no", for every round run. Reported per
part: median wall seconds and their range, documents per second, the ratio ray / local (median
over median: the overhead ratio; also per round), the median time of the command's own loop
from its ``report.json``, and the CPU seconds the idle pre-started Ray instance used during the runs
that do not join it (its processes, read from ``/proc``): the share of the machine it took from
them. (During a joined run the figure would leave out the workers: they exit with the job, and
the raylet does not collect their CPU times.)

Default: 10,000 documents in 100 folders, 3 rounds (10-20 minutes on 2 cores). ``--quick``:
2,000 documents, 1 round. Run from the repository root:

    .venv/bin/python benchmarks/engines.py [--quick] [--docs 10000] [--repeats 3] [--jobs 2]
        [--range-mb 8] [--quiet-wait 300] [--max-other-load 0.25] [--extra-rounds N]
        [--parts folder jsonl] [--workdir DIR] [--keep] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

# _common puts this checkout on sys.path; batch builds the archive and checks outputs.
from _common import REPO_ROOT, finish, load_articles, print_table
from batch import (
    DEFAULT_DOCS,
    DEFAULT_FOLDERS,
    QUICK_DOCS,
    build_folder,
    checkout_state,
    compare_trees,
    completeness,
    jsonl_lines,
    read_report,
    tree_digests,
    write_archive_dump,
    yes_no,
)
from throughput import sentence_pool

MIB = 1 << 20  # RANGE_BYTES counts in these ("64 MB" is 64 << 20 bytes)
DEFAULT_REPEATS, QUICK_REPEATS = 3, 1
DEFAULT_JOBS = 2
DEFAULT_RANGE_MB = 8
PARTS = ("folder", "jsonl")
RAY_START_TIMEOUT = 120  # seconds for the pre-started instance to come up
RAY_STOP_TIMEOUT = 30  # seconds for it to stop its processes after SIGTERM, before SIGKILL
COMMAND_STOP_TIMEOUT = 20  # seconds for an interrupted command to stop after SIGINT, before SIGKILL
LEFTOVER_GRACE = 10  # seconds a finished command's processes (its Ray instance's) have to go
# Before each run, wait (up to --quiet-wait s) until fewer cores than this are busy: other
# people's work on a shared machine would fall on the run.
QUIET_CORES = 0.3
DEFAULT_QUIET_WAIT = 300
DEFAULT_MAX_OTHER_LOAD = 0.25
# The command, run from the repository root so that this checkout is the one imported.
CLEANER = [sys.executable, "-m", "cleaner.cli"]
# ``cleaner`` with RANGE_BYTES set first: python -c DRIVER BYTES clean ARGS...
RANGE_DRIVER = ("import sys\n"
                "import cleaner.engine.ray_engine as ray_engine\n"
                "ray_engine.RANGE_BYTES = int(sys.argv[1])\n"
                "from cleaner.cli import main\n"
                "sys.argv = ['cleaner', *sys.argv[2:]]\n"
                "main()\n")

# The runs compared: the local engine; Ray started by the command itself; joining the Ray
# instance started beforehand; the same with smaller byte ranges. Their output folders' names.
LOCAL, RAY_OWN, RAY_JOINED, RAY_RANGES = "local", "ray (starts Ray)", "ray (joins)", "ray (joins, small ranges)"
JOINING = {RAY_JOINED, RAY_RANGES}
SLUGS = {LOCAL: "local", RAY_OWN: "ray-own", RAY_JOINED: "ray-joined", RAY_RANGES: "ray-ranges"}


# ---------------------------------------------------------------- the pre-started Ray instance


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on now (held open together, so they differ)."""
    sockets = []
    try:
        for _ in range(count):
            held = socket.socket()
            held.bind(("", 0))
            sockets.append(held)
        return [held.getsockname()[1] for held in sockets]
    finally:
        for held in sockets:
            held.close()


def ray_command() -> str:
    beside = Path(sys.executable).parent / "ray"
    found = str(beside) if beside.exists() else shutil.which("ray")
    if not found:
        raise SystemExit("error: no 'ray' command beside this Python or on PATH (pip install 'cleaner[ray]')")
    return found


def process_stats() -> dict[int, list[str]] | None:
    """The ``/proc/PID/stat`` fields after the command name (state, ppid, pgrp, session, ...)
    of every process; None without ``/proc``."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    found = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        found[int(entry.name)] = stat[stat.rfind(")") + 2:].split()
    return found


def session_stats(sid: int) -> dict[int, list[str]] | None:
    stats = process_stats()
    return None if stats is None else {pid: fields for pid, fields in stats.items() if int(fields[3]) == sid}


def live_in_session(sid: int) -> list[int]:
    """The processes of session ``sid`` that are not zombies (an orphaned zombie is dead and
    holds nothing but its process table entry, which its new parent collects)."""
    return [pid for pid, fields in (session_stats(sid) or {}).items() if fields[0] != "Z"]


def stop(process: subprocess.Popen, sig: int, timeout: float) -> None:
    """Ask a process started in a session of its own to stop (``sig``), wait up to ``timeout``,
    then SIGKILL whatever is left of its session."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    kill_session(process.pid)
    process.wait()


def kill_session(sid: int) -> int:
    """SIGKILL to every process left in session ``sid`` (one this script started with
    ``start_new_session``: all of it descends from that process); how many there were."""
    left = live_in_session(sid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(left)


def cpu_ticks(fields: list[str]) -> int:
    """utime + stime + cutime + cstime (the 14th to 17th fields of the line): a process's CPU
    with that of the children it has reaped (a Ray worker that exits is reaped by the raylet)."""
    return sum(int(f) for f in fields[11:15])


def cpu_between(before: dict[int, list[str]] | None, after: dict[int, list[str]] | None,
                sessions: set[int]) -> dict[str, float] | None:
    """CPU seconds used between two ``process_stats()``: by the processes of ``sessions``
    ("ours") and by every other process but this one ("others": the machine's other load, which
    falls on the run measured). A process that ended in between and that nobody still there
    reaped is missed, so "others" is a lower bound."""
    if before is None or after is None:
        return None
    ours = others = 0
    for pid, fields in after.items():
        if pid == os.getpid():
            continue
        earlier = before.get(pid)
        # Same process if it started at the same time (field 22): else a new one, counted whole.
        used = cpu_ticks(fields) - (cpu_ticks(earlier) if earlier and earlier[19] == fields[19] else 0)
        if int(fields[3]) in sessions:
            ours += used
        else:
            others += used
    ticks = os.sysconf("SC_CLK_TCK")
    return {"ours": ours / ticks, "others": others / ticks}


def machine_busy(seconds: float = 1.0) -> float | None:
    """Cores busy over ``seconds``, from ``/proc/stat``; None without it."""
    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = values[3] + values[4]  # idle, iowait
        return sum(values[:8]) - idle, sum(values[:8])

    try:
        busy_before, total_before = sample()
        time.sleep(seconds)
        busy_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    return (busy_after - busy_before) / max(1, total_after - total_before) * (os.cpu_count() or 1)


def wait_for_quiet(limit: float) -> tuple[float, float | None]:
    """Wait, up to ``limit`` seconds, until the machine is about idle (under QUIET_CORES busy
    over a second: the idle Ray instance alone keeps it well under); the seconds waited and
    the last load seen."""
    started = time.monotonic()
    while True:
        busy = machine_busy()
        waited = time.monotonic() - started
        if busy is None or busy < QUIET_CORES or waited >= limit:
            return waited, busy


class RayInstance:
    """``ray start --head --block`` in a session of its own, which its Ray processes share
    (Ray workers each get a process group of their own, but stay in the session); stopped on
    leaving the ``with`` block, whatever happened inside it."""

    def __init__(self, cpus: int, work: Path) -> None:
        self.cpus = cpus
        self.log_path = work / "ray-start.log"
        self.token = secrets.token_hex(32)
        self.process: subprocess.Popen | None = None
        self.temp: Path | None = None
        self.address = ""
        self.start_seconds = 0.0

    def env(self) -> dict[str, str]:
        """The environment of the instance and of every run that joins it."""
        return {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": self.token}

    def __enter__(self) -> Self:
        # Its own temporary folder (short: Ray's socket paths live under it): ``ray start``
        # writes the address there, where no ``ray.init()`` of another program looks.
        self.temp = Path(tempfile.mkdtemp(prefix="ray-"))
        port, agent_port = free_ports(2)
        command = [ray_command(), "start", "--head", "--block", "--num-cpus", str(self.cpus),
                   "--disable-usage-stats", "--include-dashboard=false", "--port", str(port),
                   "--dashboard-agent-listen-port", str(agent_port), "--temp-dir", str(self.temp)]
        address_file = self.temp / "ray_current_cluster"
        started = time.perf_counter()
        try:
            with self.log_path.open("wb") as log:
                self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT,
                                                env=self.env(), start_new_session=True)
            while not (address_file.exists() and address_file.read_text().strip()):
                if self.process.poll() is not None:
                    raise RuntimeError(f"ray start exited with {self.process.returncode}")
                if time.perf_counter() - started > RAY_START_TIMEOUT:
                    raise RuntimeError(f"ray start did not come up in {RAY_START_TIMEOUT} s")
                time.sleep(0.1)
        except (OSError, RuntimeError) as exc:
            self.stop()
            tail = "\n".join(self.log_path.read_text(errors="replace").strip().splitlines()[-10:])
            raise SystemExit(f"error: could not start a Ray instance ({exc}):\n{tail}") from None
        except BaseException:  # Ctrl-C while it comes up: it goes down too
            self.stop()
            raise
        self.start_seconds = time.perf_counter() - started
        self.address = address_file.read_text().strip()
        return self

    @property
    def sid(self) -> int:
        """The session of its processes (that of the ``ray start`` process)."""
        return self.process.pid if self.process else -1

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """SIGTERM to ``ray start --block``, which stops the Ray processes it started; then
        SIGKILL to any process left in its session (started by it: none is anyone else's)."""
        process, self.process = self.process, None
        if process is not None:
            stop(process, signal.SIGTERM, RAY_STOP_TIMEOUT)
        if self.temp is not None:
            shutil.rmtree(self.temp, ignore_errors=True)
            self.temp = None


# ---------------------------------------------------------------- running and checking


def run_timed(command: list[str], env: dict[str, str], instance_sid: int) -> dict[str, Any]:
    """A command timed as batch.py times it (after ``os.sync()``, so that no run pays for the
    disk writes of the step before), from the repository root, in a session of its own: a Ray
    instance it starts is in there too. Interrupted, the command gets a SIGINT (it stops its Ray
    instance on the way out), then whatever is left of the session a SIGKILL. Processes the
    command leaves behind when it ends are counted and ended. Also measured: the CPU seconds
    other processes of the machine used meanwhile, and the pre-started Ray instance's."""
    os.sync()
    before = process_stats()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        _, stderr = process.communicate()
    except BaseException:
        stop(process, signal.SIGINT, COMMAND_STOP_TIMEOUT)
        raise
    seconds = time.perf_counter() - started
    after = process_stats()
    others = cpu_between(before, after, {process.pid, instance_sid})
    instance = cpu_between(before, after, {instance_sid})
    # Ray's processes take a moment to go after their driver: give them that, then count.
    deadline = time.monotonic() + LEFTOVER_GRACE
    while live_in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = kill_session(process.pid)
    return {"seconds": seconds, "returncode": process.returncode, "stderr": stderr, "left_behind": left,
            "others_cpu_s": None if others is None else others["others"],
            "instance_cpu_s": None if instance is None else instance["ours"]}


def rotated(items: list[str], turn: int) -> list[str]:
    turn %= len(items)
    return items[turn:] + items[:turn]


def run_one(label: str, attempt: int, command: list[str], env: dict[str, str], out: Path, instance: RayInstance,
            quiet_wait: float) -> dict[str, Any]:
    waited, busy = wait_for_quiet(quiet_wait)
    if busy is not None and busy >= QUIET_CORES:
        print(f"NOTE: the machine is still busy ({busy:.1f} cores) after waiting {waited:.0f} s; "
              f"{label}, round {attempt} runs anyway", flush=True)
    run = run_timed(command, env, instance.sid)
    lines = run["stderr"].strip().splitlines()
    if run["returncode"] != 0:
        tail = "\n".join(lines[-5:])
        print(f"WARNING: {label}, round {attempt} exited with {run['returncode']}" + (f":\n{tail}" if tail else ""),
              flush=True)
    elif lines:
        print(f"NOTE: {label}, round {attempt} wrote {len(lines)} line(s) to stderr: {lines[0][:200]}", flush=True)
    if run["left_behind"]:
        print(f"WARNING: {label}, round {attempt} left {run['left_behind']} process(es) running {LEFTOVER_GRACE} s "
              "after it ended (ended now)", flush=True)
    return {"round": attempt, "wall_s": run["seconds"], "returncode": run["returncode"],
            "stderr_tail": "\n".join(lines[-5:]), "stderr_lines": len(lines), "left_behind": run["left_behind"],
            "tool_wall_s": read_report(out).get("wall_seconds"), "instance_cpu_s": run["instance_cpu_s"],
            "others_cpu_s": run["others_cpu_s"],
            "others_cores": None if run["others_cpu_s"] is None else run["others_cpu_s"] / run["seconds"],
            "waited_for_quiet_s": waited, "busy_before": busy}


@dataclass
class Rounds:
    repeats: int
    quiet_wait: float
    max_other_load: float
    extra_rounds: int


def run_rounds(variants: dict[str, Callable[[Path], tuple[list[str], dict[str, str]]]], work: Path, name: str,
               options: Rounds, instance: RayInstance, check: Callable[[Path, Path], dict[str, Any]]) -> dict[str, Any]:
    """Rounds of every variant, in an order rotated each round, each into a fresh
    WORK/NAME-VARIANT-runN; after a round, every Ray run's outputs against the local run's. A
    round during which other processes kept more than ``max_other_load`` cores busy in one of
    its runs is set aside and run again, ``extra_rounds`` times at most; ``repeats`` rounds are
    kept: the undisturbed ones, and if there are too few of those, the least disturbed others."""
    repeats, max_other_load = options.repeats, options.max_other_load
    labels = list(variants)
    rounds = []
    for attempt in range(1, repeats + options.extra_rounds + 1):
        runs, outs = {}, {}
        for label in rotated(labels, attempt - 1):
            outs[label] = work / f"{name}-{SLUGS[label]}-run{attempt}"
            command, env = variants[label](outs[label])
            runs[label] = run_one(label, attempt, command, env, outs[label], instance, options.quiet_wait)
        checks = {label: check(outs[LOCAL], outs[label]) for label in labels if label != LOCAL}
        load = max((r["others_cores"] or 0.0) for r in runs.values())
        rounds.append({"round": attempt, "runs": runs, "checks": checks, "max_other_load": load,
                       "disturbed": load > max_other_load})
        print(f"  round {attempt}: " + "; ".join(f"{label} {describe(runs[label])}" for label in labels)
              + "; byte-identical to local: " + "; ".join(f"{k} {yes_no(c['identical'])}" for k, c in checks.items())
              + (f" -- DISTURBED (other load up to {load:.2f} cores): set aside" if load > max_other_load else ""),
              flush=True)
        if sum(not r["disturbed"] for r in rounds) >= repeats:
            break
    kept = [r for r in rounds if not r["disturbed"]][:repeats]
    if len(kept) < repeats:
        print(f"NOTE: only {len(kept)} undisturbed round(s) in {len(rounds)}; the least disturbed others make up "
              f"the {repeats}", flush=True)
        kept += sorted((r for r in rounds if r["disturbed"]), key=lambda r: r["max_other_load"])[:repeats - len(kept)]
    kept.sort(key=lambda r: r["round"])
    return {"runs": {label: [r["runs"][label] for r in kept] for label in labels},
            # Every round's checks, kept or not: each ran the same commands.
            "checks": {label: [r["checks"][label] for r in rounds] for label in labels if label != LOCAL},
            "kept_rounds": [r["round"] for r in kept],
            "set_aside": [{"round": r["round"], "max_other_load": r["max_other_load"],
                           "walls_s": {label: run["wall_s"] for label, run in r["runs"].items()}}
                          for r in rounds if r not in kept],
            "failed_runs": [{"run": label, **run} for r in rounds for label, run in r["runs"].items()
                            if run["returncode"] != 0]}


def describe(run: dict[str, Any]) -> str:
    """A run's wall time, and the other load on the machine during it where there was some."""
    load = run["others_cores"]
    return f"{run['wall_s']:.1f} s" + (f" (other load {load:.2f} cores)" if load is not None and load >= 0.05 else "")


def summarise(measured: dict[str, Any], documents: int) -> dict[str, Any]:
    runs = measured["runs"]
    local = [r["wall_s"] for r in runs[LOCAL]]
    rows = []
    for label, per_run in runs.items():
        walls = [r["wall_s"] for r in per_run]
        median = statistics.median(walls)
        tool = [r["tool_wall_s"] for r in per_run if r["tool_wall_s"]]
        instance = [r["instance_cpu_s"] for r in per_run if r["instance_cpu_s"] is not None]
        others = [r["others_cores"] for r in per_run if r["others_cores"] is not None]
        checks = measured["checks"].get(label)  # all rounds
        rows.append({"run": label, "runs": len(walls), "median_wall_s": median, "walls_s": walls,
                     "min_wall_s": min(walls), "max_wall_s": max(walls), "docs_per_s": documents / median,
                     "median_tool_wall_s": statistics.median(tool) if tool else None,
                     "median_instance_cpu_s": statistics.median(instance) if instance else None,
                     "others_cores": others, "max_others_cores": max(others) if others else None,
                     "ratio": median / statistics.median(local),
                     # Each round ran all of them, next to each other: less exposed to drift.
                     "round_ratios": [w / l for w, l in zip(walls, local, strict=True)],
                     "identical": None if checks is None else all(c["identical"] for c in checks),
                     "identical_rounds": None if checks is None else [c["identical"] for c in checks]})
    return {"rows": rows}


def ratios(row: dict[str, Any]) -> list[str]:
    """A run's ratio to local, median over median and per round; blank for local itself."""
    if row["run"] == LOCAL:
        return ["", ""]
    return [f"{row['ratio']:.2f}", ", ".join(f"{x:.2f}" for x in row["round_ratios"])]


def print_summary(summary: dict[str, Any], measured: dict[str, Any], unit: str) -> None:
    rows = summary["rows"]
    kept = measured["kept_rounds"]
    print(f"Rounds kept: {', '.join(map(str, kept))}" + "".join(
        f"; round {r['round']} set aside (other load up to {r['max_other_load']:.2f} cores: "
        + ", ".join(f"{label} {wall:.1f} s" for label, wall in r["walls_s"].items()) + ")"
        for r in measured["set_aside"]))
    print_table(["run", "runs", "median wall s", "min-max s", f"{unit}/s", "loop s (report.json)",
                 "idle Ray instance CPU s", "other load, max cores", "ray / local", "per round",
                 "byte-identical to local"],
                [[r["run"], r["runs"], f"{r['median_wall_s']:.2f}", f"{r['min_wall_s']:.1f}-{r['max_wall_s']:.1f}",
                  f"{r['docs_per_s']:.0f}",
                  "n/a" if r["median_tool_wall_s"] is None else f"{r['median_tool_wall_s']:.2f}",
                  "" if r["median_instance_cpu_s"] is None or r["run"] in JOINING
                  else f"{r['median_instance_cpu_s']:.2f}",
                  "n/a" if r["max_others_cores"] is None else f"{r['max_others_cores']:.2f}",
                  *ratios(r), "" if r["identical"] is None else yes_no(r["identical"])] for r in rows])
    print("Wall s: the whole command, median over rounds. loop s: the command's own timed loop (report.json), "
          "which leaves out its start-up and discovery and includes connecting to or starting Ray. "
          "idle Ray instance CPU s: what the pre-started instance used, idle, during the runs that do not join it. "
          "other load: CPU seconds of the machine's other processes during a run over its wall seconds (a lower "
          "bound), the largest over the rounds.")


def folder_check(expected: list[str]) -> Callable[[Path, Path], dict[str, Any]]:
    def check(local: Path, other: Path) -> dict[str, Any]:
        left, right = tree_digests(local), tree_digests(other)
        same = compare_trees(left, right)
        return {"identical": same["identical"], "outputs": len(right), "only_local": same["only_left"][:20],
                "only_ray": same["only_right"][:20], "differing": same["differing"][:20],
                "complete_local": completeness(left, expected)["complete"],
                "complete_ray": completeness(right, expected)["complete"]}
    return check


def jsonl_check(name: str, ids: list[str]) -> Callable[[Path, Path], dict[str, Any]]:
    def check(local: Path, other: Path) -> dict[str, Any]:
        left, right = tree_digests(local), tree_digests(other)
        same = compare_trees(left, right)
        lines, found = jsonl_lines(other / name)
        local_lines, local_found = jsonl_lines(local / name)
        return {"identical": same["identical"] and name in right, "outputs": len(right),
                "only_local": same["only_left"][:20], "only_ray": same["only_right"][:20],
                "differing": same["differing"][:20], "lines": lines, "ids_in_order": found == ids,
                "lines_local": local_lines, "ids_in_order_local": local_found == ids}
    return check


def print_checks(measured: dict[str, Any]) -> None:
    for label, checks in measured["checks"].items():
        for number, check in enumerate(checks, 1):
            if check["identical"]:
                continue
            print(f"  {label}, round {number}: {len(check['differing'])} differing, {len(check['only_local'])} only "
                  f"in local, {len(check['only_ray'])} only in ray: "
                  + ", ".join((check["differing"] + check["only_local"] + check["only_ray"])[:5]))


def remove_runs(work: Path, name: str) -> None:
    for path in work.glob(f"{name}-*"):
        shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------- 1. folder archive


def measure_folder(src: Path, work: Path, archive: dict[str, Any], jobs: int, rounds: Rounds,
                   instance: RayInstance, env: dict[str, str]) -> dict[str, Any]:
    def command(engine: list[str]) -> Callable[[Path], tuple[list[str], dict[str, str]]]:
        def make(out: Path) -> tuple[list[str], dict[str, str]]:
            return [*CLEANER, "clean", str(src), "--out", str(out), "--jobs", str(jobs), "--quiet", *engine], (
                instance.env() if "--address" in engine else env)
        return make

    variants = {LOCAL: command(["--engine", "local"]), RAY_OWN: command(["--engine", "ray"]),
                RAY_JOINED: command(["--engine", "ray", "--address", instance.address])}
    measured = run_rounds(variants, work, "folder", rounds, instance, folder_check(archive["expected"]))
    summary = summarise(measured, archive["documents"])
    rows = {r["run"]: r for r in summary["rows"]}
    start_up = [own - joined for own, joined in zip(rows[RAY_OWN]["walls_s"], rows[RAY_JOINED]["walls_s"],
                                                    strict=True)]

    print(f"\n== Folder archive: {archive['documents']:,} files ({archive['html']:,} HTML, {archive['text']:,} text, "
          f"{archive['mb']:.1f} MB) in {archive['folders']} folders, --jobs {jobs} ==")
    print_summary(summary, measured, "docs")
    print(f"Overhead ratio (ray / local, median over median): {rows[RAY_OWN]['ratio']:.2f} with the Ray start-up "
          f"inside the command, {rows[RAY_JOINED]['ratio']:.2f} joining a running instance. "
          f"Ray start-up inside the command ({RAY_OWN} minus {RAY_JOINED}): "
          f"{rows[RAY_OWN]['median_wall_s'] - rows[RAY_JOINED]['median_wall_s']:.1f} s on the medians; per round "
          + ", ".join(f"{s:.1f}" for s in start_up) + " s.")
    complete = {LOCAL: all(c["complete_local"] for checks in measured["checks"].values() for c in checks)}
    complete.update({label: all(c["complete_ray"] for c in checks) for label, checks in measured["checks"].items()})
    print("One output per input, no other file, in every round run: "
          + "; ".join(f"{label} {yes_no(ok)}" for label, ok in complete.items()))
    print_checks(measured)
    failed = measured["failed_runs"]
    print(f"Runs with a non-zero exit: {len(failed)}")
    return {**summary, "per_run": measured["runs"], "checks": measured["checks"], "failed_runs": failed,
            "kept_rounds": measured["kept_rounds"], "set_aside": measured["set_aside"],
            "start_up_s": rows[RAY_OWN]["median_wall_s"] - rows[RAY_JOINED]["median_wall_s"],
            "start_up_round_s": start_up}


# ---------------------------------------------------------------- 2. one JSONL file


def measure_jsonl(dump: Path, work: Path, built: dict[str, Any], jobs: int, rounds: Rounds, range_mb: float,
                  instance: RayInstance, env: dict[str, str]) -> dict[str, Any]:
    from cleaner.engine import ray_engine
    from cleaner.engine.ray_engine import RANGE_BYTES, range_size
    from cleaner.readers.ranges import cut_ranges

    range_bytes = int(range_mb * MIB)
    size = dump.stat().st_size
    # As the engine cuts it on a cluster of JOBS CPUs: two ranges a CPU, within the bounds.
    default_step = range_size(size, jobs)
    default_ranges = len(cut_ranges(str(dump), size, default_step)) if size > default_step else 1
    ray_engine.RANGE_BYTES = range_bytes
    small_step = range_size(size, jobs)
    ray_engine.RANGE_BYTES = RANGE_BYTES
    small_ranges = len(cut_ranges(str(dump), size, small_step)) if size > small_step else 1

    def arguments(out: Path) -> list[str]:
        return ["clean", str(dump), "--out", str(out), "--jobs", str(jobs), "--quiet"]

    variants = {
        LOCAL: lambda out: ([*CLEANER, *arguments(out), "--engine", "local"], env),
        RAY_JOINED: lambda out: ([*CLEANER, *arguments(out), "--engine", "ray", "--address", instance.address],
                                 instance.env()),
        RAY_RANGES: lambda out: ([sys.executable, "-c", RANGE_DRIVER, str(range_bytes), *arguments(out),
                                  "--engine", "ray", "--address", instance.address], instance.env()),
    }
    measured = run_rounds(variants, work, "jsonl", rounds, instance, jsonl_check(dump.name, built["ids"]))
    summary = summarise(measured, built["records"])
    rows = {r["run"]: r for r in summary["rows"]}

    print(f"\n== One JSONL file: {dump.name}, {built['records']:,} records ({built['html']:,} HTML, "
          f"{built['text']:,} text, {built['mb']:.1f} MB), --jobs {jobs} ==")
    print(f"'{RAY_JOINED}': RANGE_BYTES at its default, {RANGE_BYTES / MIB:g} MB: {default_ranges} range(s) of "
          f"{default_step / MIB:.1f} MB" + (" (cleaned whole, as one task)" if default_ranges == 1 else "")
          + f". '{RAY_RANGES}': RANGE_BYTES = {range_mb:g} MB ({range_bytes:,} bytes): {small_ranges} range(s) of "
          f"{small_step / MIB:.1f} MB.")
    print_summary(summary, measured, "records")
    some = next(iter(measured["checks"].values()))
    lines = {LOCAL: [c["lines_local"] for c in some]}
    lines.update({label: [c["lines"] for c in checks] for label, checks in measured["checks"].items()})
    in_order = {LOCAL: all(c["ids_in_order_local"] for c in some)}
    in_order.update({label: all(c["ids_in_order"] for c in checks) for label, checks in measured["checks"].items()})
    print(f"Overhead ratio (ray / local, median over median): {rows[RAY_JOINED]['ratio']:.2f} with the default "
          f"ranges, {rows[RAY_RANGES]['ratio']:.2f} with {range_mb:g} MB ranges (both joining a running instance).")
    print("Lines of the outputs, per round run (records in: {:,}): ".format(built["records"])
          + "; ".join(f"{label} {', '.join(f'{n:,}' for n in counts)}" for label, counts in lines.items())
          + ". Ids in input order: " + "; ".join(f"{label} {yes_no(ok)}" for label, ok in in_order.items()))
    print_checks(measured)
    failed = measured["failed_runs"]
    print(f"Runs with a non-zero exit: {len(failed)}")
    return {**summary, "records": built["records"], "jsonl_mb": built["mb"], "range_bytes_default": RANGE_BYTES,
            "ranges_default": default_ranges, "range_bytes_small": range_bytes, "ranges_small": small_ranges,
            "per_run": measured["runs"], "checks": measured["checks"], "failed_runs": failed,
            "kept_rounds": measured["kept_rounds"], "set_aside": measured["set_aside"]}


# ---------------------------------------------------------------- main


def print_overview(figures: dict[str, Any]) -> None:
    """One table of the figures to quote."""
    table = []
    for part, label in (("folder", "folder"), ("jsonl", "JSONL")):
        if part not in figures:
            continue
        kept = ", ".join(map(str, figures[part]["kept_rounds"]))
        for r in figures[part]["rows"]:
            checked = "" if r["identical_rounds"] is None else (
                f"{yes_no(r['identical'])} ({sum(r['identical_rounds'])}/{len(r['identical_rounds'])} rounds)")
            table.append([label, r["run"], kept, f"{r['median_wall_s']:.2f}",
                          f"{r['min_wall_s']:.1f}-{r['max_wall_s']:.1f}", *ratios(r), checked])
    print(f"\n== Summary (checkout {figures['checkout']}, {figures['cores']} cores, Ray {figures['ray_version']}, "
          f"--jobs {figures['jobs']}, {figures['repeats']} round(s) kept) ==")
    print_table(["input", "run", "rounds kept", "median wall s", "min-max s", "ray / local", "per round",
                 "byte-identical to local"], table)
    if "folder" in figures:
        folder = figures["folder"]
        print(f"Ray start-up inside the command (folder, {RAY_OWN} minus {RAY_JOINED}): {folder['start_up_s']:.1f} s "
              "on the medians; per round " + ", ".join(f"{x:.1f}" for x in folder["start_up_round_s"]) + " s.")
    print(f"Starting the Ray instance beforehand took {figures['ray_instance_start_s']:.1f} s "
          f"(ray start, until its address was written).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_DOCS:,} documents and {QUICK_REPEATS} round unless --repeats is given")
    parser.add_argument("--docs", type=int, help=f"documents in the archive (default {DEFAULT_DOCS:,})")
    parser.add_argument("--folders", type=int, default=DEFAULT_FOLDERS,
                        help=f"subfolders they are spread over (default {DEFAULT_FOLDERS})")
    parser.add_argument("--repeats", type=int, help=f"rounds (default {DEFAULT_REPEATS}, {QUICK_REPEATS} with --quick)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS,
                        help=f"--jobs of every run, and CPUs of the Ray instances (default {DEFAULT_JOBS})")
    parser.add_argument("--range-mb", type=float, default=DEFAULT_RANGE_MB,
                        help=f"RANGE_BYTES, in MB of 2**20 bytes, of the ranged JSONL runs (default {DEFAULT_RANGE_MB})")
    parser.add_argument("--quiet-wait", type=float, default=DEFAULT_QUIET_WAIT, metavar="S",
                        help=f"before each run, wait up to S seconds for the machine to be idle (under {QUIET_CORES} "
                        f"cores busy; default {DEFAULT_QUIET_WAIT}; 0: do not wait)")
    parser.add_argument("--max-other-load", type=float, default=DEFAULT_MAX_OTHER_LOAD, metavar="CORES",
                        help="set a round aside, and run another, when other processes kept more than CORES cores "
                        f"busy during one of its runs (default {DEFAULT_MAX_OTHER_LOAD})")
    parser.add_argument("--extra-rounds", type=int, metavar="N",
                        help="rounds run at most beyond --repeats to replace those set aside (default: --repeats)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="what to measure (default all)")
    parser.add_argument("--workdir", type=Path, help="make the temporary folder in here (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files to take "
                        "sentences from (default: the shared article-extraction ground truth)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generators (default 0)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    repeats = args.repeats or (QUICK_REPEATS if args.quick else DEFAULT_REPEATS)
    documents = args.docs or (QUICK_DOCS if args.quick else DEFAULT_DOCS)
    extra_rounds = repeats if args.extra_rounds is None else args.extra_rounds
    if repeats < 1 or documents < 2 or args.folders < 1 or args.jobs < 1 or args.range_mb <= 0 or extra_rounds < 0:
        parser.error("--repeats, --folders and --jobs must be at least 1, --docs at least 2, --range-mb positive, "
                     "--extra-rounds not negative")
    rounds = Rounds(repeats, max(0.0, args.quiet_wait), args.max_other_load, extra_rounds)
    try:
        ray_version = importlib.metadata.version("ray")
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit("error: Ray is not installed (pip install 'cleaner[ray]')") from None
    # A SIGTERM ends the run as Ctrl-C does, through the code that stops the Ray instance.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    # Ray reports usage statistics over the network unless told not to: no run of this may.
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"

    articles, source = load_articles(args.corpus)
    sentences = sentence_pool(articles)
    print(f"Sentences from: {source} ({len(sentences):,} sentences)")
    checkout = checkout_state()
    print(f"Command: {' '.join(Path(c).name for c in CLEANER)} in the repository root (checkout {checkout}); "
          f"{os.cpu_count()} cores; Ray {ray_version}")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cleaner-engines-", dir=args.workdir))
    started = time.perf_counter()
    figures: dict[str, Any] = {"source": source, "seed": args.seed, "checkout": checkout, "cores": os.cpu_count(),
                               "ray_version": ray_version, "jobs": args.jobs, "repeats": repeats,
                               "quiet_wait_s": rounds.quiet_wait, "max_other_load": rounds.max_other_load,
                               "extra_rounds": extra_rounds,
                               "parts": args.parts, "range_mb": args.range_mb}
    try:
        src, dump = work / "src", work / "dump.jsonl"
        if "folder" in args.parts:
            archive = build_folder(src, sentences, documents, args.folders, args.seed)
            print(f"Built {documents:,} files ({archive['html']:,} HTML, {archive['text']:,} text, "
                  f"{archive['mb']:.1f} MB) in {args.folders} folders in {time.perf_counter() - started:.0f} s",
                  flush=True)
            figures["archive"] = {k: v for k, v in archive.items() if k != "expected"}
        if "jsonl" in args.parts:
            built_at = time.perf_counter()
            built = write_archive_dump(dump, sentences, documents, args.folders, args.seed)
            print(f"Built {dump.name}: the same {documents:,} documents as records ({built['mb']:.1f} MB), "
                  f"in {time.perf_counter() - built_at:.0f} s", flush=True)
            figures["dump"] = {k: v for k, v in built.items() if k != "ids"}
        with RayInstance(args.jobs, work) as instance:
            figures["ray_instance_start_s"] = instance.start_seconds
            print(f"Started a Ray instance with {args.jobs} CPUs in {instance.start_seconds:.1f} s; the joined runs "
                  "use it", flush=True)
            if "folder" in args.parts:
                print(f"\nFolder archive: {LOCAL}; {RAY_OWN}; {RAY_JOINED}. {repeats} round(s):", flush=True)
                figures["folder"] = measure_folder(src, work, archive, args.jobs, rounds, instance, env)
                if not args.keep:
                    remove_runs(work, "folder")
            if "jsonl" in args.parts:
                print(f"\nOne JSONL file: {LOCAL}; {RAY_JOINED}; {RAY_RANGES}. {repeats} round(s):", flush=True)
                figures["jsonl"] = measure_jsonl(dump, work, built, args.jobs, rounds, args.range_mb, instance, env)
        print_overview(figures)
    finally:
        finish(work, args.keep, figures, started, args.json)


if __name__ == "__main__":
    main()
