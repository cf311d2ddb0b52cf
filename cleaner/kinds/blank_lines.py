"""Paragraph structure: collapse runs of blank lines, trim the ends of the document.

By default the end of the text keeps its kind: a text that ended with a newline ends with
exactly one, a text that did not gets none, so a clean text comes out byte for byte."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, register


@register
class BlankLines(Rule):
    kind = "blank_lines"
    summary = "Collapse runs of blank lines to one, drop blank lines at the start and end."
    params = {
        "max_blank": Param(int, 1, "blank lines allowed between paragraphs", minimum=0),
        "final_newline": Param(str, "keep", "'keep': one final newline if the text ended with one, none "
                               "otherwise (a clean text stays byte for byte); 'always'; 'never'",
                               choices=("keep", "always", "never")),
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
        ends_with_newline = text.endswith("\n") or text[body_end:].count("\n") > 0
        wanted = self.final_newline == "always" or (self.final_newline == "keep" and ends_with_newline)
        tail = "\n" if wanted and body_end > lead else ""
        if text[body_end:] != tail:
            edits.append(Edit(body_end, len(text), tail))
        return edits
