"""A task: one input file cleaned into its target, the same on every engine. An engine only
schedules tasks (and the units of a large archive); reading, cleaning, writing a part and
marking it done, the checks before a file and the rejects of one that fails, all happen here.

A text or HTML file is one document written whole. A Parquet archive cleaned into Parquet is
written row group by row group (:mod:`cleaner.task.parquet`, checkpointed by row group). An
archive (JSONL, WARC, Parquet) is cleaned into JSONL in one go, or, when the task has a
checkpoint folder, unit by unit
(:mod:`cleaner.task.checkpoints`): shards read in order by this process or handed to workers
(:class:`ShardedArchive`), or byte ranges of a plain JSONL file cleaned by tasks of their own
(:func:`clean_seekable`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from cleaner.errors import InputError, OutputFull, is_out_of_space
from cleaner.in_place import original_kept, writing
from cleaner.pipeline import Cleaner
from cleaner.readers.ranges import range_records
from cleaner.readers.records import Record, archive_kind
from cleaner.storage import is_url
from cleaner.task.checkpoints import Checkpoints, Done, Unit, UnitKind
from cleaner.task.documents import document_of_file, records_of
from cleaner.task.parquet import clean_parquet, clean_row_group, join_row_groups, layout_of
from cleaner.task.records import clean_records, document_record
from cleaner.task.settings import Settings
from cleaner.task.staged import run_staged
from cleaner.task.stats import RunStats
from cleaner.writers import atomic_write_text, format_document
from cleaner.writers.json_text import json_text
from cleaner.writers.jsonl import write_jsonl

# Small enough that one archive keeps every worker busy and a killed run loses little; a
# shard in flight to a worker holds at most SHARD_BYTES of documents in memory.
SHARD_RECORDS = 500
SHARD_BYTES = 4 << 20


@dataclass(frozen=True)
class Task:
    path: str
    target: str
    site: str = ""  # the site its documents belong to when they carry no URL (the top folder)
    # For an archive: a folder for its checkpoints, so a killed run resumes inside the file.
    # Empty: the archive is written in one go.
    checkpoints: str = ""
    # How its documents are named in records, rejects and reports, when not by ``path``: the
    # URL of a remote input cleaned from a local copy.
    source: str = ""
    # Why the input is not cleaned (its output would replace another's), found by the planner
    # as it walked: the task is then this reject, and writes nothing.
    refused: str = ""

    @property
    def name(self) -> str:
        return self.source or self.path

    @property
    def sharded(self) -> bool:
        """Cleaned unit by unit, with checkpoints (else in one go)."""
        # A Parquet output is cut into row groups by its task (cleaner.task.parquet), not shards.
        return (bool(self.checkpoints) and not is_url(self.path) and bool(archive_kind(Path(self.path)))
                and archive_kind(Path(self.target)) != "parquet")

    @property
    def row_grouped(self) -> bool:
        """A Parquet file cleaned into Parquet with checkpoints: unit by unit, each a row group
        that whoever cleans it reads alone (:class:`cleaner.task.parquet.ParquetArchive`)."""
        return (bool(self.checkpoints) and not is_url(self.path) and archive_kind(Path(self.path)) == "parquet"
                and archive_kind(Path(self.target)) == "parquet")


def run_task(cleaner: Cleaner, task: Task, settings: Settings,
             on_documents: Callable[[int], None] | None = None) -> RunStats:
    """Clean one input into its target; what went wrong is a reject in the stats, never raised
    (but for a full disk, which stops the run: :class:`OutputFull`)."""
    stats = RunStats()
    if task.refused:
        stats.reject(task.name, task.refused)
        return stats.file_done()
    if is_url(task.path) or is_url(task.target):
        return run_staged(cleaner, task, settings, on_documents, run_task)
    path, target = Path(task.path), Path(task.target)
    if not prepare(task, settings, stats):
        return stats.file_done()
    try:
        if archive_kind(path):
            _clean_archive(cleaner, task, settings, stats, on_documents)
        else:
            _clean_file(cleaner, task, settings, stats)
        if not settings.dry_run:
            stats.bytes_out = target.stat().st_size
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        reject_failure(stats, task, exc)
    return stats.file_done()


def _clean_file(cleaner: Cleaner, task: Task, settings: Settings, stats: RunStats) -> None:
    doc = document_of_file(cleaner, Path(task.path), settings, display=task.name)
    doc.context.update(settings.context)
    doc.context["site"] = task.site
    doc.stats["characters_in"] = len(doc.text)
    doc = cleaner.clean_document(doc)
    if not settings.dry_run:
        with writing(Path(task.target), settings.journal) as out:
            atomic_write_text(out, json_text(document_record(doc, task.name, settings)) + "\n"
                              if settings.as_records else format_document(doc, settings.fmt))
    stats.add_document(doc)


def _clean_archive(cleaner: Cleaner, task: Task, settings: Settings, stats: RunStats,
                   on_documents: Callable[[int], None] | None) -> None:
    counts: dict[str, int] = {}
    records = records_of(Path(task.path), settings, counts, display=task.name)
    if settings.dry_run:
        for _ in clean_records(cleaner, records, settings, stats, site=task.site):
            pass
    elif archive_kind(Path(task.target)) == "parquet":
        clean_parquet(cleaner, task, settings, stats, on_documents)
    elif not task.checkpoints:
        with writing(Path(task.target), settings.journal) as out:
            write_jsonl(out, clean_records(cleaner, records, settings, stats, site=task.site))
    else:
        archive = ShardedArchive(task, records, counts)
        for unit, shard in archive.remaining():
            done = clean_unit(cleaner, task, settings, unit, shard)
            archive.settle(unit, done)
            if on_documents is not None:
                on_documents(done.stats.documents)
        stats += archive.finish(settings.journal)
        return
    stats.counts.update(counts)
    reject_if_nothing_read(stats, task)


def reject_if_nothing_read(stats: RunStats, task: Task) -> None:
    """An archive of which every record was skipped (a WARC of requests, of images) is a
    reject that says so: an empty output and "0 failed" would read as a success."""
    if stats.documents or stats.rejects or not stats.counts:
        return
    skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(stats.counts.items()))
    stats.reject(task.name, f"{task.name}: no document in it was cleaned ({skipped}); an archive holds WARC "
                            "responses with HTML, WET conversion records, or JSONL records with a text or html field")


def prepare(task: Task, settings: Settings, stats: RunStats) -> bool:
    """Checks made before a file is cleaned; False (with the reason in ``stats``) to skip it."""
    path, target = Path(task.path), Path(task.target)
    try:
        stats.bytes_in = path.stat().st_size
    except OSError:
        pass
    if target.resolve() != path.resolve():
        return True
    if not settings.backup_suffix:
        stats.reject(task.name, "output would overwrite the input; choose another --out")
        return False
    if not settings.dry_run:
        try:
            reason = original_kept(path, settings.backup_suffix, task.name)
        except OSError as exc:
            reason = f"{task.name}: cannot keep a backup ({exc.strerror or exc}); the file was left as it was"
        if reason:
            stats.reject(task.name, reason)
            return False
    return True


def reject_failure(stats: RunStats, task: Task, exc: Exception) -> None:
    """The reject for a file that failed; a full disk is not the file's fault and stops the run."""
    if is_out_of_space(exc):
        # Every file after it would fail the same way.
        raise OutputFull(f"no space left on the output's file system while writing for {task.name} "
                         f"({exc})") from None
    if isinstance(exc, InputError):
        reason = str(exc)
    elif isinstance(exc, OSError):
        reason = f"{task.name}: {exc}"
    else:
        reason = f"{task.name}: {type(exc).__name__}: {exc} (a failure inside cleaner; please report it with this file)"
    stats.reject(task.name, reason)


def clean_unit(cleaner: Cleaner, task: Task, settings: Settings, unit: Unit, records: Iterable[Record]) -> Done:
    """One unit of an archive cleaned into its part, then marked done."""
    checkpoints = Checkpoints(task.checkpoints)
    stats = RunStats()
    read = 0

    def counted() -> Iterator[Record]:
        nonlocal read
        for record in records:
            read += 1
            yield record

    write_jsonl(checkpoints.part(unit), clean_records(cleaner, counted(), settings, stats, site=task.site))
    checkpoints.mark_done(unit, read, stats)
    return Done(read, stats)


def clean_seekable(cleaner: Cleaner, task: Task, settings: Settings, unit: Unit, first_line: int = 1) -> Done:
    """A unit its cleaner reads alone: a byte range of a plain JSONL file (its records
    sourced from ``first_line``), or a Parquet file's row group; one marked done already is not
    cleaned again."""
    if unit.kind is UnitKind.ROW_GROUP:
        return clean_row_group(cleaner, task, settings, unit)
    done = Checkpoints(task.checkpoints).done(unit)
    if done is not None:
        return done
    records = range_records(task.path, unit.start, unit.end, display=task.name, text_field=settings.text_field,
                            html_field=settings.html_field, max_bytes=settings.max_document_bytes,
                            first_line=first_line)
    return clean_unit(cleaner, task, settings, unit, records)


def shards_of(records: Iterator[Record]) -> Iterator[list[Record]]:
    shard: list[Record] = []
    size = 0
    for record in records:
        shard.append(record)
        size += len(record.html if record.html is not None else record.text or "")
        if len(shard) >= SHARD_RECORDS or size >= SHARD_BYTES:
            yield shard
            shard, size = [], 0
    if shard:
        yield shard


class ShardedArchive:
    """One checkpointed archive as the process that reads it sees it: the shards still to do
    (the records of the shards done by an earlier run read past), the shards settled in order,
    and the joining of the parts at the end."""

    def __init__(self, task: Task, records: Iterator[Record], counts: dict[str, int]) -> None:
        self.task = task
        self.checkpoints = Checkpoints(task.checkpoints)
        self.checkpoints.prepare()
        self.counts = counts  # filled by the reader as it goes: skipped WARC records and such
        # The done shards' stats, folded as they come: a million-record file keeps one.
        self.total = RunStats()
        done = self.checkpoints.done_shards()
        for shard in done:
            self.total += shard.stats
        self.shards = len(done)
        self._records = records
        for _ in islice(self._records, sum(shard.records for shard in done)):
            pass  # read past what was finished; the reader's counts stay whole
        self._start = self.shards

    def remaining(self) -> Iterator[tuple[Unit, list[Record]]]:
        for offset, shard in enumerate(shards_of(self._records)):
            yield Unit(UnitKind.SHARD, self._start + offset), shard

    def settle(self, unit: Unit, done: Done) -> None:
        """A shard's result, in order (its part written and marked by whoever cleaned it)."""
        if unit.index != self.shards:
            raise RuntimeError(f"shard {unit.index} of {self.task.name} finished out of order")
        self.total += done.stats
        self.shards += 1

    def describe(self, unit: Unit, records: list[Record]) -> tuple[str, int]:
        """What a shard covers, for a reject: its records' sources, and how many records."""
        return f"{records[0].source} .. {records[-1].source}", len(records)

    def lose(self, unit: Unit, records: list[Record], stats: RunStats) -> None:
        """A shard no worker could finish: rejected, an empty part in its place."""
        self.checkpoints.mark_lost(unit, len(records), stats)
        self.settle(unit, Done(len(records), stats))

    def finish(self, journal: str | None) -> RunStats:
        """The parts joined into the target; the archive's stats."""
        self.checkpoints.join(Path(self.task.target), [Unit(UnitKind.SHARD, i) for i in range(self.shards)], journal)
        self.total.counts.update(self.counts)
        reject_if_nothing_read(self.total, self.task)
        return self.total


def join_parts(task: Task, settings: Settings, units: list[Unit]) -> None:
    """The parts of units cleaned apart (byte ranges, row groups) joined into the task's output."""
    checkpoints = Checkpoints(task.checkpoints)
    if units and units[0].kind is UnitKind.ROW_GROUP:
        join_row_groups(checkpoints, units, Path(task.target), layout_of(task, settings).schema, settings.journal)
    else:
        checkpoints.join(Path(task.target), units, settings.journal)
