"""Where in a document the semicolons stand thick: a spinner that swaps commas for semicolons
makes them common before the kinds of word it strikes at (every word, or only capitalised ones
and numbers, or "and" and "but"), while an author's own semicolons stay rare beside the
commas before the same kind of word. One pass over the text's commas, one over its semicolons."""

from __future__ import annotations

import re
from collections import Counter

from cleaner.semicolons import english as en
from cleaner.semicolons.reading import closes_an_entity

# A comma (or a semicolon), its space, an opening quote or bracket at most, and the next word.
_COMMA_BEFORE_WORD = re.compile(r",[ \u00a0][\"“‘'(\[]?(\w+)")
_SEMICOLON_BEFORE_WORD = re.compile(r";[ \u00a0][\"“‘'(\[]?(\w+)")
_COORDINATORS = en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE


def word_kind(word: str) -> str:
    """The kind of word a mark stands before: a number, a capitalised word, a coordinator, or
    another lower-case word."""
    if word[0].isdigit():
        return "number"
    if word[0].isupper():
        return "capitalised"
    return "coordinator" if word.lower() in _COORDINATORS else "lower-case"


def semicolon_shares(text: str) -> tuple[dict[str, float], dict[int, str], float]:
    """Per kind of following word, the share of semicolons among the commas and semicolons
    before it; and the kind each semicolon (by position) stands before."""
    # The commas, many, counted from one findall (no match object each); the semicolons, few,
    # one by one, for their places. (No match of one can overlap a match of the other.)
    marks: Counter[str] = Counter(map(word_kind, _COMMA_BEFORE_WORD.findall(text)))
    semicolons: Counter[str] = Counter()
    kind_at: dict[int, str] = {}
    for m in _SEMICOLON_BEFORE_WORD.finditer(text):
        if closes_an_entity(text, m.start()):
            continue
        kind = word_kind(m.group(1))
        semicolons[kind] += 1
        kind_at[m.start()] = kind
    marks.update(semicolons)
    overall = sum(semicolons.values()) / max(1, sum(marks.values()))
    return {kind: semicolons[kind] / count for kind, count in marks.items()}, kind_at, overall
