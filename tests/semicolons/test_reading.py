"""Finding the prose semicolons of a text, sentence by sentence."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.semicolons.reading import SENTENCE_END, is_code_line, read_sentences
from tests.strategies import fuzz


def sentence_starts_by_scanning(text: str) -> dict[int, int]:
    """Each semicolon's sentence start found the plain way: the end pattern run over the whole
    text (what read_sentences finds faster, from the marks where an end can stand)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    starts, i, start = {}, 0, 0
    for sentence in read_sentences(text):
        for pos in sentence.positions:
            while i < len(ends) and ends[i] <= pos:
                start, i = ends[i], i + 1
            starts[pos] = start
    return starts


PIECES = ["The ferry ran", "Dr. Reyes said", "Patrick W. Carlineo", "it rained", "We left", "Mr. Sato"]
MARKS = ["; ", ". ", "… ", "... ", ".” ", "?\n", "\n", " \n  \u00a0 \n", "! ", ", ", ";\n"]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(MARKS)), min_size=1, max_size=30).map(
    lambda parts: "".join(piece + mark for piece, mark in parts))


@pytest.mark.property
@fuzz
@given(texts)
def test_each_semicolon_is_grouped_under_the_sentence_the_end_pattern_finds(text: str) -> None:
    expected = sentence_starts_by_scanning(text)
    for sentence in read_sentences(text):
        for pos in sentence.positions:
            assert sentence.start == expected[pos], (text, pos)


def test_a_sentence_end_whose_blanks_hold_line_breaks_counts_once() -> None:
    text = "It ended. \n  \u00a0 \n   Greiner, Anja 1992; Hall, Tom 1990; and so on.\n"
    (sentence,) = read_sentences(text)
    assert sentence.start == text.index("Greiner")


# The code-line test as one alternation with word boundaries, as it was written first: the
# faster form must read every line the same.
_CODE_LINE_AS_ONE_PATTERN = re.compile(
    r"[{}]|\bfor\s*\(|==|!=|\+\+|:=|\b(?:var|let|const|int|return)\s+\w+\s*[=;]")
_STATEMENT_AT_END = re.compile(r"\w\(|=|^\s*(?:import|use|using|package|#include)\b")
CODE_PIECES = ["for", "for (", "int x;", "xint y;", "return home;", "var a = 1", "let", "const_b =", "_int c;",
               "éint d;", "intint e;", "{", "}", "==", "!", "=", "+", ":", "(", ")", ";", " ", "  ", "\t", "a",
               "the point", "before", "letter", "forum(", "importer", "import x", "f(x)", "é", "1"]
code_lines = st.lists(st.sampled_from(CODE_PIECES), max_size=12).map("".join)


@pytest.mark.property
@fuzz
@given(code_lines)
def test_the_code_line_test_reads_every_line_as_the_one_pattern_does(line: str) -> None:
    expected = bool(_CODE_LINE_AS_ONE_PATTERN.search(line)) or (
        line.rstrip().endswith(";") and bool(_STATEMENT_AT_END.search(line)))
    assert is_code_line(line) == expected
