"""Resume: what a run records of its inputs, so that running the same command again does only
what is left, and redoes whatever a change of input or setting would write differently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _name(folder: Path, raw: bytes) -> Path:
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))


@pytest.mark.bad_input
def test_file_names_that_are_not_utf8_are_recorded_and_reported_byte_for_byte(runner: CliRunner,
                                                                                tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    _name(source, b"caf\xe9.txt").write_bytes(b"Advertisement\nA Latin-1 name.\n")
    _name(source, b"bin\xff.txt").write_bytes(b"\x00\x01\x02 binary")
    _name(source, b"d\xfcmp.jsonl").write_text(json.dumps({"id": "r1", "text": "Advertisement\nA record.\n"}) + "\n",
                                               encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output  # the binary file is rejected, nothing else
    assert not isinstance(result.exception, UnicodeError), result.exception
    assert _name(out, b"caf\xe9.txt").read_text(encoding="utf-8") == "A Latin-1 name.\n"
    assert json.loads(_name(out, b"d\xfcmp.jsonl").read_text(encoding="utf-8"))["text"] == "A record.\n"
    state = out / ".cleaner"
    [reject] = [json.loads(line) for line in (state / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert os.fsencode(reject["source"]) == os.fsencode(source) + b"/bin\xff.txt"  # the name, byte for byte
    recorded = json.loads((state / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    assert {os.fsencode(name) for name in recorded} == {os.fsencode(source) + b"/caf\xe9.txt",
                                                        os.fsencode(source) + b"/d\xfcmp.jsonl"}
    assert json.loads((state / "report.json").read_text(encoding="utf-8"))["documents"]["written"] == 2

    again = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
    assert again.exit_code == 1, again.output
    assert "2 of 3 files are done already" in again.output  # resumed; only the rejected file is tried again


@pytest.mark.bad_input
def test_a_file_name_that_is_not_utf8_goes_into_a_one_file_output_and_in_place(runner: CliRunner,
                                                                              tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    odd = _name(source, b"caf\xe9.txt")
    odd.write_bytes(b"Advertisement\nA Latin-1 name.\n")
    out = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert os.fsencode(record["cleaner"]["source"]) == os.fsencode(odd) and record["text"] == "A Latin-1 name.\n"

    for _ in range(2):
        result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig", "-j", "1"])
        assert result.exit_code == 0, result.output
    assert "1 of 1 files are done already" in result.output  # the second run found it recorded
    assert odd.read_text(encoding="utf-8") == "A Latin-1 name.\n"


PAGE = ("<!doctype html><html><head><title>Ferry news</title></head><body><article><h1>Ferry news</h1>"
        "<p>The harbour ferry ran late again on Tuesday, and the council said it would look into the timetable "
        "before the winter season starts in earnest.</p>"
        '<p class="harbour-extra">Get the Harbour Weekly in your inbox every Friday morning for free.</p>'
        "<p>Passengers waited for nearly an hour at the pier while crews repaired a fault in the engine room, the "
        "operator said in a statement.</p></article></body></html>")


def test_the_run_key_covers_every_setting_that_can_change_an_output() -> None:
    """Not a hand-kept list: every field of Settings is in the key unless it is declared to
    change no output, so a new setting is covered the day it is added."""
    import dataclasses

    from cleaner.task.settings import Settings, build_cleaner
    from cleaner.manifest import NOT_IN_OUTPUTS, run_key_of

    base = Settings()
    cleaner = build_cleaner(base)
    key = run_key_of(cleaner, base)
    assert run_key_of(cleaner, Settings()) == key  # the same settings, the same key
    samples = {bool: lambda v: not v, int: lambda v: v + 1, float: lambda v: v + 1.5,
               tuple: lambda v: (*v, "x"), dict: lambda v: {**v, "k": 1}, str: lambda v: f"{v}x",
               type(None): lambda v: "x"}
    covered = []
    for field in dataclasses.fields(Settings):
        if field.name in NOT_IN_OUTPUTS or field.name in ("rules", "enable", "disable", "filter_list"):
            continue  # the rule set (and the filter list's contents) are keyed by what they resolve to
        value = getattr(base, field.name)
        changed = dataclasses.replace(base, **{field.name: samples[type(value)](value)})
        assert run_key_of(cleaner, changed) != key, field.name
        covered.append(field.name)
    assert {"max_document_bytes", "timeout", "no_article", "fmt", "context"} <= set(covered)


def test_a_record_over_the_size_limit_is_taken_once_the_limit_is_raised(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    records = [{"id": "big", "text": "Advertisement\n" + "A long story, told at length. " * 80},
               {"id": "small", "text": "Advertisement\nA short one.\n"}]
    (source / "dump.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    command = ["clean", str(source), "--out", str(out), "-j", "1", "-q"]
    result = runner.invoke(app, [*command, "--max-document-mb", "0.001"])
    assert result.exit_code == 1 and "raise --max-document-mb" in (out / ".cleaner" / "rejects.jsonl").read_text()
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    written = [json.loads(line)["id"] for line in (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == ["big", "small"]


def test_a_record_without_an_article_is_kept_once_no_article_text_is_asked(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    records = [{"id": "menu", "html": "<html><body><ul><li><a href='/a'>Home page of the harbour</a></li>"
                                       "<li><a href='/b'>News from the pier</a></li></ul></body></html>"},
               {"id": "story", "html": PAGE}]
    (source / "dump.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    command = ["clean", str(source), "--out", str(out), "-j", "1", "-q"]
    assert runner.invoke(app, command).exit_code == 1  # the menu page holds no article
    result = runner.invoke(app, [*command, "--no-article", "text"])
    assert result.exit_code == 0, result.output
    written = [json.loads(line)["id"] for line in (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == ["menu", "story"]


def test_a_changed_filter_list_file_cleans_the_pages_again(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "page.html").write_text(PAGE, encoding="utf-8")
    filters = tmp_path / "filters.txt"
    filters.write_text("! nothing yet\n", encoding="utf-8")
    out = tmp_path / "out"
    command = ["clean", str(source), "--out", str(out), "-j", "1", "-q", "--filter-list", str(filters)]
    assert runner.invoke(app, command).exit_code == 0
    assert "Harbour Weekly" in (out / "page.txt").read_text(encoding="utf-8")
    filters.write_text("##.harbour-extra\n", encoding="utf-8")
    assert runner.invoke(app, command).exit_code == 0
    assert "Harbour Weekly" not in (out / "page.txt").read_text(encoding="utf-8")
