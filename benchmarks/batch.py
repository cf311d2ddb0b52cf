"""The ``cleaner clean`` command on whole archives: speed-up with worker processes (a folder of
files, and one archive file), peak memory against input size, and resuming after a kill. Every
figure comes from the ``cleaner`` command run as a subprocess, as a user runs it (the package is
installed editable, so that is this checkout; the commit is printed).

A synthetic scraped archive is built from the sentences of the article-extraction ground truth
(``../shared/benchmarks/article-extraction/``; invented paragraphs if it is absent, and the
run says which): articles of 2-5 KB with the defects the rules exist for (ad label lines,
``Google Ads | Google Ads | Google Ads`` banners, a date stamp, one to three stray semicolons).
About half are HTML pages (a nav, ``<div class="ad-slot">Advertisement</div>``, the article in
``<article><p>...</p></article>``, a footer) and half plain text, one file each, spread over
``--folders`` subfolders. Everything is generated under a fresh temporary folder (inside
``--workdir`` if given), deleted at the end unless ``--keep``.

1. Throughput. ``cleaner clean SRC --out OUTk --jobs k --quiet`` for k = 1 and 2, ``--repeats``
   times each, the order of k alternating between repeats so that drift in the machine's load
   falls on both; each run writes into an empty OUTk (a rerun into a full one would only
   resume). The whole command is timed (start-up, discovery and writing included), after an
   ``os.sync()`` so that no run pays for the disk writes of the step before. Reported: median
   wall seconds and their range, documents per second, CPU seconds (command and workers) and
   cores kept busy, the time outside the command's own timed loop (start-up, discovery), and
   the speed-up of 2 jobs over 1 (median over median; also per repeat) beside the target; then
   whether OUT1 and OUT2 hold byte-identical outputs (``.cleaner/`` aside) and one output per
   input.
2. One archive. The same documents (same count and seed) as records of ONE JSONL file,
   ``dump.jsonl``, in the same order: ``{"id", "url", "html"}`` for an HTML page and
   ``{"id", "text"}`` for a text one. One file is one task, so the workers could only share it
   because the cleaner cuts an archive into shards of 500 records (fewer if they hold 4 MB) and
   spreads the shards over its workers, joining their parts in order at the end: that is what
   this part measures. ``cleaner clean dump.jsonl --out OUTk --jobs k --quiet`` for k = 1 and 2,
   timed as in part 1 (same alternation, ``os.sync()``, fresh OUTk per run). Reported: the same
   table (median wall seconds, range, records per second, CPU, speed-up of 2 jobs over 1, median
   over median and per repeat, beside the target); then whether OUT1/dump.jsonl and
   OUT2/dump.jsonl are byte-identical, hold one line per input record with the ids in input
   order, and no shard parts are left. In the ``--json`` figures under ``jsonl_archive``
   (``archive`` describes the generated folder).
3. Peak memory against input size. One JSONL.zst dump per ``--memory-sizes`` (MB of
   uncompressed JSONL; records ``{"id", "url", "text"}``, streamed into the .zst so the
   generator holds one record at a time), cleaned with ``--jobs 1`` (``--memory-jobs``) under
   ``/usr/bin/time -v``
   (its "Maximum resident set size"), or, without it, with ``getrusage(RUSAGE_CHILDREN)`` in a
   fresh wrapper process. Reported: peak RSS per size, the ratio largest over smallest, and
   the peak at 1 GB (measured with ``--memory-sizes 1000``, else extrapolated from a straight
   line through the measured sizes, and labelled so) against the 500 MB target.
4. Resume. ``cleaner clean SRC --out OUTr --jobs 2 --quiet`` is started in its own process
   group and the whole group is killed with SIGKILL once about half the outputs exist (a crash:
   the workers die with the parent). The same command is then run to completion (without
   ``--quiet``, the only way to see its "resuming: K of N" line; quiet does not change what is
   written or skipped). Checked: one output per input and no other file, no temporary files
   left (names ending in ``.tmp`` or holding ``.tmp.``), and outputs byte-identical to the
   uninterrupted ``--jobs 1`` run of part 1.

5. Parquet (only when named in ``--parts``): peak memory and speed cleaning one large Parquet
   file into Parquet, one row group and many; see ``_batch_parquet.py``. Target: under 500 MB
   for a 1 GB file.
6. Many files (only when named in ``--parts``): folders of 10,000 and 100,000 small text files
   (``--many-files-sizes``; 1,000,000 too with ``--many-files-million``), each cleaned with
   ``--jobs 2`` (``--many-files-jobs``) and then again into the same OUT, where all is done:
   time per file, peak memory (PSS of the process tree) and the rerun's time per file, against
   the issue's targets; see ``_batch_many_files.py``. Each folder and its OUT are deleted once measured,
   unless ``--keep``.

Default: 10,000 documents in 100 folders, dumps of 50, 100 and 200 MB (under 10 minutes on
2 cores). ``--quick``: 2,000 documents, dumps of 20 and 50 MB. Run from the repository root:

    .venv/bin/python benchmarks/batch.py [--quick] [--docs 10000] [--repeats 3]
        [--memory-sizes 50 100 200 | 1000] [--memory-jobs 1]
        [--parts throughput archive memory resume parquet many-files]
        [--parquet-mb 1000] [--parquet-group-rows 1000] [--parquet-jobs 1 2] [--parquet-layouts one many]
        [--many-files-sizes 10000 100000] [--many-files-million] [--many-files-jobs 2]
        [--workdir DIR] [--keep] [--json out.json]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# _common puts this checkout on sys.path; throughput holds the scraped-defect vocabulary.
from _common import checkout_state, finish, load_articles, print_table, spin_commas
from _batch_many_files import DEFAULT_SIZES as MANY_FILES_SIZES
from _batch_many_files import MILLION, measure_many_files
from _batch_parquet import LAYOUTS as PARQUET_LAYOUTS
from _batch_parquet import measure_parquet
from throughput import AD_LABELS, BANNERS, DATE_STAMPS, SECTIONS, sentence_pool

from cleaner.manifest import recorded_inputs  # noqa: E402 - _common put this checkout on the path

MB = 1_000_000
TARGET_SPEEDUP = 1.8
TARGET_RSS_MB = 500
TARGET_DUMP_MB = 1000
# Peak RSS at the largest dump at most this many times the smallest's counts as flat.
FLAT_RATIO = 1.10
# The cleaner cuts an archive into shards of this many records, or fewer holding this many
# characters of documents, and spreads the shards over its workers.
SHARD_RECORDS, SHARD_BYTES = 500, 4 << 20
# Below this, a dump's peak still includes buffers filling up (a shard holds up to 4 MB), and a
# line through such sizes says nothing about 1 GB.
MIN_EXTRAPOLATED_MB = 20
ARTICLE_CHARS = (2_000, 5_000)
DEFAULT_DOCS, QUICK_DOCS = 10_000, 2_000
DEFAULT_FOLDERS = 100
DEFAULT_MEMORY_SIZES, QUICK_MEMORY_SIZES = [50, 100, 200], [20, 50]
PARTS = ("throughput", "archive", "memory", "resume", "parquet", "many-files")
# Asked for by name: parquet builds and cleans two files of a gigabyte, many-files folders of
# 100,000 files and more.
DEFAULT_PARTS = PARTS[:4]
STATE_DIR = ".cleaner"  # the run's own files under --out, not outputs of documents
KILL_SHARE = 0.5
# Counting the outputs walks the whole tree (10,000 files: about 15 ms); more often would take
# a noticeable share of the two cores from the run being watched.
POLL_SECONDS = 0.25
RESUMING = re.compile(r"resuming: (\d+) of (\d+) files")

NAV_LINKS = ["Home", "News", "Business", "Sport", "Culture", "Opinion", "Subscribe"]
FOOTER = ('<footer><p>&copy; 2025 The Daily Example. All rights reserved.</p>'
          '<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a> | <a href="/contact">Contact</a></p>'
          '</footer>')


# ---------------------------------------------------------------- the synthetic archive


def make_article(sentences: list[str], rng: random.Random) -> tuple[str, list[str]]:
    """A title and the paragraphs of one article of 2-5 KB, with one to three stray semicolons."""
    title = " ".join(rng.choice(sentences).split()[:9]).rstrip(",.;:")
    target = rng.randint(*ARTICLE_CHARS)
    paragraphs, size = [], 0
    while size < target:
        # Sentences from anywhere in the corpus, so that articles rarely share a paragraph.
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    body = "\n\n".join(paragraphs)
    commas = body.count(", ")
    if commas:
        body, _ = spin_commas(body, rng, min(1.0, rng.randint(1, 3) / commas))
    return title, body.split("\n\n")


def junk_line(rng: random.Random) -> str | None:
    """What a scraper leaves between paragraphs: often nothing, else an ad label or a banner."""
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(AD_LABELS)
    if roll < 0.25:
        # Mostly the Google Ads banner seen in the wild, sometimes another repeated one.
        return BANNERS[0] if rng.random() < 0.7 else rng.choice(BANNERS)
    return None


def text_document(sentences: list[str], rng: random.Random) -> str:
    title, paragraphs = make_article(sentences, rng)
    lines = [title, f"{rng.choice(SECTIONS)} | {rng.choice(DATE_STAMPS)}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
        junk = junk_line(rng)
        if junk:
            lines += [junk, ""]
    return "\n".join(lines)


def html_document(sentences: list[str], rng: random.Random, number: int) -> str:
    title, paragraphs = make_article(sentences, rng)
    nav = "".join(f'<li><a href="/{name.lower()}">{name}</a></li>' for name in NAV_LINKS)
    body = []
    for paragraph in paragraphs:
        body.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
        junk = junk_line(rng)
        if junk:
            body.append(f"<p>{html.escape(junk, quote=False)}</p>")
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} - '
            f'The Daily Example</title></head>\n<body>\n<header><nav><ul>{nav}</ul></nav></header>\n'
            f'<div class="ad-slot">Advertisement</div>\n<main><article>\n<h1>{html.escape(title)}</h1>\n'
            f'<p class="byline">By Staff Reporter, {rng.choice(DATE_STAMPS)}</p>\n' + "\n".join(body)
            + f'\n</article>\n<aside class="related"><a href="/story-{number + 1}">Next story</a></aside>\n'
            f'</main>\n{FOOTER}\n</body></html>\n')


def generate_documents(sentences: list[str], documents: int, seed: int) -> Iterator[tuple[int, bool, str]]:
    """The archive's documents in order, HTML or text by a coin toss: (number, is HTML,
    content). The same seed gives the same documents, as files or as records of one dump."""
    rng = random.Random(seed)
    for number in range(documents):
        if rng.random() < 0.5:
            yield number, True, html_document(sentences, rng, number)
        else:
            yield number, False, text_document(sentences, rng)


def build_folder(src: Path, sentences: list[str], documents: int, folders: int, seed: int) -> dict[str, Any]:
    """``documents`` files, HTML or text by a coin toss, over ``folders`` subfolders; returns
    counts and the relative output path each input must produce (``x.html`` -> ``x.txt``)."""
    expected, html_count, size = [], 0, 0
    for number, is_html, content in generate_documents(sentences, documents, seed):
        folder = src / f"site-{number % folders:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        # Numbered names: no ``x.html`` beside an ``x.txt``, whose outputs would collide.
        path = folder / f"page-{number:06d}.{'html' if is_html else 'txt'}"
        html_count += is_html
        data = content.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        expected.append(path.relative_to(src).with_suffix(".txt").as_posix())
    return {"documents": documents, "html": html_count, "text": documents - html_count, "folders": folders,
            "mb": size / MB, "expected": sorted(expected)}


def write_archive_dump(path: Path, sentences: list[str], documents: int, folders: int, seed: int) -> dict[str, Any]:
    """The documents of the folder archive (same count and seed) as one JSONL file, in the same
    order: ``{"id", "url", "html"}`` for an HTML page (its URL names the folder and file it
    would be), ``{"id", "text"}`` for a text one."""
    html_count, size, ids = 0, 0, []
    shards, in_shard, shard_chars = 0, 0, 0  # cut as the cleaner cuts them
    with path.open("wb") as sink:
        for number, is_html, content in generate_documents(sentences, documents, seed):
            in_shard += 1
            shard_chars += len(content)
            if in_shard >= SHARD_RECORDS or shard_chars >= SHARD_BYTES:
                shards, in_shard, shard_chars = shards + 1, 0, 0
            name = f"page-{number:06d}"
            if is_html:
                record = {"id": name, "url": f"https://news.example.com/site-{number % folders:03d}/{name}.html",
                          "html": content}
            else:
                record = {"id": name, "text": content}
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            sink.write(data)
            size += len(data)
            html_count += is_html
            ids.append(name)
    return {"records": documents, "html": html_count, "text": documents - html_count, "mb": size / MB,
            "shards": shards + bool(in_shard), "ids": ids}


def write_dump(path: Path, size_mb: float, sentences: list[str], seed: int) -> dict[str, Any]:
    """A JSONL.zst dump holding ``size_mb`` MB of uncompressed JSONL, written record by record."""
    import zstandard

    rng = random.Random(seed)
    records, size = 0, 0
    with path.open("wb") as raw, zstandard.ZstdCompressor(level=3).stream_writer(raw) as sink:
        while size < size_mb * MB:
            line = json.dumps({"id": f"rec-{records:09d}", "url": f"https://news.example.com/{records:09d}",
                               "text": text_document(sentences, rng)}, ensure_ascii=False) + "\n"
            data = line.encode("utf-8")
            sink.write(data)
            size += len(data)
            records += 1
    return {"records": records, "jsonl_mb": size / MB, "zst_mb": path.stat().st_size / MB}


# ---------------------------------------------------------------- running and checking


def run_timed(command: list[str]) -> dict[str, Any]:
    # Flush what earlier steps wrote or deleted first: left to the kernel, that write-back (and,
    # on a disk mounted with discard, the trimming of deleted files) lands inside the timed run.
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Children's CPU times add up as they are reaped (workers into the command, the command
    # into this process), so the difference is this command's, workers included.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu, "returncode": done.returncode, "stderr": done.stderr}


def read_report(out: Path) -> dict[str, Any]:
    try:
        return json.loads((out / STATE_DIR / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_temporary(name: str) -> bool:
    return name.endswith(".tmp") or ".tmp." in name


def temporary_files(root: Path) -> list[str]:
    """Temporary files anywhere under ``root``, ``.cleaner/`` included."""
    return sorted(str(Path(d, f).relative_to(root)) for d, _, files in os.walk(root) for f in files
                  if is_temporary(f))


def output_files(root: Path) -> list[str]:
    """Finished outputs under ``root``: neither the run's own files nor temporary ones."""
    found = []
    for directory, subdirs, files in os.walk(root):
        if Path(directory) == root and STATE_DIR in subdirs:
            subdirs.remove(STATE_DIR)
        found += [Path(directory, f).relative_to(root).as_posix() for f in files if not is_temporary(f)]
    return found


def tree_digests(root: Path) -> dict[str, str]:
    return {rel: hashlib.blake2b((root / rel).read_bytes(), digest_size=16).hexdigest()
            for rel in output_files(root)}


def compare_trees(left: dict[str, str], right: dict[str, str]) -> dict[str, Any]:
    differing = sorted(k for k in left.keys() & right.keys() if left[k] != right[k])
    return {"identical": left == right, "only_left": sorted(left.keys() - right.keys()),
            "only_right": sorted(right.keys() - left.keys()), "differing": differing}


def completeness(digests: dict[str, str], expected: list[str]) -> dict[str, Any]:
    """One output per input and no other file (the mapping from inputs to outputs is one to one)."""
    missing = sorted(set(expected) - digests.keys())
    extra = sorted(digests.keys() - set(expected))
    return {"complete": not missing and not extra, "missing": missing, "extra": extra}


def yes_no(flag: bool) -> str:
    return "yes" if flag else "NO"


def show_failure(what: str, run: dict[str, Any]) -> None:
    tail = "\n".join(run["stderr"].strip().splitlines()[-5:])
    print(f"WARNING: {what} exited with {run['returncode']}" + (f":\n{tail}" if tail else ""))


# ---------------------------------------------------------------- 1. throughput


def alternating_runs(cleaner: str, src: Path, work: Path, name: str,
                     repeats: int) -> tuple[dict[int, list[dict[str, Any]]], list[dict[str, Any]]]:
    """``cleaner clean SRC --out WORK/NAME-jobsK-runN --jobs K --quiet``, timed, for K = 1 and 2,
    ``repeats`` times each, the order of K alternating; the runs per K and the failed ones."""
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    failed_runs = []
    for repeat in range(repeats):
        for jobs in (1, 2) if repeat % 2 == 0 else (2, 1):
            # A fresh folder each run: into a full one the command would only resume, and
            # deleting 10,000 files just before a timed run slows the run down.
            out = work / f"{name}-jobs{jobs}-run{repeat + 1}"
            run = run_timed([cleaner, "clean", str(src), "--out", str(out), "--jobs", str(jobs), "--quiet"])
            if run["returncode"] != 0:
                show_failure(f"jobs {jobs}, repeat {repeat + 1}", run)
                failed_runs.append({"jobs": jobs, "repeat": repeat + 1, "returncode": run["returncode"],
                                    "stderr": run["stderr"][-2000:]})
            report = read_report(out)
            runs[jobs].append({"wall_s": run["seconds"], "cpu_s": run["cpu_seconds"],
                               "tool_wall_s": report.get("wall_seconds"),
                               "tool_docs_per_s": report.get("documents_per_second")})
            print(f"  jobs {jobs}, repeat {repeat + 1}: {run['seconds']:.1f} s wall, "
                  f"{run['cpu_seconds']:.1f} s CPU", flush=True)
    return runs, failed_runs


def keep_last_runs(work: Path, name: str, repeats: int) -> None:
    """The last run of each K keeps its outputs, as WORK/NAME-jobsK; the others go."""
    for jobs in (1, 2):
        for repeat in range(repeats - 1):
            shutil.rmtree(work / f"{name}-jobs{jobs}-run{repeat + 1}", ignore_errors=True)
        last = work / f"{name}-jobs{jobs}-run{repeats}"
        if last.exists():
            last.rename(work / f"{name}-jobs{jobs}")


def summarise_runs(runs: dict[int, list[dict[str, Any]]],
                   documents: int) -> tuple[list[dict[str, Any]], float, list[float]]:
    """A row per K, the speed-up of 2 jobs over 1 (median over median) and that of each repeat."""
    rows = []
    for jobs in (1, 2):
        walls = [r["wall_s"] for r in runs[jobs]]
        median = statistics.median(walls)
        cpu = statistics.median(r["cpu_s"] for r in runs[jobs])
        tool_walls = [r["tool_wall_s"] for r in runs[jobs] if r["tool_wall_s"]]
        rows.append({"jobs": jobs, "runs": len(walls), "median_wall_s": median, "walls_s": walls,
                     "min_wall_s": min(walls), "max_wall_s": max(walls), "docs_per_s": documents / median,
                     "median_cpu_s": cpu, "cores_busy": cpu / median,
                     # The command's time outside its own timed loop: start-up, discovery, exit.
                     "outside_loop_s": median - statistics.median(tool_walls) if tool_walls else None,
                     "tool_docs_per_s": statistics.median(r["tool_docs_per_s"] or 0.0 for r in runs[jobs])})
    speedup = rows[0]["median_wall_s"] / rows[1]["median_wall_s"]
    # Each repeat ran both, next to each other: their ratio is less exposed to drift in the
    # machine's speed than the ratio of medians, so both are shown.
    pair_speedups = [one["wall_s"] / two["wall_s"] for one, two in zip(runs[1], runs[2], strict=True)]
    return rows, speedup, pair_speedups


def print_speedup(rows: list[dict[str, Any]], speedup: float, pair_speedups: list[float]) -> None:
    print_table(["jobs", "runs", "median wall s", "min-max s", "docs/s", "docs/s (report.json)", "CPU s",
                 "cores busy", "outside loop s", "speed-up", "target", "met"],
                [[r["jobs"], r["runs"], f"{r['median_wall_s']:.2f}", f"{r['min_wall_s']:.1f}-{r['max_wall_s']:.1f}",
                  f"{r['docs_per_s']:.0f}", f"{r['tool_docs_per_s']:.0f}", f"{r['median_cpu_s']:.1f}",
                  f"{r['cores_busy']:.2f}", "n/a" if r["outside_loop_s"] is None else f"{r['outside_loop_s']:.2f}",
                  f"{rows[0]['median_wall_s'] / r['median_wall_s']:.2f}x",
                  "" if r["jobs"] == 1 else f">= {TARGET_SPEEDUP:g}x",
                  "" if r["jobs"] == 1 else yes_no(speedup >= TARGET_SPEEDUP)] for r in rows])
    print("docs/s times the whole command, median wall; report.json's rate is the tool's own, from after "
          "start-up and discovery. CPU s: user + system of the command and its workers; cores busy: CPU s "
          "over wall s (2 at most here).")
    print("Speed-up within each repeat (jobs 1 over jobs 2, run next to each other): "
          + ", ".join(f"{r:.2f}x" for r in pair_speedups)
          + (f"; median {statistics.median(pair_speedups):.2f}x" if len(pair_speedups) > 1 else ""))


def measure_throughput(cleaner: str, src: Path, work: Path, archive: dict[str, Any], repeats: int) -> dict[str, Any]:
    runs, failed_runs = alternating_runs(cleaner, src, work, "out", repeats)
    documents = archive["documents"]
    rows, speedup, pair_speedups = summarise_runs(runs, documents)
    # The last run of each keeps its outputs (as out-jobs1, out-jobs2) for the checks and part 4.
    keep_last_runs(work, "out", repeats)
    report = read_report(work / "out-jobs1")
    one, two = tree_digests(work / "out-jobs1"), tree_digests(work / "out-jobs2")
    same = compare_trees(one, two)
    complete = {jobs: completeness(d, archive["expected"]) for jobs, d in ((1, one), (2, two))}

    print(f"\n== Throughput: {documents:,} documents ({archive['html']:,} HTML, {archive['text']:,} text, "
          f"{archive['mb']:.1f} MB) in {archive['folders']} folders ==")
    print_speedup(rows, speedup, pair_speedups)
    documents_report = report.get("documents", {})
    print("\nOutputs:")
    print_table(["check", "result"], [
        ["OUT1 and OUT2 byte-identical (.cleaner/ aside)", yes_no(same["identical"])],
        ["files only in OUT1 / only in OUT2 / differing",
         f"{len(same['only_left'])} / {len(same['only_right'])} / {len(same['differing'])}"],
        ["one output per input, no other file: jobs 1 / jobs 2",
         f"{yes_no(complete[1]['complete'])} / {yes_no(complete[2]['complete'])}"],
        ["documents written / failed (report.json, jobs 1)",
         f"{documents_report.get('written', 'n/a')} / {documents_report.get('failed', 'n/a')}"],
        ["runs with a non-zero exit", str(len(failed_runs))],
    ])
    for label, items in (("differing", same["differing"]), ("only in OUT1", same["only_left"]),
                         ("only in OUT2", same["only_right"])):
        if items:
            print(f"  {label}: {', '.join(items[:5])}" + (" ..." if len(items) > 5 else ""))
    return {"runs": rows, "per_run": runs, "speedup": speedup, "pair_speedups": pair_speedups,
            "target_speedup": TARGET_SPEEDUP, "met": speedup >= TARGET_SPEEDUP,
            "identical": same["identical"], "only_jobs1": same["only_left"][:20],
            "only_jobs2": same["only_right"][:20], "differing": same["differing"][:20],
            "complete_jobs1": complete[1]["complete"], "complete_jobs2": complete[2]["complete"],
            "documents_written": documents_report.get("written"), "documents_failed": documents_report.get("failed"),
            "failed_runs": failed_runs}


# ---------------------------------------------------------------- 2. one archive


def jsonl_lines(path: Path) -> tuple[int, list[str | None]]:
    """Lines of a JSONL output and the ``id`` of each (None where a line is no JSON object)."""
    if not path.exists():
        return 0, []
    ids = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            ids.append(record.get("id") if isinstance(record, dict) else None)
    return len(ids), ids


def measure_archive(cleaner: str, dump: Path, work: Path, built: dict[str, Any], repeats: int) -> dict[str, Any]:
    runs, failed_runs = alternating_runs(cleaner, dump, work, "out-archive", repeats)
    records = built["records"]
    rows, speedup, pair_speedups = summarise_runs(runs, records)
    keep_last_runs(work, "out-archive", repeats)
    outs = {jobs: work / f"out-archive-jobs{jobs}" for jobs in (1, 2)}
    report = read_report(outs[1])
    trees = {jobs: tree_digests(out) for jobs, out in outs.items()}
    same = compare_trees(trees[1], trees[2])
    lines = {jobs: jsonl_lines(out / dump.name) for jobs, out in outs.items()}
    in_order = {jobs: ids == built["ids"] for jobs, (_, ids) in lines.items()}
    # A finished run joins the shards' parts and deletes them.
    leftovers = {jobs: sorted(str(Path(d, f).relative_to(out)) for d, _, files in os.walk(out / STATE_DIR)
                              for f in files if f.startswith("part-"))
                 for jobs, out in outs.items()}
    present = {jobs: (out / dump.name).exists() for jobs, out in outs.items()}
    identical = present[1] and present[2] and trees[1].get(dump.name) == trees[2].get(dump.name)

    print(f"\n== One archive: {dump.name}, {records:,} records ({built['html']:,} HTML, {built['text']:,} text, "
          f"{built['mb']:.1f} MB), shards of {SHARD_RECORDS} records ({built['shards']}) ==")
    print_speedup(rows, speedup, pair_speedups)
    documents_report = report.get("documents", {})
    print("\nOutputs:")
    print_table(["check", "result"], [
        [f"OUT1/{dump.name} and OUT2/{dump.name} byte-identical", yes_no(identical)],
        ["other files: only in OUT1 / only in OUT2 / differing (.cleaner/ aside)",
         f"{len(same['only_left'])} / {len(same['only_right'])} / {len(same['differing'])}"],
        [f"lines of {dump.name}: jobs 1 / jobs 2 (records in: {records:,})",
         f"{lines[1][0]:,} / {lines[2][0]:,}"],
        ["one line per input record: jobs 1 / jobs 2",
         f"{yes_no(lines[1][0] == records)} / {yes_no(lines[2][0] == records)}"],
        ["ids in input order: jobs 1 / jobs 2", f"{yes_no(in_order[1])} / {yes_no(in_order[2])}"],
        ["shard parts left: jobs 1 / jobs 2", f"{len(leftovers[1])} / {len(leftovers[2])}"],
        ["documents written / failed (report.json, jobs 1)",
         f"{documents_report.get('written', 'n/a')} / {documents_report.get('failed', 'n/a')}"],
        ["runs with a non-zero exit", str(len(failed_runs))],
    ])
    for label, items in (("differing", same["differing"]), ("only in OUT1", same["only_left"]),
                         ("only in OUT2", same["only_right"]), ("parts left in OUT1", leftovers[1]),
                         ("parts left in OUT2", leftovers[2])):
        if items:
            print(f"  {label}: {', '.join(items[:5])}" + (" ..." if len(items) > 5 else ""))
    return {"records": records, "html": built["html"], "text": built["text"], "jsonl_mb": built["mb"],
            "shard_records": SHARD_RECORDS, "shards": built["shards"], "runs": rows, "per_run": runs,
            "speedup": speedup, "pair_speedups": pair_speedups, "target_speedup": TARGET_SPEEDUP,
            "met": speedup >= TARGET_SPEEDUP, "identical": identical, "only_jobs1": same["only_left"][:20],
            "only_jobs2": same["only_right"][:20], "differing": same["differing"][:20],
            "lines_jobs1": lines[1][0], "lines_jobs2": lines[2][0],
            "one_line_per_record_jobs1": lines[1][0] == records, "one_line_per_record_jobs2": lines[2][0] == records,
            "ids_in_order_jobs1": in_order[1], "ids_in_order_jobs2": in_order[2],
            "parts_left_jobs1": leftovers[1][:20], "parts_left_jobs2": leftovers[2][:20],
            "documents_written": documents_report.get("written"), "documents_failed": documents_report.get("failed"),
            "failed_runs": failed_runs}


# ---------------------------------------------------------------- 3. memory


# Run in a fresh interpreter: RUSAGE_CHILDREN is the largest of all children a process has ever
# waited for, so measured from here it would carry over the peak of earlier runs.
_RUSAGE_WRAPPER = ("import resource, subprocess, sys\n"
                   "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
                   "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code, file=sys.stderr)\n")


def peak_rss(command: list[str]) -> dict[str, Any]:
    """Peak RSS (MB) of a command and its descendants, its wall seconds and exit code."""
    if Path("/usr/bin/time").exists():
        run = run_timed(["/usr/bin/time", "-v", *command])
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run["stderr"])
        exit_code = re.search(r"Exit status: (\d+)", run["stderr"])
        if found:  # else not GNU time (BusyBox's has no -v): measured the other way below
            return {"rss_mb": int(found.group(1)) * 1024 / MB, "method": "/usr/bin/time -v",
                    "seconds": run["seconds"], "stderr": run["stderr"],
                    "returncode": int(exit_code.group(1)) if exit_code else run["returncode"]}
    run = run_timed([sys.executable, "-c", _RUSAGE_WRAPPER, *command])
    last = run["stderr"].strip().splitlines()[-1].split()
    return {"rss_mb": int(last[0]) * 1024 / MB, "method": "getrusage(RUSAGE_CHILDREN)", "seconds": run["seconds"],
            "returncode": int(last[1]), "stderr": run["stderr"]}


def measure_memory(cleaner: str, work: Path, sentences: list[str], sizes: list[float], seed: int,
                   jobs: int) -> dict[str, Any]:
    rows = []
    for size_mb in sizes:
        dump = work / f"dump-{size_mb:g}mb.jsonl.zst"
        started = time.perf_counter()
        built = write_dump(dump, size_mb, sentences, seed)
        print(f"  built {dump.name}: {built['records']:,} records, {built['zst_mb']:.1f} MB compressed, "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        out = work / f"out-dump-{size_mb:g}mb"
        shutil.rmtree(out, ignore_errors=True)
        measured = peak_rss([cleaner, "clean", str(dump), "--out", str(out), "--jobs", str(jobs), "--quiet"])
        if measured["returncode"] != 0:
            show_failure(f"the {size_mb:g} MB dump", {"returncode": measured["returncode"],
                                                      "stderr": measured["stderr"]})
        written = read_report(out).get("documents", {}).get("written")
        if written != built["records"]:
            print(f"WARNING: {built['records']:,} records in, {written} written (report.json)")
        output = out / dump.name
        rows.append({"size_mb": size_mb, **built, "rss_mb": measured["rss_mb"], "method": measured["method"],
                     "seconds": measured["seconds"], "mb_per_s": built["jsonl_mb"] / measured["seconds"],
                     "returncode": measured["returncode"], "written": written,
                     "output_mb": output.stat().st_size / MB if output.exists() else None})
        print(f"  cleaned it: peak RSS {measured['rss_mb']:.0f} MB, {measured['seconds']:.0f} s", flush=True)
        # The dump and its output are not needed again; a 1 GB run should not hold 2 GB of disk.
        dump.unlink()
        shutil.rmtree(out, ignore_errors=True)

    smallest, largest = rows[0], rows[-1]
    ratio = largest["rss_mb"] / smallest["rss_mb"]
    measured_target = next((r for r in rows if r["jsonl_mb"] >= TARGET_DUMP_MB * 0.99), None)
    if measured_target:
        at_target, how = measured_target["rss_mb"], "measured"
    elif len(rows) > 1 and smallest["jsonl_mb"] >= MIN_EXTRAPOLATED_MB:
        fit = statistics.linear_regression([r["jsonl_mb"] for r in rows], [r["rss_mb"] for r in rows])
        at_target, how = fit.intercept + fit.slope * TARGET_DUMP_MB, "extrapolated (straight line)"
    else:
        at_target, how = None, "not measured"
    slope = ((largest["rss_mb"] - smallest["rss_mb"]) / (largest["jsonl_mb"] - smallest["jsonl_mb"]) * 100
             if len(rows) > 1 else None)

    print(f"\n== Peak memory, one JSONL.zst dump, --jobs {jobs} ({rows[0]['method']}) ==")
    print_table(["dump MB", "records", ".zst MB", "written", "exit", "peak RSS MB", "wall s", "MB/s"],
                [[f"{r['jsonl_mb']:.0f}", r["records"], f"{r['zst_mb']:.1f}", r["written"], r["returncode"],
                  f"{r['rss_mb']:.1f}", f"{r['seconds']:.1f}", f"{r['mb_per_s']:.2f}"] for r in rows])
    flat = ratio <= FLAT_RATIO if len(rows) > 1 else None  # one size says nothing about growth
    print_table(["figure", "value", "target", "met"], [
        ["peak RSS, largest dump over smallest", f"{ratio:.3f}", f"<= {FLAT_RATIO:.2f} (flat)",
         "n/a" if flat is None else yes_no(flat)],
        ["RSS growth per 100 MB of input", "n/a" if slope is None else f"{slope:+.1f} MB", "", ""],
        [f"peak RSS at a {TARGET_DUMP_MB / 1000:g} GB dump, {how}",
         "n/a" if at_target is None else f"{at_target:.0f} MB", f"< {TARGET_RSS_MB} MB",
         "n/a" if at_target is None else yes_no(at_target < TARGET_RSS_MB)],
    ])
    return {"jobs": jobs, "method": rows[0]["method"], "sizes": rows, "ratio_largest_smallest": ratio, "flat": flat,
            "growth_mb_per_100mb": slope, "rss_at_1gb_mb": at_target, "rss_at_1gb_how": how,
            "target_rss_mb": TARGET_RSS_MB}


# ---------------------------------------------------------------- 4. resume


def kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def group_alive(pgid: int, wait_seconds: float = 5.0) -> bool:
    """Whether a process of the group is still there after ``wait_seconds``; killed workers
    stay in the group as zombies until init reaps them, so give it a moment."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.05)


def measure_resume(cleaner: str, src: Path, work: Path, archive: dict[str, Any],
                   reference: dict[str, str]) -> dict[str, Any]:
    out = work / "out-resume"
    shutil.rmtree(out, ignore_errors=True)
    command = [cleaner, "clean", str(src), "--out", str(out), "--jobs", "2"]
    inputs = archive["documents"]
    # A process group of its own, so the kill reaches the worker processes too: killed alone,
    # the parent would leave them running, writing outputs beside the rerun.
    os.sync()  # as before the timed runs
    process = subprocess.Popen([*command, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    started = time.perf_counter()
    done_at_kill = 0
    try:
        while process.poll() is None:
            done_at_kill = len(output_files(out)) if out.exists() else 0
            if done_at_kill >= inputs * KILL_SHARE:
                break
            time.sleep(POLL_SECONDS)
    finally:
        kill_group(process)
    killed_after = time.perf_counter() - started
    finished_before_kill = process.returncode == 0
    survivors = group_alive(process.pid)
    done_at_kill = len(output_files(out))
    temporary_at_kill = temporary_files(out)
    try:
        manifest_entries = len(recorded_inputs(out / STATE_DIR))
    except (OSError, ValueError, KeyError):
        manifest_entries = 0
    print(f"  killed after {killed_after:.1f} s with {done_at_kill:,} of {inputs:,} outputs written", flush=True)

    rerun = run_timed(command)
    if rerun["returncode"] != 0:
        show_failure("the resumed run", rerun)
    said = RESUMING.search(rerun["stderr"])
    skipped = int(said.group(1)) if said else 0
    digests = tree_digests(out)
    complete = completeness(digests, archive["expected"])
    same = compare_trees(reference, digests)
    temporary_after = temporary_files(out)
    resumed_report = read_report(out).get("documents", {})

    print(f"\n== Resume: --jobs 2 killed (SIGKILL, whole process group) at about {KILL_SHARE:.0%}, "
          "then the same command again ==")
    print_table(["figure", "value"], [
        ["inputs", f"{inputs:,}"],
        ["outputs on disk when killed", f"{done_at_kill:,}"],
        ["inputs in the manifest when killed", f"{manifest_entries:,}"],
        ["temporary files left by the kill", str(len(temporary_at_kill))],
        ["processes of the run left 5 s after the kill", "some" if survivors else "none"],
        ["rerun said", said.group(0) if said else "(no 'resuming' line)"],
        ["skipped on resume / redone", f"{skipped:,} / {inputs - skipped:,}"],
        ["rerun exit code / wall s", f"{rerun['returncode']} / {rerun['seconds']:.1f}"],
        ["report.json after the rerun: documents in", str(resumed_report.get("in", "n/a"))],
    ])
    print("\nChecks after the rerun:")
    print_table(["check", "result"], [
        ["the kill came before the run finished", yes_no(not finished_before_kill)],
        ["one output per input, no other file", yes_no(complete["complete"])
         + ("" if complete["complete"]
            else f" ({len(complete['missing'])} missing, {len(complete['extra'])} extra)")],
        ["no temporary files left",
         yes_no(not temporary_after) + (f" ({len(temporary_after)})" if temporary_after else "")],
        ["byte-identical to the uninterrupted --jobs 1 run", yes_no(same["identical"])
         + (f" ({len(same['differing'])} differ)" if not same["identical"] else "")],
        ["the rerun skipped what the manifest held", yes_no(skipped == manifest_entries)],
    ])
    for label, items in (("left over", temporary_after), ("missing", complete["missing"]),
                         ("extra", complete["extra"]), ("differing", same["differing"])):
        if items:
            print(f"  {label}: {', '.join(items[:5])}" + (" ..." if len(items) > 5 else ""))
    return {"inputs": inputs, "killed_after_s": killed_after, "finished_before_kill": finished_before_kill,
            "outputs_at_kill": done_at_kill, "manifest_entries_at_kill": manifest_entries,
            "temporary_files_at_kill": temporary_at_kill[:20], "survivors_after_kill": survivors,
            "resuming_line": said.group(0) if said else None, "skipped_on_resume": skipped,
            "rerun_returncode": rerun["returncode"], "rerun_s": rerun["seconds"],
            "report_documents_in_after_rerun": resumed_report.get("in"), "complete": complete["complete"],
            "missing": complete["missing"][:20], "extra": complete["extra"][:20],
            "temporary_files_after": temporary_after[:20], "identical_to_jobs1": same["identical"],
            "differing": same["differing"][:20]}


# ---------------------------------------------------------------- main


def default_cleaner() -> str:
    beside = Path(sys.executable).parent / "cleaner"
    found = str(beside) if beside.exists() else shutil.which("cleaner")
    if not found:
        raise SystemExit("error: no 'cleaner' command beside this Python or on PATH; pass --cleaner PATH")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_DOCS:,} documents and dumps of {' and '.join(map(str, QUICK_MEMORY_SIZES))} MB")
    parser.add_argument("--docs", type=int, help=f"documents in the folder archive (default {DEFAULT_DOCS:,})")
    parser.add_argument("--folders", type=int, default=DEFAULT_FOLDERS,
                        help=f"subfolders they are spread over (default {DEFAULT_FOLDERS})")
    parser.add_argument("--repeats", type=int, default=1, help="timed runs per --jobs value (default 1)")
    parser.add_argument("--memory-sizes", type=float, nargs="+", metavar="MB",
                        help=f"dump sizes in MB of uncompressed JSONL (default "
                        f"{' '.join(map(str, DEFAULT_MEMORY_SIZES))}; the target is about 1000)")
    parser.add_argument("--memory-jobs", type=int, default=1,
                        help="--jobs for the memory runs (default 1; with more, the figure is the largest "
                        "single process, parent or worker)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(DEFAULT_PARTS),
                        help=f"what to measure (default {' '.join(DEFAULT_PARTS)})")
    parser.add_argument("--parquet-mb", type=float, default=1000,
                        help="MB of text in each Parquet file of part parquet (default 1000)")
    parser.add_argument("--parquet-group-rows", type=int, default=1000,
                        help="rows per row group of the second Parquet file (default 1000)")
    parser.add_argument("--parquet-jobs", type=int, nargs="+", default=[1, 2],
                        help="--jobs values for part parquet (default 1 2)")
    parser.add_argument("--parquet-layouts", nargs="+", choices=PARQUET_LAYOUTS, default=list(PARQUET_LAYOUTS),
                        help="one row group, row groups of --parquet-group-rows, or both (default)")
    parser.add_argument("--many-files-sizes", type=int, nargs="+", metavar="N",
                        help="numbers of files for part many-files (default "
                        f"{' '.join(map(str, MANY_FILES_SIZES))})")
    parser.add_argument("--many-files-million", action="store_true",
                        help=f"part many-files measures {MILLION:,} files too (long, and about 10 GB of disk "
                        "for the folder and its outputs at 4 KB a file)")
    parser.add_argument("--many-files-jobs", type=int, default=2, help="--jobs for part many-files (default 2)")
    parser.add_argument("--workdir", type=Path, help="make the temporary folder in here (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    parser.add_argument("--cleaner", help="the cleaner command (default: the one beside this Python)")
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files to take "
                        "sentences from (default: the shared article-extraction ground truth)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generators (default 0)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    documents = args.docs or (QUICK_DOCS if args.quick else DEFAULT_DOCS)
    sizes = sorted(args.memory_sizes or (QUICK_MEMORY_SIZES if args.quick else DEFAULT_MEMORY_SIZES))
    if documents < 2 or args.folders < 1 or sizes[0] <= 0:
        parser.error("--docs must be at least 2, --folders at least 1, --memory-sizes positive")
    many_sizes = sorted(set(args.many_files_sizes or MANY_FILES_SIZES) | ({MILLION} if args.many_files_million
                                                                             else set()))
    if many_sizes[0] < 1 or args.many_files_jobs < 1:
        parser.error("--many-files-sizes must be positive, --many-files-jobs at least 1")
    cleaner = args.cleaner or default_cleaner()

    articles, source = load_articles(args.corpus)
    sentences = sentence_pool(articles)
    print(f"Sentences from: {source} ({len(sentences):,} sentences)")
    checkout = checkout_state()
    print(f"Command: {cleaner} (checkout {checkout}); {os.cpu_count()} cores")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cleaner-batch-", dir=args.workdir))
    started = time.perf_counter()
    figures: dict[str, Any] = {"source": source, "seed": args.seed, "cleaner": cleaner, "checkout": checkout,
                               "cores": os.cpu_count(), "repeats": args.repeats, "parts": args.parts}
    try:
        src = work / "src"
        archive = None
        if {"throughput", "resume"} & set(args.parts):
            archive = build_folder(src, sentences, documents, args.folders, args.seed)
            print(f"Built {documents:,} files ({archive['html']:,} HTML, {archive['text']:,} text, "
                  f"{archive['mb']:.1f} MB) in {args.folders} folders under {src} "
                  f"in {time.perf_counter() - started:.0f} s", flush=True)
            figures["archive"] = {k: v for k, v in archive.items() if k != "expected"}
        if "throughput" in args.parts:
            print(f"Throughput: jobs 1 and 2, {args.repeats} repeat(s):")
            figures["throughput"] = measure_throughput(cleaner, src, work, archive, args.repeats)
        if "archive" in args.parts:
            dump = work / "dump.jsonl"
            built_at = time.perf_counter()
            built = write_archive_dump(dump, sentences, documents, args.folders, args.seed)
            print(f"\nBuilt {dump.name}: the same {documents:,} documents as records ({built['mb']:.1f} MB), "
                  f"in {time.perf_counter() - built_at:.0f} s", flush=True)
            print(f"One archive: jobs 1 and 2, {args.repeats} repeat(s):")
            figures["jsonl_archive"] = measure_archive(cleaner, dump, work, built, args.repeats)
        if "memory" in args.parts:
            print(f"\nMemory: dumps of {', '.join(f'{s:g}' for s in sizes)} MB:")
            figures["memory"] = measure_memory(cleaner, work, sentences, sizes, args.seed, args.memory_jobs)
        if "resume" in args.parts:
            reference_dir = work / "out-jobs1"
            if not (reference_dir / STATE_DIR / "report.json").exists():
                print("\nResume: first the uninterrupted --jobs 1 run to compare with:", flush=True)
                shutil.rmtree(reference_dir, ignore_errors=True)
                reference_run = run_timed([cleaner, "clean", str(src), "--out", str(reference_dir), "--jobs", "1",
                                           "--quiet"])
                if reference_run["returncode"] != 0:
                    show_failure("the --jobs 1 reference run", reference_run)
            print("\nResume:", flush=True)
            figures["resume"] = measure_resume(cleaner, src, work, archive, tree_digests(reference_dir))
        if "parquet" in args.parts:
            print(f"\nParquet: two files of {args.parquet_mb:g} MB of text:", flush=True)
            figures["parquet"] = measure_parquet(cleaner, work, lambda rng: text_document(sentences, rng),
                                                 args.parquet_mb, args.parquet_group_rows, args.parquet_jobs,
                                                 args.seed, tuple(args.parquet_layouts))
        if "many-files" in args.parts:
            print(f"\nMany files: folders of {', '.join(f'{n:,}' for n in many_sizes)} small files:", flush=True)
            figures["many_files"] = measure_many_files(cleaner, work, sentences, many_sizes, args.many_files_jobs,
                                                       args.seed, args.keep)
    finally:
        finish(work, args.keep, figures, started, args.json)


if __name__ == "__main__":
    main()
