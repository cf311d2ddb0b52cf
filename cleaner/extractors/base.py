"""What every extractor returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Extraction:
    text: str
    extractor: str = ""
