"""From input bytes to a :class:`Document` ready for the text rules, the one way every pass
reads: the cleaning pass, the boilerplate-counting pass, the archive-titles pass, standard
input and ``explain``. A page is extracted here (with the URL and HTTP charset of an archived
response, under the run's time limit); text is decoded. So every pass sees the same lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.html import ExtractionTooSlow, NoArticle, extract_page
from cleaner.pipeline import Cleaner
from cleaner.readers.files import HTML_SUFFIXES
from cleaner.readers.records import Record, archive_kind, read_jsonl, read_warc
from cleaner.readers.text import read_limited, read_text
from cleaner.task.settings import Settings


def document_of_page(cleaner: Cleaner, data: bytes | str, source: str, settings: Settings, *,
                     metadata: bool | None = None, url: str | None = None,
                     http_charset: str | None = None) -> Document:
    """A page's article; :class:`InputError` when it cannot be read or takes too long.
    ``metadata``: read author, date and site name too (default: when the output is JSON)."""
    try:
        return extract_page(data, cleaner=cleaner, extractor=settings.extractor, output=settings.output,
                            source=source, title=settings.title, no_article=settings.no_article,
                            metadata=settings.fmt == "json" if metadata is None else metadata,
                            url=url, http_charset=http_charset, timeout=settings.timeout)
    # Worded for whoever can change the setting: the command's flag, or the library's keyword.
    except ExtractionTooSlow as exc:
        raise InputError(exc.worded("--timeout") if settings.reasons_for == "command"
                         else exc.worded("timeout=", "timeout=None")) from None
    except NoArticle as exc:
        raise InputError(exc.worded("--no-article text" if settings.reasons_for == "command"
                                    else 'no_article="text"')) from None


def document_of_file(cleaner: Cleaner, path: Path, settings: Settings, *, metadata: bool | None = None,
                     display: str | None = None) -> Document:
    """The document of one text or HTML file; pages over the size limit are refused unread."""
    display = display or str(path)
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_text(path, display_name=display, max_bytes=settings.max_document_bytes)
    try:
        data = read_limited(path, settings.max_document_bytes, display)
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None
    return document_of_page(cleaner, data, display, settings, metadata=metadata)


def document_of_record(cleaner: Cleaner, record: Record, settings: Settings, *, metadata: bool = True) -> Document:
    """The document of one archive record (a JSONL line, a WARC response); :class:`InputError`
    for a record the reader could not read."""
    if record.error:
        raise InputError(record.error)
    if record.html is not None:
        doc = document_of_page(cleaner, record.html, record.source, settings, metadata=metadata, url=record.url,
                               http_charset=record.http_charset)
    else:
        doc = Document(record.text or "", source=record.source)
        if record.url:
            doc.metadata["url"] = record.url
    doc.metadata.update(record.metadata)
    return doc


def records_of(path: Path, settings: Settings, counts: dict[str, int], display: str | None = None) -> Iterator[Record]:
    """An archive's records; ``counts`` is filled as they are read (WARC records skipped, by
    kind). A file that breaks midway gives its records up to there, then one failed record."""
    display = display or str(path)
    if archive_kind(path) == "warc":
        records = read_warc(path, display=display, counts=counts, max_bytes=settings.max_document_bytes)
    elif archive_kind(path) == "parquet":
        from cleaner.readers.parquet import read_parquet

        records = read_parquet(path, display=display, text_field=settings.text_field,
                               html_field=settings.html_field, max_bytes=settings.max_document_bytes)
    else:
        records = read_jsonl(path, display=display, text_field=settings.text_field, html_field=settings.html_field,
                             max_bytes=settings.max_document_bytes)
    return readable(records, display)


def readable(records: Iterator[Record], source: str) -> Iterator[Record]:
    """The records up to where the file breaks (a truncated download, a corrupt block), then
    one failed record that says so: what came before is kept, and the batch goes on."""
    read = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - gzip, zstd and warcio each raise their own
            yield Record(source, error=f"{source}: cannot be read after record {read} ({type(exc).__name__}: "
                                        f"{exc or 'the file ends early'}); the records before it were cleaned. "
                                        f"Is the {'input' if source == '<stdin>' else 'file'} complete?")
            return
        read += 1
        yield record
