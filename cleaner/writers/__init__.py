"""Writing outputs: formatting a cleaned Document and writing it atomically."""

from cleaner.writers.atomic import atomic_write_text, keep_backup, remove_stale_temporaries
from cleaner.writers.formats import FORMATS, format_document, output_suffix

__all__ = ["FORMATS", "atomic_write_text", "keep_backup", "remove_stale_temporaries", "format_document", "output_suffix"]
