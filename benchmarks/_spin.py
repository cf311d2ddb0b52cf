"""Spin recipes: ways content mills and bad scrapers put semicolons where an author had commas.

Not a benchmark itself; ``semicolons.py`` imports it. Each recipe is a function
``(text, rng) -> (spun_text, positions)`` that replaces chosen commas followed by a space with
``;``, one character for one, so ``positions`` (sorted) hold in both texts. A recipe that finds
nothing to replace returns the text unchanged and no positions. The recipes are written from
what spinners and scrapers do, never from the stray-semicolon rule: they measure it on
mistakes it was not written for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from _common import SPINNABLE_COMMA, spin_commas

Recipe = Callable[[str, random.Random], tuple[str, list[int]]]

# A word of a list item, and an item of one to four words ("red", "the town hall").
_WORD = r"[\w'’-]+"
_ITEM = rf"{_WORD}(?: {_WORD}){{0,3}}"
# A series: two or more items joined by commas and closed by "and"/"or" before a last item,
# with or without the serial comma ("red, green and blue", "A, B, and C").
_SERIES = re.compile(rf"{_ITEM}(?:, {_ITEM})+,? (?:and|or) {_WORD}")
# A comma before a coordinating conjunction ("…, but the rain…").
_BEFORE_CONJUNCTION = re.compile(r",(?= (?:and|but|or|so|yet|nor)\b)")
# After the space: an opening quote or bracket at most, then a capital letter or a digit.
_CAPITAL_OR_DIGIT_AFTER = re.compile(r"[\"“‘'(\[]?(\w)")


def comma_positions(text: str) -> list[int]:
    return [m.start() for m in SPINNABLE_COMMA.finditer(text)]


def with_semicolons(text: str, positions: list[int]) -> tuple[str, list[int]]:
    chars = list(text)
    for pos in positions:
        chars[pos] = ";"
    return "".join(chars), sorted(positions)


def spin_sparse(text: str, rng: random.Random) -> tuple[str, list[int]]:
    """One or two commas of the document: a hand-edited mill article, or a scraper's glitch.
    The rule then has almost no evidence that the document is a mill's."""
    commas = comma_positions(text)
    return with_semicolons(text, rng.sample(commas, min(len(commas), rng.choice((1, 2)))))


def spin_dense(text: str, rng: random.Random) -> tuple[str, list[int]]:
    """A random 40-70 % of the commas: a synonym spinner that swaps punctuation as it swaps
    words (the spinner the other benchmarks inject)."""
    return spin_commas(text, rng, rng.uniform(0.4, 0.7))


def spin_lists_and_conjunctions(text: str, rng: random.Random) -> tuple[str, list[int]]:
    """Commas between the items of a series and commas before a coordinating conjunction,
    plus a random 10-20 % of the others: a "style improver" that thinks a semicolon is a
    stronger comma, which is where it is most tempting to writers, too."""
    commas = comma_positions(text)
    chosen = {m.start() for m in _BEFORE_CONJUNCTION.finditer(text)}
    for series in _SERIES.finditer(text):
        chosen.update(pos for pos in range(series.start(), series.end()) if text[pos] == ",")
    chosen &= set(commas)
    others = [pos for pos in commas if pos not in chosen]
    chosen.update(rng.sample(others, round(rng.uniform(0.1, 0.2) * len(others))))
    return with_semicolons(text, sorted(chosen))


def spin_capitalised_or_number(text: str, rng: random.Random) -> tuple[str, list[int]]:
    """A random 50-100 % of the commas before a capitalised word or a digit: a template or
    converter that treats such a comma as a list separator (names, places, figures: the
    ";" that locales with a decimal comma use between numbers)."""
    candidates = []
    for pos in comma_positions(text):
        after = _CAPITAL_OR_DIGIT_AFTER.match(text, pos + 2)
        if after and (after.group(1).isupper() or after.group(1).isdigit()):
            candidates.append(pos)
    if not candidates:
        return text, []
    count = max(1, round(rng.uniform(0.5, 1.0) * len(candidates)))
    return with_semicolons(text, rng.sample(candidates, count))


RECIPES: dict[str, Recipe] = {
    "sparse": spin_sparse,
    "dense": spin_dense,
    "lists-and-conjunctions": spin_lists_and_conjunctions,
    "capitalised-or-number": spin_capitalised_or_number,
}


def spin_corpus(recipe: str, corpus: str, documents: dict[str, str],
                seed: int) -> list[tuple[str, str, list[int]]]:
    """``(id, spun text, positions)`` for each document the recipe found commas to spin in.

    The generator is seeded by seed, recipe and corpus (a string seed is hashed the same way on
    every run), so each recipe spins the same texts whatever else runs, for every configuration.
    """
    rng = random.Random(f"{seed}/{recipe}/{corpus}")
    spun = []
    for key in sorted(documents):
        text, positions = RECIPES[recipe](documents[key], rng)
        if positions:
            spun.append((key, text, positions))
    return spun
