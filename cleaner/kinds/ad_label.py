"""Ad labels: whole lines that only say "Advertisement" (in any case, dashes or language), and
the multi-word labels scrapers glue into a paragraph ("Advertisement - Continue Reading Below")."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, line_removal, register

# Characters that decorate a label line without changing what it says.
_DECORATION_CHARS = r"\-–—_=*•·|:.()\[\]<>«»~"
_DECORATION = re.compile(rf"[\s{_DECORATION_CHARS}]+")
_KEY = str.maketrans("", "", " \t\r\n\u00a0\u2009\u202f-–—_=*•·|:.()[]<>«»~")


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
        "inline": Param(list, [], "multi-word labels cut where a scraper glued them between two sentences",
                        item_type=str),
    }

    def setup(self) -> None:
        self._labels = {_normalise(label) for label in self.labels if _normalise(label)}
        # The labels with decoration and blanks deleted: a test of two C calls a line, before
        # the exact (regex) normalisation runs on the few lines that pass it.
        self._keys = {label.translate(_KEY).lower() for label in self._labels}
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
            # The longest word of each label; lowercase, for the substring precheck.
            self._inline_words = {max(_normalise(label).split(), key=len) for label in self.inline
                                  if _normalise(label)}
            self._inline_reach = max(len(label) for label in self.inline) + 16
            self._inline = re.compile(
                r"[ \t]*(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])[ \t]*",
                re.IGNORECASE,
            )

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        glued: list[re.Match[str]] = []
        if self._inline is not None:
            for m in self._inline_matches(text):
                # A label right after another glued label stands apart too.
                if _stands_apart(text, m) or (glued and glued[-1].end() == m.start()):
                    glued.append(m)
        edits: list[Edit] = []
        glued_lines: dict[int, list[re.Match[str]]] = {}
        for m in glued:
            glued_lines.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append(m)
        # Labels are short lines: a set lookup for each, no regex over the whole text.
        start = 0
        for line in text.split("\n"):
            line_start, start = start, start + len(line) + 1
            if 0 < len(line) <= self._max_len and line_start not in glued_lines \
                    and line.translate(_KEY).lower() in self._keys and _normalise(line) in self._labels:
                edits.append(line_removal(line_start, min(start, len(text))))
        for start, in_line in glued_lines.items():
            edits.extend(self._glued_line_edits(text, start, in_line))
        return edits

    def _inline_matches(self, text: str):
        """Matches of the inline labels, searched only near a word every label has.

        A case-insensitive regex over the whole text is slower than the rest of the rule;
        plain substring searches for the word (lower, Capitalised, UPPER, as labels are
        printed) find the few places worth trying.
        """
        windows = []
        for word in self._inline_words:
            for variant in {word, word.capitalize(), word.upper()}:
                pos = text.find(variant)
                while pos != -1:
                    windows.append((max(0, pos - self._inline_reach), min(len(text), pos + self._inline_reach)))
                    pos = text.find(variant, pos + 1)
        cursor = 0
        for start, end in sorted(windows):
            for m in self._inline.finditer(text, max(start, cursor), end):
                if m.start() >= cursor:
                    cursor = m.end()
                    yield m

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
