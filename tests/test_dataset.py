"""The library's options are checked as the command's are: a bad one is named before any work,
never turned into a rejection of every file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.errors import CleanerError


@pytest.mark.bad_input
@pytest.mark.parametrize(("options", "named"), [
    ({"fmt": "xml"}, "fmt"),
    ({"extractor": "lynx"}, "extractor"),
    ({"no_article": "keep"}, "no_article"),
    ({"timeout": 0}, "timeout"),
    ({"max_document_bytes": -1}, "max_document_bytes"),
    ({"title": "yes"}, "title"),
])
def test_clean_dataset_names_a_bad_option_before_any_work(tmp_path: Path, options: dict, named: str) -> None:
    from cleaner import clean_dataset

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Advertisement\nBody.\n", encoding="utf-8")
    with pytest.raises(CleanerError, match=named):
        clean_dataset([tmp_path / "in"], tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()


def _folder(root: Path) -> Path:
    (root / "site").mkdir(parents=True)
    for i in range(6):
        (root / "site" / f"{i}.txt").write_text(f"Advertisement\nStory {i}; the quay reopened.\n", encoding="utf-8")
    (root / "dump.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": f"Google Ads | Google Ads\n"
                                                         f"Record {i}.\n"}) + "\n" for i in range(5)) + "{bad\n",
                                     encoding="utf-8")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts}


def test_the_library_and_the_command_write_the_same_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner import clean_dataset
    from cleaner.cli import app

    source = _folder(tmp_path / "in")
    report = clean_dataset([source], tmp_path / "lib", jobs=2)
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(tmp_path / "cli"), "-j", "2", "-q"])
    assert result.exit_code == 1  # the bad line
    assert _tree(tmp_path / "lib") == _tree(tmp_path / "cli") and len(_tree(tmp_path / "lib")) == 7
    assert report["documents"] == {"in": 12, "written": 11, "failed": 1, "changed": 11}
    assert report["state"] == str((tmp_path / "lib" / ".cleaner").resolve())
    saved = json.loads((tmp_path / "lib" / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    assert saved == {k: v for k, v in report.items() if k != "state"}


def test_a_dry_run_cleans_and_counts_and_writes_nothing(tmp_path: Path) -> None:
    from cleaner import clean_dataset

    source = _folder(tmp_path / "in")
    before = _tree(source)
    report = clean_dataset([source], tmp_path / "out", dry_run=True)
    assert report["documents"]["changed"] == 11 and report["rules_hit"]["ads.label"]["documents"] == 6
    assert not (tmp_path / "out").exists() and _tree(source) == before


def test_in_place_rewrites_text_and_jsonl_and_keeps_the_originals(tmp_path: Path) -> None:
    from cleaner import clean_dataset

    source = _folder(tmp_path / "in")
    with pytest.raises(CleanerError, match="give --backup-suffix"):
        clean_dataset([source], in_place=True)
    report = clean_dataset([source], in_place=True, backup_suffix=".orig")
    assert report["documents"]["written"] == 11
    assert (source / "site" / "2.txt").read_text(encoding="utf-8") == "Story 2; the quay reopened.\n"
    assert (source / "site" / "2.txt.orig").read_text(encoding="utf-8").startswith("Advertisement")


def test_progress_hears_every_file_in_order_and_the_end(tmp_path: Path) -> None:
    from cleaner import clean_dataset

    source = _folder(tmp_path / "in")
    heard: list[str] = []

    class Recorder:
        def start(self, files: int) -> None:
            heard.append(f"start {files}")

        def documents(self, count: int) -> None:
            heard.append(f"documents {count}")

        def shards(self, done: int, total: int) -> None:
            heard.append("shards")

        def file_done(self, stats) -> None:
            heard.append(f"file {stats.documents}")

        def walked(self, files: int) -> None:
            heard.append(f"walked {files}")

        def stop(self) -> None:
            heard.append("stop")

    # One folder is cleaned as it is walked: the total is told when the walk has ended.
    clean_dataset([source], tmp_path / "out", jobs=1, progress=Recorder())
    assert heard[0] == "start None" and heard[-2:] == ["walked 7", "stop"]
    assert [h for h in heard if h.startswith("file")] == ["file 5"] + ["file 1"] * 6  # the dump sorts first
    # Several inputs are planned whole first: the total comes at the start.
    heard.clear()
    clean_dataset([source / "site", source / "dump.jsonl"], tmp_path / "out2", jobs=1, progress=Recorder())
    assert heard[0] == "start 7" and heard[-1] == "stop" and not any(h.startswith("walked") for h in heard)


def test_the_report_counts_characters_and_records_the_rules_as_resolved(tmp_path: Path) -> None:
    from cleaner import clean_dataset

    source = _folder(tmp_path / "in")
    report = clean_dataset([source], tmp_path / "out", disable=["structure.repeated-line"])
    # Bytes are the files' sizes (a JSONL output holds more than its text); characters are the
    # documents' own: before the text rules (a page's once extracted) and after them.
    chars_in = sum(len(f"Advertisement\nStory {i}; the quay reopened.\n") for i in range(6)) + \
        sum(len(f"Google Ads | Google Ads\nRecord {i}.\n") for i in range(5))
    chars_out = sum(len(f"Story {i}; the quay reopened.\n") for i in range(6)) + \
        sum(len(f"Record {i}.\n") for i in range(5))
    assert report["characters"] == {"in": chars_in, "out": chars_out, "removed": chars_in - chars_out}
    rules = {rule["id"]: rule for rule in report["rule_set"]["rules"]}
    assert rules["structure.repeated-line"]["enabled"] is False and rules["ads.label"]["enabled"] is True
    assert rules["ads.label"]["kind"] == "ad_label" and "labels" in rules["ads.label"]
    assert len(report["rule_set"]["fingerprint"]) == 16


def test_progress_hears_the_files_found_while_the_walk_runs(tmp_path: Path, monkeypatch) -> None:
    # A tree of a million files takes minutes to walk: the progress says how far it is, before
    # any file is cleaned. A progress object without ``finding`` is still accepted.
    import cleaner.dataset as dataset
    from cleaner import clean_dataset

    source = tmp_path / "in"
    for folder in range(3):
        (source / f"f{folder}").mkdir(parents=True)
        for i in range(40):
            (source / f"f{folder}" / f"{i:03}.txt").write_text(f"Advertisement\nStory {folder}.{i}.\n",
                                                                encoding="utf-8")
    monkeypatch.setattr(dataset, "FOUND_EVERY", 25)
    heard: list[tuple[str, int]] = []

    class Recorder:
        def finding(self, found: int) -> None:
            heard.append(("finding", found))

        def start(self, files: int) -> None:
            heard.append(("start", files))

        def documents(self, count: int) -> None:
            pass

        def shards(self, done: int, total: int) -> None:
            pass

        def file_done(self, stats) -> None:
            pass

        def stop(self) -> None:
            pass

    clean_dataset([source], tmp_path / "out", jobs=1, progress=Recorder())
    found = [n for what, n in heard if what == "finding"]
    # The walk goes on while the first files are cleaned: its count comes as it goes.
    assert found == [25, 50, 75, 100, 120] and heard[0] == ("start", None)
    clean_dataset([source / "f0", source / "f1"], tmp_path / "out2", jobs=1, progress=Recorder())
    assert heard[-1] == ("start", 80) and heard[-2] == ("finding", 80)  # planned whole: the walk first
