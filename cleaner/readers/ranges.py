"""Byte ranges of a plain JSONL file: cut at line ends, so a range holds whole records, and
read on their own, so one dump can be cleaned by many tasks at once."""

from __future__ import annotations

import io
from collections.abc import Iterator

from cleaner.readers.records import MAX_DOCUMENT_BYTES, Record, read_jsonl_stream


class ByteRange(io.RawIOBase):
    """Bytes ``start`` to ``end`` of a file, as a stream."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed with the range
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        count = self._file.readinto(view)
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def cut_ranges(path: str, size: int, range_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges of about ``range_bytes`` covering the file, each ending after a newline
    (or at the end of the file)."""
    cuts = [0]
    with open(path, "rb") as file:
        while cuts[-1] + range_bytes < size:
            file.seek(cuts[-1] + range_bytes)
            while True:
                chunk = file.read(1 << 16)
                if not chunk:
                    cuts.append(size)
                    break
                newline = chunk.find(b"\n")
                if newline >= 0:
                    cuts.append(file.tell() - len(chunk) + newline + 1)
                    break
            if cuts[-1] >= size:
                break
    if cuts[-1] != size:
        cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def count_lines(path: str, start: int, end: int) -> int:
    with ByteRange(path, start, end) as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def range_records(path: str, start: int, end: int, *, display: str, text_field: str | None = None,
                  html_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
                  first_line: int = 1) -> Iterator[Record]:
    """The records of a range, sourced ``file:line`` from ``first_line`` (the lines before it)."""
    with ByteRange(path, start, end) as raw:
        yield from read_jsonl_stream(io.BufferedReader(raw, 1 << 20), display=display, text_field=text_field,
                                     html_field=html_field, max_bytes=max_bytes, first_line=first_line)
