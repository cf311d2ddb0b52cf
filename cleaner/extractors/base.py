"""What every extractor returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Extraction:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    extractor: str = ""
