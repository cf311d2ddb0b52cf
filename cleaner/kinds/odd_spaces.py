"""Normalise the spaces scrapers leave: no-break and typographic spaces, zero-width marks,
trailing blanks."""

from __future__ import annotations

import re
from operator import itemgetter

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, register

# No-break, en/em/thin/hair, narrow no-break, medium mathematical, ideographic spaces.
UNICODE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Zero-width space, word joiner, BOM inside text, soft hyphen. ZWJ/ZWNJ are left alone:
# emoji sequences and Persian or Indic spelling need them.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"


@register
class OddSpaces(Rule):
    kind = "odd_spaces"
    summary = "Turn no-break and typographic spaces into plain spaces, drop zero-width marks and trailing blanks."
    params = {
        "spaces": Param(bool, True, "replace Unicode space characters with a plain space"),
        "invisible": Param(bool, True, "remove zero-width space, word joiner, stray BOM and soft hyphen"),
        "trailing": Param(bool, True, "strip spaces and tabs at the end of lines"),
        "tabs": Param(bool, False, "replace tabs inside lines with a space"),
    }

    def setup(self) -> None:
        chars = (UNICODE_SPACES + ("\t" if self.tabs else "") if self.spaces else "") + (_INVISIBLE if self.invisible else "")
        self._odd = re.compile(f"[{chars}]+") if chars else None
        self._odd_chars = tuple(chars)
        self._blank = frozenset(" \t" + UNICODE_SPACES + _INVISIBLE)

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        edits: list[Edit] = []
        trailing: list[tuple[int, int]] = []
        if self.trailing:
            trailing = self._trailing_runs(text)
        # Membership tests, one per character, run at memory speed and spare the regex most
        # texts, which hold none of these characters.
        if self._odd is not None and (self.tabs or not text.isascii()) and \
                any(ch in text for ch in self._odd_chars):
            runs = iter(trailing)
            run = next(runs, None)
            for m in self._odd.finditer(text):
                while run is not None and run[1] <= m.start():
                    run = next(runs, None)
                if run is not None and run[0] <= m.start():
                    continue  # inside trailing blanks, which go whole
                # Each space character becomes one space; invisible ones go.
                replacement = "".join(" " for ch in m.group() if ch not in _INVISIBLE)
                edits.append(Edit(m.start(), m.end(), replacement))
        edits.extend(Edit(a, b, "") for a, b in trailing)
        return edits

    def _trailing_runs(self, text: str) -> list[tuple[int, int]]:
        """Blank runs before each newline and at the end; a loop over line ends, which is
        several times faster than a regex trying a match at every space of the text."""
        blank = self._blank
        # Most texts have no line ending in a blank: the lines' last characters, gathered in C,
        # say so without the walk below.
        if blank.isdisjoint(map(itemgetter(-1), filter(None, text.split("\n")))):
            return []
        runs = []
        end = text.find("\n")
        while True:
            line_end = len(text) if end == -1 else end
            start = line_end
            while start > 0 and text[start - 1] in blank:
                start -= 1
            if start < line_end:
                runs.append((start, line_end))
            if end == -1:
                return runs
            end = text.find("\n", end + 1)
