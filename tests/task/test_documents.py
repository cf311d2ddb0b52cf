"""One path from input bytes to a Document, whichever pass reads: a file, a record and
standard input give the same document and fail with the same reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner.task.documents as documents
from cleaner.errors import InputError
from cleaner.readers.records import Record, read_jsonl
from cleaner.task.documents import document_of_file, document_of_page, document_of_record
from cleaner.task.settings import Settings, build_cleaner
from cleaner.html import ExtractionTooSlow

PAGE = ("<html><head><title>Quay</title></head><body><article><h1>The quay reopens</h1>"
        + "".join(f"<p>Paragraph {i}: the harbour board moved the fleet to the outer quay for the winter works, "
                  "the clerk said on Monday.</p>" for i in range(4)) + "</article></body></html>")


@pytest.fixture(scope="module")
def cleaner():
    return build_cleaner(Settings())


def test_a_page_reads_the_same_from_a_file_and_from_a_record(tmp_path: Path, cleaner) -> None:
    (tmp_path / "quay.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text(json.dumps({"html": PAGE}) + "\n", encoding="utf-8")
    from_file = document_of_file(cleaner, tmp_path / "quay.html", Settings(), metadata=True)
    [record] = read_jsonl(tmp_path / "dump.jsonl")
    from_record = document_of_record(cleaner, record, Settings())
    assert from_file.text == from_record.text and "Paragraph 3" in from_file.text


def test_a_record_keeps_its_url_and_metadata_and_a_broken_one_says_why(cleaner) -> None:
    doc = document_of_record(cleaner, Record("d.jsonl:1", text="Body.\n", url="https://example.org/a",
                                             metadata={"warc_date": "2026-01-01"}), Settings())
    assert doc.metadata == {"url": "https://example.org/a", "warc_date": "2026-01-01"} and doc.source == "d.jsonl:1"
    with pytest.raises(InputError, match="d.jsonl:2: not JSON"):
        document_of_record(cleaner, Record("d.jsonl:2", error="d.jsonl:2: not JSON"), Settings())


def test_a_page_past_its_time_fails_with_one_reason_from_a_file_or_a_record(tmp_path: Path, cleaner,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(*args, **kwargs):
        raise ExtractionTooSlow(kwargs["source"], kwargs["timeout"])

    monkeypatch.setattr(documents, "extract_page", too_slow)
    (tmp_path / "slow.html").write_text(PAGE, encoding="utf-8")
    settings = Settings(timeout=2)
    with pytest.raises(InputError) as from_file:
        document_of_file(cleaner, tmp_path / "slow.html", settings, display="slow.html")
    with pytest.raises(InputError) as from_record:
        document_of_record(cleaner, Record("slow.html", html=PAGE), settings)
    with pytest.raises(InputError) as from_stdin:
        document_of_page(cleaner, PAGE.encode(), "slow.html", settings)
    assert str(from_file.value) == str(from_record.value) == str(from_stdin.value) == (
        "slow.html: extraction took longer than 2 s; skipped (raise --timeout for very large pages)")


@pytest.mark.bad_input
def test_a_slow_page_is_worded_with_the_commands_flag_and_its_limit(cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    # Through the real extraction, which raises its own ExtractionTooSlow when the limit set
    # around it fires: that said "0 s" and named the library's timeout= to the command's users.
    import cleaner.html as html_module
    from tests.test_html import _slow_extract

    monkeypatch.setattr(html_module, "extract", _slow_extract)
    with pytest.raises(InputError) as command:
        document_of_page(cleaner, PAGE.encode(), "slow.html", Settings(timeout=0.2))
    assert str(command.value) == "slow.html: extraction took longer than 0.2 s; skipped (raise --timeout for very large pages)"
    with pytest.raises(InputError) as library:
        document_of_page(cleaner, PAGE.encode(), "slow.html", Settings(timeout=0.2, reasons_for="library"))
    assert str(library.value) == ("slow.html: extraction took longer than 0.2 s; skipped (raise timeout= for very "
                                  "large pages, or timeout=None for no limit)")
