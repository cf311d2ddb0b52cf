"""The boilerplate-counting pass reads documents as the cleaning pass does."""

from __future__ import annotations

import io
from pathlib import Path

from cleaner.kinds.site_boilerplate import line_key
from cleaner.readers.records import read_warc
from cleaner.task.boilerplate import count_site_lines, merge_site_lines, without_single_lines
from cleaner.task.records import clean_record
from cleaner.task.run import Task
from cleaner.task.settings import Settings, build_cleaner


def test_the_boilerplate_pass_reads_an_archived_page_as_the_cleaning_pass_does(tmp_path: Path) -> None:
    # A page in a legacy code page whose charset only its HTTP header gives: both passes must
    # decode it the same way, or the first counts lines the second never sees.
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = "".join(f"<p>Ūdens līmenis upē {i} pieauga, teica pašvaldība otrdien no rīta, un prāmis "
                   f"nekursēja.</p>" for i in range(6))
    page = f"<html><body><article><h1>Prāmis</h1>{body}</article></body></html>".encode("cp1257")
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1257")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/ferry", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    settings = Settings(title=False)
    cleaner = build_cleaner(settings)
    counted = count_site_lines(cleaner, [(Task(str(path), str(tmp_path / "o.jsonl"), "s"), None)], settings)
    (record,) = list(read_warc(path))
    cleaned = clean_record(cleaner, record, settings).text
    line = next(line for line in cleaned.splitlines() if "Ūdens līmenis upē 3 pieauga" in line)
    assert line_key(line) in counted["example.org"]["lines"]  # without the header, detection misreads it


def test_counts_of_parts_add_up_and_lines_seen_once_go() -> None:
    first = {"a.org": {"documents": 2, "lines": {"menu": 2, "story one": 1}}}
    second = {"a.org": {"documents": 1, "lines": {"menu": 1, "story two": 1}},
              "b.org": {"documents": 1, "lines": {"footer": 1}}}
    merged = without_single_lines(merge_site_lines([first, second]))
    assert merged == {"a.org": {"documents": 3, "lines": {"menu": 3}}, "b.org": {"documents": 1, "lines": {}}}
