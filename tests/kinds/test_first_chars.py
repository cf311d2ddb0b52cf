"""first_chars: the characters a pattern's match can begin with, a superset or None."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.kinds.first_chars import first_chars, prefixes

I = re.IGNORECASE


@pytest.mark.parametrize("pattern, flags, expected", [
    ("share", I, {"s"}),
    ("Share", 0, {"S"}),
    ("(?:read|see) more", I, {"r", "s"}),
    ("(?:the )?story", I, {"t", "s"}),
    ("[-–—(]?\\s*article", I, {"-", "–", "—", "(", "a", *(ch for ch in map(chr, range(128)) if ch.isspace())}),
    ("\\d+ comments", I, set("0123456789")),
    ("(?=x)x", I, {"x"}),
])
def test_the_first_characters_of_a_pattern(pattern: str, flags: int, expected: set[str]) -> None:
    assert first_chars(pattern, flags) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    ".*comments", "\\w+ likes", "[^.]{1,40} more", "(?:x)?", "a|", "(?:a|\\w)", "[\\w]x", "x*y?",
    "not [a pattern",
])
def test_no_answer_when_any_character_or_nothing_can_begin_a_match(pattern: str) -> None:
    assert first_chars(pattern, I) is None


PATTERNS = ["(?:share|like) this", "(?:\\d[\\d,.]*k?|no|one)\\s+(?:likes?|comments?)", "[-(]?\\s*(?:the )?story continues",
            "(?:lesen sie auch|auch lesen)\\s*[.…]*(?:\\s*[:|»›>](?:\\s*.{1,20})?)?", "(?:a|b)?(?:c|d)*e",
            "tags\\s*:?", "(?:x|yz){2,5}w", "a(?:b|c)?d*e", "(?:read|see)\\s+(?:all\\s+)?comments?"]


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_every_match_begins_with_one_of_its_first_characters_and_prefixes(data) -> None:
    # For a text that begins with ASCII characters (the contract: beyond ASCII, every pattern).
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=True).filter(lambda t: t[:2].isascii()))
    chars, pairs = first_chars(pattern, 0), prefixes(pattern, 0)
    assert chars is not None and text[:1] in chars
    assert pairs is not None and text[:2] in pairs


@pytest.mark.parametrize("pattern, flags, expected", [
    ("share", I, {"sh"}),
    ("Share", 0, {"Sh"}),
    ("(?:read|see) more", I, {"re", "se"}),
    ("(?:the )?story", I, {"th", "st"}),
    ("x", I, {"x"}),
    ("(?:no|one|\\d)\\s+likes", I, {"no", "on", *(d + s for d in "0123456789" for s in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")}),
    ("ab?c", I, {"ab", "ac"}),
    ("a{3}", I, {"aa"}),
    ("(?=x)xy", I, {"xy"}),
    ("tags\\s*:?", I, {"ta"}),
    ("(?:à|a) lire", I, {"à ", "a "}),
    ("[-–]x", I, {"-x", "–x"}),
])
def test_the_first_two_characters_of_a_pattern(pattern: str, flags: int, expected: set[str]) -> None:
    assert prefixes(pattern, flags) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    ".*comments", "\\w+ likes", "(?:x)?", "a|", "(?i:a)b", "(a)\\1", "[^.]x",
    "\\d\\d\\d\\d", "not [a pattern",
])
def test_no_two_characters_when_the_sieve_would_be_wrong_or_too_wide(pattern: str) -> None:
    # "\d\d\d\d" needs only 100 strings; the limit below makes it too many.
    assert prefixes(pattern, I, limit=50) is None


def test_the_odd_folding_table_is_the_one_a_loop_over_every_character_builds() -> None:
    import _sre

    from cleaner.kinds.first_chars import odd_folding_beyond_ascii

    expected = [chr(code) for code in range(0x80, 0x10000)
                if _sre.unicode_tolower(code) < 0x80 or chr(code).lower() != chr(_sre.unicode_tolower(code))]
    assert odd_folding_beyond_ascii(_sre.unicode_tolower) == expected
