"""The characters a regular expression's match can begin with, read from Python's own parse of
it, so that a rule with many whole-line patterns tries on a line only those that can start it.

A furniture rule holds some eighty alternatives; Python's engine tries them one after another
on every short line, about 6 µs a line of prose that none of them matches. Most alternatives
begin with a word ("share", "lesen sie", "subscribe"), so the line's first character rules out
nearly all of them.

The answer is a superset or nothing: ``None`` whenever the pattern can begin with a character
class, any character, or nothing at all (an empty match), or uses a construct this reading does
not know, and the caller then tries the pattern on every line. It relies on ``re._parser``, an
internal module of the standard library; if that ever changes shape, every pattern reads as
``None`` and the rule is only as fast as before, never wrong.
"""

from __future__ import annotations

import functools
import operator
import re
from itertools import compress

# Character classes up to this many characters are spelt out ([a-d], [.…]); larger ones (\w,
# [^x], [a-z0-9]) stand for any character.
_MAX_CLASS = 64


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    r"""The characters a match of ``pattern`` can begin with (lower-cased under
    ``re.IGNORECASE``), or None (any).

    Exact for matches that begin with an ASCII character only: ``\d`` and ``\s`` are spelt out
    as far as ASCII goes, and case folding beyond ASCII has its own pairs ("ſ" is "s"). A caller
    tries every pattern on a text that begins beyond ASCII."""
    try:
        from re import _constants as c

        parsed = _parsed(pattern, flags)
        chars, nullable = _first(parsed, c)
    except Exception:  # noqa: BLE001 - an unknown shape is "any character", never an error
        return None
    if chars is None or nullable:
        return None
    return frozenset(ch.lower() for ch in chars) if flags & re.IGNORECASE else frozenset(chars)


@functools.lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int):
    """Python's parse of a pattern, made once for first_chars, prefixes and required_text (a
    rule set's patterns are read by all three as it is built)."""
    from re import _parser

    return _parser.parse(pattern, flags)


def _ascii_categories() -> dict:
    from re import _constants as c

    # As Python's engine reads them (its \s takes the ASCII separators \x1c-\x1f too).
    ascii_chars = [chr(code) for code in range(128)]
    return {c.CATEGORY_DIGIT: "".join(ch for ch in ascii_chars if re.match(r"\d", ch)),
            c.CATEGORY_SPACE: "".join(ch for ch in ascii_chars if re.match(r"\s", ch))}


try:
    _ASCII_CATEGORIES = _ascii_categories()
except Exception:  # noqa: BLE001 - see the module's note on re._parser
    _ASCII_CATEGORIES = {}


def _first(sequence, c) -> tuple[set[str] | None, bool]:
    """(characters, whether the sequence can match nothing) of a parsed sequence."""
    found: set[str] = set()
    for op, av in sequence:
        chars, nullable = _first_item(op, av, c)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_item(op, av, c) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _class_chars(av, c), False
    if op is c.BRANCH:
        found: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _first(alternative, c)
            if chars is None:
                return None, False
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op is c.SUBPATTERN:
        return _first(av[-1], c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = av
        chars, empty = _first(sub, c)
        return chars, empty or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero width: what follows decides
    return None, False  # any character, a back reference, a conditional: no answer


def _class_chars(items, c) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            found.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_CLASS:
            found.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av in _ASCII_CATEGORIES:
            # \d and \s, as far as ASCII goes: a line starting beyond ASCII tries every pattern.
            found.update(_ASCII_CATEGORIES[av])
        else:
            return None  # a negated class, a category (\w, \s), a wide range
        if len(found) > _MAX_CLASS:
            return None
    return found


def required_text(pattern: str, flags: int = 0, shortest: int = 3) -> str | None:
    """The longest run of plain characters every match of ``pattern`` holds (lower-cased under
    ``re.IGNORECASE``; exact for ASCII texts, as above), or None when none is ``shortest`` long.
    For a pattern that can begin anywhere (".{0,80}by clicking here"): a line without the run
    ("by clicking here") is not tried on it."""
    try:
        from re import _constants as c

        parsed = _parsed(pattern, flags)
    except Exception:  # noqa: BLE001 - no answer, never an error
        return None
    best, run = "", []
    for op, av in list(parsed) + [(None, None)]:
        if op is not None and op is c.LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    if len(best) < shortest:
        return None
    return best.lower() if flags & re.IGNORECASE else best


def odd_folding_search():
    """``search(text)`` finding a character beyond ASCII that Python's case-insensitive matching
    pairs with another in a way ``str.lower`` does not tell ("ſ" with "s", "K" (Kelvin) with "k",
    "ς" with "σ"): a text holding one is tried on every pattern. Its ASCII partners ("s", "i")
    are not searched for: they are odd only beside such a character, which is. Everything beyond
    ASCII when the table is not there."""
    try:
        import _sre
        from re import _casefix

        odd = {chr(code) for key, others in _casefix._EXTRA_CASES.items() for code in (key, *others)}
        odd |= set(odd_folding_beyond_ascii(_sre.unicode_tolower))
    except Exception:  # noqa: BLE001 - see the module's note on re._parser
        return re.compile("[^\\x00-\\x7f]").search
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(odd) if not ch.isascii()) + "]").search


def odd_folding_beyond_ascii(tolower) -> list[str]:
    """The characters from U+0080 to U+FFFF whose lower case to the regex engine (``tolower``,
    one character for one) is ASCII or differs from ``str.lower``'s. Worked out with C-level
    maps (a loop over the 65,000 characters in Python took 28 ms of every start)."""
    codes = range(0x80, 0x10000)
    simple = list(map(tolower, codes))
    characters = list(map(chr, codes))
    odd = map(operator.or_, map((0x80).__gt__, simple),
              map(operator.ne, map(str.lower, characters), map(chr, simple)))
    return list(compress(characters, odd))


def prefixes(pattern: str, flags: int = 0, length: int = 2, limit: int = 512) -> frozenset[str] | None:
    r"""The strings of ``length`` characters a match of ``pattern`` can begin with, and the
    shorter ones a whole match can be (lower-cased under ``re.IGNORECASE``), or None.

    A finer sieve than :func:`first_chars`: a line whose first two characters are ASCII is tried
    only on the patterns that can begin with those two ("sh" for "share this", not every pattern
    starting with "s"). None when a match can be empty, begins with any character or a wide
    class, would need more than ``limit`` strings, or uses a construct this reading does not
    know. ``\d`` and ``\s`` are spelt out as far as ASCII goes, and case folding beyond ASCII
    has pairs ``str.lower`` does not know ("ſ" is "s" to the engine), so the answer holds for
    lines whose first ``length`` characters are ASCII, and only through strings free of such
    characters; a caller sends every other line the coarser way."""
    try:
        from re import _constants as c

        parsed = _parsed(pattern, flags)
        found = _sequence_prefixes(parsed, c, length, limit)
    except Exception:  # noqa: BLE001 - an unknown shape is "no answer", never an error
        return None
    if found is None or "" in found:
        return None
    return frozenset(s.lower() for s in found) if flags & re.IGNORECASE else frozenset(found)


class _TooMany(Exception):
    pass


def _joined(heads: set[str], tails: set[str], length: int, limit: int) -> set[str]:
    """Every head followed by every tail, cut at ``length`` (a head already that long stays)."""
    out = {head for head in heads if len(head) >= length}
    for head in heads:
        if len(head) < length:
            out.update((head + tail)[:length] for tail in tails)
            if len(out) > limit:
                raise _TooMany
    return out


def _sequence_prefixes(sequence, c, length: int, limit: int) -> set[str] | None:
    found = {""}
    for op, av in sequence:
        if all(len(s) >= length for s in found):
            break
        item = _item_prefixes(op, av, c, length, limit)
        if item is None:
            return None
        try:
            found = _joined(found, item, length, limit)
        except _TooMany:
            return None
    return found


def _item_prefixes(op, av, c, length: int, limit: int) -> set[str] | None:
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars = _class_chars(av, c)
        return None if chars is None else set(chars)
    if op is c.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            strings = _sequence_prefixes(alternative, c, length, limit)
            if strings is None:
                return None
            found |= strings
        return found if len(found) <= limit else None
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None  # a local flag ((?i:…)) changes what the characters match
        return _sequence_prefixes(sub, c, length, limit)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        once = _sequence_prefixes(sub, c, length, limit)
        if once is None or low > 64:
            return None
        # Past max(low, length) repeats nothing new can begin a match: every string is then
        # either cut at ``length`` already or made of empty repeats, which fewer repeats give.
        found: set[str] = set()
        current = {""}
        try:
            for count in range(min(high, max(low, length)) + 1):
                if count >= low:
                    found |= current
                current = _joined(current, once, length, limit)
        except _TooMany:
            return None
        return found if len(found) <= limit else None
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero width: a superset of what can follow it
    return None  # any character, a back reference, a conditional: no answer
