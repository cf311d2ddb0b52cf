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
    assert os.fsencode(record["source"]) == os.fsencode(odd) and record["text"] == "A Latin-1 name.\n"

    for _ in range(2):
        result = runner.invoke(app, ["clean", str(source), "--in-place", "--backup-suffix", ".orig", "-j", "1"])
        assert result.exit_code == 0, result.output
    assert "1 of 1 files are done already" in result.output  # the second run found it recorded
    assert odd.read_text(encoding="utf-8") == "A Latin-1 name.\n"
