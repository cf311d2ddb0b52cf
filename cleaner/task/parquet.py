"""A Parquet archive cleaned into a Parquet file that mirrors it: the same columns with their
types and values, the same row groups (less the rows rejected; one larger than ``GROUP_BYTES``
cleaned is cut), the cleaned text in the column it was read from (a page's in ``text``, or
``--output-field``), and cleaner's own data as a JSON string column ``cleaner``, so the schema
is fixed before the first row is cleaned.

A row group is read in slices of rows (:func:`cleaner.readers.parquet.group_slices`) and
written when whole, or when its cleaned rows reach ``GROUP_BYTES``: memory stays bounded
however the input's row groups were cut. In a batch (a task with a checkpoint folder) each row
group is a checkpointed unit, :attr:`~cleaner.task.checkpoints.UnitKind.ROW_GROUP`, cleaned
into a Parquet part by :func:`clean_row_group`, which reads only its own row group, so the row
groups of one file spread over the workers of either engine (:class:`ParquetArchive`); the
parts are joined into the output at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.errors import InputError
from cleaner.in_place import writing
from cleaner.pipeline import Cleaner
from cleaner.readers.parquet import group_slices, input_layout, opened, pyarrow_missing
from cleaner.readers.records import Record
from cleaner.task.checkpoints import Checkpoints, Done, Unit, UnitKind
from cleaner.task.records import clean_records
from cleaner.task.settings import Settings
from cleaner.task.stats import RunStats
from cleaner.writers.json_text import json_text
from cleaner.writers.parquet import parquet_writer

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleaner.task.run import Task

OWN_COLUMN = "cleaner"
# The cleaned rows of a row group wait in memory until written as one group, up to this size;
# a larger group is written as several. Writing them costs about twice their size again: at 64 MB
# a gigabyte's single row group peaked at 460 MB, at 16 MB at 345 MB.
GROUP_BYTES = 16 << 20


@dataclass(frozen=True)
class Layout:
    """What the footer says and the settings make of it: the output's columns, the columns a
    cleaned text may go to, and the rows of each row group."""

    schema: pa.Schema
    targets: list[str]
    rows: list[int]

    def first_row(self, index: int) -> int:
        return sum(self.rows[:index])


def layout_of(task: Task, settings: Settings) -> Layout:
    missing = pyarrow_missing(task.name)
    if missing:
        raise InputError(missing)
    schema, rows = input_layout(Path(task.path), task.name)
    targets = text_columns(schema.names, settings)
    return Layout(output_schema(schema, targets), targets, rows)


def clean_parquet(cleaner: Cleaner, task: Task, settings: Settings, stats: RunStats,
                  on_documents: Callable[[int], None] | None = None) -> None:
    """Every row of the task's input cleaned into its target; a failing row is a reject in
    ``stats``. With a checkpoint folder each row group is a unit (a part and its marker), so a
    killed run reads again only the row groups it had not finished."""
    if task.checkpoints:
        archive = ParquetArchive(task, settings)
        for unit, _ in archive.remaining():
            done = clean_row_group(cleaner, task, settings, unit)
            archive.settle(unit, done)
            if on_documents is not None:
                on_documents(done.stats.documents)
        stats += archive.finish(settings.journal)
        return
    layout = layout_of(task, settings)
    with writing(Path(task.target), settings.journal) as out, parquet_writer(out, layout.schema) as writer, \
            opened(Path(task.path), task.name) as file:
        for index in range(len(layout.rows)):
            _clean_group(writer, cleaner, file, index, task, layout, settings, stats)


def clean_row_group(cleaner: Cleaner, task: Task, settings: Settings, unit: Unit) -> Done:
    """One row group of the task's input into its part, then marked done; a row group marked
    done already is not cleaned again. Reads the footer and that row group only."""
    checkpoints = Checkpoints(task.checkpoints)
    done = checkpoints.done(unit)
    if done is not None:
        return done
    layout = layout_of(task, settings)
    stats = RunStats()
    with parquet_writer(checkpoints.part(unit), layout.schema) as writer, \
            opened(Path(task.path), task.name) as file:
        _clean_group(writer, cleaner, file, unit.index, task, layout, settings, stats)
    checkpoints.mark_done(unit, layout.rows[unit.index], stats)
    return Done(layout.rows[unit.index], stats)


class ParquetArchive:
    """A checkpointed Parquet file cleaned into Parquet as the planning process sees it: its
    row groups still to do (those done by an earlier run counted in), the results settled, and
    the joining of the parts. The same interface as :class:`cleaner.task.run.ShardedArchive`;
    the units carry no records: whoever cleans one reads it (:func:`clean_row_group`)."""

    def __init__(self, task: Task, settings: Settings) -> None:
        self.task = task
        self.layout = layout_of(task, settings)
        self.checkpoints = Checkpoints(task.checkpoints)
        self.checkpoints.prepare()
        self.units = [Unit(UnitKind.ROW_GROUP, index) for index in range(len(self.layout.rows))]
        self.total = RunStats()

    def remaining(self) -> Iterator[tuple[Unit, list[Record]]]:
        for unit in self.units:
            done = self.checkpoints.done(unit)
            if done is not None:
                self.total += done.stats
            else:
                yield unit, []

    def settle(self, unit: Unit, done: Done) -> None:
        self.total += done.stats

    def describe(self, unit: Unit, records: list[Record]) -> tuple[str, int]:
        """What a unit covers, for a reject: its rows' sources, and how many rows."""
        first, rows = self.layout.first_row(unit.index), self.layout.rows[unit.index]
        return f"{self.task.name}:{first + 1} .. {self.task.name}:{first + rows}", rows

    def lose(self, unit: Unit, records: list[Record], stats: RunStats) -> None:
        """A row group no worker could finish: rejected, an empty part in its place."""
        self.checkpoints.mark_lost(unit, self.layout.rows[unit.index], stats)
        self.total += stats

    def finish(self, journal: str | None) -> RunStats:
        join_row_groups(self.checkpoints, self.units, Path(self.task.target), self.layout.schema, journal)
        return self.total


def join_row_groups(checkpoints: Checkpoints, units: list[Unit], target: Path, schema: pa.Schema,
                    journal: str | None) -> None:
    """The parts' row groups into the target in order, one in memory at a time (a lost unit's
    part is empty); the folder goes once the output is whole."""
    import pyarrow.parquet as pq

    with writing(target, journal) as out, parquet_writer(out, schema) as writer:
        for unit in units:
            part = checkpoints.part(unit)
            if part.stat().st_size == 0:
                continue
            with pq.ParquetFile(part) as parts:
                for index in range(parts.num_row_groups):
                    _write(writer, [parts.read_row_group(index)])
    checkpoints.remove()


def _clean_group(writer: pq.ParquetWriter, cleaner: Cleaner, file: pq.ParquetFile, index: int, task: Task,
                 layout: Layout, settings: Settings, stats: RunStats) -> None:
    """Row group ``index`` cleaned slice by slice, written as one group or, past
    ``GROUP_BYTES`` of cleaned rows, as several."""
    # The site once for the file: each row is then cleaned on its own (see _clean_slice).
    settings = replace(settings, context={**settings.context, "site": task.site})
    waiting: list[pa.Table] = []
    size = 0
    for table, records in group_slices(file, index, first_row=layout.first_row(index), display=task.name,
                                       text_field=settings.text_field, html_field=settings.html_field,
                                       max_bytes=settings.max_document_bytes):
        cleaned = _clean_slice(cleaner, table, records, layout, settings, stats)
        if cleaned is None:
            continue
        waiting.append(cleaned)
        size += cleaned.nbytes
        if size >= GROUP_BYTES:
            _write(writer, waiting)
            waiting, size = [], 0
    _write(writer, waiting)


def _write(writer: pq.ParquetWriter, tables: list[pa.Table]) -> None:
    import pyarrow as pa

    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0] if tables else None
    if table is not None and table.num_rows:
        # One output row group for what is given, whatever the writer's default size.
        writer.write_table(table, row_group_size=table.num_rows)


def text_columns(names: list[str], settings: Settings) -> list[str]:
    """The columns a row's cleaned text may go to, as :func:`~cleaner.task.records.output_record`
    picks the field: ``--output-field``, else ``text`` for a page, the text's own column for text."""
    if settings.output_field:
        return [settings.output_field]
    targets = []
    html_column = settings.html_field or ("html" if settings.text_field is None else None)
    if html_column in names:
        targets.append("text")
    text_column = settings.text_field or "text"
    if text_column in names and text_column not in targets:
        targets.append(text_column)
    return targets


def output_schema(schema: pa.Schema, targets: list[str]) -> pa.Schema:
    """The input's columns in order with their types; a text column that is new, and
    ``cleaner``, at the end (as a JSONL record's new fields come last)."""
    import pyarrow as pa

    fields = list(schema)
    for name in [*targets, OWN_COLUMN]:
        index = schema.get_field_index(name)
        if index >= 0:
            kept = fields[index].type if name != OWN_COLUMN and _is_text(fields[index].type) else pa.string()
            fields[index] = pa.field(name, kept)
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields, metadata=schema.metadata)


def _is_text(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _clean_slice(cleaner: Cleaner, table: pa.Table, records: list[Record], layout: Layout, settings: Settings,
                 stats: RunStats) -> pa.Table | None:
    """A slice's output table: the rows that were cleaned, or None if none was."""
    import pyarrow as pa

    kept: list[int] = []
    texts: dict[str, dict[int, str]] = {name: {} for name in layout.targets}
    own: list[str] = []
    for row, record in enumerate(records):
        # Row by row, so each output is known to be this row's (a rejected row gives none).
        for out in clean_records(cleaner, [record], settings, stats):
            target = _target_of(record, settings)
            texts.setdefault(target, {})[len(kept)] = out[target]
            own.append(json_text(out[OWN_COLUMN]))
            kept.append(row)
    if not kept:
        return None
    part = table if len(kept) == table.num_rows else table.take(pa.array(kept, pa.int64()))
    columns = []
    for field in layout.schema:
        if field.name == OWN_COLUMN:
            columns.append(pa.array(own, pa.string()))
        elif field.name in texts:
            columns.append(_with_texts(part, field, texts[field.name]))
        else:
            columns.append(part.column(field.name))
    return pa.Table.from_arrays(columns, schema=layout.schema)


def _target_of(record: Record, settings: Settings) -> str:
    # As output_record chooses it: a page's text goes to "text", its HTML stays.
    return settings.output_field or (record.read_from if record.html is None else "text") or "text"


def _with_texts(part: pa.Table, field: pa.Field, texts: dict[int, str]) -> pa.Array:
    """The column ``field`` with the cleaned texts at their rows; the other rows keep what the
    input had there (a page's row keeps its ``text`` column), or null in a new column."""
    import pyarrow as pa

    values: list[Any] = [None] * part.num_rows
    if field.name in part.column_names:
        try:
            values = part.column(field.name).cast(field.type).to_pylist()
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass  # not text (--output-field naming a column of numbers): its values make way
    for row, text in texts.items():
        values[row] = text
    return pa.array(values, field.type)
