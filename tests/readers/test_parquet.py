"""Parquet archives read row group by row group: each row a record with every column a field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.readers.records import archive_kind
from tests.readers.test_records import PAGE

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def make_parquet(path: Path, columns: dict[str, list], *, row_group_size: int | None = None,
                 schema: object | None = None) -> Path:
    table = pa.table(columns, schema=schema)
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def test_a_parquet_file_is_an_archive() -> None:
    assert archive_kind(Path("a/x.parquet")) == "parquet"
    assert archive_kind(Path("X.PARQUET")) == "parquet"


def test_text_rows_are_records_with_every_column_as_a_field(tmp_path: Path) -> None:
    from cleaner.readers.parquet import read_parquet

    path = make_parquet(tmp_path / "x.parquet", {"id": [7, 8], "text": ["First.\n", "Second.\n"],
                                                 "tags": [["a", "b"], None], "url": ["https://e.org/1", None]})
    first, second = read_parquet(path)
    assert first.source == f"{path}:1" and second.source == f"{path}:2"
    assert first.text == "First.\n" and first.read_from == "text" and first.url == "https://e.org/1"
    assert first.fields == {"id": 7, "text": "First.\n", "tags": ["a", "b"], "url": "https://e.org/1"}
    assert second.fields == {"id": 8, "text": "Second.\n", "tags": None, "url": None} and second.url is None


def test_html_rows_and_the_chosen_fields(tmp_path: Path) -> None:
    from cleaner.readers.parquet import read_parquet

    path = make_parquet(tmp_path / "x.parquet", {"html": [PAGE], "body": ["Plain."], "raw": ["Raw."]})
    [page] = read_parquet(path, display="shown.parquet")
    assert page.html == PAGE and page.read_from == "html" and page.source == "shown.parquet:1"
    [raw] = read_parquet(path, text_field="raw")
    assert raw.text == "Raw." and raw.html is None and raw.read_from == "raw"
    [body] = read_parquet(path, html_field="body")
    assert body.html == "Plain." and body.read_from == "body"


@pytest.mark.bad_input
def test_a_row_without_text_is_a_record_carrying_the_error(tmp_path: Path) -> None:
    from cleaner.readers.parquet import read_parquet

    path = make_parquet(tmp_path / "x.parquet", {"text": ["Kept.", None], "n": [1, 2]})
    good, bad = read_parquet(path)
    assert good.error is None
    assert bad.source == f"{path}:2" and "no string field" in (bad.error or "")


def test_row_numbers_run_on_across_row_groups_and_only_one_group_is_read_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.readers.parquet import read_parquet

    path = make_parquet(tmp_path / "x.parquet", {"text": [f"Row {i}." for i in range(10)]}, row_group_size=3)
    assert pq.ParquetFile(path).num_row_groups == 4
    groups_read: list[int] = []
    original = pq.ParquetFile.iter_batches

    def iter_batches(self, *args, row_groups, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - a spy
        groups_read.extend(row_groups)
        return original(self, *args, row_groups=row_groups, **kwargs)

    def whole(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the whole table, or a whole row group, must never be read at once")

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", iter_batches)
    monkeypatch.setattr(pq.ParquetFile, "read_row_group", whole)
    monkeypatch.setattr(pq.ParquetFile, "read", whole)
    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", whole)
    monkeypatch.setattr(pq, "read_table", whole)
    records = read_parquet(path)
    seen = []
    for record in records:
        seen.append(record.source.rsplit(":", 1)[1])
        # Row n lies in group (n - 1) // 3: no later group is read before its rows are wanted.
        assert groups_read == list(range((len(seen) - 1) // 3 + 1))
    assert seen == [str(n) for n in range(1, 11)]


@pytest.mark.bad_input
def test_without_pyarrow_a_parquet_file_is_a_record_saying_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.readers.parquet import read_parquet

    path = make_parquet(tmp_path / "x.parquet", {"text": ["Kept."]})
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    [record] = read_parquet(path)
    assert record.error and "pip install 'cleaner[parquet]'" in record.error and str(path) in record.error


def test_nothing_imports_pyarrow_until_a_parquet_file_is_met() -> None:
    code = ("import sys, cleaner.cli, cleaner.runner, cleaner.task.run, cleaner.engine.local, "
            "cleaner.readers.parquet; print('pyarrow' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
