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


def output_record(record: Record, doc: Document, settings: Settings) -> dict[str, Any]:
    """A JSONL record comes out with every field it had, in its order, and the cleaned text in
    the field it was read from (a page's in ``text``: its HTML stays), or in ``output_field``
    (the original kept). A WARC response, which has no record of its own, comes out as ``id``,
    ``url`` and ``text``. What cleaner adds stands under ``cleaner``."""
    own = _cleaners_own(doc, record.source, record_id(record), record.url or doc.metadata.get("url"),
                        settings.with_changes)
    if record.read_from is None:
        return {"id": own["id"], "url": own["url"], settings.output_field or "text": doc.text, "cleaner": own}
    out: dict[str, Any] = dict(record.fields)
    target = settings.output_field or (record.read_from if record.html is None else "text")
    out[target] = doc.text
    out["cleaner"] = own
    return out


def document_record(doc: Document, source: str, settings: Settings) -> dict[str, Any]:
    """A text or HTML file's document as an output record, shaped as a WARC response's."""
    own = _cleaners_own(doc, source, source, doc.metadata.get("url"), settings.with_changes)
    return {"id": source, "url": own["url"], settings.output_field or "text": doc.text, "cleaner": own}


def _cleaners_own(doc: Document, source: str, identity: str, url: str | None, with_changes: bool) -> dict[str, Any]:
    changes: dict[str, int] = {}  # by rule: text changes, and elements a page rule removed
    for rule_id in [r.rule_id for r in doc.removals] + [c.rule_id for c in doc.changes]:
        changes[rule_id] = changes.get(rule_id, 0) + 1
    own: dict[str, Any] = {"source": source, "id": identity, "url": url, "metadata": doc.metadata,
                           "stats": {"characters_in": doc.stats.get("characters_in", len(doc.text)),
                                     "characters_out": len(doc.text), "changes": changes}}
    if with_changes:
        own["changes"] = [c.to_dict() for c in doc.changes]
        if doc.removals:
            own["page_removals"] = [r.to_dict() for r in doc.removals]
    return own


def clean_record(cleaner: Cleaner, record: Record, settings: Settings) -> Document:
    """The cleaned document of one record; raises for the caller to turn into a reject."""
    doc = document_of_record(cleaner, record, settings)
    doc.context.update(settings.context)
    doc.stats["characters_in"] = len(doc.text)  # the text the rules were given (a page's, once extracted)
    return cleaner.clean_document(doc)


# What a failing record becomes: dropped and counted, raised, or passed through unchanged.
ON_ERROR = ("reject", "raise", "keep")


def failure_reason(exc: Exception) -> str:
    """A failure in words: our own errors say what went wrong; anything else names its type."""
    return str(exc) if isinstance(exc, CleanerError) else f"{type(exc).__name__}: {exc}"


def kept_record(record: Record, reason: str) -> dict[str, Any]:
    """A failing record as it came in, with why it failed under ``cleaner``: nothing of it is
    lost, and a later step can tell it from a cleaned one. A record with no fields of its own
    (a WARC response, a line that was no JSON object) comes out as ``cleaner`` alone."""
    out: dict[str, Any] = dict(record.fields)
    out["cleaner"] = {"source": record.source, "error": reason}
    return out


def clean_records(cleaner: Cleaner, records: Iterable[Record], settings: Settings, stats: RunStats, *,
                  site: str | None = None, on_error: str = "reject") -> Iterator[dict[str, Any]]:
    """Output records, in input order; each written document is counted in ``stats``, each
    failure is a reject there. ``site``: the site of documents that carry no URL.
    ``on_error``: a failing record is dropped (``"reject"``), raised as :class:`CleanerError`
    naming it (``"raise"``), or yielded unchanged with its reason (``"keep"``, see
    :func:`kept_record`); it is counted as a reject in every case."""
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error={on_error!r}: must be one of {', '.join(map(repr, ON_ERROR))}")
    if site is not None:
        settings = replace(settings, context={**settings.context, "site": site})
    for record in records:
        try:
            doc = clean_record(cleaner, record, settings)
        except Exception as exc:  # noqa: BLE001 - any one document's failure is reported, not raised
            reason = failure_reason(exc)
            stats.reject(record.source, reason)
            if on_error == "raise":
                # Readers and extraction name the record in most reasons; the rest get it here.
                named = reason if reason.startswith(record.source) else f"{record.source}: {reason}"
                raise CleanerError(named) from exc
            if on_error == "keep":
                yield kept_record(record, reason)
            continue
        stats.add_document(doc)
        yield output_record(record, doc, settings)
