"""Archives in, JSONL out: every record of a JSONL dump or a WARC file through the same
pipeline, one output record per document, and a rejected record (with its source and the
reason) for every document that fails, so one bad document never stops the file."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.html import extract_page
from cleaner.pipeline import Cleaner
from cleaner.readers.compressed import open_binary_for_writing
from cleaner.readers.records import Record
from cleaner.writers.atomic import new_temporary
from cleaner.writers.json_text import json_text


@dataclass
class Options:
    extractor: str = "auto"
    output: str = "text"
    title: bool = True
    with_changes: bool = False
    timeout: float = 60.0
    no_article: str = "reject"


@dataclass
class Outcome:
    """What one archive produced: output records, rejected ones, and counts for the report."""

    written: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def record_id(record: Record) -> str:
    """The record's own ``id`` field, else a stable hash of where it came from."""
    own = record.fields.get("id")
    if isinstance(own, (str, int)):
        return str(own)
    return hashlib.sha1(record.source.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def clean_record(cleaner: Cleaner, record: Record, options: Options,
                 context: dict[str, Any] | None = None) -> Document:
    """The cleaned document of one record; raises :class:`CleanerError` (or anything the
    extractor raises) for the caller to turn into a rejection."""
    from cleaner.timeouts import ExtractionTimeout, time_limit

    if record.error:
        raise CleanerError(record.error)
    if record.html is not None:
        try:
            with time_limit(options.timeout):
                doc = extract_page(record.html, cleaner=cleaner, url=record.url, extractor=options.extractor,
                                   output=options.output, source=record.source, title=options.title,
                                   no_article=options.no_article,
                                   http_charset=record.http_charset)
        except ExtractionTimeout:
            raise CleanerError(f"extraction took longer than {options.timeout:g} s") from None
    else:
        doc = Document(record.text or "", source=record.source)
        if record.url:
            doc.metadata["url"] = record.url
    doc.metadata.update(record.metadata)
    doc.context.update(context or {})
    return cleaner.clean_document(doc)


def output_record(record: Record, doc: Document, options: Options) -> dict[str, Any]:
    out: dict[str, Any] = dict(record.fields)  # the dump's other fields, untouched
    out.update({"id": record_id(record), "url": record.url or doc.metadata.get("url"), "source": record.source,
                "text": doc.text, "metadata": doc.metadata})
    if options.with_changes:
        out["changes"] = [c.to_dict() for c in doc.changes]
    return out


def document_record(doc: Document, source: str, with_changes: bool) -> dict[str, Any]:
    """A text or HTML file's document as an output record, in the same shape as an archive's."""
    out: dict[str, Any] = {"id": source, "url": doc.metadata.get("url"), "source": source, "text": doc.text,
                           "metadata": doc.metadata}
    if with_changes:
        out["changes"] = [c.to_dict() for c in doc.changes]
    return out


def clean_records(cleaner: Cleaner, records: Iterable[Record], options: Options,
                  outcome: Outcome, *, seen: list[Document] | None = None,
                  context: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Output records, in input order; failures go to ``outcome.rejects``. With ``seen``, each
    cleaned document is appended there too, for the caller's report; ``context`` is given to
    every document (run-wide facts such as learned boilerplate)."""
    for record in records:
        try:
            doc = clean_record(cleaner, record, options, context)
        except Exception as exc:  # noqa: BLE001 - any one document's failure is reported, not raised
            reason = str(exc) if isinstance(exc, CleanerError) else f"{type(exc).__name__}: {exc}"
            outcome.rejects.append({"source": record.source, "reason": reason})
            continue
        outcome.written += 1
        if seen is not None:
            seen.append(doc)
        yield output_record(record, doc, options)


@contextmanager
def _atomic_binary(path: Path) -> Iterator[BinaryIO]:
    """A sink compressing by the suffix of ``path``, into a temporary file in the same folder
    that is renamed into place only when everything was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = "".join(path.suffixes[-1:]) if path.suffix in (".gz", ".zst") else ""
    fd, tmp = new_temporary(path, ".tmp" + suffix)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with open_binary_for_writing(tmp_path) as sink:
            yield sink
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records to ``path`` atomically, compressed by its suffix."""
    with _atomic_binary(path) as sink:
        for item in records:
            sink.write((json_text(item) + "\n").encode("utf-8"))


def write_joined(path: Path, parts: list[Path]) -> None:
    """Join uncompressed JSONL part files into ``path`` atomically, compressed by its suffix
    as one stream (not a chain of frames some readers stop after)."""
    with _atomic_binary(path) as sink:
        for part in parts:
            with part.open("rb") as source:
                shutil.copyfileobj(source, sink, 1 << 20)
