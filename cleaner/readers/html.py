"""HTML inputs: bytes to text by the charset the page declares (or the server sent), then
detection; never an exception on bad bytes."""

from __future__ import annotations

import codecs
import re

from cleaner.readers.text import decode_bytes, mostly_utf8, utf16_without_bom

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or ``http-equiv``)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, *, http_charset: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``: BOM, then the HTTP header's charset, then the page's own
    declaration, each only if the bytes decode under it, then UTF-8 and detection."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(data):
        return decode_bytes(data)
    for candidate in (http_charset, declared_charset(data)):
        if not candidate:
            continue
        try:
            name = codecs.lookup(candidate).name
        except LookupError:
            continue
        # Pages that say ISO-8859-1 are read as cp1252, as browsers do (its superset).
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            # UTF-8 with a stray bad byte is still UTF-8, as a browser reads it; else the
            # declaration is wrong and the bytes speak.
            mostly = mostly_utf8(data) if name == "utf-8" else None
            if mostly is not None:
                return mostly, "utf-8 (with replacements)"
            continue
    return decode_bytes(data)
