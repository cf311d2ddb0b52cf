"""Ad labels: whole lines that only say "Advertisement" (in any case, dashes or language), and
the multi-word labels scrapers glue into a paragraph ("Advertisement - Continue Reading Below")."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, line_removal, register

# Characters that decorate a label line without changing what it says.
_DECORATION_CHARS = r"\-–—_=*•·|:.()\[\]<>«»~"
_DECORATION = re.compile(rf"[\s{_DECORATION_CHARS}]+")
_LINE_DECORATION = rf"[ \t\r\u00a0{_DECORATION_CHARS}]"


def _stands_apart(text: str, m: re.Match[str]) -> bool:
    """A glued label starts with a capital and stands between sentences, not inside one:
    "…said. Advertisement - Continue Reading Below The vote…", not "readers who continue
    reading the main story"."""
    label = m.group().lstrip()
    if not label[:1].isupper():
        return False
    before = text[max(0, m.start() - 3):m.start()].rstrip(" \t")
    return not before or before[-1] in "\n.!?:;\"”’)]"


def _coalesce(spans):
    """Merge touching spans, so that two labels in a row are cut as one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _line_end(text: str, end: int) -> int:
    """The end of a line including its newline."""
    return end + 1 if end < len(text) and text[end] == "\n" else end


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
        # One regex finds the label lines, so the text is not walked line by line in Python.
        alternatives = sorted(
            (f"{_LINE_DECORATION}+".join(re.escape(w) for w in label.split()) for label in self._labels),
            key=len, reverse=True)
        self._label_line = re.compile(
            rf"^{_LINE_DECORATION}*(?:{'|'.join(alternatives)}){_LINE_DECORATION}*$",
            re.IGNORECASE | re.MULTILINE) if alternatives else None
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
        glued: list[re.Match[str]] = []
        if self._inline is not None:
            for m in self._inline.finditer(text):
                # A label right after another glued label stands apart too.
                if _stands_apart(text, m) or (glued and glued[-1].end() == m.start()):
                    glued.append(m)
        edits: list[Edit] = []
        glued_lines: dict[int, list[re.Match[str]]] = {}
        for m in glued:
            glued_lines.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append(m)
        if self._label_line is not None:
            for m in self._label_line.finditer(text):
                if m.start() not in glued_lines:
                    edits.append(line_removal(m.start(), _line_end(text, m.end())))
        for start, in_line in glued_lines.items():
            edits.extend(self._glued_line_edits(text, start, in_line))
        return edits

    def _glued_line_edits(self, text: str, start: int, in_line: list[re.Match[str]]) -> list[Edit]:
        """Cut the glued labels of one line, or the whole line if nothing but a label is left."""
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        pieces, cursor = [], start
        for m in in_line:
            pieces.append(text[cursor:m.start()])
            cursor = m.end()
        pieces.append(text[cursor:line_end])
        remainder = " ".join(pieces)
        if not _normalise(remainder) or (len(remainder) <= self._max_len and _normalise(remainder) in self._labels):
            return [line_removal(start, _line_end(text, line_end))]
        return [Edit(a, b, self._joiner(text, a, b)) for a, b in _coalesce((m.start(), m.end()) for m in in_line)]

    @staticmethod
    def _joiner(text: str, start: int, end: int) -> str:
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        # At a line's edge nothing is needed; between two words, one space.
        return "" if before == "\n" or after == "\n" else " "
