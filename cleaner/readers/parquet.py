"""Parquet archives: each row a :class:`Record` with every column as a field, its document the
text or HTML column chosen as for a JSONL record, its source ``FILE:ROW`` (1-based).

A file is read row group by row group, never whole: a dump of many gigabytes holds one row
group in memory at a time (and Python objects for a slice of it). pyarrow is an optional extra,
imported only here and only when a Parquet file is met; without it the file is a reject that
says what to install.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.errors import InputError
from cleaner.readers.records import MAX_DOCUMENT_BYTES, Record, describe_size, record_from_object

if TYPE_CHECKING:
    import pyarrow as pa

INSTALL = "pip install 'cleaner[parquet]'"
# Rows turned into Python objects at a time: a row group of a million rows stays columnar.
_SLICE_ROWS = 1024


def pyarrow_missing(display: str) -> str | None:
    """Why ``display`` cannot be read or written here (no pyarrow), or None."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return f"{display}: Parquet files need pyarrow, an optional extra of cleaner: {INSTALL}"
    return None


def input_layout(path: Path, display: str) -> tuple[pa.Schema, int]:
    """The file's columns and how many row groups it has, from its footer alone."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path)
        return metadata.schema.to_arrow_schema(), metadata.num_row_groups
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{display}: not a readable Parquet file ({exc})") from None


def row_groups(path: Path, *, display: str | None = None, text_field: str | None = None,
               html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
               wanted: Callable[[int], bool] | None = None) -> Iterator[tuple[int, pa.Table, Iterator[Record]]]:
    """Each row group (its number, the group as read, for a writer that passes its columns
    through, and its records); the records of a group are to be taken before the next group is
    asked for. A group ``wanted`` says no to is not read (its rows still counted, from the footer)."""
    import pyarrow.parquet as pq

    display = display or str(path)
    with path.open("rb") as handle:
        try:
            file = pq.ParquetFile(handle)
        except (OSError, ValueError) as exc:
            raise InputError(f"{display}: not a readable Parquet file ({exc})") from None
        row = 0
        for index in range(file.num_row_groups):
            if wanted is not None and not wanted(index):
                row += file.metadata.row_group(index).num_rows
                continue
            try:
                table = file.read_row_group(index)
            except (OSError, ValueError) as exc:
                raise InputError(f"{display}: cannot be read after row {row} ({exc}); is the file complete?") from None
            yield index, table, _records(table, row, display, text_field, html_field, max_bytes)
            row += table.num_rows


def read_parquet(path: Path, *, display: str | None = None, text_field: str | None = None,
                 html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """The records of a Parquet file, in row order; without pyarrow, one record saying so."""
    display = display or str(path)
    missing = pyarrow_missing(display)
    if missing:
        yield Record(display, error=missing)
        return
    try:
        for _, _, records in row_groups(path, display=display, text_field=text_field, html_field=html_field,
                                     max_bytes=max_bytes):
            yield from records
    except InputError as exc:  # a file that is no Parquet, or breaks midway: said once, as it is
        yield Record(display, error=str(exc))


def _records(table: pa.Table, first: int, display: str, text_field: str | None, html_field: str | None,
             max_bytes: int) -> Iterator[Record]:
    number = first
    for batch in table.to_batches(max_chunksize=_SLICE_ROWS):
        for row in batch.to_pylist():
            number += 1
            record = record_from_object({k: _plain(v) for k, v in row.items()}, f"{display}:{number}",
                                        text_field, html_field)
            document = record.html if record.html is not None else record.text
            if document is not None and len(document) > max_bytes:
                record = Record(record.source, error=f"document longer than the {describe_size(max_bytes)} limit "
                                                     "per document; skipped (raise --max-document-mb to take it)")
            yield record


def _plain(value: Any) -> Any:
    """A column's value as JSON can hold it, so a row can become a JSONL record: times in ISO
    form, decimals as text, bytes as text (undecodable bytes kept as escapes, losslessly)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        # A map column comes as a list of (key, value) pairs: a list of two-item lists in JSON.
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value
