"""Opening inputs that may be compressed (gzip, zstd), by their suffix, as binary streams."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO


def open_binary(path: Path) -> BinaryIO:
    """A readable binary stream of the file's content, decompressed on the fly (bounded memory)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.open(path, "rb")
    if suffix == ".zst":
        import zstandard

        # Concatenated frames (pzstd, appended dumps) are one stream to their readers.
        return zstandard.ZstdDecompressor().stream_reader(path.open("rb"), closefd=True, read_across_frames=True)
    return path.open("rb")


def open_binary_for_writing(path: Path) -> BinaryIO:
    """A writable binary stream that compresses by the target's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        # No file name or time in the header: the same records give the same bytes, whatever
        # the temporary file was called and whenever the run was.
        raw = path.open("wb")
        stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)
        stream.myfileobj = raw  # closed with the stream, as when gzip opens the file itself
        return stream
    if suffix == ".zst":
        import zstandard

        return zstandard.ZstdCompressor(level=6).stream_writer(path.open("wb"), closefd=True)
    return path.open("wb")
