"""Paragraph structure: collapse runs of blank lines, trim the ends of the document."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, register


@register
class BlankLines(Rule):
    kind = "blank_lines"
    summary = "Collapse runs of blank lines to one, drop blank lines at the start and end, end with one newline."
    params = {
        "max_blank": Param(int, 1, "blank lines allowed between paragraphs", minimum=0),
        "final_newline": Param(bool, True, "end a non-empty text with exactly one newline"),
    }

    def setup(self) -> None:
        # A line holding only spaces counts as blank; the run is matched from its first newline.
        self._runs = re.compile(r"\n(?:[ \t]*\n){%d,}" % (self.max_blank + 1))
        self._keep = "\n" * (self.max_blank + 1)

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        edits = []
        lead = len(text) - len(text.lstrip("\n \t"))
        # Keep the indentation of the first line: only whole blank lines go.
        lead = text.rfind("\n", 0, lead) + 1 if lead else 0
        if lead:
            edits.append(Edit(0, lead, ""))
        body_end = len(text.rstrip())
        for m in self._runs.finditer(text, lead, body_end):
            edits.append(Edit(m.start(), m.end(), self._keep))
        tail = "\n" if self.final_newline and body_end > lead else ""
        if text[body_end:] != tail:
            edits.append(Edit(body_end, len(text), tail))
        return edits
