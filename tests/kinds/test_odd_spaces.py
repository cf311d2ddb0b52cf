"""odd_spaces: no-break and typographic spaces become plain spaces, zero-width marks and
trailing blanks go; ZWJ (emoji sequences) and ZWNJ (Persian, Indic spelling) stay."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.odd_spaces import OddSpaces
from cleaner.pipeline import Cleaner


def build(**params) -> OddSpaces:
    return OddSpaces("t", **validate_params(OddSpaces, params, source=None, rule_id="t"))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


@pytest.mark.parametrize("char", ["\u00a0", "\u2009", "\u202f", "\u2007", "\u2002", "\u2003", "\u3000"],
                         ids=["nbsp", "thin", "narrow-nbsp", "figure", "en", "em", "ideographic"])
def test_unicode_space_between_words_becomes_a_plain_space(char):
    assert run(f"The hall seats 1{char}200 people{char}in winter.\n").text == \
        "The hall seats 1 200 people in winter.\n"


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad"],
                         ids=["zwsp", "word-joiner", "bom", "soft-hyphen"])
def test_invisible_mark_inside_a_word_is_removed(char):
    assert run(f"The co{char}operative re{char}opened today.\n").text == \
        "The cooperative reopened today.\n"


def test_byte_order_mark_at_the_start_is_removed():
    assert run("\ufeffHeadline\nBody.\n").text == "Headline\nBody.\n"


@pytest.mark.parametrize("tail", ["   ", "\t", " \t ", "\u00a0", " \u200b", "\u2009\t"])
def test_trailing_blanks_are_stripped(tail):
    assert run(f"First line{tail}\nSecond line{tail}\n").text == "First line\nSecond line\n"


def test_trailing_blanks_on_the_last_line_without_newline_are_stripped():
    assert run("Only line \t\u00a0").text == "Only line"


def test_line_of_only_spaces_becomes_empty():
    assert run("Para one.\n  \u00a0 \nPara two.\n").text == "Para one.\n\nPara two.\n"


def test_indentation_and_inner_tabs_are_kept_by_default():
    text = "  • first point\n\tcode\tcolumn\n"
    assert run(text).text == text


def test_tabs_option_turns_inner_tabs_into_spaces():
    assert run("name\tvalue\n", tabs=True).text == "name value\n"


@pytest.mark.parametrize("text", [
    "The team 👩\u200d🔬 won the prize.\n",
    "Family: 👨\u200d👩\u200d👧 at the fair.\n",
    "Flag: 🏳️\u200d🌈 flew over the hall.\n",
], ids=["scientist", "family", "rainbow-flag"])
def test_zero_width_joiner_inside_an_emoji_sequence_is_kept(text):
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


@pytest.mark.parametrize("text", [
    "می\u200cخواهم به خانه بروم.\n",
    "Word with joiner: न\u200cहीं\n",
], ids=["persian", "devanagari"])
def test_zero_width_non_joiner_is_kept(text):
    assert run(text).text == text


@pytest.mark.parametrize("text", [
    "Plain ASCII text with single spaces.\nSecond line.\n",
    "Curly “quotes” — an em dash… and café.\n",
    "  Indented line\n\nAfter a blank line.\n",
    "",
])
def test_clean_text_is_unchanged(text):
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_spaces_option_off_keeps_no_break_spaces():
    assert run("a\u00a0b\n", spaces=False).text == "a\u00a0b\n"


def test_invisible_option_off_keeps_zero_width_space():
    assert run("a\u200bb\n", invisible=False).text == "a\u200bb\n"


def test_trailing_option_off_keeps_trailing_spaces():
    assert run("line  \nnext\t\n", trailing=False).text == "line  \nnext\t\n"


def test_cleaning_twice_changes_nothing_more():
    text = ("\ufeffHead\u00a0line \n10\u2009000 fans \u200b\n5\u202fkm\t\n"
            "co\u00adop 👩\u200d🔬 می\u200cخواهم\u00a0\n")
    once = run(text)
    assert once.text == "Head line\n10 000 fans\n5 km\ncoop 👩\u200d🔬 می\u200cخواهم\n"
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_the_bundled_set_keeps_the_writers_spaces_and_drops_invisible_marks_and_trailing_blanks():
    # A no-break or thin space is typography (a number and its unit, a sentence's end as the
    # writer set it); edited text must come out as it went in. Zero-width marks and trailing
    # blanks are a scraper's.
    result = Cleaner.from_rules("whitespace").clean("Price:\u00a0£5\u2009000.\u00a0Paid.\u200b  \n")
    assert result.text == "Price:\u00a0£5\u2009000.\u00a0Paid.\n"


@pytest.mark.parametrize("end", [" ", "\t", "\u00a0", "\u3000", "\u200b", "\u00ad"])
def test_a_line_ending_in_any_blank_loses_it_even_when_no_other_line_does(end) -> None:
    # The quick test of the lines' last characters must see every blank the walk strips.
    text = "First line\nsecond line" + end + "\nthird line"
    assert OddSpaces("t", **validate_params(OddSpaces, {}, source=None, rule_id="t")).find(Document(text))
