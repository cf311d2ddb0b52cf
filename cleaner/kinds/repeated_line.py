"""Lines repeated within one document: the title printed again below the header, a pull quote.

The first occurrence stays. Which repeats go: a line first seen in the head of the document
(where the title stands), a line equal to the title in the metadata, and a whole paragraph
seen before. Body lines of structured content (a meal plan's "Drink during your workout", a
product box's "Available from Amazon") repeat by design and stay, as do short and list-like
lines (bullets, table rows, one-word answers in a dialogue).
"""

from __future__ import annotations

import re

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, iter_lines, line_removal, register

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
        droppable: set[str] = set()  # keys whose later copies go
        seen: set[str] = set()
        title = doc.metadata.get("title") if self.use_title else None
        if isinstance(title, str) and title.strip():
            droppable.add(_SPACES.sub(" ", title.strip()).casefold())
        edits = []
        non_blank = 0
        for start, end, line in iter_lines(text):
            stripped = line.strip()
            if not stripped:
                continue
            non_blank += 1
            if len(stripped) < self.min_length or _LIST_LIKE.match(line):
                continue
            key = _SPACES.sub(" ", stripped).casefold()
            if key.count(" ") + 1 < self.min_words:
                continue
            if key in seen and (key in droppable or (len(stripped) >= self.paragraph_length
                                                     and stripped[-1] in _SENTENCE_FINAL)):
                edits.append(line_removal(start, end))
                continue
            if key in droppable:
                seen.add(key)
            elif key not in seen:
                seen.add(key)
                if non_blank <= self.head_lines:
                    droppable.add(key)
        return edits
