"""Where a text holds code (Markdown fences and inline code spans): rules that read prose
punctuation or brackets leave those regions alone."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})", re.MULTILINE)
# An inline code span: a run of backticks, then the same run closing it on the same line.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]{1,1000}?(?<!`)\1(?!`)")


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each fenced code block; an unclosed fence runs to the end."""
    if "```" not in text and "~~~" not in text:
        return []
    blocks, start, fence = [], None, ""
    for m in _FENCE.finditer(text):
        marker = m.group("fence")
        if start is None:
            start, fence = m.start(), marker
        elif marker[0] == fence[0] and len(marker) >= len(fence):
            # A fence closes only with the same character, at least as many times.
            blocks.append((start, m.end()))
            start = None
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def code_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each inline code span (```code```, ````a `b` c````)."""
    spans = []
    # Tried only where a backtick stands: a regex scan from every position would cost more
    # than the rest of a rule on a text with no code at all.
    pos = text.find("`")
    while pos != -1:
        m = _CODE_SPAN.match(text, pos)
        if m:
            spans.append((m.start(), m.end()))
            pos = text.find("`", m.end())
        else:
            while pos + 1 < len(text) and text[pos + 1] == "`":
                pos += 1
            pos = text.find("`", pos + 1)
    return spans
