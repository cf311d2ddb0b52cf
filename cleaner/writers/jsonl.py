"""JSONL outputs written atomically and compressed by their suffix: a run's records, its
rejects and warnings files, and an archive's part files joined into one output."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from cleaner.readers.compressed import open_binary_for_writing
from cleaner.writers.atomic import new_temporary
from cleaner.writers.json_text import json_text


@contextmanager
def _atomic_binary(path: Path) -> Iterator[BinaryIO]:
    """A sink compressing by the suffix of ``path``, into a temporary file in the same folder
    that is renamed into place only when everything was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = "".join(path.suffixes[-1:]) if path.suffix in (".gz", ".zst") else ""
    fd, tmp = new_temporary(path, ".tmp" + suffix)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with open_binary_for_writing(tmp_path) as sink:
            yield sink
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records to ``path`` atomically, compressed by its suffix."""
    with _atomic_binary(path) as sink:
        for item in records:
            sink.write((json_text(item) + "\n").encode("utf-8"))


def write_joined(path: Path, parts: Iterable[Path]) -> None:
    """Join uncompressed JSONL part files into ``path`` atomically, compressed by its suffix
    as one stream (not a chain of frames some readers stop after)."""
    with _atomic_binary(path) as sink:
        for part in parts:
            with part.open("rb") as source:
                shutil.copyfileobj(source, sink, 1 << 20)
