"""Archives in, records out: every record of a JSONL dump or a WARC file through the same
pipeline, one output record per document (the dump's other fields passed through), and a
reject (its source and the reason) for every document that fails, so one bad document never
stops the file."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record
from cleaner.task.documents import document_of_record
from cleaner.task.settings import Settings
from cleaner.task.stats import RunStats


def record_id(record: Record) -> str:
    """The record's own ``id`` field, else a stable hash of where it came from."""
    own = record.fields.get("id")
    if isinstance(own, (str, int)):
        return str(own)
    return hashlib.sha1(record.source.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def output_record(record: Record, doc: Document, with_changes: bool) -> dict[str, Any]:
    out: dict[str, Any] = dict(record.fields)  # the dump's other fields, untouched
    out.update({"id": record_id(record), "url": record.url or doc.metadata.get("url"), "source": record.source,
                "text": doc.text, "metadata": doc.metadata})
    if with_changes:
        out["changes"] = [c.to_dict() for c in doc.changes]
    return out


def document_record(doc: Document, source: str, with_changes: bool) -> dict[str, Any]:
    """A text or HTML file's document as an output record, in the same shape as an archive's."""
    out: dict[str, Any] = {"id": source, "url": doc.metadata.get("url"), "source": source, "text": doc.text,
                           "metadata": doc.metadata}
    if with_changes:
        out["changes"] = [c.to_dict() for c in doc.changes]
    return out


def clean_record(cleaner: Cleaner, record: Record, settings: Settings) -> Document:
    """The cleaned document of one record; raises for the caller to turn into a reject."""
    doc = document_of_record(cleaner, record, settings)
    doc.context.update(settings.context)
    return cleaner.clean_document(doc)


def clean_records(cleaner: Cleaner, records: Iterable[Record], settings: Settings, stats: RunStats, *,
                  site: str | None = None) -> Iterator[dict[str, Any]]:
    """Output records, in input order; each written document is counted in ``stats``, each
    failure is a reject there. ``site``: the site of documents that carry no URL."""
    if site is not None:
        settings = replace(settings, context={**settings.context, "site": site})
    for record in records:
        try:
            doc = clean_record(cleaner, record, settings)
        except Exception as exc:  # noqa: BLE001 - any one document's failure is reported, not raised
            stats.reject(record.source, str(exc) if isinstance(exc, CleanerError) else f"{type(exc).__name__}: {exc}")
            continue
        stats.add_document(doc)
        yield output_record(record, doc, settings.with_changes)

