"""blank_lines: runs of blank lines collapse, leading blank lines go, the text ends with
exactly one newline, and the first line's indentation stays."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.blank_lines import BlankLines
from cleaner.pipeline import Cleaner


def build(**params) -> BlankLines:
    return BlankLines("t", **validate_params(BlankLines, params, source=None, rule_id="t"))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


@pytest.mark.parametrize("gap", ["\n\n\n", "\n\n\n\n", "\n\n\n\n\n\n\n"])
def test_three_or_more_newlines_collapse_to_one_blank_line(gap):
    assert run(f"First paragraph.{gap}Second paragraph.\n").text == \
        "First paragraph.\n\nSecond paragraph.\n"


def test_blank_lines_holding_spaces_or_tabs_count_as_blank():
    assert run("First.\n  \n\t\n \t \nSecond.\n").text == "First.\n\nSecond.\n"


def test_single_blank_line_between_paragraphs_is_kept():
    text = "First paragraph.\n\nSecond paragraph.\nSame paragraph, next line.\n"
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_leading_blank_lines_are_removed():
    assert run("\n\n\nHeadline\n\nBody.\n").text == "Headline\n\nBody.\n"


def test_leading_blank_lines_with_spaces_are_removed():
    assert run(" \n\t\n\nHeadline\n").text == "Headline\n"


@pytest.mark.parametrize("text", ["    indented first line\n\nBody.\n", "\tTabbed first\nBody.\n",
                                  "  • first bullet\n  • second bullet\n"])
def test_indentation_of_the_first_line_is_kept(text):
    assert run(text).text == text


def test_indentation_of_the_first_line_is_kept_after_leading_blank_lines_go():
    assert run("\n\n    code line\nBody.\n").text == "    code line\nBody.\n"


@pytest.mark.parametrize("ending", ["\n", "\n\n", "\n\n\n\n", "\n \n\t\n"])
def test_text_that_ended_with_newlines_ends_with_exactly_one(ending):
    assert run(f"Headline\n\nLast paragraph.{ending}").text == "Headline\n\nLast paragraph.\n"


@pytest.mark.parametrize("ending", ["", "   ", " \t"])
def test_text_without_a_final_newline_gets_none(ending):
    assert run(f"Headline\n\nLast paragraph.{ending}").text == "Headline\n\nLast paragraph."


def test_final_newline_always_adds_one():
    assert run("Last paragraph.", final_newline="always").text == "Last paragraph.\n"


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "  \n\t\n"])
def test_empty_or_blank_text_becomes_empty(text):
    assert run(text).text == ""


def test_final_newline_never_leaves_no_newline():
    assert run("Last paragraph.\n\n\n", final_newline="never").text == "Last paragraph."


def test_max_blank_zero_joins_paragraph_lines():
    assert run("A.\n\n\nB.\n", max_blank=0).text == "A.\nB.\n"


def test_max_blank_two_allows_two_blank_lines():
    assert run("A.\n\n\n\n\nB.\n", max_blank=2).text == "A.\n\n\nB.\n"
    text = "A.\n\n\nB.\n"
    assert run(text, max_blank=2).text == text


def test_indentation_inside_the_body_is_kept():
    text = "Intro.\n\n\n\n  • item one\n    continued\n"
    assert run(text).text == "Intro.\n\n  • item one\n    continued\n"


def test_cleaning_twice_changes_nothing_more():
    text = "\n\n  Indented headline\n\n\n\nBody one.\n \n\t\n\nBody two.\n\n\n"
    once = run(text)
    assert once.text == "  Indented headline\n\nBody one.\n\nBody two.\n"
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_collapses_the_gap_left_by_a_removed_line():
    text = "Headline\n\nAdvertisement\n\nBody paragraph.\n"
    assert Cleaner.from_rules("default").clean(text).text == "Headline\n\nBody paragraph.\n"
