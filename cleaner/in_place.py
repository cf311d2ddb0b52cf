"""``--in-place``: rewriting text and JSONL inputs where they are, each original kept beside
its file as NAME+SUFFIX."""

from __future__ import annotations

import os
from pathlib import Path

from cleaner.readers.files import INPUT_SUFFIXES
from cleaner.readers.records import JSONL_SUFFIXES, WARC_SUFFIXES

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
