"""What every extractor returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Extraction:
    text: str
    extractor: str = ""
    # Said in the document's warnings (and the run's warnings.jsonl) when set.
    warning: str | None = None
