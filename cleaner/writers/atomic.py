"""Atomic file writes: a killed run never leaves a truncated file that looks finished."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# A temporary file is created private (0600); the finished output gets the mode any new file
# of the user's would have, so a shared archive stays readable by the group.
_NEW_FILE_MODE = 0o666 & ~_current_umask()


def new_temporary(path: Path, suffix: str = ".tmp") -> tuple[int, str]:
    """A temporary file beside ``path`` (same file system, so the final rename is atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.fchmod(fd, _NEW_FILE_MODE)
    return fd, tmp


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = new_temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def keep_backup(path: Path, suffix: str) -> Path:
    """Copy ``path`` to ``path + suffix`` before it is rewritten in place, atomically, with
    its times and mode. An existing backup is left alone: it holds the original from an
    earlier run, and the file beside it may be cleaned already."""
    backup = path.with_name(path.name + suffix)
    if backup.exists():
        return backup
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, backup)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return backup


# The names new_temporary gives: ".NAME." + eight random characters + ".tmp", maybe with the
# compression suffix the writer needs.
_TEMPORARY_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp(\.gz|\.zst)?$")


def remove_stale_temporaries(root: Path, *, recursive: bool = True) -> int:
    """Delete the temporary files a killed run left under ``root``; they never became outputs.
    Returns how many went."""
    removed = 0
    folders = [root]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    folders.append(Path(entry.path))
            elif _TEMPORARY_NAME.match(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
