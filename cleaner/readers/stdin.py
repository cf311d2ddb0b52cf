"""Standard input: one document (text or HTML), or a JSONL stream, maybe compressed.

``zstdcat crawl.jsonl.zst | cleaner clean -`` and ``cleaner clean - < page.html`` both work:
the first bytes tell which, and a JSONL stream is read record by record, never whole.
"""

from __future__ import annotations

import gzip
import io
from typing import BinaryIO

from cleaner.readers.compressed import ZstdStream

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_SNIFF = 1 << 16


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were read to look at them: those bytes, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_head(stream: BinaryIO) -> bytes:
    chunks, size = [], 0
    while size < _SNIFF:
        try:
            chunk = stream.read(_SNIFF - size)
        except EOFError:
            # A compressed stream cut short: what came before it still decides, and the
            # reader of the rest meets the same error where the records stop.
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def open_stdin(stream: BinaryIO) -> tuple[str, BinaryIO]:
    """``("jsonl", stream)`` when the input is JSON lines, else ``("document", stream)``;
    gzip and zstd input is decompressed on the fly either way."""
    head = _read_head(stream)
    whole: BinaryIO = io.BufferedReader(_Prefixed(head, stream))
    if head.startswith((_GZIP_MAGIC, _ZSTD_MAGIC)):
        if head.startswith(_GZIP_MAGIC):
            whole = gzip.GzipFile(fileobj=whole, mode="rb")  # type: ignore[assignment]
        else:
            whole = io.BufferedReader(ZstdStream(whole))  # raises EOFError where the input stops early
        head = _read_head(whole)  # what the decompressed stream starts with decides
        whole = io.BufferedReader(_Prefixed(head, whole))
    return ("jsonl" if _looks_like_jsonl(head) else "document"), whole


def _looks_like_jsonl(head: bytes) -> bool:
    """The first line is a JSON object (or, when longer than what was read, starts as one)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return False
    first, newline, _ = text.partition(b"\n")
    if not newline:
        return text.startswith(b'{"')
    import json

    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
