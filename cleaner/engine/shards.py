"""Archives in shards: a JSONL or WARC file's records cut into runs of bounded count and size.

Each shard is cleaned into a part file (by this process or a worker) and recorded as done in
the archive's checkpoint folder before the next is recorded; a rerun reads past the recorded
shards' records and goes on from there. When every shard is done, the parts are joined into
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

if TYPE_CHECKING:
    from cleaner.engine.local import Task, TaskResult

# A killed run loses at most one shard of work per file; a shard in flight to a worker holds
# at most SHARD_BYTES of documents in memory.
SHARD_RECORDS = 2000
SHARD_BYTES = 8 << 20


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


class ArchiveJob:
    """One checkpointed archive, as the process that reads it sees it: the shards still to
    do, which are done (in order), and the joining of the parts at the end."""

    def __init__(self, task: Task, records: Iterator[Record], counts: dict[str, int]) -> None:
        self.task = task
        self.folder = Path(task.checkpoints)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.counts = counts  # filled by the reader as it goes: skipped WARC records and such
        self.done = self._load()
        self._records = records
        for _ in islice(self._records, sum(entry["records"] for entry in self.done)):
            pass  # read past what was finished; the reader's counts stay whole
        self._start = len(self.done)

    def _load(self) -> list[dict[str, Any]]:
        try:
            done = json.loads((self.folder / "done.json").read_text(encoding="utf-8"))["shards"]
            valid = [entry for entry in done if isinstance(entry.get("records"), int)
                     and isinstance(entry.get("result"), dict)]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return []  # no checkpoint yet, or a damaged one: the file starts again
        finished = 0
        while finished < len(valid) and part_path(self.folder, finished).exists():
            finished += 1
        return valid[:finished]

    def remaining(self) -> Iterator[tuple[int, list[Record]]]:
        for offset, shard in enumerate(shards_of(self._records)):
            yield self._start + offset, shard

    def shard_done(self, index: int, records: int, part: TaskResult) -> None:
        if index != len(self.done):
            raise RuntimeError(f"shard {index} of {self.task.path} finished out of order")
        self.done.append({"records": records, "result": asdict(part)})
        atomic_write_text(self.folder / "done.json", json.dumps({"shards": self.done}, ensure_ascii=False))

    def shard_lost(self, index: int, records: int, part: TaskResult) -> None:
        """A shard no worker could finish: its records are rejected, and an empty part
        stands in for it so the rest of the file is still joined."""
        atomic_write_text(part_path(self.folder, index), "")
        self.shard_done(index, records, part)

    def finish(self, result: TaskResult) -> None:
        from cleaner.engine.local import TaskResult

        write_joined(Path(self.task.target), [part_path(self.folder, i) for i in range(len(self.done))])
        for entry in self.done:
            result.merge(TaskResult(**entry["result"]))
        result.counts.update(self.counts)
        shutil.rmtree(self.folder, ignore_errors=True)
