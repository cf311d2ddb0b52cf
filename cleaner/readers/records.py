"""Archives of many documents in one file: JSONL dumps (plain, .gz, .zst) and WARC files.

Each yields :class:`Record` items in file order, with where they came from (line number or
byte offset) so that an output record, or a rejected one, can be traced back to its source.
A record that cannot be read becomes a record carrying the error, so one bad line never stops
the file.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cleaner.readers.compressed import open_binary

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
# Common Crawl's WET files are WARC files of the pages' text (``conversion`` records).
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
# Read by cleaner.readers.parquet, with pyarrow (an optional extra) imported only then.
PARQUET_SUFFIXES = (".parquet",)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Past this, one document is rejected unread rather than held in memory: a line of a JSONL
# dump (or a .gz/.zst that inflates to one), a WARC response body, a text or HTML file.
MAX_DOCUMENT_BYTES = 1 << 30


def describe_size(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB" if size >= 1 << 20 else f"{size:,} bytes"


def archive_kind(path: Path) -> str | None:
    """``"jsonl"``, ``"warc"``, ``"parquet"`` or None, by the file name's ending."""
    return archive_kind_of_name(path.name)


def archive_kind_of_name(name: str) -> str | None:
    """:func:`archive_kind` of a file name's text."""
    name = name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


@dataclass
class Record:
    """One document of an archive: its text or HTML, where it came from, what else it carried."""

    source: str  # "file:line" or "file@offset"
    text: str | None = None
    html: bytes | str | None = None
    url: str | None = None
    # A JSONL record's fields, all of them, passed through to the output untouched but for the
    # one the document was read from (``read_from``), which gets the cleaned text.
    fields: dict[str, Any] = field(default_factory=dict)
    read_from: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    http_charset: str | None = None
    error: str | None = None


def read_jsonl(path: Path, *, text_field: str | None = None, html_field: str | None = None,
               display: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """Records of a JSONL dump. The document is ``text_field`` or ``html_field`` when given,
    else ``text`` or ``html``, whichever the record has (``html`` first: it holds more)."""
    with open_binary(path) as raw:
        yield from read_jsonl_stream(raw, display=display or str(path), text_field=text_field,
                                     html_field=html_field, max_bytes=max_bytes)


def read_jsonl_stream(raw: BinaryIO, *, display: str, text_field: str | None = None,
                      html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
                      first_line: int = 1) -> Iterator[Record]:
    """Records of JSONL read from an open binary stream (standard input, a pipe, a byte range
    of a file whose first line is number ``first_line``). A line longer than ``max_bytes`` is
    skipped as it is read, never held whole."""
    lines = io.BufferedReader(raw) if not hasattr(raw, "peek") else raw  # readline(limit) needs a buffer
    number = first_line - 1
    while True:
        line = lines.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        source = f"{display}:{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (chunk := lines.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield Record(source, error=f"record longer than the {describe_size(max_bytes)} limit per document; "
                                       "skipped (raise --max-document-mb to take it)")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            yield Record(source, error=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield Record(source, error="a JSON line must be an object with a text or html field")
            continue
        yield record_from_object(data, source, text_field, html_field)


def record_from_object(data: dict[str, Any], source: str, text_field: str | None,
                       html_field: str | None) -> Record:
    """The record of one JSON object (a dump's line, a library caller's dict): ``source`` says
    where it came from; an object without the wanted string field is a record carrying the error."""
    html_key = html_field or ("html" if "html" in data else None)
    text_key = text_field or ("text" if "text" in data else None)
    if html_field is None and text_field is not None:
        html_key = None
    url = data.get("url") if isinstance(data.get("url"), str) else None
    if html_key and isinstance(data.get(html_key), str):
        return Record(source, html=data[html_key], url=url, fields=data, read_from=html_key)
    if text_key and isinstance(data.get(text_key), str):
        return Record(source, text=data[text_key], url=url, fields=data, read_from=text_key)
    wanted = " or ".join(f"'{k}'" for k in filter(None, [html_field, text_field])) or "'text' or 'html'"
    return Record(source, error=f"no string field {wanted} in this record (fields: {', '.join(sorted(data))})")


def read_warc(path: Path, *, display: str | None = None, counts: dict[str, int] | None = None,
              max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """HTML responses of a WARC file (plain or gzip), and the text of a WET file's
    ``conversion`` records; other records are skipped and counted."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = display or str(path)
    counts = counts if counts is not None else {}
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.format != "warc":
                    # warcio reads anything leniently (as an old ARC file, if need be); a file
                    # that is no WARC must say so.
                    yield Record(f"{name}@0", error="not a readable WARC file (no WARC/1.x record header)")
                    return
                if record.rec_type == "conversion":
                    yield _conversion(record, name, records, max_bytes)
                    continue
                if record.rec_type != "response" or record.http_headers is None:
                    counts[f"skipped {record.rec_type} records"] = counts.get(f"skipped {record.rec_type} records", 0) + 1
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if not content_type.startswith(_HTML_TYPES):
                    counts["skipped non-HTML responses"] = counts.get("skipped non-HTML responses", 0) + 1
                    continue
                try:
                    body = record.content_stream().read(max_bytes + 1)
                    error = None
                    if len(body) > max_bytes:
                        body, error = b"", (f"response body longer than the {describe_size(max_bytes)} limit per "
                                            "document; skipped (raise --max-document-mb to take it)")
                except Exception as exc:  # noqa: BLE001 - one unreadable body must not stop the file
                    body, error = b"", f"unreadable response body ({type(exc).__name__}: {exc})"
                # The offset is known once the record is read to its end (warcio reads on to find it).
                source = f"{name}@{records.get_record_offset()}"
                if error:
                    yield Record(source, error=error)
                    continue
                charset = None
                if "charset=" in content_type:
                    charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                yield Record(source, html=body, url=url, http_charset=charset,
                             metadata={"warc_date": date} if date else {})
        except ArchiveLoadFailed as exc:
            yield Record(f"{name}@{records.get_record_offset() or 0}", error=f"not a readable WARC file: {exc}")


def _conversion(record: Any, name: str, records: Any, max_bytes: int) -> Record:
    """A WET ``conversion`` record: the text extracted from a page (UTF-8, no HTTP headers)."""
    body = record.content_stream().read(max_bytes + 1)
    source = f"{name}@{records.get_record_offset()}"
    if len(body) > max_bytes:
        return Record(source, error=f"conversion body longer than the {describe_size(max_bytes)} limit per "
                                    "document; skipped (raise --max-document-mb to take it)")
    date = record.rec_headers.get_header("WARC-Date")
    return Record(source, text=body.decode("utf-8", errors="replace"),
                  url=record.rec_headers.get_header("WARC-Target-URI"), metadata={"warc_date": date} if date else {})
