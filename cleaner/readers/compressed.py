"""Opening inputs that may be compressed (gzip, zstd), by their suffix, as binary streams."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from typing import Any, BinaryIO


def open_binary(path: Path) -> BinaryIO:
    """A readable binary stream of the file's content, decompressed on the fly (bounded memory)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.open(path, "rb")
    if suffix == ".zst":
        import zstandard

        # Concatenated frames (pzstd, appended dumps) are one stream to their readers.
        reader = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), closefd=True, read_across_frames=True)
        return _ZstdEndChecked(reader, path)
    return path.open("rb")


class _ZstdEndChecked(io.RawIOBase):
    """A zstd stream that raises at its end when the file stops inside a frame. zstandard's
    reader ends quietly there, so a dump cut short would read as a complete one (gzip's
    reader raises ``EOFError`` in the same place). The check walks the frames' block
    headers once, at the end, without decompressing."""

    def __init__(self, reader: BinaryIO, path: Path) -> None:
        self._reader, self._path = reader, path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - any writable buffer
        count = self._reader.readinto(buffer)
        if count == 0 and buffer:
            problem = zstd_frames_problem(self._path)
            if problem:
                raise EOFError(f"the zstd stream {problem}")
        return count

    def close(self) -> None:
        self._reader.close()
        super().close()


class ZstdStream(io.RawIOBase):
    """A zstd stream read from a pipe (standard input), frame after frame, that raises
    ``EOFError`` when the input stops inside a frame: a pipe cannot be walked again at its
    end as a file is (:class:`_ZstdEndChecked`), so each frame's end is watched as it goes."""

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        self._raw = raw
        self._decompressor = zstandard.ZstdDecompressor()
        self._frame: Any = None  # the frame being read, or None between frames
        self._out, self._at = b"", 0  # decompressed bytes not yet handed out

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - any writable buffer
        while self._at >= len(self._out):
            data = self._raw.read(1 << 16)
            if not data:
                if self._frame is not None:
                    raise EOFError("the zstd stream ends inside a frame (the input is truncated)")
                return 0
            self._out, self._at = self._decompressed(data), 0
        count = min(len(buffer), len(self._out) - self._at)
        buffer[:count] = self._out[self._at:self._at + count]
        self._at += count
        return count

    def _decompressed(self, data: bytes) -> bytes:
        out = []
        while data:
            if self._frame is None:
                self._frame = self._decompressor.decompressobj()
            out.append(self._frame.decompress(data))
            data = b""
            if self._frame.eof:  # concatenated frames (pzstd, appended dumps) read as one stream
                data, self._frame = self._frame.unused_data, None
        return b"".join(out)


_ZSTD_MAGIC = 0xFD2FB528
_ZSTD_SKIPPABLE = 0x184D2A50  # ...0x184D2A5F: a frame of user data, skipped


def zstd_frames_problem(path: Path) -> str | None:
    """None when the file is whole zstd frames; else what is wrong (where it ends early)."""
    with path.open("rb") as raw:
        end = os.fstat(raw.fileno()).st_size
        frame = 0
        while magic_bytes := raw.read(4):
            frame += 1
            if len(magic_bytes) < 4:
                return f"ends inside the header of frame {frame} (the file is truncated)"
            magic = int.from_bytes(magic_bytes, "little")
            if magic & 0xFFFFFFF0 == _ZSTD_SKIPPABLE:
                size = raw.read(4)
                if len(size) < 4 or not _skip(raw, int.from_bytes(size, "little"), end):
                    return f"ends inside frame {frame} (the file is truncated)"
                continue
            if magic != _ZSTD_MAGIC:
                return f"has no zstd frame at frame {frame} (data after the last frame, or a corrupt file)"
            problem = _skip_frame(raw, end)
            if problem:
                return f"ends inside frame {frame}: {problem} (the file is truncated)"
    return None


def _skip(raw: BinaryIO, size: int, end: int) -> bool:
    """Seeks ``size`` bytes on; False when the file ends first."""
    position = raw.tell() + size
    if position > end:
        return False
    raw.seek(position)
    return True


def _skip_frame(raw: BinaryIO, end: int) -> str | None:
    """Reads past one zstd frame after its magic number (RFC 8878, 3.1.1)."""
    descriptor = raw.read(1)
    if not descriptor:
        return "no frame header"
    flags = descriptor[0]
    single_segment = flags >> 5 & 1
    header = (0 if single_segment else 1) + (0, 1, 2, 4)[flags & 3] + ((1 if single_segment else 0), 2, 4, 8)[flags >> 6]
    if not _skip(raw, header, end):
        return "a short frame header"
    while True:
        block = raw.read(3)
        if len(block) < 3:
            return "a missing block"
        value = int.from_bytes(block, "little")
        size = 1 if (value >> 1 & 3) == 1 else value >> 3  # an RLE block holds one byte
        if not _skip(raw, size, end):
            return "a short block"
        if value & 1:
            break
    if flags >> 2 & 1 and not _skip(raw, 4, end):
        return "a missing checksum"
    return None


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
