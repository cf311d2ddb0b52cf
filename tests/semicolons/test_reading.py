"""Finding the prose semicolons of a text, sentence by sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.semicolons.reading import SENTENCE_END, closes_an_entity, is_code_line, read_sentences
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


@pytest.mark.parametrize("line", [
    "for (i = 0; i < n; i++) {", "    int count;", "let total = 0;", "if (ok) return value;", "x := 1;",
    "while (a == b) step();", "import os;", "The loop for (i = 0; i < n; i++) sums the values.",
    'AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:99.0) Gecko/20100101"', "opts = {'sep': ';', 'end': 'x; y'}",
    'row = f"{name}; {value}"',
], ids=["c-for", "declaration", "let", "return-after-paren", "assignment", "comparison", "import", "inline-for",
        "assignment-of-a-string", "assignment-of-a-dict", "assignment-of-an-f-string"])
def test_a_line_of_code_is_told(line: str) -> None:
    assert is_code_line(line)


@pytest.mark.parametrize("line", [
    "At a nod of his head they let go; turning to cup their ears against the roar.",
    "On a return trip; the aviator would fly low over the farms.",
    "The union asks for (and accepts) increases; the board agrees in the end.",
    "The integer was small; the letter was late; the point was made.",
    "E = mc squared; the rest is detail.", "Let x = 5; then y = 3.",
], ids=["let-after-a-word", "return-after-an-article", "for-with-parentheses", "keywords-inside-words",
        "equation-in-prose", "algebra-in-prose"])
def test_prose_with_a_keyword_of_code_is_no_code(line: str) -> None:
    assert not is_code_line(line)


@pytest.mark.parametrize("text, entity", [
    ("Tom &amp; Jerry", True), ("a &nbsp; gap", True), ("it&#39; s", True), ("x &#x27; y", True),
    ("calls with AT&T; Comcast and others", False), ("Meanwhile, at B&H; shoppers save", False),
    ("R&D; the rest", False),
], ids=["amp", "nbsp", "decimal", "hex", "at-and-t", "b-and-h", "r-and-d"])
def test_a_semicolon_closes_an_entity_only_where_html_defines_one(text, entity) -> None:
    pos = text.index(";")
    assert closes_an_entity(text, pos) is entity
    assert (pos in [p for s in read_sentences(text) for p in s.positions]) is not entity
