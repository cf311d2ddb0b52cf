"""--in-place: each file cleaned exactly once from its original, however often the run is
interrupted or its rules change; the original always kept beside it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.manifest import recorded_inputs

# Cleaning prints the escaped shortcode [[gallery]] as the literal [gallery], which a second
# cleaning removes: a file cleaned twice loses it.
ORIGINAL = "Advertisement\nThe harbour reopened; the ferry runs again.\n\nShown as [[gallery]] in the post.\n"
ONCE = "The harbour reopened; the ferry runs again.\n\nShown as [gallery] in the post.\n"
COMMAND = ["clean", "--in-place", "--backup-suffix", ".orig", "-j", "1", "-q"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _folder(tmp_path: Path, count: int = 3) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for i in range(count):
        (source / f"{i}.txt").write_text(ORIGINAL, encoding="utf-8")
    return source


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing on the way catches it."""


@pytest.mark.fault
def test_a_file_rewritten_before_the_run_recorded_it_is_not_cleaned_twice(runner: CliRunner, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.manifest as manifest

    source = _folder(tmp_path)

    def killed(self, force=False):  # noqa: ANN001, ANN202
        raise Killed

    # The run dies right after the first file was rewritten, before the manifest says so (as a
    # SIGKILL between the rename and the manifest's save does: nothing after it runs).
    monkeypatch.setattr(manifest.Manifest, "save", killed)
    with pytest.raises(Killed):
        runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]])
    assert (source / "0.txt").read_text(encoding="utf-8") == ONCE
    assert not recorded_inputs(source / ".cleaner")
    monkeypatch.undo()
    result = runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]])
    assert result.exit_code == 0, result.output
    for i in range(3):
        assert (source / f"{i}.txt").read_text(encoding="utf-8") == ONCE  # [gallery] still there
        assert (source / f"{i}.txt.orig").read_text(encoding="utf-8") == ORIGINAL


def test_a_changed_rule_set_cleans_the_original_again_not_the_cleaned_file(runner: CliRunner, tmp_path: Path) -> None:
    source = _folder(tmp_path, 1)
    assert runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]]).exit_code == 0
    assert (source / "0.txt").read_text(encoding="utf-8") == ONCE
    result = runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:], "--disable", "ads.label"])
    assert result.exit_code == 0, result.output
    assert (source / "0.txt").read_text(encoding="utf-8") == "Advertisement\n" + ONCE  # from the original
    assert (source / "0.txt.orig").read_text(encoding="utf-8") == ORIGINAL


def test_a_link_inside_the_folder_is_its_target_cleaned_once(runner: CliRunner, tmp_path: Path) -> None:
    source = _folder(tmp_path, 1)
    (source / "link.txt").symlink_to("0.txt")
    result = runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]])
    assert result.exit_code == 0, result.output
    assert (source / "0.txt").read_text(encoding="utf-8") == ONCE
    assert (source / "link.txt").is_symlink()  # still a link to the file, which was cleaned once
    assert (source / "0.txt.orig").read_text(encoding="utf-8") == ORIGINAL
    assert not (source / "link.txt.orig").exists() or \
        (source / "link.txt.orig").read_text(encoding="utf-8") == ORIGINAL


def test_a_file_edited_after_its_backup_was_kept_is_left_alone_and_named(runner: CliRunner, tmp_path: Path) -> None:
    source = _folder(tmp_path, 1)
    assert runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]]).exit_code == 0
    edited = "Advertisement\nA new version, written by hand.\n"
    (source / "0.txt").write_text(edited, encoding="utf-8")
    os.utime(source / "0.txt", ns=(1, 1))
    result = runner.invoke(app, [*COMMAND[:1], str(source), *COMMAND[1:]])
    assert result.exit_code == 1
    [reject] = [json.loads(line) for line in (source / ".cleaner" / "rejects.jsonl").read_text().splitlines()]
    assert "0.txt.orig" in reject["reason"]
    assert (source / "0.txt").read_text(encoding="utf-8") == edited  # neither lost nor cleaned without a backup
    assert (source / "0.txt.orig").read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.fault
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="kills process groups, as a crash does, on Linux")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_an_in_place_run_killed_midway_then_rerun_cleans_every_file_exactly_once(tmp_path: Path, how: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in"
    source.mkdir()
    texts = [ORIGINAL + "".join(f"\nParagraph {k} of story {i} tells of the pier at dusk.\n" for k in range(30))
             for i in range(2000)]
    for i, text in enumerate(texts):
        (source / f"{i:04}.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(source), "--in-place", "--backup-suffix", ".orig",
               "--jobs", "2", "-q"]
    run = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    # Stop it once it has rewritten files and recorded some (its manifest exists), however long
    # start-up takes on a loaded machine.
    deadline = time.monotonic() + 120
    while not recorded_inputs(source / ".cleaner"):
        if run.poll() is not None:
            pytest.skip("the run ended before it could be stopped")
        assert time.monotonic() < deadline, "the run recorded nothing in two minutes"
        time.sleep(0.02)
    os.killpg(run.pid, getattr(signal, how))
    run.communicate(timeout=60)
    subprocess.run(command, check=True, timeout=300)
    from cleaner import Cleaner

    cleaner = Cleaner.from_rules("default")
    for i, text in enumerate(texts):
        expected = cleaner.clean(text).text
        assert "[gallery]" in expected
        assert (source / f"{i:04}.txt").read_text(encoding="utf-8") == expected, i
        assert (source / f"{i:04}.txt.orig").read_text(encoding="utf-8") == text, i
