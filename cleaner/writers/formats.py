"""Output formats: the cleaned text alone, or a JSON record with metadata and changes."""

from __future__ import annotations

import json

from cleaner.document import Document

FORMATS = ("text", "json")


def format_document(doc: Document, fmt: str) -> str:
    if fmt == "text":
        return doc.text
    if fmt == "json":
        return json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def output_suffix(fmt: str, input_suffix: str) -> str:
    return ".json" if fmt == "json" else input_suffix
