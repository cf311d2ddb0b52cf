"""Lines repeated within one document: the title printed again below the header, a pull quote.

The first occurrence stays. Which repeats go: a line first seen in the head of the document
(where the title stands) or equal to the title in the metadata, printed again once near the top
or as a paragraph of its own (a title that comes back again and again among the lines of its
stanzas is a refrain, and first lines that come back with the lines after them a verse sung
again), and a whole paragraph printed twice by the page (right after itself, or within a run of
paragraphs copied in order). A paragraph that comes back alone further down (a refrain, a
repeated instruction) stays. Body lines of structured content (a meal plan's "Drink during your
workout", a product box's "Available from Amazon") repeat by design and stay, as do short and
list-like lines (bullets, table rows, one-word answers in a dialogue).
"""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, line_removal, register

_LIST_LIKE = re.compile(r"^\s*(?:[-*+•·▪‣◦|>#]|\d+[.)]\s|[a-zA-Z][.)]\s)")
_SPACES = re.compile(r"\s+")
_SENTENCE_FINAL = ".!?…\"”’»"


@register
class RepeatedLine(Rule):
    kind = "repeated_line"
    summary = "Drop later copies of a line already seen in the document (the repeated title)."
    params = {
        "min_length": Param(int, 20, "shorter lines are never treated as repeats", minimum=1),
        "min_words": Param(int, 3, "lines with fewer words are never treated as repeats", minimum=1),
        "head_lines": Param(int, 2, "a line first seen within this many non-blank lines from the top "
                            "(the title area) is dropped when it repeats anywhere", minimum=0),
        "paragraph_length": Param(int, 200, "a sentence-final line this long repeats only as a copied "
                                  "paragraph (a pull quote): dropped wherever it first stood", minimum=1),
        "use_title": Param(bool, True, "also drop lines equal to the title in the metadata, after the first"),
    }

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        droppable: set[str] = set()  # keys whose later copies go, wherever they stand
        seen: set[str] = set()  # droppable keys met once already
        title = doc.metadata.get("title") if self.use_title else None
        if isinstance(title, str) and title.strip():
            droppable.add(_key(title.strip()))
        edits = []
        non_blank = 0
        # Long sentence-final lines by where they stand among the non-blank lines, for copies.
        paragraphs: dict[str, int] = {}
        copies: dict[int, tuple[int, int, int]] = {}  # block -> (block of the original, start, end)
        # Later copies of a head line: (start, end, near the top, a paragraph of its own, sung
        # on: the line after it repeats the line after the first copy).
        head_copies: dict[str, list[tuple[int, int, bool, bool, bool]]] = {}
        first_at: dict[str, int] = {}  # where each droppable key first stood (index into lines)
        # Most lines can be neither a repeat of the head nor a copied paragraph: only lines
        # whose length is in reach of a droppable key, or long ones, get a normalised key.
        lo, hi = _length_range(droppable)
        start = 0
        lines = text.split("\n")
        for index, line in enumerate(lines):
            end = start + len(line) + 1
            line_start, start = start, end
            if len(line) < self.min_length:
                if line and not line.isspace():
                    non_blank += 1
                continue
            stripped = line.strip()
            if not stripped:
                continue
            non_blank += 1
            in_head = non_blank <= self.head_lines
            if in_head or lo <= len(stripped) <= hi:
                if len(stripped) < self.min_length or _LIST_LIKE.match(line):
                    continue
                key = _key(stripped)
                if key.count(" ") + 1 < self.min_words:
                    continue
                if key in droppable:
                    if key not in seen:
                        seen.add(key)  # the title from the metadata, met for the first time
                        first_at[key] = index
                    else:
                        head_copies.setdefault(key, []).append(
                            (line_start, min(end, len(text)), non_blank <= _HEAD_REACH, _stands_alone(lines, index),
                             _sung_on(lines, first_at.get(key), index)))
                    continue
                if in_head:
                    droppable.add(key)
                    seen.add(key)
                    first_at[key] = index
                    lo, hi = _length_range(droppable)
                    continue
            if len(stripped) >= self.paragraph_length and stripped[-1] in _SENTENCE_FINAL:
                # A copied paragraph is copied exactly: the line itself is the key.
                if stripped in paragraphs:
                    copies[non_blank] = (paragraphs[stripped], line_start, min(end, len(text)))
                else:
                    paragraphs[stripped] = non_blank
        for found in head_copies.values():
            # The headline printed again: once, near the top, or as a paragraph of its own. A line
            # that comes back again and again inside runs of lines is a refrain.
            edits.extend(line_removal(start, end) for start, end, near_top, alone, sung_on in found
                         if alone or (near_top and len(found) == 1 and not sung_on))
        edits.extend(line_removal(start, end) for block, (_, start, end) in copies.items()
                     if _doubled(block, copies))
        edits.sort(key=lambda edit: edit.start)
        return edits


# Non-blank lines from the top within which a page prints its headline again (date, banner,
# title, section, title): a single copy there goes even inside a run of lines.
_HEAD_REACH = 6


def _stands_alone(lines: list[str], index: int) -> bool:
    """Whether the line is a paragraph of its own, as a headline printed again is; a line among
    the lines of a stanza is a refrain ("Carry me down to the river" in every verse)."""
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after


def _sung_on(lines: list[str], first: int | None, index: int) -> bool:
    """Whether the copy opens a stanza of its own as the first copy did (or follows the same line
    as it), and the line after it repeats the line after the first copy: a verse sung again
    ("Row, row, row your boat" and the lines after it). A headline printed again comes back
    before other words than its own, or right after the first copy's block (a page's header
    printed twice)."""
    if first is None or index + 1 >= len(lines) or first + 1 >= len(lines) or first + 1 == index:
        return False
    before, first_before = lines[index - 1].strip(), lines[first - 1].strip() if first else ""
    if (before or first_before) and not (before and first_before and _key(before) == _key(first_before)):
        return False  # neither both opening a stanza nor both after the same line
    after = lines[index + 1].strip()
    return bool(after) and _key(after) == _key(lines[first + 1].strip())


def _doubled(block: int, copies: dict[int, tuple[int, int, int]]) -> bool:
    """Whether a copied paragraph shows it is a doubled block of the page, not the author's
    repeat: it stands right after its original, or within a run of paragraphs copied in their
    order (a layout printed twice). A paragraph that comes back alone further down (a refrain,
    an instruction a recipe repeats) is the author's and stays."""
    original = copies[block][0]
    if original == block - 1:
        return True
    before, after = copies.get(block - 1), copies.get(block + 1)
    return (before is not None and before[0] == original - 1) or (after is not None and after[0] == original + 1)


def _key(line: str) -> str:
    return (_SPACES.sub(" ", line) if "  " in line or "\t" in line or "\u00a0" in line else line).casefold()


def _length_range(keys: set[str]) -> tuple[int, int]:
    """Line lengths that can normalise to one of ``keys`` (a few extra inner blanks allowed)."""
    if not keys:
        return 1, 0
    return min(map(len, keys)), max(map(len, keys)) + 8
