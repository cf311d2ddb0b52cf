"""One run at a time in an output folder (or beside a one-file output, or in a folder cleaned
in place). A second run into the same place would sweep the first one's temporary files as a
killed run's leftovers, and the first would then lose outputs it was writing; so the second is
refused before it touches anything.

The lock is ``flock`` on a file in the run's state folder: the kernel releases it when the run
ends, however it ends (SIGKILL included), so a killed run never leaves a lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from cleaner.errors import CleanerError

LOCK_NAME = "lock"


class RunInProgress(CleanerError):
    """Another run is writing into the same place."""


@contextlib.contextmanager
def run_lock(state: Path, where: str | None = None) -> Iterator[None]:
    """Hold the run lock of the state folder ``state`` (made if missing) for the block; raise
    :class:`RunInProgress` at once if another process holds it."""
    try:
        state.mkdir(parents=True, exist_ok=True)
        fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:  # a read-only output, or a file where the state folder goes
        raise CleanerError(f"cannot keep the run's state in {state} ({exc.strerror or exc}); write elsewhere "
                           f"(--out OTHER), or make {state.parent} writable and {state.name} a folder") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise RunInProgress(f"another cleaner run{f' (process {holder})' if holder else ''} is writing into "
                                f"{where or state}; wait for it to finish and run this command again, or write "
                                "elsewhere") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
