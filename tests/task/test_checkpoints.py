"""The one checkpoint scheme: a unit is done when its part and its marker are both there and
the marker is for this very unit; parts are joined in order."""

from __future__ import annotations

from pathlib import Path

from cleaner.task.checkpoints import Checkpoints, Unit, UnitKind
from cleaner.task.stats import RunStats


def _done(checkpoints: Checkpoints, unit: Unit, lines: str, records: int) -> None:
    checkpoints.part(unit).write_text(lines, encoding="utf-8")
    checkpoints.mark_done(unit, records, RunStats(documents=records))


def test_a_unit_is_done_only_with_its_part_and_a_marker_for_it(tmp_path: Path) -> None:
    checkpoints = Checkpoints(tmp_path / "cp")
    checkpoints.prepare()
    unit = Unit(UnitKind.RANGE, 0, 0, 100)
    assert checkpoints.done(unit) is None
    _done(checkpoints, unit, '{"id": 1}\n', 1)
    assert checkpoints.done(unit).records == 1 and checkpoints.done(unit).stats.documents == 1
    assert checkpoints.done(Unit(UnitKind.RANGE, 0, 0, 120)) is None  # another cut of the file
    assert checkpoints.done(Unit(UnitKind.SHARD, 0)) is None  # another kind of unit
    checkpoints.part(unit).unlink()
    assert checkpoints.done(unit) is None  # a marker without its part


def test_shards_are_done_from_the_first_up_to_the_first_missing(tmp_path: Path) -> None:
    checkpoints = Checkpoints(tmp_path / "cp")
    checkpoints.prepare()
    for index in (0, 1, 3):
        _done(checkpoints, Unit(UnitKind.SHARD, index), f"{index}\n", 5)
    (tmp_path / "cp" / "shard-000002.done.json").write_text("{half", encoding="utf-8")
    assert [d.records for d in checkpoints.done_shards()] == [5, 5]  # shard 3 is done again after 2


def test_a_lost_unit_stands_as_an_empty_part_and_the_rest_is_joined_in_order(tmp_path: Path) -> None:
    checkpoints = Checkpoints(tmp_path / "cp")
    checkpoints.prepare()
    units = [Unit(UnitKind.SHARD, i) for i in range(3)]
    _done(checkpoints, units[0], "a\n", 1)
    lost = RunStats()
    lost.reject("dump.jsonl:2 .. dump.jsonl:2", "1 records: the worker died")
    checkpoints.mark_lost(units[1], 1, lost)
    _done(checkpoints, units[2], "c\n", 1)
    assert checkpoints.done(units[1]).stats.rejects == lost.rejects
    checkpoints.join(tmp_path / "out.jsonl.gz", units)
    import gzip

    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == b"a\nc\n"
    assert not (tmp_path / "cp").exists()  # gone once the output is whole
