"""A Parquet archive cleaned into a Parquet file that mirrors it: the same columns with their
types and values, the same row groups (less the rows rejected), the cleaned text in the column
it was read from (a page's in ``text``, or ``--output-field``), and cleaner's own data as a JSON
string column ``cleaner``, so the schema is fixed before the first row is cleaned.

It is written row group by row group: one group of the input and its output are in memory at
a time. In a batch (a task with a checkpoint folder) each row group is a checkpointed unit,
:attr:`~cleaner.task.checkpoints.UnitKind.ROW_GROUP`, cleaned into a Parquet part in order by
the task's own process; the parts are joined into the output at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.errors import InputError
from cleaner.in_place import writing
from cleaner.pipeline import Cleaner
from cleaner.readers.parquet import input_layout, pyarrow_missing, row_groups
from cleaner.readers.records import Record
from cleaner.task.checkpoints import Checkpoints, Unit, UnitKind
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


def clean_parquet(cleaner: Cleaner, task: Task, settings: Settings, stats: RunStats,
                  on_documents: Callable[[int], None] | None = None) -> None:
    """Every row of the task's input cleaned into its target; a failing row is a reject in
    ``stats``. With a checkpoint folder each row group is a unit (a part and its marker), so a
    killed run reads again only the row groups it had not finished."""
    missing = pyarrow_missing(task.name)
    if missing:
        raise InputError(missing)
    schema, groups = input_layout(Path(task.path), task.name)
    targets = text_columns(schema.names, settings)
    out_schema = output_schema(schema, targets)
    # The site once for the file: each row is then cleaned on its own (see _clean_group).
    settings = replace(settings, context={**settings.context, "site": task.site})
    read = partial(row_groups, Path(task.path), display=task.name, text_field=settings.text_field,
                   html_field=settings.html_field, max_bytes=settings.max_document_bytes)
    if not task.checkpoints:
        with writing(Path(task.target), settings.journal) as out, parquet_writer(out, out_schema) as writer:
            for _, table, records in read():
                _write(writer, _clean_group(cleaner, table, records, out_schema, targets, settings, stats))
        return
    checkpoints = Checkpoints(task.checkpoints)
    checkpoints.prepare()
    units = [Unit(UnitKind.ROW_GROUP, index) for index in range(groups)]
    finished = set()
    for unit in units:
        if (done := checkpoints.done(unit)) is not None:
            stats += done.stats
            finished.add(unit.index)
    for index, table, records in read(wanted=lambda i: i not in finished):
        unit, unit_stats = units[index], RunStats()
        cleaned = _clean_group(cleaner, table, records, out_schema, targets, settings, unit_stats)
        with parquet_writer(checkpoints.part(unit), out_schema) as writer:
            _write(writer, cleaned)
        checkpoints.mark_done(unit, table.num_rows, unit_stats)
        stats += unit_stats
        if on_documents is not None:
            on_documents(unit_stats.documents)
    _join(checkpoints, units, Path(task.target), out_schema, settings.journal)


def _join(checkpoints: Checkpoints, units: list[Unit], target: Path, schema: pa.Schema, journal: str | None) -> None:
    """The parts' row groups into the target in order, one in memory at a time; the folder
    goes once the output is whole."""
    import pyarrow.parquet as pq

    with writing(target, journal) as out, parquet_writer(out, schema) as writer:
        for unit in units:
            with pq.ParquetFile(checkpoints.part(unit)) as part:
                for index in range(part.num_row_groups):
                    _write(writer, part.read_row_group(index))
    checkpoints.remove()


def _write(writer: pq.ParquetWriter, table: pa.Table | None) -> None:
    if table is not None and table.num_rows:
        # One output row group per input row group, whatever the writer's default size.
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


def _clean_group(cleaner: Cleaner, table: pa.Table, records: Any, out_schema: pa.Schema, targets: list[str],
                 settings: Settings, stats: RunStats) -> pa.Table | None:
    """One row group's output table: the rows that were cleaned, or None if none was."""
    import pyarrow as pa

    kept: list[int] = []
    texts: dict[str, dict[int, str]] = {name: {} for name in targets}
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
    for field in out_schema:
        if field.name == OWN_COLUMN:
            columns.append(pa.array(own, pa.string()))
        elif field.name in texts:
            columns.append(_with_texts(part, field, texts[field.name]))
        else:
            columns.append(part.column(field.name))
    return pa.Table.from_arrays(columns, schema=out_schema)


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
