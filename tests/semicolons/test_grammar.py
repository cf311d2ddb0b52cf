"""grammar: the words of a text, as the cues read them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.semicolons.grammar import words

# What a word is, as first written: a letter or digit, then letters, digits, underscores and
# apostrophes, dots and hyphens, ending in a letter, digit or underscore (the longest such run).
_AS_WRITTEN = re.compile(r"[^\W_](?:[\w’'.\-]*\w)?")


def test_words_keep_their_inner_marks_and_lose_their_outer_ones() -> None:
    assert words("“Don’t,” she said—U.S.-made e-mail_list... 'quoted' 3.5%") == \
        ["Don’t", "she", "said", "U.S.-made", "e-mail_list", "quoted", "3.5"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1_’'.- ,;éЖ\u0301\u00a0", max_size=30))
def test_the_words_are_those_of_the_pattern_as_first_written(text: str) -> None:
    assert words(text) == _AS_WRITTEN.findall(text)
