"""grammar: the words of a text, as the cues read them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.semicolons import grammar as g
from cleaner.semicolons.grammar import words
from tests.strategies import fuzz

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


# What clause_end finds with one search for the marks and a look at the few that may not end a
# clause, written as one pattern (a third as fast): a comma or colon between digits, a point
# before a digit or a lower-case letter, a full stop after a single letter or a title, do not
# end a clause.
_CLAUSE_STOP_AS_ONE_PATTERN = re.compile(
    r"[;!?()\n—–]|[,:](?:(?<!\d[,:])|(?!\d))"
    r"|\.(?![a-z\d])(?<!\b[^\W\d_]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)"
    r"(?<!\bMrs\.)(?<!\bGen\.)(?<!\bGov\.)(?<!\bSen\.)(?<!\bRep\.)(?<!\bProf\.)(?<!\bRev\.)")


@pytest.mark.property
@fuzz
@given(st.text(alphabet="aZé1٣²_ .,:;()\n—MrsDProfJ", max_size=40))
def test_a_clause_ends_where_the_single_pattern_says(text: str) -> None:
    m = _CLAUSE_STOP_AS_ONE_PATTERN.search(text)
    assert g.clause_end(text) == (m.start() if m else -1), text


@pytest.mark.parametrize("text, words", [
    ("a limit of 12,500 cars would be", ["a", "limit", "of", "12", "500", "cars", "would", "be"]),
    ("Mr. Okafor is 81. He", ["Mr", "Okafor", "is", "81"]),
    ("U.S. sales fell. Then", ["U.S", "sales", "fell"]),
    ("on Wednesday.The stabbing", ["on", "Wednesday"]),
    ("Polygraph.info has said", ["Polygraph.info", "has", "said"]),
    ("the 10:30 train: late", ["the", "10", "30", "train"]),
])
def test_a_clause_goes_on_past_numbers_and_abbreviations(text: str, words: list[str]) -> None:
    assert g.clause_words(text) == words
