"""What a run under ``--out`` has finished, so that running the same command again does only
what is left: an input is skipped when its size, modification time and sampled content are as
recorded, its output is still there, and the run's key is the same: the tool's version, the
resolved rule set and the files it reads, and every setting that can change an output
(:func:`run_key_of`). A change in any of them reprocesses the input.

The record is a SQLite database, ``OUT/.cleaner/manifest.sqlite`` (the standard library's
``sqlite3``; write-ahead log), one row per finished input, written in transactions of
``BATCH_ROWS`` inputs or every second as tasks finish, so a run killed at any point loses at
most the last batch and lists only outputs that were completely written; a rerun looks each
input up by its name instead of loading everything. The table::

    inputs(source BLOB PRIMARY KEY,  -- the input's path or URL, its bytes as the file system has them
           run TEXT,                 -- the run's key
           target BLOB,              -- where its output was written
           signature TEXT,           -- JSON: size, mtime_ns, sample (a hash of its first and last 64 KB),
                                     --   and stamp: [device, inode, ctime_ns] when it vouches (below)
           documents INTEGER, changed INTEGER, bytes_in INTEGER, bytes_out INTEGER,
           rejects TEXT)             -- JSON: the records of it that failed, [{"source", "reason"}]

An older run's ``manifest.json`` beside it is read into the database once, then removed.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.errors import CleanerError
from cleaner.storage import is_url

MANIFEST = "manifest.sqlite"
LEGACY_MANIFEST = "manifest.json"
# Inputs recorded per transaction at most; a second's worth when fewer finish.
BATCH_ROWS = 2000
_SAMPLE = 65536
# A local input's device, inode and change time vouch for its bytes: every write moves the
# change time on, and no call can set it back, so a rerun need not read a file whose stamp is as
# recorded. Trusted only when the change was older than the record by more than the coarsest
# file system clock (two seconds), so that a write within the same tick cannot hide.
_CLOCK_GRAIN_NS = 2 * 10**9


def input_signature(path: Path) -> dict[str, Any]:
    """Size, modification time and a hash of the first and last 64 KB: cheap, and a changed
    file almost always changes one of them."""
    stat = path.stat()
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as fh:
        digest.update(fh.read(_SAMPLE))
        if stat.st_size > 2 * _SAMPLE:
            fh.seek(-_SAMPLE, os.SEEK_END)
            digest.update(fh.read(_SAMPLE))
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sample": digest.hexdigest()}


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_ctime_ns]


def _unchanged_by_stamp(source: str, recorded: dict[str, Any], stamp: list[int] | None) -> bool:
    """Whether a local input is as recorded by its stat alone (False: read it to know)."""
    if not stamp or is_url(source):
        return False
    stat = os.stat(source)
    return (stat.st_size == recorded.get("size") and stat.st_mtime_ns == recorded.get("mtime_ns")
            and _stamp(stat) == stamp)


def _recorded_signature(source: Path | str) -> dict[str, Any]:
    """The signature a record keeps: with the stamp when its change time is old enough to vouch."""
    if is_url(source):
        return _signature(source)
    stat = os.stat(source)
    signature = _signature(source)
    if time.time_ns() - stat.st_ctime_ns > _CLOCK_GRAIN_NS:
        signature["stamp"] = _stamp(stat)
    return signature


def _signature(source: Path | str) -> dict[str, Any]:
    if is_url(source):
        from cleaner import storage

        return storage.signature(str(source))
    return input_signature(Path(source))


def _exists(target: Path | str) -> bool:
    if is_url(target):
        from cleaner import storage

        return storage.exists(str(target))
    return Path(target).exists()


def _key(name: Path | str) -> bytes:
    # File names are bytes: one that is not UTF-8 is kept as it is, not as text that cannot be stored.
    return str(name).encode("utf-8", "surrogateescape")


def _name(key: bytes) -> str:
    return key.decode("utf-8", "surrogateescape")


def _json(value: Any) -> str:
    # ASCII: a reason quoting a name that is not UTF-8 keeps its escapes, and reads back the same.
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


_COLUMNS = "source, run, target, signature, documents, changed, bytes_in, bytes_out, rejects"


class Manifest:
    """The finished inputs of the runs into one place; one process writes it at a time (the
    run's lock). ``path`` is the database file, made when first written to."""

    def __init__(self, path: Path, run_key: str) -> None:
        self.path = path
        self.run_key = run_key  # run_key_of(): version, rule set, every setting that shapes outputs
        self._pending: list[tuple[Any, ...]] = []
        self._last_commit = time.monotonic()
        self._db: sqlite3.Connection | None = None
        self._absent = False  # no record (nor an older one) was there when last looked for

    def _connection(self) -> sqlite3.Connection | None:
        """The database, opened (and made, and an older JSON manifest read in) on first need;
        None while it does not exist and nothing is to be written."""
        if self._db is None and not self._pending and self._absent:
            return None  # looked for once: a first run does not stat twice an input
        if self._db is None and (self._pending or self.path.exists() or self._legacy().exists()):
            self._db = _open(self.path)
            _import_legacy(self._db, self._legacy())
        self._absent = self._db is None
        return self._db

    def _legacy(self) -> Path:
        return self.path.with_name(LEGACY_MANIFEST)

    def _row(self, source: Path | str) -> tuple[Any, ...] | None:
        db = self._connection()
        if db is None:
            return None
        try:
            return db.execute(f"SELECT {_COLUMNS} FROM inputs WHERE source = ?", (_key(source),)).fetchone()
        except sqlite3.DatabaseError:
            return None  # a damaged database: everything is done again

    def is_done(self, source: Path | str, target: Path | str) -> bool:
        return self.done_entry(source, target) is not None

    def done_entry(self, source: Path | str, target: Path | str) -> dict[str, Any] | None:
        """What an earlier run of this key recorded of ``source`` cleaned into ``target``, if the
        input is unchanged and the output still there (see :meth:`entry_of`); else None."""
        row = self._row(source)
        if row is None or row[1] != self.run_key or _name(row[2]) != str(target):
            return None
        try:
            entry = _entry(row)
            if not entry or not _exists(target):
                return None
            if _unchanged_by_stamp(str(source), entry["input"], entry["stamp"]):
                return entry
            return entry if entry["input"] == _signature(source) else None
        except (OSError, CleanerError):
            return None

    def entry_of(self, source: Path | str) -> dict[str, Any]:
        """What a finished input gave (documents, changed, bytes, rejected records, its
        signature under ``input``), so a resumed run's report still counts it."""
        row = self._row(source)
        return _entry(row) if row is not None else {}

    def record(self, source: Path | str, target: Path | str, *, documents: int, rejects: list[dict[str, str]],
               changed: int = 0, bytes_in: int = 0, bytes_out: int = 0) -> None:
        try:
            signature = _recorded_signature(source)
        except (OSError, CleanerError):
            return
        self._pending.append((_key(source), self.run_key, _key(target), _json(signature), documents, changed,
                              bytes_in, bytes_out, _json(rejects)))
        if len(self._pending) >= BATCH_ROWS or time.monotonic() - self._last_commit > 1.0:
            self.save(force=True)

    def save(self, *, force: bool = False) -> None:
        """The recorded inputs written in one transaction (with ``force``; else left for the
        next batch). A full disk is an ``OSError`` (ENOSPC) as any write's."""
        if not force:
            return
        self._last_commit = time.monotonic()
        if not self._pending:
            return
        db = self._connection()
        assert db is not None
        try:
            with db:
                db.executemany(f"INSERT OR REPLACE INTO inputs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               self._pending)
        except sqlite3.DatabaseError as exc:
            if "full" in str(exc):
                raise OSError(errno.ENOSPC, f"{self.path}: {exc}") from None
            raise CleanerError(f"{self.path}: the run's record cannot be written ({exc}); is the folder "
                               "writable? If the file is damaged, remove it to start the run afresh") from None
        self._pending.clear()

    def close(self) -> None:
        """Written out and closed: one file again, the write-ahead log folded in (to copy it)."""
        self.save(force=True)
        if self._db is not None:
            self._db.close()
            self._db = None


def _entry(row: tuple[Any, ...]) -> dict[str, Any]:
    """A row as a dict; ``input`` is the signature as :func:`input_signature` gives it (the
    journal and the checkpoints compare that), the stamp beside it."""
    try:
        signature = json.loads(row[3])
        stamp = signature.pop("stamp", None)
        return {"run": row[1], "target": _name(row[2]), "input": signature, "stamp": stamp, "documents": row[4],
                "changed": row[5], "bytes_in": row[6], "bytes_out": row[7], "rejects": json.loads(row[8])}
    except (ValueError, AttributeError):
        return {}  # a damaged row: the input is done again


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, isolation_level="DEFERRED", check_same_thread=False)
        # WAL: a commit appends to the log; synchronous=NORMAL: durable when the process dies
        # (what a kill is), the log fsynced at checkpoints.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        with db:
            db.execute("CREATE TABLE IF NOT EXISTS inputs (source BLOB PRIMARY KEY, run TEXT, target BLOB, "
                       "signature TEXT, documents INTEGER, changed INTEGER, bytes_in INTEGER, bytes_out INTEGER, "
                       "rejects TEXT)")
    except sqlite3.DatabaseError as exc:
        raise CleanerError(f"{path}: not a run record this version can read ({exc}); remove it to start the "
                           "run afresh, or give another --out") from None
    return db


def _import_legacy(db: sqlite3.Connection, legacy: Path) -> None:
    """An older run's JSON manifest read in once (then removed): its finished inputs stay done."""
    if not legacy.exists():
        return
    try:
        data = json.loads(legacy.read_text(encoding="utf-8"))
        entries = data.get("inputs", {}) if isinstance(data, dict) else {}
        rows = [(_key(source), entry["run"], _key(entry["target"]), _json(entry["input"]), entry.get("documents", 0),
                 entry.get("changed", 0), entry.get("bytes_in", 0), entry.get("bytes_out", 0),
                 _json(entry.get("rejects", [])))
                for source, entry in entries.items() if isinstance(entry, dict) and "run" in entry]
        with db:
            db.executemany(f"INSERT OR IGNORE INTO inputs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # damaged: its inputs are done again, as with a damaged manifest before
    legacy.unlink(missing_ok=True)


def recorded_inputs(state: Path) -> dict[str, dict[str, Any]]:
    """Every input a run into ``state`` (its ``.cleaner`` folder) recorded, by name, read
    without changing anything: for reports, tests and benchmarks, not for a run."""
    path = state / MANIFEST
    if not path.exists():
        return {}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute(f"SELECT {_COLUMNS} FROM inputs").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return {}
    return {_name(r[0]): _entry(r) for r in rows}


# Settings that change no output: a dry run writes nothing and records nothing.
# An in-place run's journal is where it records rewrites, not what it writes.
NOT_IN_OUTPUTS = frozenset({"dry_run", "journal"})
# Settings keyed by what they resolve to: the rule set's fingerprint (rules, switches), and the
# contents of the files its rules read (a filter list), so a moved rule file changes nothing and
# an edited one changes the key.
_RESOLVED = frozenset({"rules", "enable", "disable", "filter_list"})


def run_key_of(cleaner: Any, settings: Any) -> str:
    """The key of a run's outputs: every field of ``settings`` (a dataclass) but those that
    change no output, the resolved rule set, and the contents of the files its rules read.
    Not a hand-kept list: a setting added to Settings is in the key from the day it is added."""
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)
              if f.name not in NOT_IN_OUTPUTS | _RESOLVED}
    read = sorted({str(spec.params["filter_list"]) for spec in cleaner.rule_set.rules
                   if spec.params.get("filter_list") is not None})
    return run_key(cleaner.rule_set.fingerprint(), settings=values,
                   files={name: _contents_digest(Path(name)) for name in read})


def _contents_digest(path: Path) -> str:
    """A hash of a regular file's bytes; what else it is, if it is not one."""
    try:
        if not path.is_file():
            return "missing" if not path.exists() else "not a regular file"
        digest = hashlib.blake2b(digest_size=16)
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"


def run_key(fingerprint: str, **options: Any) -> str:
    payload = json.dumps({"rules": fingerprint, "version": __version__, **options}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()[:16]
