"""The lines of a text, split once and shared by the line-level rules.

Most line rules only look at a few lines (short ones, or ones holding a given word), but each
used to split the whole text and walk every line in Python on its own. A :class:`LineIndex`
splits a text once; the rules that run in a row on an unchanged text (on clean prose, all of
them) reuse it, and pick their candidate lines from it with C-level filters.

The index is remembered for the last text seen, by identity, per thread: a rule that edits the
text gives the next rule a new string, and so a new index; an unchanged text is the same
object, so its index is reused. Identity is exact here: strings are immutable.
"""

from __future__ import annotations

import threading
from itertools import accumulate, compress

_last = threading.local()


class LineIndex:
    """``lines`` (``text.split("\\n")``), their lengths and start offsets."""

    __slots__ = ("text", "lines", "lengths", "_starts", "_short")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.lengths = list(map(len, self.lines))
        self._starts: list[int] | None = None
        self._short: dict[int, list[tuple[int, str]]] = {}

    @property
    def starts(self) -> list[int]:
        """Offset of each line's first character in the text."""
        if self._starts is None:
            # Each line is followed by its newline: start(i+1) = start(i) + len(line i) + 1.
            self._starts = list(accumulate(map((1).__add__, self.lengths[:-1]), initial=0))
        return self._starts

    def end_of(self, i: int) -> int:
        """The end of line ``i`` including its newline (the text's end for the last line)."""
        return min(self.starts[i] + self.lengths[i] + 1, len(self.text))

    def short_lines(self, limit: int) -> list[tuple[int, str]]:
        """``(index, line)`` of the non-empty lines of at most ``limit`` characters."""
        found = self._short.get(limit)
        if found is None:
            keep = [0 < n <= limit for n in self.lengths]
            found = list(compress(enumerate(self.lines), keep))
            self._short[limit] = found
        return found


def line_index(text: str) -> LineIndex:
    """The index of ``text``, reused while the same string is cleaned by rule after rule."""
    index = getattr(_last, "index", None)
    if index is None or index.text is not text:
        index = LineIndex(text)
        _last.index = index
    return index


def forget_line_index() -> None:
    """Drop the remembered index (and with it its text), e.g. once a document is cleaned."""
    _last.index = None
