"""The one checkpoint scheme: an archive cleaned in units, each into a part file, with a marker
written beside the part once it is complete. A rerun finds the marked units and does only the
rest; when every unit is done the parts are joined into the output in order, so the output is
the same byte for byte however the work was split and however often the run was stopped.

Three kinds of unit cut an archive: a :attr:`UnitKind.SHARD` is a run of records counted from
the start of the file (any archive: it is read in order, and a rerun reads past the records of
the first done shards), a :attr:`UnitKind.RANGE` is a byte range of a plain JSONL file (a task
reads only its own range, so one dump spreads over a cluster). A :attr:`UnitKind.ROW_GROUP` is
a row group of a Parquet file cleaned into Parquet: its part is a Parquet file, joined by
:mod:`cleaner.task.parquet` (a rerun reads only the row groups not done)."""

from __future__ import annotations

import enum
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.in_place import writing
from cleaner.task.stats import RunStats
from cleaner.writers import atomic_write_text
from cleaner.writers.json_text import json_text
from cleaner.writers.jsonl import write_joined


class UnitKind(enum.Enum):
    SHARD = "shard"
    RANGE = "range"
    ROW_GROUP = "row-group"


@dataclass(frozen=True)
class Unit:
    """One unit of an archive: its kind, its number in the file, and for a range its bytes."""

    kind: UnitKind
    index: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Done:
    """What a marker says of a finished unit: how many records it read, and their stats."""

    records: int
    stats: RunStats


class Checkpoints:
    """The parts and markers of one archive in its own folder (named by the input and the run)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def part(self, unit: Unit) -> Path:
        ending = ".parquet" if unit.kind is UnitKind.ROW_GROUP else ".jsonl"
        return self.folder / f"{unit.kind.value}-{unit.index:06}{ending}"

    def _marker(self, unit: Unit) -> Path:
        return self.folder / f"{unit.kind.value}-{unit.index:06}.done.json"

    def prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def done(self, unit: Unit) -> Done | None:
        """The unit's marker when it is whole, is for this very unit (a range's bytes), and
        its part is there; else None: the unit is to do (again)."""
        try:
            entry = json.loads(self._marker(unit).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(entry, dict) and entry.get("kind") == unit.kind.value
                and entry.get("start") == unit.start and entry.get("end") == unit.end
                and isinstance(entry.get("records"), int) and isinstance(entry.get("stats"), dict)):
            return None
        if not self.part(unit).exists():
            return None
        return Done(entry["records"], RunStats.from_dict(entry["stats"]))

    def mark_done(self, unit: Unit, records: int, stats: RunStats) -> None:
        """Written after the unit's part is complete: from here on a rerun skips the unit."""
        entry: dict[str, Any] = {"kind": unit.kind.value, "start": unit.start, "end": unit.end, "records": records,
                                 "stats": stats.to_dict()}
        atomic_write_text(self._marker(unit), json_text(entry))

    def mark_lost(self, unit: Unit, records: int, stats: RunStats) -> None:
        """A unit no worker could finish: its records are rejected (in ``stats``), and an empty
        part stands in for it so the rest of the file is still joined."""
        atomic_write_text(self.part(unit), "")
        self.mark_done(unit, records, stats)

    def done_shards(self) -> list[Done]:
        """The shards done from the first on, up to the first that is not: a rerun goes on
        from there (a shard marked after a missing one is done again)."""
        found: list[Done] = []
        while (done := self.done(Unit(UnitKind.SHARD, len(found)))) is not None:
            found.append(done)
        return found

    def join(self, target: Path, units: list[Unit], journal: str | None = None) -> None:
        """The units' parts into ``target``, in order (an in-place run's target put in place
        as :mod:`cleaner.in_place` says); the folder goes once the output is whole."""
        with writing(target, journal) as out:
            write_joined(out, [self.part(unit) for unit in units])
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
