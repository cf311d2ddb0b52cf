"""Writing outputs: formatting a cleaned Document and writing it atomically."""

from cleaner.writers.atomic import atomic_write_text, keep_backup
from cleaner.writers.formats import FORMATS, format_document, output_suffix

__all__ = ["FORMATS", "atomic_write_text", "keep_backup", "format_document", "output_suffix"]
