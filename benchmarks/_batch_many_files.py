"""Part ``many-files`` of ``batch.py``: ``cleaner clean`` on folders of many small text files, as
a crawl of short pages delivers them; whether the time per file, the memory, and a rerun over a
finished run stay flat as the number of files grows.

For each size of ``--many-files-sizes`` (default 10,000 and 100,000 files; 1,000,000 is added
by ``--many-files-million``), in one run of the script:

1. Build. A folder of that many ``.txt`` files of three short paragraphs each (300-600 bytes,
   sentences of the corpus picked with a seeded ``random.Random``, a paragraph cut at a word
   to its share of the file's length), in subfolders of 1,000 files at most
   (``d-0000/f-0000000.txt``) so that no directory listing is huge. Timed and printed.
2. First run. ``cleaner clean SRC --out OUT --jobs K --quiet`` (K from ``--many-files-jobs``,
   default 2) into an empty OUT, after an ``os.sync()`` so that it does not pay for writing the
   folder. Reported: wall seconds of the whole command (start-up, discovery and the run's state
   files included), milliseconds per file, and peak memory: the largest total proportional set
   size (PSS) of the command's process tree, the command and its workers, read from ``/proc``
   every 0.1 s (``run_sampled`` of ``_batch_parquet.py``; a peak shorter than that can be missed);
   and the seconds until the output of the first file in the walk's order appeared.
3. Checks of the first run's outputs, before the rerun touches OUT: the number of files under
   OUT (``OUT/.cleaner`` aside) against the number of inputs, temporary files left, and the size
   of ``OUT/.cleaner`` (the run's state: the manifest of what is done, the report) in MB.
4. Rerun. The same command again into the same OUT: everything is done, so it should only check
   each input against the manifest and skip it. Reported as the first run: wall seconds,
   milliseconds per file, peak memory; then the size of ``OUT/.cleaner`` after it.

The folder and OUT are deleted after each size (``rm -rf``; a million files take disk), unless
``--keep``. Then a table with a row per size, and the targets of the issue: the time per file at
the largest size within 1.2x of that at 10,000 (at the smallest size measured if 10,000 is not
among them, and the row says so); peak memory under 300 MB at every size (the first run and the
rerun); a rerun over a finished run at 0.1 ms per file or less (the slowest size's; the figure is
the whole command, Python's start-up included, so it is hardest to meet at the smallest size);
the first output written within a second of the command's start at every size (the planning
overlaps the walk, so it should not grow with the folder; sampled every 0.1 s, as the memory).
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path
from typing import Any

from _batch_parquet import run_sampled
from _common import print_table

MB = 1_000_000
DEFAULT_SIZES = [10_000, 100_000]
MILLION = 1_000_000
BASE_SIZE = 10_000  # the size the time per file of the largest is compared with
FILES_PER_FOLDER = 1_000
FILE_BYTES = (300, 600)
PARAGRAPHS = 3
TARGET_TIME_RATIO = 1.2
TARGET_PEAK_MB = 300
TARGET_RERUN_MS = 0.1
TARGET_FIRST_OUTPUT_S = 1.0  # the command's start-up included
STATE_DIR = ".cleaner"


def _paragraph(sentences: list[str], rng: random.Random, budget: int) -> str:
    """Sentences from anywhere in the corpus until ``budget`` bytes of UTF-8, the last one cut
    after a whole word (or, in a text without spaces, a whole character) and given a full stop."""
    text = ""
    while len(text.encode("utf-8")) < budget:
        text = f"{text} {rng.choice(sentences)}".strip()
    data = text.encode("utf-8")
    if len(data) > budget:
        head = data[:budget - 1].decode("utf-8", "ignore")  # room for the full stop
        cut = head.rfind(" ")
        text = (head[:cut] if cut > len(head) // 2 else head).rstrip(" ,;:.") + "."
    return text


def small_document(sentences: list[str], rng: random.Random) -> str:
    """Three short paragraphs, 300-600 bytes in all. A cut paragraph loses the word it would
    have cut in two, so a text can come out short: it is drawn again (about one in twenty)."""
    while True:
        target = rng.randint(*FILE_BYTES) - 2 * (PARAGRAPHS - 1) - 1  # the blank lines, the final newline
        shares = [target // PARAGRAPHS] * PARAGRAPHS
        shares[-1] += target - sum(shares)
        text = "\n\n".join(_paragraph(sentences, rng, share) for share in shares) + "\n"
        if len(text.encode("utf-8")) >= FILE_BYTES[0]:
            return text


def build_many(src: Path, sentences: list[str], files: int, seed: int) -> dict[str, Any]:
    """``files`` small text files under ``src``, in subfolders of FILES_PER_FOLDER at most."""
    rng = random.Random(seed)
    size, smallest, largest = 0, None, 0
    folder = None
    for number in range(files):
        if number % FILES_PER_FOLDER == 0:
            folder = src / f"d-{number // FILES_PER_FOLDER:04d}"
            folder.mkdir(parents=True, exist_ok=True)
        data = small_document(sentences, rng).encode("utf-8")
        (folder / f"f-{number:07d}.txt").write_bytes(data)
        size += len(data)
        smallest = len(data) if smallest is None else min(smallest, len(data))
        largest = max(largest, len(data))
    return {"files": files, "folders": -(-files // FILES_PER_FOLDER), "mb": size / MB,
            "file_bytes_min": smallest, "file_bytes_max": largest}


def _count_outputs(out: Path) -> tuple[int, int]:
    """Files under ``out`` (``out/.cleaner`` aside), and how many of them are temporary."""
    files = temporary = 0
    for directory, subdirs, names in os.walk(out):
        if Path(directory) == out and STATE_DIR in subdirs:
            subdirs.remove(STATE_DIR)
        files += len(names)
        temporary += sum(name.endswith(".tmp") or ".tmp." in name for name in names)
    return files, temporary


def _tree_mb(root: Path) -> float:
    """Bytes of the files under ``root`` (their lengths, not the blocks they take), in MB."""
    total = 0
    for directory, _, names in os.walk(root):
        for name in names:
            try:
                total += os.stat(os.path.join(directory, name)).st_size
            except OSError:
                pass
    return total / MB


def _run(command: list[str], what: str, first_output: Path | None = None) -> dict[str, Any]:
    os.sync()  # what the steps before wrote is on disk first, and not written back inside this run
    run = run_sampled(command, first_output)
    if run["returncode"] != 0:
        tail = "\n    ".join(run["stderr"].strip().splitlines()[-5:])
        print(f"  WARNING: {what} exited with {run['returncode']}" + (f":\n    {tail}" if tail else ""))
    return run


def _yes_no(flag: bool | None) -> str:
    return "n/a" if flag is None else "yes" if flag else "NO"


def measure_size(cleaner: str, work: Path, sentences: list[str], files: int, jobs: int, seed: int,
                 keep: bool) -> dict[str, Any]:
    src, out = work / f"many-{files}", work / f"out-many-{files}"
    subprocess.run(["rm", "-rf", str(src), str(out)], check=False)
    started = time.perf_counter()
    built = build_many(src, sentences, files, seed)
    build_s = time.perf_counter() - started
    print(f"  built {files:,} files ({built['mb']:.1f} MB, {built['file_bytes_min']}-{built['file_bytes_max']} "
          f"bytes each) in {built['folders']:,} folder(s) in {build_s:.1f} s", flush=True)

    command = [cleaner, "clean", str(src), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    # The first file in the walk's order: its output appears first whatever the engine's order.
    first = _run(command, f"the first run over {files:,} files", out / "d-0000" / "f-0000000.txt")
    outputs, temporary = _count_outputs(out)
    state_mb = _tree_mb(out / STATE_DIR)
    shown = "never" if first["first_output_s"] is None else f"{first['first_output_s']:.1f} s"
    print(f"  first run: {first['seconds']:.1f} s ({first['seconds'] / files * 1000:.2f} ms per file), "
          f"first output after {shown}, peak {first['peak_mb']:.0f} MB, exit {first['returncode']}; "
          f"{outputs:,} outputs, {STATE_DIR} {state_mb:.1f} MB", flush=True)
    rerun = _run(command, f"the rerun over {files:,} files")
    state_after_mb = _tree_mb(out / STATE_DIR)
    print(f"  rerun: {rerun['seconds']:.2f} s ({rerun['seconds'] / files * 1000:.3f} ms per file), "
          f"peak {rerun['peak_mb']:.0f} MB, exit {rerun['returncode']}", flush=True)

    delete_s = None
    if not keep:
        removed_at = time.perf_counter()
        subprocess.run(["rm", "-rf", str(src), str(out)], check=False)
        delete_s = time.perf_counter() - removed_at
        print(f"  deleted the folder and OUT in {delete_s:.1f} s", flush=True)
    return {**built, "build_s": build_s, "delete_s": delete_s, "jobs": jobs,
            "run_s": first["seconds"], "run_ms_per_file": first["seconds"] / files * 1000,
            "run_peak_mb": first["peak_mb"], "run_returncode": first["returncode"],
            "first_output_s": first["first_output_s"],
            "outputs": outputs, "outputs_match": outputs == files, "temporary_left": temporary,
            "state_mb": state_mb,
            "rerun_s": rerun["seconds"], "rerun_ms_per_file": rerun["seconds"] / files * 1000,
            "rerun_peak_mb": rerun["peak_mb"], "rerun_returncode": rerun["returncode"],
            "state_after_rerun_mb": state_after_mb,
            "stderr": {"run": first["stderr"][-2000:], "rerun": rerun["stderr"][-2000:]}}


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's three targets, each with its value, the target and whether it is met."""
    largest = rows[-1]
    base = next((r for r in rows if r["files"] == BASE_SIZE), rows[0])
    ratio = largest["run_ms_per_file"] / base["run_ms_per_file"] if largest is not base else None
    peak = max(rows, key=lambda r: max(r["run_peak_mb"], r["rerun_peak_mb"]))
    peak_mb = max(peak["run_peak_mb"], peak["rerun_peak_mb"])
    slowest = max(rows, key=lambda r: r["rerun_ms_per_file"])
    latest = max(rows, key=lambda r: float("inf") if r["first_output_s"] is None else r["first_output_s"])
    base_note = "" if base["files"] == BASE_SIZE else f" ({BASE_SIZE:,} not measured: the smallest)"
    return [
        {"figure": f"ms per file at {largest['files']:,} over at {base['files']:,}{base_note}",
         "value": ratio, "shown": "n/a (one size)" if ratio is None else f"{ratio:.2f}x",
         "target": f"<= {TARGET_TIME_RATIO:g}x", "met": None if ratio is None else ratio <= TARGET_TIME_RATIO},
        {"figure": f"peak memory at every size (largest: {peak['files']:,} files)", "value": peak_mb,
         "shown": f"{peak_mb:.0f} MB", "target": f"< {TARGET_PEAK_MB} MB", "met": peak_mb < TARGET_PEAK_MB},
        {"figure": f"rerun over a finished run, ms per file (slowest: {slowest['files']:,} files)",
         "value": slowest["rerun_ms_per_file"], "shown": f"{slowest['rerun_ms_per_file']:.3f} ms",
         "target": f"<= {TARGET_RERUN_MS:g} ms", "met": slowest["rerun_ms_per_file"] <= TARGET_RERUN_MS},
        {"figure": f"first output written after, seconds (latest: {latest['files']:,} files)",
         "value": latest["first_output_s"],
         "shown": "never" if latest["first_output_s"] is None else f"{latest['first_output_s']:.1f} s",
         "target": f"<= {TARGET_FIRST_OUTPUT_S:g} s",
         "met": latest["first_output_s"] is not None and latest["first_output_s"] <= TARGET_FIRST_OUTPUT_S},
    ]


def measure_many_files(cleaner: str, work: Path, sentences: list[str], sizes: list[int], jobs: int, seed: int,
                       keep: bool) -> dict[str, Any]:
    if not Path("/proc/self/stat").exists():
        print("  no /proc here: the process tree's memory cannot be read; part skipped")
        return {"skipped": "no /proc"}
    rows = []
    for files in sizes:
        print(f"  {files:,} files:", flush=True)
        rows.append(measure_size(cleaner, work, sentences, files, jobs, seed, keep))

    print(f"\n== Many small files: folders of {FILES_PER_FOLDER:,} files of {FILE_BYTES[0]}-{FILE_BYTES[1]} bytes, "
          f"--jobs {jobs}; peak = PSS of the process tree, sampled ==")
    print_table(["files", "MB", "build s", "exit", "run s", "ms/file", "first out s", "peak MB", "outputs", "match",
                 "tmp left",
                 "state MB", "rerun exit", "rerun s", "rerun ms/file", "rerun peak MB", "state MB after"],
                [[r["files"], f"{r['mb']:.1f}", f"{r['build_s']:.1f}", r["run_returncode"], f"{r['run_s']:.1f}",
                  f"{r['run_ms_per_file']:.2f}",
                  "never" if r["first_output_s"] is None else f"{r['first_output_s']:.1f}",
                  f"{r['run_peak_mb']:.0f}", r["outputs"],
                  _yes_no(r["outputs_match"]), r["temporary_left"], f"{r['state_mb']:.2f}", r["rerun_returncode"],
                  f"{r['rerun_s']:.2f}", f"{r['rerun_ms_per_file']:.3f}", f"{r['rerun_peak_mb']:.0f}",
                  f"{r['state_after_rerun_mb']:.2f}"] for r in rows])
    print("Seconds are the whole command's (start-up, discovery and the run's state files included); "
          f"state MB: the files under OUT/{STATE_DIR} after the first run and after the rerun.")
    met = targets(rows)
    print_table(["figure", "value", "target", "met"], [[t["figure"], t["shown"], t["target"], _yes_no(t["met"])]
                                                        for t in met])
    return {"jobs": jobs, "files_per_folder": FILES_PER_FOLDER, "file_bytes": list(FILE_BYTES), "sizes": rows,
            "targets": [{k: v for k, v in t.items() if k != "shown"} for t in met],
            "met": all(t["met"] is not False for t in met) and all(r["outputs_match"] for r in rows)}
