"""Atomic file writes: a killed run never leaves a truncated file that looks finished."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# A temporary file is created private (0600); the finished output gets the mode any new file
# of the user's would have, so a shared archive stays readable by the group.
_NEW_FILE_MODE = 0o666 & ~_current_umask()


# A temporary file's name carries a keyed hash of itself, so the sweep after a killed run
# (remove_stale_temporaries) can tell this tool's temporaries from a user's files named alike
# (git's, an editor's, another script's ".NAME.abcd1234.tmp"): under --in-place the tree swept is
# the user's own folder.
_TAG_KEY = b"cleaner temporary file"
_NONCE = 8


def _tag(stem: str, nonce: str) -> str:
    return hashlib.blake2b(f"{stem}\0{nonce}".encode("utf-8", "surrogateescape"), key=_TAG_KEY,
                           digest_size=5).hexdigest()


def new_temporary(path: Path, suffix: str = ".tmp") -> tuple[int, str]:
    """A temporary file beside ``path`` (same file system, so the final rename is atomic),
    named ``.NAME.NONCE-TAG`` + ``suffix``; ``suffix`` is ``.tmp``, maybe with the compression
    suffix the writer needs."""
    for _ in range(100):
        nonce = secrets.token_hex(_NONCE // 2)
        tmp = os.path.join(path.parent, f".{path.name}.{nonce}-{_tag(path.name, nonce)}{suffix}")
        try:
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        os.fchmod(fd, _NEW_FILE_MODE)
        return fd, tmp
    raise FileExistsError(f"no free temporary name beside {path}")


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
    atomic_copy(path, backup)
    return backup


def atomic_copy(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` with its times and mode: whole or not at all."""
    fd, tmp = new_temporary(target)
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The names new_temporary gives; a name is this tool's only if its tag is right.
_TEMPORARY_NAME = re.compile(r"^\.(?P<stem>.+)\.(?P<nonce>[0-9a-f]{%d})-(?P<tag>[0-9a-f]{10})\.tmp(\.gz|\.zst)?$" % _NONCE)


def is_own_temporary(name: str) -> bool:
    """Whether a file name is one :func:`new_temporary` gave (its tag checks out)."""
    match = _TEMPORARY_NAME.match(name)
    return bool(match) and _tag(match["stem"], match["nonce"]) == match["tag"]


def remove_stale_temporaries(root: Path, *, recursive: bool = True) -> int:
    """Delete the temporary files a killed run left under ``root``; they never became outputs.
    Only names this tool gave are touched, whatever else lies in the tree. Returns how many went."""
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
            elif is_own_temporary(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
