"""Archive readers: JSONL dumps (plain, gzip, zstd) and WARC files, record by record."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.readers.records import archive_kind, read_jsonl, read_warc

PAGE = ("<html><head><title>Quay</title></head><body><article>"
        + "".join(f"<p>Paragraph {i}: the quay reopened after the storm repairs, and the boats returned.</p>"
                  for i in range(5)) + "</article></body></html>")


def write_jsonl(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def make_warc(path: Path, *, gzipped: bool) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warc_record("https://example.org/warcinfo", "warcinfo",
                                                      payload=io.BytesIO(b"software: test")))
        for url, body, ctype in (("https://example.org/quay", PAGE.encode(), "text/html; charset=utf-8"),
                                 ("https://example.org/logo.png", b"\x89PNG....", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


@pytest.mark.parametrize("name, kind", [("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.jsonl.zst", "jsonl"),
                                        ("a.ndjson", "jsonl"), ("c.warc", "warc"), ("c.warc.gz", "warc"),
                                        ("a.txt", None), ("a.gz", None)])
def test_archive_kind_by_name(name: str, kind: str | None) -> None:
    assert archive_kind(Path(name)) == kind


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.jsonl.gz", "dump.jsonl.zst"])
def test_jsonl_records_in_any_compression(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, [
        json.dumps({"id": 7, "url": "https://example.org/a", "text": "Advertisement\nBody one.", "lang": "en"}),
        json.dumps({"url": "https://example.org/b", "html": PAGE}),
    ])
    first, second = read_jsonl(path)
    assert first.text.endswith("Body one.") and first.read_from == "text"
    assert first.fields == {"id": 7, "url": "https://example.org/a", "text": "Advertisement\nBody one.", "lang": "en"}
    assert first.source == f"{path}:1" and first.url == "https://example.org/a"
    assert second.html == PAGE and second.source.endswith(":2")


@pytest.mark.bad_input
def test_bad_lines_become_records_with_errors(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", ["{broken", "[1, 2]", json.dumps({"title": "no body"}),
                                              json.dumps({"text": "fine"})])
    records = list(read_jsonl(path))
    assert [r.error is not None for r in records] == [True, True, True, False]
    assert "not valid JSON" in records[0].error and records[0].source.endswith(":1")
    assert "no string field" in records[2].error and "title" in records[2].error


def test_named_fields_are_used(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [json.dumps({"body": "Words.", "html": "<p>ignored</p>"})])
    (record,) = read_jsonl(path, text_field="body")
    assert record.text == "Words." and record.html is None and "html" in record.fields


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_only(tmp_path: Path, gzipped: bool) -> None:
    path = make_warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), gzipped=gzipped)
    counts: dict[str, int] = {}
    (record,) = read_warc(path, counts=counts)
    assert record.url == "https://example.org/quay" and b"Paragraph 4" in record.html
    assert record.http_charset == "utf-8" and record.metadata["warc_date"]
    assert "@" in record.source
    assert counts == {"skipped warcinfo records": 1, "skipped non-HTML responses": 1}


@pytest.mark.bad_input
def test_not_a_warc_is_one_error_record(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a warc file at all\n")
    (record,) = read_warc(path)
    assert record.error and "not a readable WARC" in record.error


@pytest.mark.bad_input
def test_a_record_past_the_size_limit_is_skipped_unread_and_the_next_one_read(tmp_path: Path) -> None:
    # 64 MB of one line inflates from a few KB of zstd: a bomb for anything that reads it whole.
    bomb = tmp_path / "bomb.jsonl.zst"
    with bomb.open("wb") as raw, zstandard.ZstdCompressor().stream_writer(raw) as sink:
        sink.write(b'{"text": "before"}\n{"text": "')
        for _ in range(64):
            sink.write(b"a" * (1 << 20))
        sink.write(b'"}\n{"text": "after"}\n')
    assert bomb.stat().st_size < 100_000
    records = list(read_jsonl(bomb, max_bytes=1 << 20))
    assert [r.text for r in records] == ["before", None, "after"]
    assert records[1].source.endswith(":2") and "longer than the 1 MB limit" in records[1].error
    assert "--max-document-mb" in records[1].error


def test_a_line_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    line = json.dumps({"text": "x" * 100})
    path = write_jsonl(tmp_path / "a.jsonl", [line])
    [record] = read_jsonl(path, max_bytes=len(line))
    assert record.text == "x" * 100


@pytest.mark.bad_input
def test_a_warc_body_past_the_size_limit_is_an_error_record(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "c.warc.gz", gzipped=True)
    [record] = read_warc(path, max_bytes=100)
    assert record.html is None and "response body longer than the 100 bytes limit" in record.error
    assert record.source.startswith(str(path) + "@")


@pytest.mark.bad_input
@pytest.mark.parametrize("name", ["dump.jsonl.gz", "dump.jsonl.zst"])
@pytest.mark.parametrize("frames", [1, 3])
def test_a_truncated_compressed_dump_is_reported_not_taken_as_ended(tmp_path: Path, name: str, frames: int) -> None:
    from cleaner.task.settings import Settings
    from cleaner.task.documents import records_of

    lines = [json.dumps({"id": i, "text": f"Body {i}. " + "The quay reopened after the storm. " * 30})
             for i in range(300)]
    whole = write_jsonl(tmp_path / f"whole-{name}", lines)
    if name.endswith(".zst") and frames > 1:  # concatenated frames, as pzstd and appended dumps write
        step = len(lines) // frames
        whole.write_bytes(b"".join(zstandard.ZstdCompressor().compress(("\n".join(lines[i:i + step]) + "\n").encode())
                                   for i in range(0, len(lines), step)))
    assert [r.error for r in records_of(whole, Settings(), {})] == [None] * len(lines)
    cut = tmp_path / name
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    records = list(records_of(cut, Settings(), {}))
    assert records and records[-1].error is not None
    assert "cannot be read after record" in records[-1].error and "Is the file complete?" in records[-1].error
    assert all(r.error is None for r in records[:-1])


def make_wet(path: Path, texts: dict[str, str]) -> Path:
    """A Common Crawl WET file: a warcinfo record, then one ``conversion`` record (the page's
    text, no HTTP headers) per URL."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test")))
        for url, text in texts.items():
            record = writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                                               warc_headers_dict={"Content-Type": "text/plain",
                                                                  "WARC-Date": "2026-11-02T10:00:00Z"})
            writer.write_record(record)
    return path


@pytest.mark.parametrize("name", ["CC-MAIN-1.warc.wet.gz", "crawl.warc.wet", "crawl.wet.gz", "crawl.wet"])
def test_a_wet_file_is_read_as_the_text_of_its_conversion_records(tmp_path: Path, name: str) -> None:
    path = make_wet(tmp_path / name, {"https://example.org/quay": "Advertisement\nThe quay reopens, café open.\n",
                                      "https://example.org/ferry": "The ferry runs.\n"})
    assert archive_kind(path) == "warc"
    counts: dict[str, int] = {}
    first, second = read_warc(path, counts=counts)
    assert first.text == "Advertisement\nThe quay reopens, café open.\n" and first.html is None
    assert first.url == "https://example.org/quay" and first.metadata == {"warc_date": "2026-11-02T10:00:00Z"}
    assert second.text == "The ferry runs.\n" and counts == {"skipped warcinfo records": 1}


@pytest.mark.parametrize(("name", "output"), [("a/CC-MAIN-1.warc.wet.gz", "a/CC-MAIN-1.jsonl.gz"),
                                              ("crawl.wet", "crawl.jsonl"), ("crawl.wet.gz", "crawl.jsonl.gz")])
def test_a_wet_files_output_is_jsonl_by_its_name(name: str, output: str) -> None:
    from pathlib import PurePosixPath

    from cleaner.planning import output_name

    assert output_name(PurePosixPath(name), "text") == PurePosixPath(output)
