"""Ad labels: whole lines that only say "Advertisement" (in any case, dashes or language), and
the multi-word labels scrapers glue into a paragraph ("Advertisement - Continue Reading Below")."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, iter_lines, line_removal, register

# Characters that decorate a label line without changing what it says.
_DECORATION = re.compile(r"[\s\-–—_=*•·|:.()\[\]<>«»~]+")


def _normalise(label: str) -> str:
    return _DECORATION.sub(" ", label).strip().casefold()


@register
class AdLabel(Rule):
    kind = "ad_label"
    summary = "Drop lines that are only an ad label; cut known labels glued inside paragraphs."
    params = {
        "labels": Param(list, help="whole-line labels, matched case- and dash-insensitively",
                        item_type=str),
        "inline": Param(list, [], "multi-word labels removed wherever they stand in a paragraph",
                        item_type=str),
    }

    def setup(self) -> None:
        self._labels = {_normalise(label) for label in self.labels if _normalise(label)}
        self._max_len = max((len(label) for label in self.labels), default=0) + 12
        self._inline = None
        if self.inline:
            alternatives = []
            for label in sorted(self.inline, key=len, reverse=True):
                words = [re.escape(w) for w in _normalise(label).split()]
                if words:
                    # Between words: spaces or a dash with spaces, as scrapers flatten "Ad - Read".
                    alternatives.append(r"[\s\-–—]*".join(words))
            # The label and the blanks on either side; one space is put back where needed.
            self._inline = re.compile(
                r"[ \t]*(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])[ \t]*",
                re.IGNORECASE,
            )

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        edits: list[Edit] = []
        removed_lines: list[tuple[int, int]] = []
        for start, end, line in iter_lines(text):
            if len(line) <= self._max_len and _normalise(line) in self._labels:
                edits.append(line_removal(text, start, end))
                removed_lines.append((start, end))
        if self._inline is not None:
            removed = iter(removed_lines)
            current = next(removed, None)
            for m in self._inline.finditer(text):
                while current is not None and current[1] <= m.start():
                    current = next(removed, None)
                if current is not None and current[0] <= m.start() < current[1]:
                    continue
                edits.append(Edit(m.start(), m.end(), self._joiner(text, m.start(), m.end())))
        return edits

    @staticmethod
    def _joiner(text: str, start: int, end: int) -> str:
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        # At a line's edge nothing is needed; between two words, one space.
        return "" if before == "\n" or after == "\n" else " "
