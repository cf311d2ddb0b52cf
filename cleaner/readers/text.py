"""Plain-text inputs. Bytes are decoded by BOM, then strict UTF-8, then detection, so a file
in a legacy encoding is read rather than rejected and no byte sequence crashes a run."""

from __future__ import annotations

import codecs
import re
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


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 saved without a BOM (Windows tools do):
    its Latin text has a NUL beside every letter, on the same side, which binary data lacks."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
        if len(head) < 8:
            return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.6 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.6 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 4 KB, and not UTF-16 or UTF-32 text (with or without a BOM)."""
    if b"\x00" not in data[:4096]:
        return False
    return not (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
                                 codecs.BOM_UTF32_BE)) or utf16_without_bom(data))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; undecodable bytes become U+FFFD only as a last resort."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8 (with replacements)"
    if _reads_as_western(data):
        return data.decode("cp1252"), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


def mostly_utf8(data: bytes) -> str | None:
    """The text, if the bytes are UTF-8 but for a stray invalid byte or two (a truncated
    character, one pasted from a legacy page), decoded as a browser does: each bad byte a
    U+FFFD, every other character as written. None if the bad bytes are too many to be strays
    or outnumber the well-formed multi-byte characters (then the page is in another code page)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad <= max(_STRAY_BYTES, len(data) // 10_000) and multibyte >= _STRAY_EVIDENCE * bad:
        return text
    return None


# A page of UTF-8 with this many bad bytes (or one in 10,000) is still UTF-8, when its
# well-formed multi-byte characters outnumber them this many times.
_STRAY_BYTES = 3
_STRAY_EVIDENCE = 10
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# What cp1252 makes of another code page's letters: symbols where a word needs a letter
# (Polish "ł" read as "³", "ż" as "¿", "ą" as "¹").
# Only symbols that stand for a cp1250 letter and never touch a letter in Western text
# (Spanish opens a question with "¿", so that one only counts after a letter).
_SYMBOL_IN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][£¥¯³¹¼¾¿]|[£¥¯³¹¼¾][a-zà-öø-ÿ]")


def _reads_as_western(data: bytes) -> bool:
    """Whether undeclared legacy bytes are cp1252, the web's usual legacy code page: a few
    accented letters among mostly ASCII words, every byte defined, and no symbol standing
    inside a word. Detection libraries guess poorly on such short evidence (a French "café"
    read as Baltic or Mac Central European); Cyrillic or Greek text, all high bytes, and
    Central European text, whose letters cp1252 turns into symbols, go to detection."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))  # counted in C: files can be large
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if not high or high > 0.35 * (high + letters) or _CP1252_UNDEFINED.intersection(data):
        return False
    return not _SYMBOL_IN_WORD.search(data.decode("cp1252"))


def read_text(path: Path, *, display_name: str | None = None, max_bytes: int | None = None) -> Document:
    try:
        data = read_limited(path, max_bytes, display_name or str(path))
    except OSError as exc:
        raise InputError(f"{display_name or path}: cannot read: {exc.strerror or exc}") from None
    if looks_binary(data):
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
