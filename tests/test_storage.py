"""Inputs and outputs named by URL (fsspec), here file:// URLs: staged, cleaned as local files,
uploaded whole; named by their URLs; resumed from the manifest kept beside the outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("fsspec")

from cleaner import storage  # noqa: E402
from cleaner.cli import app  # noqa: E402


def _inputs(root: Path) -> Path:
    (root / "site" / "drafts").mkdir(parents=True)
    for i in range(4):
        (root / "site" / f"note-{i}.txt").write_text(f"Advertisement\n\nNote {i}: the quay reopens.\n", encoding="utf-8")
    (root / "site" / "drafts" / "skip.txt").write_text("Draft.\n", encoding="utf-8")
    (root / "site" / "page.html").write_text(
        "<html><body><article><h1>Quay</h1><p>The harbour board moved the fleet to the outer quay for the winter "
        "works, the clerk said on Monday.</p><div class='ad-slot'>Buy a boat</div></article></body></html>",
        encoding="utf-8")
    with (root / "dump.jsonl").open("w", encoding="utf-8") as out:
        for i in range(30):
            out.write(json.dumps({"id": f"r{i}", "text": f"Google Ads | Google Ads\n\nRecord {i}.\n"}) + "\n")
        out.write("{broken\n")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_urls_in_and_out_give_what_local_paths_give(tmp_path: Path, jobs: str) -> None:
    source = _inputs(tmp_path / "in")
    runner = CliRunner()
    local = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "local"), "--exclude", "drafts", "-q"])
    remote = runner.invoke(app, ["clean", source.as_uri(), "-o", (tmp_path / "remote").as_uri(), "--exclude", "drafts",
                                 "--jobs", jobs, "-q"])
    assert local.exit_code == remote.exit_code == 1, remote.output  # the broken line
    # Records carry their source: the URL in the one run, the path in the other.
    by_path = {name: data.replace(str(source).encode(), source.as_uri().encode())
               for name, data in _files(tmp_path / "local").items()}
    assert _files(tmp_path / "remote") == by_path
    assert "drafts/skip.txt" not in _files(tmp_path / "remote")
    # The run's files are beside the outputs, and name the inputs by URL, never a staged copy.
    [reject] = [json.loads(line) for line in (tmp_path / "remote" / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    assert reject["source"] == f"{(source / 'dump.jsonl').as_uri()}:31"
    report = json.loads((tmp_path / "remote" / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    assert report["documents"]["written"] == 35
    assert not list((tmp_path / "remote").rglob("*.tmp*"))


def test_a_rerun_resumes_from_the_manifest_beside_the_outputs_from_any_machine(tmp_path: Path) -> None:
    source = _inputs(tmp_path / "in")
    out = (tmp_path / "remote").as_uri()
    runner = CliRunner()
    assert runner.invoke(app, ["clean", source.as_uri(), "-o", out, "-q"]).exit_code == 1
    shutil.rmtree(storage.local_state(out))  # another machine: no local state at all
    (source / "site" / "note-9.txt").write_text("Advertisement\n\nNote 9: new.\n", encoding="utf-8")
    rerun = runner.invoke(app, ["clean", source.as_uri(), "-o", out])
    assert "resumed: 7 of 8 files were done already" in rerun.output
    assert (tmp_path / "remote" / "site" / "note-9.txt").read_text(encoding="utf-8") == "Note 9: new.\n"


def test_one_output_file_named_by_url(tmp_path: Path) -> None:
    source = _inputs(tmp_path / "in")
    result = CliRunner().invoke(app, ["clean", source.as_uri(), "-o", (tmp_path / "all.jsonl.gz").as_uri(), "-q"])
    assert result.exit_code == 1
    import gzip

    lines = gzip.decompress((tmp_path / "all.jsonl.gz").read_bytes()).decode().splitlines()
    assert len(lines) == 36 and (tmp_path / "all.jsonl.gz.cleaner" / "report.json").exists()


def test_urls_are_listed_and_filtered_as_folders_are(tmp_path: Path) -> None:
    source = _inputs(tmp_path / "in")
    found = list(storage.discover_urls([source.as_uri()], include=["*.txt"], exclude=["drafts"]))
    assert [str(f.relative) for f in found] == [f"site/note-{i}.txt" for i in range(4)]
    assert all(f.path.startswith("file://") for f in found)


def test_bad_urls_are_clear_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["clean", (tmp_path / "nowhere").as_uri(), "-o", str(tmp_path / "out")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    unknown = runner.invoke(app, ["clean", "nosuchfs://bucket/crawl", "-o", str(tmp_path / "out")])
    assert unknown.exit_code == 2 and "cannot open this file system" in unknown.output
    alone = runner.invoke(app, ["clean", (tmp_path / "x.txt").as_uri()])
    assert alone.exit_code == 2 and "remote inputs need --out" in alone.output
