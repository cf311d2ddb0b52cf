"""Part ``parquet`` of ``batch.py``: peak memory and speed cleaning one large Parquet file into
Parquet, in the two layouts a user meets.

- ``one row group``: the whole file as a single row group, as ``pyarrow.parquet.write_table``
  writes a table of fewer than 1,048,576 rows by default (and so do many exports);
- ``row groups of N rows`` (``--parquet-group-rows``, default 1,000): as exports that write in
  batches do.

``--parquet-layouts one many`` (the default) picks them.

Each file holds ``--parquet-mb`` MB of UTF-8 text (default 1000, the target's size) in rows
``{"id", "url", "text"}``, the text articles with scraped defects (the same generator as the
other parts). Each is cleaned with ``cleaner clean FILE --out OUT --jobs k`` for every k of
``--parquet-jobs`` (default 1 and 2). Peak memory is the largest total proportional set size
(PSS: shared pages split between the processes sharing them) of the command's whole process
tree, the command and its workers, read from ``/proc`` every 0.1 s (a peak shorter than that
can be missed; without ``/proc`` the part says so and stops).
Checked: the output has one row per input row, the ids in input order, and no run files left.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path
from typing import Any

from _common import print_table

MB = 1_000_000
TARGET_RSS_MB = 500
SAMPLE_SECONDS = 0.1
# Rows generated and written at a time for a file of many row groups.
_WRITE_ROWS = 10_000


def write_parquet(path: Path, size_mb: float, make_text: Any, seed: int, group_rows: int | None) -> dict[str, Any]:
    """A Parquet file of ``size_mb`` MB of text; one row group when ``group_rows`` is None."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    schema = pa.schema([("id", pa.string()), ("url", pa.string()), ("text", pa.string())])
    rows, size = 0, 0
    batches: list[pa.RecordBatch] = []
    with pq.ParquetWriter(path, schema) as writer:
        while size < size_mb * MB:
            texts = []
            while len(texts) < _WRITE_ROWS and size < size_mb * MB:
                texts.append(make_text(rng))
                size += len(texts[-1].encode("utf-8"))
            ids = range(rows, rows + len(texts))
            batch = pa.record_batch([pa.array([f"rec-{i:09d}" for i in ids]),
                                     pa.array([f"https://news.example.com/{i:09d}" for i in ids]),
                                     pa.array(texts)], schema=schema)
            rows += len(texts)
            if group_rows is None:
                batches.append(batch)  # written at the end, as one group
            else:
                writer.write_table(pa.Table.from_batches([batch]), row_group_size=group_rows)
        if batches:
            table = pa.Table.from_batches(batches)
            writer.write_table(table, row_group_size=table.num_rows)
    groups = pq.ParquetFile(path).num_row_groups
    return {"rows": rows, "text_mb": size / MB, "file_mb": path.stat().st_size / MB, "row_groups": groups}


def _tree_memory(root: int) -> int:
    """Proportional set size (PSS) in bytes of ``root`` and every process below it, from /proc:
    a worker forked from the command shares its pages, and summing resident sizes would count
    them once per process. Resident size where PSS cannot be read."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _memory_of(pid)
        stack.extend(children.get(pid, []))
    return total


def _memory_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def run_sampled(command: list[str], first_output: Path | None = None) -> dict[str, Any]:
    """Run ``command``; its wall seconds, exit code and the peak memory of its process tree; and
    with ``first_output``, the seconds until that file appeared (to the sampling's 0.1 s; None if
    it never did while the command ran)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, appeared = 0, None
    while process.poll() is None:
        peak = max(peak, _tree_memory(process.pid))
        if first_output is not None and appeared is None and first_output.exists():
            appeared = time.perf_counter() - started
        time.sleep(SAMPLE_SECONDS)
    stderr = process.stderr.read() if process.stderr else ""
    return {"seconds": time.perf_counter() - started, "returncode": process.returncode, "peak_mb": peak / MB,
            "stderr": stderr, "first_output_s": appeared}


def _check_output(path: Path, rows: int) -> dict[str, Any]:
    import pyarrow.parquet as pq

    if not path.exists():
        return {"rows": 0, "in_order": False}
    file = pq.ParquetFile(path)
    expected, in_order, seen = 0, True, 0
    for batch in file.iter_batches(columns=["id"], batch_size=50_000):
        for value in batch.column(0).to_pylist():
            in_order = in_order and value == f"rec-{expected:09d}"
            expected += 1
        seen += batch.num_rows
    return {"rows": seen, "in_order": in_order and seen == rows, "row_groups": file.num_row_groups}


LAYOUTS = ("one", "many")


def measure_parquet(cleaner: str, work: Path, make_text: Any, size_mb: float, group_rows: int, jobs: list[int],
                    seed: int, layouts: tuple[str, ...] = LAYOUTS) -> dict[str, Any]:
    if not Path("/proc/self/stat").exists():
        print("  no /proc here: the process tree's memory cannot be read; part skipped")
        return {"skipped": "no /proc"}
    results = []
    chosen = [(label, rows) for name, label, rows in (("one", "one row group", None),
                                                        ("many", f"row groups of {group_rows:,} rows", group_rows))
              if name in layouts]
    for label, rows_per_group in chosen:
        path = work / f"dump-{size_mb:g}mb-{'one' if rows_per_group is None else group_rows}.parquet"
        started = time.perf_counter()
        built = write_parquet(path, size_mb, make_text, seed, rows_per_group)
        print(f"  built {path.name}: {built['rows']:,} rows, {built['row_groups']:,} row group(s), "
              f"{built['text_mb']:.0f} MB of text, {built['file_mb']:.0f} MB on disk, "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        for k in jobs:
            out = work / f"out-{path.stem}-j{k}"
            run = run_sampled([cleaner, "clean", str(path), "--out", str(out), "--jobs", str(k), "--quiet"])
            checked = _check_output(out / path.name, built["rows"])
            left = sorted(p.name for p in (out / ".cleaner").rglob("*") if "shards" in p.parts) \
                if (out / ".cleaner").exists() else []
            row = {"layout": label, **built, "jobs": k, **{key: run[key] for key in ("seconds", "returncode",
                                                                                      "peak_mb")},
                   "mb_per_s": built["text_mb"] / run["seconds"], "rows_out": checked["rows"],
                   "in_order": checked["in_order"], "row_groups_out": checked.get("row_groups"),
                   "parts_left": len(left)}
            results.append(row)
            print(f"  cleaned it with --jobs {k}: peak {run['peak_mb']:.0f} MB, {run['seconds']:.0f} s, "
                  f"exit {run['returncode']}", flush=True)
            if run["returncode"] != 0:
                print("    " + "\n    ".join(run["stderr"].strip().splitlines()[-5:]))
            subprocess.run(["rm", "-rf", str(out)], check=False)
        path.unlink()

    print(f"\n== Peak memory (PSS of the process tree, sampled), one {size_mb:g} MB Parquet file into Parquet ==")
    print_table(["layout", "row groups", "jobs", "exit", "rows in", "rows out, in order", "peak MB", "wall s",
                 "MB/s", f"< {TARGET_RSS_MB} MB"],
                [[r["layout"], r["row_groups"], r["jobs"], r["returncode"], r["rows"],
                  f"{r['rows_out']} {'yes' if r['in_order'] else 'NO'}", f"{r['peak_mb']:.0f}", f"{r['seconds']:.0f}",
                  f"{r['mb_per_s']:.2f}", "yes" if r["peak_mb"] < TARGET_RSS_MB else "no"] for r in results])
    return {"size_mb": size_mb, "group_rows": group_rows, "target_rss_mb": TARGET_RSS_MB, "runs": results,
            "met": all(r["peak_mb"] < TARGET_RSS_MB and r["in_order"] for r in results)}
