"""Repair mojibake (UTF-8 decoded as cp1252 or Latin-1) with ftfy, and nothing else.

ftfy's defaults also straighten curly quotes, fold ligatures and full-width letters and
normalise to NFC. That typography is the author's, so only the encoding fixes are on:
with them alone, well-formed articles come out unchanged.
"""

from __future__ import annotations

import re

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
        # ftfy is imported when a line first needs it (a fifth of a second of every start
        # otherwise; most texts hold no mojibake-shaped pair).
        self._config = None
        self._always = self.uncurl_quotes or bool(self.normalization)

    def _fixer(self):
        """``(fix_text, is_bad, config)`` from ftfy, imported and configured on first use."""
        import ftfy
        from ftfy import badness

        if self._config is None:
            self._config = self._make_config(ftfy)
        return ftfy.fix_text, badness.is_bad, self._config

    def _make_config(self, ftfy):
        return ftfy.TextFixerConfig(
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

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if text.isascii():
            return []
        if self._always:
            lines = ((start, line) for start, _end, line in iter_lines(text) if not line.isascii())
        else:
            lines = self._suspect_lines(text)
        edits = []
        fixer = None
        for start, line in lines:
            if fixer is None:
                fixer = self._fixer()
            fix_text, is_bad, config = fixer
            if not self._always and not is_bad(line) and not _C1.search(line):
                continue
            fixed = fix_text(line, config)
            if fixed != line:
                edits.append(Edit(start, start + len(line), fixed))
        return edits

    @staticmethod
    def _suspect_lines(text: str):
        """Lines holding a mojibake-shaped pair of characters (or a C1 control), so that ftfy's
        slower per-line work runs only where it can change something."""
        if not may_hold_mojibake(text):
            return
        last_start = -1
        for m in _SUSPECT.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            if start == last_start:
                continue
            end = text.find("\n", m.end())
            end = len(text) if end == -1 else end
            last_start = start
            yield start, text[start:end]


# UTF-8 bytes decoded as cp1252 or Latin-1 leave a lead character (Â-ô: the lead bytes
# C2-F4) followed by what a continuation byte (80-BF) decodes to. This two-character scan is
# cheap; ftfy's own, heavier badness pattern then confirms on the few lines it flags.
_CONTINUATION = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_C1 = re.compile("[\x80-\x9f]")
# "Ã " is "à" whose second byte (A0, a no-break space) was turned into a plain space.
# One leading character class lets the regex engine skip ahead in C between candidates.
_SUSPECT = re.compile(f"[\x80-\x9f\u00c2-\u00f4](?:(?<=[\u00c2-\u00f4])[{_CONTINUATION}]|(?<=\u00c3) |(?<=[\x80-\x9f]))")


# The same pairs as UTF-8 bytes, found by a search for a literal byte (as fast as memchr), where
# the character scan above tests every character: a lead character (C3 82-B4) before the first
# byte of any continuation character (C2 for 80-BF, C5 C6 CB for the cp1252 letters, E2 for its
# punctuation), "Ã " and a C1 control (C2 80-9F). A superset of _SUSPECT's matches: a text with
# none of these holds no suspect pair, which is most texts, accented or not.
_SUSPECT_BYTES = (re.compile(b"\xc3[\x82-\xb4][\xc2\xc5\xc6\xcb\xe2]|\xc3\x83 "), re.compile(b"\xc2[\x80-\x9f]"))


def may_hold_mojibake(text: str) -> bool:
    """False only for a text where _SUSPECT finds nothing."""
    data = text.encode("utf-8", "surrogatepass")
    return any(pattern.search(data) for pattern in _SUSPECT_BYTES)
