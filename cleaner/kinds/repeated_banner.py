"""Lines that are one phrase repeated with separators: ``Google Ads | Google Ads | Google Ads``."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, line_removal, register


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
        self._has_separator = re.compile("[" + re.escape("".join({s[0] for s in alternatives})) + "]")

    def is_banner(self, line: str) -> bool:
        stripped = line.strip()
        # Table rows (Markdown or text) begin with a pipe; their repeated cells are data.
        if not stripped or stripped[0] == "|":
            return False
        # A cheap test first: a banner's first word stands on the line once per repeat.
        first_word = stripped.split(None, 1)[0].casefold()
        if stripped.casefold().count(first_word) < self.min_repeats:
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
        # Only lines holding a separator can be banners: jump from one such line to the next
        # with a regex search instead of walking every line in Python.
        text = doc.text
        edits = []
        search = self._has_separator.search
        m = search(text)
        reach = self.max_phrase_length
        while m:
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end == -1 else end
            # A banner's phrase stands before its first separator: prose with a slash or a dash
            # far into the line is no banner (the phrase would be longer than a phrase may be).
            if (m.start() - start <= reach or len(text[start:m.start()].strip()) <= reach) \
                    and self.is_banner(text[start:end]):
                edits.append(line_removal(start, min(end + 1, len(text))))
            m = search(text, end + 1)
        return edits
