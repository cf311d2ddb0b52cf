"""Output formats: the cleaned text alone, or a JSON record with metadata and changes."""

from __future__ import annotations

from cleaner.writers.json_text import json_text

from cleaner.document import Document
from cleaner.readers.files import HTML_SUFFIXES

FORMATS = ("text", "markdown", "json")


def format_document(doc: Document, fmt: str) -> str:
    if fmt in ("text", "markdown"):
        return doc.text
    if fmt == "json":
        return json_text(doc.to_dict()) + "\n"
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def output_suffix(fmt: str, input_suffix: str) -> str:
    """``a/b.html`` becomes ``b.txt``, ``b.md`` or ``b.json``; a text input keeps its suffix."""
    if fmt == "json":
        return ".json"
    if input_suffix.lower() in HTML_SUFFIXES:
        return ".md" if fmt == "markdown" else ".txt"
    return input_suffix
