"""Repair mojibake (UTF-8 decoded as cp1252 or Latin-1) with ftfy, and nothing else.

ftfy's defaults also straighten curly quotes, fold ligatures and full-width letters and
normalise to NFC. That typography is the author's, so only the encoding fixes are on:
with them alone, well-formed articles come out unchanged.
"""

from __future__ import annotations

import re

import ftfy
from ftfy import badness

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, iter_lines, register


@register
class EncodingRepair(Rule):
    kind = "encoding_repair"
    summary = "Repair mojibake such as 'itâ€™s' -> 'it’s' (ftfy, encoding fixes only)."
    params = {
        "fix_c1_controls": Param(bool, True, "replace C1 control characters with the cp1252 characters they stand for"),
        "uncurl_quotes": Param(bool, False, "also straighten curly quotes (changes the author's typography)"),
        "normalization": Param(str, "", "Unicode normalisation to apply ('', 'NFC', 'NFKC')",
                               choices=("", "NFC", "NFKC")),
    }

    def setup(self) -> None:
        self._config = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_encoding=True,
            restore_byte_a0=True,
            replace_lossy_sequences=True,
            decode_inconsistent_utf8=True,
            fix_c1_controls=self.fix_c1_controls,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=self.uncurl_quotes,
            fix_line_breaks=False,
            fix_surrogates=True,
            remove_control_chars=False,
            normalization=self.normalization or None,
            explain=False,
        )
        self._always = self.uncurl_quotes or bool(self.normalization)

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if text.isascii():
            return []
        if self._always:
            lines = ((start, line) for start, _end, line in iter_lines(text) if not line.isascii())
        else:
            lines = self._suspect_lines(text)
        edits = []
        for start, line in lines:
            fixed = ftfy.fix_text(line, self._config)
            if fixed != line:
                edits.append(Edit(start, start + len(line), fixed))
        return edits

    @staticmethod
    def _suspect_lines(text: str):
        """Lines where ftfy's own mojibake pattern (or a C1 control) matches; a regex scan
        finds them, so ftfy's slower per-line work runs only where it can change something."""
        last_start = -1
        for m in _SUSPECT.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            if start == last_start:
                continue
            end = text.find("\n", m.end())
            end = len(text) if end == -1 else end
            last_start = start
            yield start, text[start:end]


_SUSPECT = re.compile(f"(?:{badness.BADNESS_RE.pattern})|[\x80-\x9f]", badness.BADNESS_RE.flags)
