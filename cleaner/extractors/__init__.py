"""Main-content extraction from a page's tree, one module per extractor, and the rule that
picks between them (``auto``)."""

from cleaner.extractors.choose import EXTRACTORS, Extraction, extract

__all__ = ["EXTRACTORS", "Extraction", "extract"]
