"""A task: one input cleaned into its target, with what went wrong as a reject."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.task.run import Task, run_task
from cleaner.task.settings import Settings, build_cleaner
from tests.readers.test_records import make_warc, make_wet


@pytest.mark.bad_input
@pytest.mark.parametrize("checkpoints", [False, True], ids=["in-one-go", "in-shards"])
def test_an_archive_whose_every_record_is_skipped_is_a_reject_that_says_why(tmp_path: Path,
                                                                           checkpoints: bool) -> None:
    # A WARC of requests and images only: nothing in it is a page, and a run that writes an
    # empty output with "0 failed" looks like a success.
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "requests.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for i in range(3):
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "request",
                                                          payload=BytesIO(b""), http_headers=headers))
    task = Task(str(path), str(tmp_path / "out.jsonl"), checkpoints=str(tmp_path / "cp") if checkpoints else "")
    stats = run_task(build_cleaner(Settings()), task, Settings())
    [reject] = stats.rejects
    assert reject["source"] == str(path) and "no document" in reject["reason"]
    assert "3 skipped request records" in reject["reason"]
    assert stats.documents == 0


def test_a_wet_file_is_cleaned_into_jsonl_records(tmp_path: Path) -> None:
    path = make_wet(tmp_path / "crawl.warc.wet.gz", {"https://example.org/quay": "Advertisement\nThe quay reopens.\n"})
    task = Task(str(path), str(tmp_path / "crawl.jsonl"))
    stats = run_task(build_cleaner(Settings()), task, Settings())
    assert stats.documents == 1 and not stats.rejects
    [record] = [json.loads(line) for line in Path(task.target).read_text(encoding="utf-8").splitlines()]
    assert record["text"] == "The quay reopens.\n" and record["url"] == "https://example.org/quay"
    assert record["cleaner"]["metadata"]["warc_date"] == "2026-11-02T10:00:00Z"


def test_an_archive_with_pages_and_skipped_records_is_no_reject(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "crawl.warc.gz", gzipped=True)
    stats = run_task(build_cleaner(Settings()), Task(str(path), str(tmp_path / "crawl.jsonl.gz")), Settings())
    assert stats.documents == 1 and not stats.rejects and stats.counts
