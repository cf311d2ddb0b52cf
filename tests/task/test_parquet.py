"""A Parquet archive cleaned into a Parquet file that mirrors it (or into records of one JSONL)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.task.run import Task, run_task
from cleaner.task.settings import Settings, build_cleaner
from tests.readers.test_records import PAGE

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SCRAPED = "Advertisement\nThe quay reopens.\n"
CLEANED = "The quay reopens.\n"


def make_parquet(path: Path, table: object, row_group_size: int | None = None) -> Path:
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def clean(path: Path, target: Path, settings: Settings | None = None, checkpoints: str = ""):  # noqa: ANN201
    settings = settings or Settings()
    return run_task(build_cleaner(settings), Task(str(path), str(target), checkpoints=checkpoints), settings)


def typed_table() -> object:
    schema = pa.schema([("id", pa.int64()), ("text", pa.string()), ("tags", pa.list_(pa.string())),
                        ("score", pa.float64()), ("meta", pa.struct([("lang", pa.string())]))])
    return pa.table({"id": [1, 2, 3], "text": [SCRAPED, "Second.\n", "Advertisement\nThird.\n"],
                     "tags": [["a", "b"], [], None], "score": [0.5, None, 2.0],
                     "meta": [{"lang": "en"}, None, {"lang": "de"}]}, schema=schema)


@pytest.mark.parametrize("checkpoints", [False, True], ids=["in-one-go", "with-a-checkpoint-folder"])
def test_text_rows_come_out_as_parquet_with_every_column_passed_through(tmp_path: Path, checkpoints: bool) -> None:
    path = make_parquet(tmp_path / "x.parquet", typed_table())
    stats = clean(path, tmp_path / "out" / "x.parquet", checkpoints=str(tmp_path / "cp") if checkpoints else "")
    assert stats.documents == 3 and not stats.rejects
    out = pq.read_table(tmp_path / "out" / "x.parquet")
    assert out.column_names == ["id", "text", "tags", "score", "meta", "cleaner"]
    assert out.schema.field("id").type == pa.int64() and out.schema.field("tags").type == pa.list_(pa.string())
    assert out.schema.field("meta").type == pa.struct([("lang", pa.string())])
    assert out.schema.field("text").type == pa.string() and out.schema.field("cleaner").type == pa.string()
    rows = out.to_pylist()
    assert [r["text"] for r in rows] == [CLEANED, "Second.\n", "Third.\n"]
    assert [(r["id"], r["tags"], r["score"], r["meta"]) for r in rows] == [
        (1, ["a", "b"], 0.5, {"lang": "en"}), (2, [], None, None), (3, None, 2.0, {"lang": "de"})]
    own = json.loads(rows[0]["cleaner"])
    assert own["source"] == f"{path}:1" and own["id"] == "1" and own["stats"]["characters_out"] == len(CLEANED)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x.parquet"]  # no temporary left
    assert not (tmp_path / "cp").exists()  # the row groups' parts joined, their folder gone


def test_html_rows_get_their_text_in_a_new_text_column_the_html_kept(tmp_path: Path) -> None:
    path = make_parquet(tmp_path / "x.parquet", pa.table({"url": ["https://example.org/quay"], "html": [PAGE]}))
    stats = clean(path, tmp_path / "x.out.parquet")
    assert stats.documents == 1 and not stats.rejects
    out = pq.read_table(tmp_path / "x.out.parquet")
    assert out.column_names == ["url", "html", "text", "cleaner"]
    [row] = out.to_pylist()
    assert row["html"] == PAGE and "the quay reopened after the storm" in row["text"] and "<p>" not in row["text"]
    assert json.loads(row["cleaner"])["url"] == "https://example.org/quay"


def test_the_output_field_takes_the_cleaned_text_the_original_kept(tmp_path: Path) -> None:
    path = make_parquet(tmp_path / "x.parquet", pa.table({"text": [SCRAPED]}))
    clean(path, tmp_path / "o.parquet", Settings(output_field="clean"))
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.column_names == ["text", "clean", "cleaner"]
    assert out.to_pylist()[0]["text"] == SCRAPED and out.to_pylist()[0]["clean"] == CLEANED


@pytest.mark.bad_input
def test_a_row_without_text_is_rejected_with_its_source_and_the_rest_written(tmp_path: Path) -> None:
    path = make_parquet(tmp_path / "x.parquet", pa.table({"n": [1, 2, 3], "text": [SCRAPED, None, "Last.\n"]}))
    stats = clean(path, tmp_path / "o.parquet")
    [reject] = stats.rejects
    assert reject["source"] == f"{path}:2" and "no string field" in reject["reason"]
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [(r["n"], r["text"]) for r in rows] == [(1, CLEANED), (3, "Last.\n")]


def test_row_groups_are_mirrored(tmp_path: Path) -> None:
    path = make_parquet(tmp_path / "x.parquet", pa.table({"text": [f"Row {i}.\n" for i in range(7)]}),
                        row_group_size=3)
    clean(path, tmp_path / "o.parquet")
    written = pq.ParquetFile(tmp_path / "o.parquet")
    assert [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)] == [3, 3, 1]
    assert [json.loads(c)["source"] for c in written.read().column("cleaner").to_pylist()] == [
        f"{path}:{n}" for n in range(1, 8)]


@pytest.mark.bad_input
def test_without_pyarrow_a_parquet_input_is_a_reject_saying_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_parquet(tmp_path / "x.parquet", pa.table({"text": [SCRAPED]}))
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    for target in ("o.parquet", "o.jsonl"):
        stats = clean(path, tmp_path / target)
        [reject] = stats.rejects
        assert reject["source"] == str(path) and "pip install 'cleaner[parquet]'" in reject["reason"]
        assert not (tmp_path / target).exists() or target.endswith(".jsonl")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_with_parquet_is_mirrored_under_out(tmp_path: Path, jobs: str) -> None:
    source = tmp_path / "in"
    source.mkdir()
    make_parquet(source / "x.parquet", pa.table({"id": [1, 2], "text": [SCRAPED, None]}))
    (source / "a.txt").write_text(SCRAPED, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "-q", "-j", jobs])
    assert result.exit_code == 1, result.output  # one row rejected
    assert pq.read_table(out / "x.parquet").to_pylist()[0]["text"] == CLEANED
    rejects = [json.loads(line) for line in (out / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    assert [r["source"] for r in rejects] == [f"{source / 'x.parquet'}:2"]


def test_out_all_jsonl_takes_parquet_rows_as_records(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    make_parquet(source / "x.parquet", typed_table(), row_group_size=2)
    out = tmp_path / "all.jsonl"
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == [CLEANED, "Second.\n", "Third.\n"]
    assert records[0]["tags"] == ["a", "b"] and records[0]["meta"] == {"lang": "en"} and records[1]["score"] is None
    assert list(records[0]) == ["id", "text", "tags", "score", "meta", "cleaner"]
    assert records[2]["cleaner"]["source"] == f"{source / 'x.parquet'}:3"


@pytest.mark.fault
def test_a_killed_run_goes_on_from_the_row_groups_it_had_not_finished(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.task import parquet

    path = make_parquet(tmp_path / "x.parquet", pa.table({"n": list(range(7)), "text": [SCRAPED] * 7}),
                        row_group_size=3)
    clean(path, tmp_path / "whole.parquet")
    cleaned_groups = []
    real = parquet._clean_slice

    def dies_on_the_second_group(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        cleaned_groups.append(args[1].column("n").to_pylist()[0])
        if len(cleaned_groups) == 2:
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(parquet, "_clean_slice", dies_on_the_second_group)
    checkpoints = tmp_path / "cp"
    stats = clean(path, tmp_path / "o.parquet", checkpoints=str(checkpoints))
    assert stats.rejects and not (tmp_path / "o.parquet").exists()
    assert sorted(p.name for p in checkpoints.iterdir()) == ["row-group-000000.done.json", "row-group-000000.parquet"]

    cleaned_groups.clear()
    monkeypatch.setattr(parquet, "_clean_slice", lambda *a, **k: cleaned_groups.append(a[1]["n"][0].as_py())
                        or real(*a, **k))
    stats = clean(path, tmp_path / "o.parquet", checkpoints=str(checkpoints))
    assert cleaned_groups == [3, 6]  # the first row of each group cleaned: the first was done already
    assert stats.documents == 7 and not stats.rejects and not checkpoints.exists()
    assert pq.read_table(tmp_path / "o.parquet").equals(pq.read_table(tmp_path / "whole.parquet"))
    assert pq.ParquetFile(tmp_path / "o.parquet").num_row_groups == 3


def test_a_large_row_group_is_read_in_slices_and_written_in_groups_of_bounded_size(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file written with a writer's defaults is often one row group of everything: read whole
    # it held the whole file in memory (a 200 MB file peaked at 1.6 GB).
    from cleaner.readers import parquet as reader
    from cleaner.task import parquet

    rows = 2 * reader.SLICE_ROWS + 5
    path = make_parquet(tmp_path / "x.parquet", pa.table({"n": list(range(rows)), "text": [SCRAPED] * rows}))
    assert pq.ParquetFile(path).num_row_groups == 1

    def whole(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a row group must never be read whole")

    sizes: list[int] = []
    real = parquet._clean_slice
    monkeypatch.setattr(pq.ParquetFile, "read_row_group", whole)
    monkeypatch.setattr(pq.ParquetFile, "read", whole)
    monkeypatch.setattr(parquet, "_clean_slice", lambda *a, **k: sizes.append(a[1].num_rows) or real(*a, **k))
    stats = clean(path, tmp_path / "o.parquet")
    assert stats.documents == rows and not stats.rejects
    assert sizes == [reader.SLICE_ROWS, reader.SLICE_ROWS, 5]
    written = pq.ParquetFile(tmp_path / "o.parquet")
    assert [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)] == [rows]  # mirrored
    table = pa.Table.from_batches(list(written.iter_batches(batch_size=rows)))
    assert table.column("n").to_pylist() == list(range(rows)) and set(table.column("text").to_pylist()) == {CLEANED}
    assert json.loads(table.column("cleaner")[rows - 1].as_py())["source"] == f"{path}:{rows}"

    # Cleaned rows wait for their group's end only up to GROUP_BYTES; here each slice is over it.
    monkeypatch.setattr(parquet, "GROUP_BYTES", 1)
    clean(path, tmp_path / "cut.parquet")
    written = pq.ParquetFile(tmp_path / "cut.parquet")
    assert [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)] == [
        reader.SLICE_ROWS, reader.SLICE_ROWS, 5]
    assert pa.Table.from_batches(list(written.iter_batches())).equals(table)


def test_a_binary_html_column_is_decoded_by_the_charset_its_page_declares(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("storm", "storm \u2013 caf\u00e9")
    path = make_parquet(tmp_path / "x.parquet", pa.table({"html": pa.array([page.encode("cp1252")], pa.binary())}))
    stats = clean(path, tmp_path / "o.parquet")
    assert stats.documents == 1 and not stats.rejects
    [row] = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert "storm \u2013 caf\u00e9" in row["text"]
    assert row["html"] == page.encode("cp1252")  # the input's column passed through as it was


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_row_groups_of_one_file_spread_over_the_workers_and_the_output_is_the_same(
        tmp_path: Path, jobs: str) -> None:
    source = tmp_path / "in"
    source.mkdir()
    texts = [f"Advertisement\nRow {i} of the dump.\n" for i in range(40)]
    make_parquet(source / "x.parquet", pa.table({"n": list(range(40)), "text": texts}), row_group_size=7)
    reference = tmp_path / "reference.parquet"
    clean(source / "x.parquet", reference)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(out), "-j", jobs])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out / "x.parquet").equals(pq.read_table(reference))
    written = pq.ParquetFile(out / "x.parquet")
    assert [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)] == [7] * 5 + [5]
    assert not (out / ".cleaner" / "shards").exists() or not any((out / ".cleaner" / "shards").iterdir())
