"""Parquet archives: each row a :class:`Record` with every column as a field, its document the
text or HTML column chosen as for a JSONL record, its source ``FILE:ROW`` (1-based).

A file is read row group by row group, and each group in slices of rows, never whole: a dump of
many gigabytes holds one slice in memory at a time, however its row groups were cut. pyarrow is an optional extra,
imported only here and only when a Parquet file is met; without it the file is a reject that
says what to install.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.errors import InputError
from cleaner.readers.html import decode_html
from cleaner.readers.records import MAX_DOCUMENT_BYTES, Record, describe_size, record_from_object
from cleaner.readers.text import decode_bytes

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

INSTALL = "pip install 'cleaner[parquet]'"
# Rows read and turned into Python objects at a time: a row group of a million rows, or of a
# gigabyte, is never in memory whole.
SLICE_ROWS = 1024
_STREAM_BUFFER = 1 << 20


def pyarrow_missing(display: str) -> str | None:
    """Why ``display`` cannot be read or written here (no pyarrow), or None."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return f"{display}: Parquet files need pyarrow, an optional extra of cleaner: {INSTALL}"
    return None


def input_layout(path: Path, display: str) -> tuple[pa.Schema, list[int]]:
    """The file's columns and the rows of each row group, from its footer alone."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path)
        return metadata.schema.to_arrow_schema(), [metadata.row_group(i).num_rows
                                                   for i in range(metadata.num_row_groups)]
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{display}: not a readable Parquet file ({exc})") from None


@contextmanager
def opened(path: Path, display: str) -> Iterator[pq.ParquetFile]:
    """The file, read as a stream: a row group's column chunks are not buffered whole
    (pyarrow's pre-buffering would hold a row group of a gigabyte in memory at once)."""
    import pyarrow.parquet as pq

    with path.open("rb") as handle:
        try:
            file = pq.ParquetFile(handle, pre_buffer=False, buffer_size=_STREAM_BUFFER)
        except (OSError, ValueError) as exc:
            raise InputError(f"{display}: not a readable Parquet file ({exc})") from None
        yield file


def group_slices(file: pq.ParquetFile, index: int, *, first_row: int, display: str, text_field: str | None = None,
                 html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
                 ) -> Iterator[tuple[pa.Table, list[Record]]]:
    """Row group ``index`` in slices of at most ``SLICE_ROWS`` rows: each slice as read (for a
    writer that passes its columns through) and its records, sourced from ``first_row`` + 1."""
    import pyarrow as pa

    row = first_row
    batches = file.iter_batches(batch_size=SLICE_ROWS, row_groups=[index], use_threads=False)
    while True:
        try:
            batch = next(batches, None)
        except (OSError, ValueError) as exc:
            raise InputError(f"{display}: cannot be read after row {row} ({exc}); is the file complete?") from None
        if batch is None:
            return
        table = pa.Table.from_batches([batch])
        yield table, _records(batch, row, display, text_field, html_field, max_bytes)
        row += batch.num_rows


def read_parquet(path: Path, *, display: str | None = None, text_field: str | None = None,
                 html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """The records of a Parquet file, in row order, a slice of a row group in memory at a time;
    without pyarrow, one record saying so."""
    display = display or str(path)
    missing = pyarrow_missing(display)
    if missing:
        yield Record(display, error=missing)
        return
    try:
        row = 0
        with opened(path, display) as file:
            for index in range(file.num_row_groups):
                for _, records in group_slices(file, index, first_row=row, display=display, text_field=text_field,
                                               html_field=html_field, max_bytes=max_bytes):
                    yield from records
                row += file.metadata.row_group(index).num_rows
    except InputError as exc:  # a file that is no Parquet, or breaks midway: said once, as it is
        yield Record(display, error=str(exc))


def _records(batch: pa.RecordBatch, first: int, display: str, text_field: str | None, html_field: str | None,
             max_bytes: int) -> list[Record]:
    records = []
    html_key = html_field or ("html" if text_field is None else None)
    text_key = text_field or "text"
    for number, row in enumerate(batch.to_pylist(), start=first + 1):
        fields = {k: _document(v, html=True) if k == html_key else _document(v, html=False) if k == text_key
                  else _plain(v) for k, v in row.items()}
        record = record_from_object(fields, f"{display}:{number}", text_field, html_field)
        document = record.html if record.html is not None else record.text
        if document is not None and len(document) > max_bytes:
            record = Record(record.source, error=f"document longer than the {describe_size(max_bytes)} limit "
                                                 "per document; skipped (raise --max-document-mb to take it)")
        records.append(record)
    return records


def _document(value: Any, *, html: bool) -> Any:
    """A document column's value: a binary one decoded as its page (by the charset it declares)
    or its text is, not as UTF-8 with escapes, which would garble a page in another charset."""
    if isinstance(value, bytes):
        return (decode_html(value) if html else decode_bytes(value))[0]
    return _plain(value)


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
