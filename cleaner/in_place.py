"""``--in-place``: rewriting text and JSONL inputs where they are, each original kept beside
its file as NAME+SUFFIX, and each file cleaned exactly once from its original however often the
run is interrupted: the signature of a rewritten file is recorded before the rename
(:data:`JOURNAL`), and a file that holds an output (by that record or the manifest's) gets its
original back from the backup before it is cleaned again."""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cleaner.manifest import input_signature
from cleaner.readers.files import INPUT_SUFFIXES, InputFile
from cleaner.readers.records import JSONL_SUFFIXES, WARC_SUFFIXES
from cleaner.writers import atomic_write_text, keep_backup
from cleaner.writers.atomic import atomic_copy, new_temporary
from cleaner.writers.json_text import json_text

# Endings that decide how a file is read: as an input of its kind, or decompressed first.
_READ_ENDINGS = tuple(INPUT_SUFFIXES) + tuple(JSONL_SUFFIXES) + tuple(WARC_SUFFIXES) + (".gz", ".zst")


def backup_suffix_problem(suffix: str) -> str | None:
    """Why ``suffix`` cannot name backups, or None. A backup must be read by nothing: one
    named like an input is cleaned on the next run, and one ending in ``.gz`` or ``.zst``
    (``dump.jsonl`` + ``.gz``) is a plain-text file the next run reads as an archive, and
    rewrites."""
    if "/" in suffix or os.sep in suffix or suffix.strip(".") == "":
        return "it must be a plain ending such as .orig"
    lowered = suffix.lower()
    if lowered.endswith(_READ_ENDINGS) or Path("x" + lowered).suffix in _READ_ENDINGS:
        return "the backups would be read as inputs (or as compressed archives) on the next run"
    return None


# Under the run's state folder: the signature of every file this tool is about to put in place
# of an input, written (and synced) before the rename. A run killed between the rename and the
# next save of the manifest leaves the file cleaned but unrecorded; this tells the next run that
# the file holds an output, whose original is the backup, so it is never cleaned a second time.
JOURNAL = "in-place.jsonl"


def rewritten_files(inputs: Sequence[InputFile], notes: list[str]) -> list[tuple[InputFile, str]]:
    """Each file to rewrite once, by what it is: a link and the file it leads to are one file,
    rewritten where it really is (a link rewritten by name would become a copy, and its backup
    a copy of the file cleaned already)."""
    seen: dict[str, InputFile] = {}
    files = []
    for item in inputs:
        real = os.path.realpath(item.path)
        first = seen.setdefault(real, item)
        if first is not item:
            notes.append(f"{item.path} and {first.path} are the same file; it is cleaned once, in place")
            continue
        files.append((item, real if real != os.path.abspath(item.path) else str(item.path)))
    return files


def original_kept(path: Path, suffix: str, name: str) -> str | None:
    """Keep ``path``'s original as NAME+SUFFIX before it is rewritten; a reason not to rewrite
    it, or None. A backup that exists already must hold what ``path`` holds (the run restored
    the original from it, or was killed after making it); if not, ``path`` was changed since
    (edited, or cleaned by a run that left no record), and rewriting it would lose that version."""
    backup = path.with_name(path.name + suffix)
    if backup.exists() and not filecmp.cmp(path, backup, shallow=False):
        return (f"{name}: changed since its original was kept as {backup.name} (edited, or cleaned by a run that "
                f"left no record); left as it is. To clean it from the original, copy {backup.name} over it; to "
                f"clean it as it is now, move {backup.name} away first")
    keep_backup(path, suffix)
    return None


@contextlib.contextmanager
def writing(target: Path, journal: str | None) -> Iterator[Path]:
    """Where to write the output for ``target``: ``target`` itself, or with a ``journal`` (an
    in-place run) a temporary file beside it, put in place when the block ends, its signature
    recorded in the journal first."""
    if not journal:
        yield target
        return
    ending = target.suffix if target.suffix.lower() in (".gz", ".zst") else ""
    fd, name = new_temporary(target, ".tmp" + ending)  # the writers compress by the ending
    os.close(fd)
    staged = Path(name)
    try:
        yield staged
        _record_intent(Path(journal), target, input_signature(staged))
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)


def _record_intent(journal: Path, target: Path, signature: dict[str, Any]) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    line = (json_text({"path": str(target), "written": signature}) + "\n").encode("utf-8")
    # One short line per write with O_APPEND: whole, whatever other workers append meanwhile.
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def written_by_us(journal: Path) -> dict[str, list[dict[str, Any]]]:
    """What the journal says was put in place, path by path."""
    written: dict[str, list[dict[str, Any]]] = {}
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except OSError:
        return written
    for line in lines:
        try:
            entry = json.loads(line)
            written.setdefault(entry["path"], []).append(entry["written"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a kill: its rename never happened
    return written


def restore_if_ours(path: Path, suffix: str, ours: list[dict[str, Any]]) -> bool:
    """If ``path`` holds an output of this tool (its signature is one recorded as written), put
    its original back from the backup, so it is cleaned from the original and never twice."""
    backup = path.with_name(path.name + suffix)
    try:
        if not ours or input_signature(path) not in ours or not backup.is_file():
            return False
        atomic_copy(backup, path)
    except OSError:
        return False  # the task meets the same trouble and reports it
    return True


def forget_recorded(journal: Path, recorded: Callable[[str], dict[str, Any] | None]) -> None:
    """Drop from the journal what the manifest now records (``recorded``: the signature it
    holds of a path); delete it when nothing is left."""
    keep = [(path, signature) for path, signatures in written_by_us(journal).items() for signature in signatures
            if recorded(path) != signature]
    if not keep:
        journal.unlink(missing_ok=True)
        return
    atomic_write_text(journal, "".join(json_text({"path": p, "written": s}) + "\n" for p, s in keep))
