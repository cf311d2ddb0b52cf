"""Many records through one :class:`~cleaner.pipeline.Cleaner` from Python, without writing the
loop: :func:`clean_records` for an iterable of dicts, and :func:`clean_batch` for
``datasets.Dataset.map(cleaner.clean_batch, batched=True)``. Both go through the code that
cleans an archive's records for the command (:mod:`cleaner.task.records`), so a record comes
out of the library exactly as the command writes it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record, record_from_object
from cleaner.task.records import ON_ERROR
from cleaner.task.records import clean_records as clean_archive_records
from cleaner.task.settings import Settings, check_settings
from cleaner.task.stats import RunStats

# The columns clean_batch adds. Their types never change (an int is an int even for a failing
# row, an error is "" when there is none): Arrow fixes a column's type from the first batch it
# sees, and the batches of every process of a map must agree.
BATCH_COLUMNS = ("cleaner_characters_in", "cleaner_characters_out", "cleaner_changes", "cleaner_error")


def record_source(position: int) -> str:
    """A library record's source: its position in the iterable, counted from 0 as Python
    indexes (the first record is ``"record 0"``)."""
    return f"record {position}"


def check_on_error(on_error: str) -> None:
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error={on_error!r}: must be one of {', '.join(map(repr, ON_ERROR))}")


def record_settings(*, text_field: str | None = None, html_field: str | None = None,
                    output_field: str | None = None, with_changes: bool = False, extractor: str = "auto",
                    no_article: str = "reject", timeout: float | None = 60.0) -> Settings:
    """The settings the command would run with for these options, checked now, so a bad value
    is named at the call and not inside every record; reasons name these keywords."""
    for name, value in (("text_field", text_field), ("html_field", html_field), ("output_field", output_field)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name}={value!r}: must be a field name (a string) or None")
    settings = Settings(text_field=text_field, html_field=html_field, output_field=output_field,
                        with_changes=with_changes, extractor=extractor, no_article=no_article, timeout=timeout,
                        reasons_for="library")
    check_settings(settings)
    return settings


def records_of_objects(items: Iterable[Any], settings: Settings) -> Iterator[Record]:
    """Records of a caller's objects, as a JSONL dump's lines become records: an object without
    the wanted field, or no mapping at all, is a record carrying its error (one bad record
    never stops the batch)."""
    for position, item in enumerate(items):
        source = record_source(position)
        if isinstance(item, Mapping):
            # A copy: the caller's object is never changed, and any mapping (a datasets row) will do.
            data = dict(item)
            record = record_from_object(data, source, settings.text_field, settings.html_field)
            if record.error:
                record.fields = data  # so that on_error="keep" gives the record back whole
            yield record
        else:
            yield Record(source, error=f"a record must be a mapping with a text or html field, not "
                                       f"{type(item).__name__}")


def clean_records(cleaner: Cleaner, records: Iterable[Mapping[str, Any]], *, text_field: str | None = None,
                  html_field: str | None = None, output_field: str | None = None, with_changes: bool = False,
                  on_error: str = "reject", stats: RunStats | None = None, extractor: str = "auto",
                  no_article: str = "reject", timeout: float | None = 60.0) -> Iterator[dict[str, Any]]:
    """See :meth:`cleaner.Cleaner.clean_records`. The options are checked here, at the call;
    the records are read and cleaned lazily, as the result is iterated."""
    check_on_error(on_error)
    settings = record_settings(text_field=text_field, html_field=html_field, output_field=output_field,
                               with_changes=with_changes, extractor=extractor, no_article=no_article,
                               timeout=timeout)
    return clean_archive_records(cleaner, records_of_objects(records, settings), settings,
                                 stats if stats is not None else RunStats(), on_error=on_error)


def clean_batch(cleaner: Cleaner, batch: Mapping[str, Any], *, text_field: str = "text",
                output_field: str | None = None) -> dict[str, list[Any]]:
    """See :meth:`cleaner.Cleaner.clean_batch`."""
    if not isinstance(text_field, str):
        raise TypeError(f"text_field={text_field!r}: must be a column name (a string)")
    if output_field is not None and not isinstance(output_field, str):
        raise TypeError(f"output_field={output_field!r}: must be a column name (a string) or None")
    if text_field not in batch:
        # Every row would fail the same way: that is the caller's mistake, not the data's.
        raise CleanerError(f"text_field={text_field!r}: the batch has no such column "
                           f"(columns: {', '.join(map(str, batch)) or 'none'})")
    texts = list(batch[text_field])
    # A row's cleaning reads its text and, as an archive record's does, its URL (rules may use
    # the page's site); no other column changes what the rules do, so no other is copied.
    if "url" in batch and text_field != "url":
        rows: Iterable[dict[str, Any]] = ({text_field: text, "url": url}
                                          for text, url in zip(texts, batch["url"], strict=True))
    else:
        rows = ({text_field: text} for text in texts)
    settings = record_settings(text_field=text_field)
    # "keep": one output per row, in order, so the columns stay aligned with the input's.
    outputs = clean_archive_records(cleaner, records_of_objects(rows, settings), settings, RunStats(),
                                    on_error="keep")
    cleaned: list[Any] = []
    added: dict[str, list[Any]] = {name: [] for name in BATCH_COLUMNS}
    for text, out in zip(texts, outputs, strict=True):
        own = out["cleaner"]
        error = own.get("error")
        if error is None:
            stats = own["stats"]
            cleaned.append(out[text_field])
            values = (stats["characters_in"], stats["characters_out"], sum(stats["changes"].values()), "")
        else:
            # Kept as it was: the characters out are those the row still holds.
            cleaned.append(text)
            size = len(text) if isinstance(text, str) else 0
            values = (size, size, 0, error)
        for name, value in zip(BATCH_COLUMNS, values, strict=True):
            added[name].append(value)
    columns: dict[str, list[Any]] = {name: batch[name] for name in batch}
    columns[output_field or text_field] = cleaned
    columns.update(added)
    return columns
