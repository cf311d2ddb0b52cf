"""The fault suite (``pytest -m fault``: runs killed, workers killed, Ctrl-C, SIGTERM, a full
disk, two runs on one output, on both engines) run again and again while other processes keep
every core busy: a fault test that passes only on a quiet machine is a defect.

    python benchmarks/fault_soak.py --runs 20            # load: one busy process per core
    python benchmarks/fault_soak.py --runs 5 --load 4 -k in_place

Prints each run's result and time, then the tests that failed in any run; exits 1 if any did.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _burn(stop: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    x = 0
    while not stop.is_set():
        for i in range(200_000):
            x ^= i * i


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=os.cpu_count() or 1, help="busy processes beside the tests")
    parser.add_argument("-k", default="", help="only the fault tests matching this pytest expression")
    parser.add_argument("--keep", default="", metavar="DIR", help="write the output of each failed run here")
    args = parser.parse_args()
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=_burn, args=(stop,), daemon=True) for _ in range(args.load)]
    for burner in burners:
        burner.start()
    failed: dict[str, int] = {}
    times = []
    print(f"fault suite x{args.runs}, {args.load} busy process(es) beside it, {os.cpu_count()} cores", flush=True)
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "fault",
                       *(["-k", args.k] if args.k else [])]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            times.append(time.monotonic() - started)
            tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]
            print(f"run {run:2}: exit {done.returncode}, {times[-1]:.0f} s: {tail}", flush=True)
            for name in re.findall(r"^FAILED (\S+)", done.stdout, re.MULTILINE):
                failed[name] = failed.get(name, 0) + 1
                print(f"        FAILED {name}", flush=True)
            if done.returncode and args.keep:
                log = Path(args.keep) / f"run-{run:02}.log"
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(done.stdout + done.stderr, encoding="utf-8")
    finally:
        stop.set()
        for burner in burners:
            burner.join(timeout=5)
    times.sort()
    print(f"\n{args.runs} runs, median {times[len(times) // 2]:.0f} s a run; "
          f"{sum(failed.values())} failure(s) in {len(failed)} test(s)")
    for name, count in sorted(failed.items()):
        print(f"  {count}x {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
