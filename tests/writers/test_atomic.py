import os
import stat
from pathlib import Path

import pytest

from cleaner.writers.jsonl import write_joined, write_jsonl
from cleaner.writers import atomic_write_text, keep_backup


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_outputs_get_the_mode_of_any_new_file_not_the_temporary_files_0600(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    atomic_write_text(tmp_path / "a.txt", "x")
    write_jsonl(tmp_path / "b.jsonl.gz", [{"id": 1}])
    write_joined(tmp_path / "c.jsonl", [tmp_path / "a.txt"])
    for name in ("a.txt", "b.jsonl.gz", "c.jsonl"):
        assert _mode(tmp_path / name) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.jsonl.gz", "c.jsonl"]  # no temporaries left


def test_a_backup_keeps_the_first_original(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("original", encoding="utf-8")
    source.chmod(0o640)
    backup = keep_backup(source, ".orig")
    assert backup == tmp_path / "a.txt.orig" and backup.read_text(encoding="utf-8") == "original"
    assert _mode(backup) == 0o640
    source.write_text("cleaned once", encoding="utf-8")
    keep_backup(source, ".orig")
    assert backup.read_text(encoding="utf-8") == "original"


@pytest.mark.fault
def test_a_killed_runs_temporaries_are_found_and_only_they(tmp_path: Path) -> None:
    from cleaner.writers import remove_stale_temporaries
    from cleaner.writers.atomic import new_temporary

    (tmp_path / "a" / "b").mkdir(parents=True)
    stale = []
    for path, suffix in ((tmp_path / "x.txt", ".tmp"), (tmp_path / "a" / "b" / "crawl.jsonl.gz", ".tmp.gz")):
        fd, name = new_temporary(path, suffix)  # as a killed run leaves them
        os.close(fd)
        stale.append(Path(name))
    kept = [tmp_path / "x.txt", tmp_path / "notes.tmp", tmp_path / ".hidden.tmp", tmp_path / "a" / ".x.txt.toolong12.tmp"]
    for path in kept:
        path.write_text("x", encoding="utf-8")
    assert remove_stale_temporaries(tmp_path) == 2
    assert not any(p.exists() for p in stale) and all(p.exists() for p in kept)


@pytest.mark.fault
def test_only_temporaries_this_tool_made_are_swept_never_a_users_file_named_alike(tmp_path: Path) -> None:
    from cleaner.writers import remove_stale_temporaries
    from cleaner.writers.atomic import new_temporary

    (tmp_path / ".git" / "objects").mkdir(parents=True)
    # Names a user's tools give (git, editors, other scripts), in the shape of this tool's old names.
    users = [tmp_path / ".git" / "objects" / ".pack.a1b2c3d4.tmp", tmp_path / ".x.txt.abc_1234.tmp",
             tmp_path / ".notes.md.k2j4h5g6.tmp.gz"]
    for path in users:
        path.write_text("the user's", encoding="utf-8")
    fd, ours = new_temporary(tmp_path / "a.txt")
    os.close(fd)
    fd, ours_gz = new_temporary(tmp_path / ".git" / "b.jsonl.gz", ".tmp.gz")
    os.close(fd)
    assert remove_stale_temporaries(tmp_path) == 2
    assert not Path(ours).exists() and not Path(ours_gz).exists()
    assert all(p.read_text(encoding="utf-8") == "the user's" for p in users)
