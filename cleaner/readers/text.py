"""Plain-text inputs. Bytes are decoded by BOM, then strict UTF-8, then detection, so a file
in a legacy encoding is read rather than rejected and no byte sequence crashes a run."""

from __future__ import annotations

import codecs
from pathlib import Path

from cleaner.document import Document
from cleaner.errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; undecodable bytes become U+FFFD only as a last resort."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


def read_text(path: Path, *, display_name: str | None = None, max_bytes: int | None = None) -> Document:
    try:
        data = read_limited(path, max_bytes, display_name or str(path))
    except OSError as exc:
        raise InputError(f"{display_name or path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                                                       codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(f"{display_name or path}: looks like a binary file (NUL bytes), not text; "
                         "exclude it or convert it to text first")
    text, encoding = decode_bytes(data)
    doc = Document(text, {"encoding": encoding}, source=display_name or str(path))
    return doc


def read_limited(path: Path, max_bytes: int | None, display: str) -> bytes:
    """The file's bytes; one larger than ``max_bytes`` is refused before it is read."""
    if max_bytes is not None and path.stat().st_size > max_bytes:
        from cleaner.readers.records import describe_size

        raise InputError(f"{display}: {describe_size(path.stat().st_size)}, over the "
                         f"{describe_size(max_bytes)} limit per document; skipped (raise --max-document-mb "
                         "to take it)")
    return path.read_bytes()
