"""What a run under ``--out`` has finished, so that running the same command again does only
what is left: an input is skipped when its size, modification time and sampled content are as
recorded, its output is still there, and the run's key is the same: the tool's version, the
resolved rule set and the files it reads, and every setting that can change an output
(:func:`run_key_of`). A change in any of them reprocesses the input.

The manifest is rewritten atomically as tasks finish, so a run killed at any point leaves
a manifest that lists only outputs that were completely written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.errors import CleanerError
from cleaner.storage import is_url
from cleaner.writers import atomic_write_text
from cleaner.writers.json_text import json_text

_SAMPLE = 65536


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


class Manifest:
    def __init__(self, path: Path, run_key: str) -> None:
        self.path = path
        self.run_key = run_key  # run_key_of(): version, rule set, every setting that shapes outputs
        self.entries: dict[str, dict[str, Any]] = {}
        self._last_save = 0.0
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("inputs"), dict):
                self.entries = data["inputs"]
        except (OSError, ValueError):
            pass  # no manifest yet, or a damaged one: everything is done again

    def is_done(self, source: Path | str, target: Path | str) -> bool:
        entry = self.entries.get(str(source))
        if not entry or entry.get("run") != self.run_key or entry.get("target") != str(target):
            return False
        try:
            return _exists(target) and entry.get("input") == _signature(source)
        except (OSError, CleanerError):
            return False

    def entry_of(self, source: Path | str) -> dict[str, Any]:
        """What a finished input gave (documents, changed, bytes, rejected records), so a
        resumed run's report still counts it."""
        return dict(self.entries.get(str(source), {}))

    def record(self, source: Path | str, target: Path | str, *, documents: int, rejects: list[dict[str, str]],
               changed: int = 0, bytes_in: int = 0, bytes_out: int = 0) -> None:
        try:
            signature = _signature(source)
        except (OSError, CleanerError):
            return
        self.entries[str(source)] = {"run": self.run_key, "target": str(target), "input": signature,
                                     "documents": documents, "changed": changed, "bytes_in": bytes_in,
                                     "bytes_out": bytes_out, "rejects": rejects}
        # Saved at most every second while tasks stream in; always at the end (save(force=True)).
        if time.monotonic() - self._last_save > 1.0:
            self.save(force=True)

    def save(self, *, force: bool = False) -> None:
        if force:
            atomic_write_text(self.path, json_text({"version": __version__, "inputs": self.entries}, indent=1) + "\n")
            self._last_save = time.monotonic()


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
