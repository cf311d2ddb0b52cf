"""Archives in shards: a JSONL or WARC file's records cut into runs of bounded count and size.

Each shard is cleaned into a part file (by this process or a worker); once it is complete,
the shard's record count and result are written beside it, which marks it done. A rerun reads
past the records of the done shards (the first run of them, in order) and goes on from there. When every shard is done, the parts are joined into
the output in order, so the output is the same byte for byte however the work was split
between workers and however often the run was interrupted.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.batch import write_joined
from cleaner.readers.records import Record
from cleaner.writers import atomic_write_text
from cleaner.writers.json_text import json_text

if TYPE_CHECKING:
    from cleaner.engine.local import Task, TaskResult

# Small enough that one archive keeps every worker busy and a killed run loses little; a
# shard in flight to a worker holds at most SHARD_BYTES of documents in memory.
SHARD_RECORDS = 500
SHARD_BYTES = 4 << 20


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


def part_path(folder: Path, index: int) -> Path:
    return folder / f"part-{index:06}.jsonl"


def _done_path(folder: Path, index: int) -> Path:
    return folder / f"part-{index:06}.done.json"


class ArchiveJob:
    """One checkpointed archive, as the process that reads it sees it: the shards still to
    do, which are done (in order), and the joining of the parts at the end."""

    def __init__(self, task: Task, records: Iterator[Record], counts: dict[str, int], *,
                 journal: str | None = None) -> None:
        from cleaner.engine.local import TaskResult

        self.task = task
        self.journal = journal  # an in-place run's: the output is put in place as cleaner.in_place says
        self.folder = Path(task.checkpoints)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.counts = counts  # filled by the reader as it goes: skipped WARC records and such
        # The done shards' results, folded as they come: a million-record file keeps one.
        self.total = TaskResult(task.path)
        self.shards = 0
        skip = 0
        for entry in self._load():
            self.total.merge(TaskResult(**entry["result"]))
            self.shards += 1
            skip += entry["records"]
        self._records = records
        for _ in islice(self._records, skip):
            pass  # read past what was finished; the reader's counts stay whole
        self._start = self.shards

    def _load(self) -> list[dict[str, Any]]:
        done: list[dict[str, Any]] = []
        while part_path(self.folder, len(done)).exists():
            try:
                entry = json.loads(_done_path(self.folder, len(done)).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                break  # not finished, or damaged: done again from here
            if not (isinstance(entry, dict) and isinstance(entry.get("records"), int)
                    and isinstance(entry.get("result"), dict)):
                break
            done.append(entry)
        return done

    def remaining(self) -> Iterator[tuple[int, list[Record]]]:
        for offset, shard in enumerate(shards_of(self._records)):
            yield self._start + offset, shard

    def shard_done(self, index: int, records: int, part: TaskResult) -> None:
        if index != self.shards:
            raise RuntimeError(f"shard {index} of {self.task.path} finished out of order")
        entry = {"records": records, "result": asdict(part)}
        atomic_write_text(_done_path(self.folder, index), json_text(entry))
        self.total.merge(part)
        self.shards += 1

    def shard_lost(self, index: int, records: int, part: TaskResult) -> None:
        """A shard no worker could finish: its records are rejected, and an empty part
        stands in for it so the rest of the file is still joined."""
        atomic_write_text(part_path(self.folder, index), "")
        self.shard_done(index, records, part)

    def finish(self, result: TaskResult) -> None:
        from cleaner.in_place import writing

        with writing(Path(self.task.target), self.journal) as out:
            write_joined(out, [part_path(self.folder, i) for i in range(self.shards)])
        result.merge(self.total)
        result.counts.update(self.counts)
        shutil.rmtree(self.folder, ignore_errors=True)
