"""Resume: what a run records of its inputs, so that running the same command again does only
what is left, and redoes whatever a change of input or setting would write differently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.manifest import recorded_inputs


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
    recorded = recorded_inputs(state)
    assert {os.fsencode(name) for name in recorded} == {os.fsencode(source) + b"/caf\xe9.txt",
                                                        os.fsencode(source) + b"/d\xfcmp.jsonl"}
    assert json.loads((state / "report.json").read_text(encoding="utf-8"))["documents"]["written"] == 2

    again = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
    assert again.exit_code == 1, again.output
    assert "2 of 3 files were done already" in again.output  # resumed; only the rejected file is tried again


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
    assert "1 of 1 files were done already" in result.output  # the second run found it recorded
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


def _recorded_file(tmp_path: Path, name: str = "a.txt") -> tuple[Path, Path]:
    source, target = tmp_path / name, tmp_path / "out" / name
    source.write_text("A story.\n", encoding="utf-8")
    target.parent.mkdir(exist_ok=True)
    target.write_text("A story.\n", encoding="utf-8")
    return source, target


def test_a_record_is_looked_up_by_name_and_a_batch_survives_a_process_that_dies(tmp_path: Path) -> None:
    from cleaner.manifest import MANIFEST, Manifest

    state = tmp_path / ".cleaner"
    sources = [_recorded_file(tmp_path, f"{i}.txt") for i in range(3)]
    first = Manifest(state / MANIFEST, "key-1")
    for source, target in sources[:2]:
        first.record(source, target, documents=1, rejects=[], changed=1, bytes_in=9, bytes_out=9)
    first.save(force=True)  # a batch committed; the process then dies without closing
    first.record(*sources[2], documents=1, rejects=[])  # not committed yet: lost with the process
    again = Manifest(state / MANIFEST, "key-1")
    assert [again.is_done(s, t) for s, t in sources] == [True, True, False]
    assert again.entry_of(sources[0][0])["documents"] == 1 and again.entry_of(sources[0][0])["changed"] == 1
    assert not Manifest(state / MANIFEST, "key-2").is_done(*sources[0])  # another run's key
    assert not again.is_done(sources[0][0], tmp_path / "elsewhere.txt")  # another target
    sources[1][0].write_text("A story, edited.\n", encoding="utf-8")
    assert not again.is_done(*sources[1])  # the input changed since
    sources[0][1].unlink()
    assert not again.is_done(*sources[0])  # its output is gone


def test_a_json_manifest_of_an_older_run_is_read_in_once_and_removed(tmp_path: Path) -> None:
    from cleaner.manifest import LEGACY_MANIFEST, MANIFEST, Manifest, input_signature

    state = tmp_path / ".cleaner"
    state.mkdir()
    source, target = _recorded_file(tmp_path)
    entry = {"run": "key-1", "target": str(target), "input": input_signature(source), "documents": 1,
             "changed": 0, "bytes_in": 9, "bytes_out": 9, "rejects": []}
    (state / LEGACY_MANIFEST).write_text(json.dumps({"version": "0.1.0", "inputs": {str(source): entry}}),
                                         encoding="utf-8")
    manifest = Manifest(state / MANIFEST, "key-1")
    assert manifest.is_done(source, target)
    manifest.close()
    assert not (state / LEGACY_MANIFEST).exists() and recorded_inputs(state)[str(source)]["target"] == str(target)
    (state / LEGACY_MANIFEST).write_text("{not json", encoding="utf-8")  # a damaged one is only dropped
    assert Manifest(state / MANIFEST, "key-1").is_done(source, target)


@pytest.mark.bad_input
def test_a_run_record_that_is_no_database_is_refused_naming_it_and_what_to_do(tmp_path: Path) -> None:
    from cleaner.errors import CleanerError
    from cleaner.manifest import MANIFEST, Manifest

    state = tmp_path / ".cleaner"
    state.mkdir()
    (state / MANIFEST).write_bytes(b"this is not SQLite at all" * 100)
    source, target = _recorded_file(tmp_path)
    with pytest.raises(CleanerError, match=r"manifest\.sqlite: .*remove it to start the run afresh"):
        Manifest(state / MANIFEST, "key-1").is_done(source, target)


@pytest.mark.bad_input
def test_a_full_disk_while_recording_is_an_out_of_space_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import sqlite3

    from cleaner.manifest import MANIFEST, Manifest

    manifest = Manifest(tmp_path / MANIFEST, "key-1")
    manifest.record(*_recorded_file(tmp_path), documents=1, rejects=[])

    class Full:
        def __enter__(self):  # noqa: ANN204
            return self

        def __exit__(self, *exc):  # noqa: ANN002, ANN204
            return False

        def executemany(self, *args):  # noqa: ANN002, ANN202
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(manifest, "_connection", lambda: Full())
    with pytest.raises(OSError) as full:
        manifest.save(force=True)
    assert full.value.errno == errno.ENOSPC


def test_a_changed_archive_is_redone_and_counted_once_beside_the_files_done_before(runner: CliRunner,
                                                                                   tmp_path: Path) -> None:
    # An archive to redo gets a checkpoint folder, which made it look unlike its planned task:
    # it was counted as done (with its old records) and as cleaned.
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Advertisement\nA note.\n", encoding="utf-8")
    (source / "dump.jsonl").write_text(json.dumps({"text": "Advertisement\nOne."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1", "-q"]).exit_code == 0
    with (source / "dump.jsonl").open("a", encoding="utf-8") as dump:
        dump.write(json.dumps({"text": "Advertisement\nTwo."}) + "\n")
    result = runner.invoke(app, ["clean", str(source), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "resumed: 1 of 2 files were done already" in result.output
    report = json.loads((out / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == 2 and report["documents"]["in"] == 3 and report["documents"]["written"] == 3


def _age(path: Path, seconds: float) -> None:
    """The file's times set ``seconds`` back: its change time (which no call can set) stays now."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns - int(seconds * 1e9), stat.st_mtime_ns - int(seconds * 1e9)))


def _reads_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import cleaner.manifest as manifest_module

    reads: list[str] = []
    real = manifest_module.input_signature

    def counted(path: Path):  # noqa: ANN202 - the real one's
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(manifest_module, "input_signature", counted)
    return reads


def test_an_input_untouched_since_it_was_recorded_is_known_done_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.manifest import MANIFEST, Manifest

    source, target = _recorded_file(tmp_path)
    manifest = Manifest(tmp_path / ".cleaner" / MANIFEST, "key-1")
    # Recorded with its change time a while back (as after a long run): its inode and change
    # time then vouch for its bytes, since any write moves the change time on.
    monkeypatch.setattr("cleaner.manifest.time.time_ns", lambda: source.stat().st_ctime_ns + 10 * 10**9)
    manifest.record(source, target, documents=1, rejects=[])
    manifest.close()
    monkeypatch.undo()
    reads = _reads_counted(monkeypatch)
    again = Manifest(tmp_path / ".cleaner" / MANIFEST, "key-1")
    assert again.is_done(source, target) and reads == []
    assert "stamp" not in again.entry_of(source)["input"]  # the signature as the journal and checkpoints have it
    size, mtime = source.stat().st_size, source.stat().st_mtime_ns
    source.write_text("A storm.\n", encoding="utf-8")  # the same size, and the same modification time
    os.utime(source, ns=(mtime, mtime))
    assert source.stat().st_size == size
    assert not again.is_done(source, target) and reads == [str(source)]  # read, and found changed


def test_an_input_recorded_within_the_clocks_grain_of_a_change_is_read_to_be_sure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.manifest import MANIFEST, Manifest

    source, target = _recorded_file(tmp_path)
    manifest = Manifest(tmp_path / ".cleaner" / MANIFEST, "key-1")
    manifest.record(source, target, documents=1, rejects=[])  # just written: a write now might keep its times
    manifest.close()
    reads = _reads_counted(monkeypatch)
    again = Manifest(tmp_path / ".cleaner" / MANIFEST, "key-1")
    assert again.is_done(source, target) and reads == [str(source)]


def test_a_record_of_an_older_version_without_a_stamp_is_checked_by_its_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.manifest import LEGACY_MANIFEST, MANIFEST, Manifest, input_signature

    state = tmp_path / ".cleaner"
    state.mkdir()
    source, target = _recorded_file(tmp_path)
    _age(source, 60)
    entry = {"run": "key-1", "target": str(target), "input": input_signature(source), "documents": 1, "rejects": []}
    (state / LEGACY_MANIFEST).write_text(json.dumps({"inputs": {str(source): entry}}), encoding="utf-8")
    reads = _reads_counted(monkeypatch)
    assert Manifest(state / MANIFEST, "key-1").is_done(source, target) and reads == [str(source)]
