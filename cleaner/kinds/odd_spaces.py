"""Normalise the spaces scrapers leave: no-break and typographic spaces, zero-width marks,
trailing blanks."""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, register

# No-break, en/em/thin/hair, narrow no-break, medium mathematical, ideographic spaces.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
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
        parts = []
        if self.trailing:
            # Trailing blanks, including odd spaces, before a newline or the end of the text.
            parts.append(f"(?P<trail>[ \\t{_SPACES}{_INVISIBLE}]+)(?=\\n|\\Z)")
        if self.spaces:
            parts.append(f"(?P<space>[{_SPACES}{chr(9) if self.tabs else ''}])")
        if self.invisible:
            parts.append(f"(?P<invisible>[{_INVISIBLE}]+)")
        self._pattern = re.compile("|".join(parts)) if parts else None

    def find(self, doc: Document) -> list[Edit]:
        if self._pattern is None or doc.text.isascii() and not self.trailing:
            return []
        edits = []
        for m in self._pattern.finditer(doc.text):
            group = m.lastgroup
            if group == "trail":
                edits.append(Edit(m.start(), m.end(), ""))
            elif group == "space":
                edits.append(Edit(m.start(), m.end(), " "))
            else:
                edits.append(Edit(m.start(), m.end(), ""))
        return edits
