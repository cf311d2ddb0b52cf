"""Lines that are one phrase repeated with separators: ``Google Ads | Google Ads | Google Ads``."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, iter_lines, line_removal, register


@register
class RepeatedBanner(Rule):
    kind = "repeated_banner"
    summary = "Drop lines that are a single phrase repeated with separators (Google Ads | Google Ads | ...)."
    params = {
        "separators": Param(list, ["||", "|", "•", "·", "/", "—", "–", "::", "»", "¦"],
                            "strings that separate the repeats", item_type=str),
        "min_repeats": Param(int, 2, "how many times the phrase must stand on the line", minimum=2),
        "max_phrase_length": Param(int, 60, "longer phrases are prose, not banners", minimum=1),
    }

    def setup(self) -> None:
        alternatives = sorted(self.separators, key=len, reverse=True)
        self._split = re.compile("|".join(re.escape(s) for s in alternatives))
        # Cheap prefilter: the line must contain a separator at all.
        self._has_separator = re.compile(
            "|".join(re.escape(s) for s in alternatives))

    def is_banner(self, line: str) -> bool:
        stripped = line.strip()
        # Table rows (Markdown or text) begin with a pipe; their repeated cells are data.
        if not stripped or stripped[0] == "|":
            return False
        parts = [p.strip() for p in self._split.split(stripped)]
        # A trailing separator ("Ads | Ads |") leaves an empty end piece.
        while parts and not parts[-1]:
            parts.pop()
        while parts and not parts[0]:
            parts.pop(0)
        if len(parts) < self.min_repeats:
            return False
        phrase = parts[0].casefold()
        if not phrase or len(phrase) > self.max_phrase_length:
            return False
        if not any(ch.isalpha() for ch in phrase):
            return False
        return all(p.casefold() == phrase for p in parts[1:])

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if not self._has_separator.search(text):
            return []
        edits = []
        for start, end, line in iter_lines(text):
            if self._has_separator.search(line) and self.is_banner(line):
                edits.append(line_removal(start, end))
        return edits
