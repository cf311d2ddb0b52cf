"""What became of each semicolon, kept in a benchmark's JSON and compared with an earlier run's.

Not a benchmark itself; ``semicolons.py`` imports it. A run's figures say how many semicolons
changed; comparing two runs semicolon by semicolon says which: a change to the rule that keeps
more of the authors' semicolons may also miss spun ones, and the two counts alone can hide it.

Each document's fates are a string, one letter a semicolon, in the order the benchmark follows
them: every semicolon of an edited document in text order; for a spun document its spun
semicolons, then its own (the base text's). The letters: ``k`` kept, ``c`` a comma, ``d``
dropped, ``r`` removed with its line or span by another rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from _semicolon_trace import context

LETTER = {"kept": "k", "comma": "c", "drop": "d", "removed": "r"}


def letters(outcomes: list[str]) -> str:
    return "".join(LETTER.get(outcome, "?") for outcome in outcomes)


def edited_key(corpus: str, document: str) -> str:
    return f"edited/{corpus}/{document}"


def spun_key(recipe: str, base: str, document: str) -> str:
    return f"{recipe}/{base}/{document}"


def positions_of(key: str, edited: dict[str, dict[str, str]],
                 spun: dict[tuple[str, str], list[tuple[str, str, list[int]]]]) -> tuple[str, list[int], int] | None:
    """The text a key's fates belong to, the position of each fate's semicolon, and how many of
    them are spun (the rest are the author's); None when the text is not in this run."""
    kind, corpus, document = key.split("/", 2)
    if kind == "edited":
        text = edited.get(corpus, {}).get(document)
        return None if text is None else (text, [m.start() for m in re.finditer(";", text)], 0)
    for name, text, spun_positions in spun.get((kind, corpus), ()):
        if name == document:
            base = edited.get(corpus, {}).get(document, "")
            return text, spun_positions + [m.start() for m in re.finditer(";", base)], len(spun_positions)
    return None


def differences(before: dict[str, str], after: dict[str, str]) -> Iterator[tuple[str, int, str, str]]:
    """``(key, index, letter before, letter after)`` for every semicolon whose fate changed."""
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        if old != new and len(old) == len(new):
            for index, (a, b) in enumerate(zip(old, new, strict=True)):
                if a != b:
                    yield key, index, a, b


def verdict(key: str, index: int, spun_count: int, old: str, new: str) -> str:
    """Whether the change is a gain or a loss, and for whose semicolon."""
    if key.startswith("edited/") or index >= spun_count:
        return "author's kept now" if new == "k" else "author's changed now"
    if old == "k":
        return "spun fixed now"
    return "spun missed now" if new == "k" else "spun fixed otherwise"


def report_differences(config: str, before: dict[str, str], after: dict[str, str],
                       edited: dict[str, dict[str, str]], spun: dict, show: int) -> dict:
    """Print, for one configuration, the semicolons whose fate changed since the earlier run."""
    counts: Counter = Counter()
    examples: list[str] = []
    for key, index, old, new in differences(before, after):
        found = positions_of(key, edited, spun)
        if found is None:
            continue
        text, positions, spun_count = found
        kind = verdict(key, index, spun_count, old, new)
        counts[kind] += 1
        if len(examples) < show and index < len(positions):
            examples.append(f"  {kind:22} {old}->{new}  {key}  {context(text, positions[index])}")
    unmatched = sorted(before.keys() ^ after.keys())
    print(f"\n== {config}: semicolons whose fate changed since the earlier run ==")
    if not counts:
        print("  none")
    for kind, count in sorted(counts.items()):
        print(f"  {kind:22} {count}")
    for line in examples:
        print(line)
    if unmatched:
        print(f"  ({len(unmatched)} documents in one run only, left out: another seed, corpus or --quick?)")
    return dict(counts)
