"""repeated_line: the title printed again below the header goes (first copy kept), so do
repeats of the metadata title and copied long paragraphs; short lines, list items, table rows
and structured repeats in the body stay."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.repeated_line import RepeatedLine
from cleaner.pipeline import Cleaner


def build(**params) -> RepeatedLine:
    return RepeatedLine("t", **validate_params(RepeatedLine, params, source=None, rule_id="t"))


def run(text: str, metadata: dict | None = None, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text, dict(metadata or {})))


TITLE = "Harbour ferry fares rise for the summer season"

LONG_PARAGRAPH = (
    "The committee found that the drainage plan had been approved without a full survey of the "
    "riverbank, and it recommended that the council commission an independent review before any "
    "further money is spent on the project this year."
)


def test_title_repeated_below_the_header_is_dropped_and_first_copy_kept():
    text = f"{TITLE}\nBusiness\n{TITLE}\nThe operator said on Tuesday that fares will rise.\n"
    doc = run(text)
    assert doc.text == f"{TITLE}\nBusiness\nThe operator said on Tuesday that fares will rise.\n"
    assert len(doc.changes) == 1


def test_title_repeat_with_trailing_spaces_counts_as_the_same_line():
    text = f"{TITLE}\nBusiness\n{TITLE}   \nThe operator said fares will rise.\n"
    assert run(text).text == f"{TITLE}\nBusiness\nThe operator said fares will rise.\n"


def test_title_repeat_with_different_inner_spacing_counts_as_the_same_line():
    spaced = TITLE.replace(" ", "  ")
    text = f"{TITLE}\n\n{spaced}\n\nThe operator said fares will rise.\n"
    assert run(text).text == f"{TITLE}\n\n\nThe operator said fares will rise.\n"


def test_head_line_repeated_far_down_in_the_body_is_dropped():
    text = (f"{TITLE}\n\nThe operator said fares will rise by a tenth.\n\n"
            "Commuters were unhappy with the change.\n\n"
            f"{TITLE}\n")
    out = run(text).text
    assert out.count(TITLE) == 1
    assert out.startswith(TITLE + "\n")


def test_line_equal_to_metadata_title_is_kept_once_and_its_repeat_dropped():
    text = ("Business\n\nThe operator said on Tuesday that fares will rise.\n\n"
            f"{TITLE}\n\nCommuters were unhappy.\n\n{TITLE}\n")
    doc = run(text, metadata={"title": TITLE})
    assert doc.text.count(TITLE) == 1
    assert doc.text.index(TITLE) == text.index(TITLE)


def test_metadata_title_matches_regardless_of_case_and_spacing():
    text = f"Business\n\nSome body sentence here.\n\n{TITLE}\n\n{TITLE.upper()}\n"
    doc = run(text, metadata={"title": "  " + TITLE.lower().replace(" ", "  ") + " "})
    assert doc.text.count(TITLE) == 1
    assert TITLE.upper() not in doc.text


def test_single_line_equal_to_metadata_title_is_kept():
    text = f"Business\n\n{TITLE}\n\nThe operator said fares will rise.\n"
    assert run(text, metadata={"title": TITLE}).text == text


def test_metadata_title_is_ignored_when_use_title_is_off():
    text = ("Business\n\nThe operator said on Tuesday that fares will rise.\n\n"
            f"{TITLE}\n\nCommuters were unhappy.\n\n{TITLE}\n")
    assert run(text, metadata={"title": TITLE}, use_title=False).text == text


def test_paragraph_printed_twice_in_a_row_is_dropped_and_first_copy_kept():
    text = (f"{TITLE}\n\n{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}\n\nThe council has not yet replied.\n\n"
            "A decision is expected in June.\n")
    out = run(text).text
    assert out.count(LONG_PARAGRAPH) == 1
    assert out.index(LONG_PARAGRAPH) == text.index(LONG_PARAGRAPH)
    assert "A decision is expected in June." in out


def test_run_of_paragraphs_printed_twice_in_order_is_dropped():
    other = LONG_PARAGRAPH.replace("council", "county board")
    text = (f"{TITLE}\n\nBy a staff reporter.\n\n{LONG_PARAGRAPH}\n\n{other}\n\nThe council has not yet "
            f"replied.\n\n{LONG_PARAGRAPH}\n\n{other}\n")
    out = run(text).text  # the blank lines left at the end are the blank-lines rule's to trim
    assert out.rstrip("\n") == (f"{TITLE}\n\nBy a staff reporter.\n\n{LONG_PARAGRAPH}\n\n{other}\n\nThe council "
                                "has not yet replied.")


def test_long_paragraph_coming_back_alone_further_down_is_kept():
    # A refrain, or an instruction a recipe repeats: the author's, not the page's furniture.
    text = (f"{TITLE}\n\nBy a staff reporter.\n\n{LONG_PARAGRAPH}\n\nThe council has not yet replied.\n\n"
            f"{LONG_PARAGRAPH}\n\nA decision is expected in June.\n")
    assert run(text).text == text


@pytest.mark.parametrize("lines", [
    ["“Yes.”", "“Yes.”"],
    ["Yes.", "Yes."],
    ["“Probably.”", "“Probably.”"],
    ["No comment.", "No comment."],
], ids=["quoted-yes", "yes", "probably", "no-comment"])
def test_short_repeated_dialogue_lines_are_kept(lines):
    text = "Dinner at the lighthouse\n\n“Will it rain?” she asked.\n\n" + "\n\n".join(lines) + "\n"
    assert run(text).text == text


def test_short_title_coming_back_as_a_refrain_is_kept():
    text = "Low water\n\nThe river drops below the stones,\nthe herons wait.\nLow water\n\nLow water\n"
    assert run(text).text == text


def test_a_refrain_equal_to_the_title_inside_its_stanzas_is_kept():
    # A song or poem whose title is its refrain: each copy stands among the lines of a stanza,
    # deep in the text, where no page prints its headline again.
    text = ("Carry me down to the river\n\nVerse 1\nI walked the road from Ashby town\nwith nothing but my "
            "name\nCarry me down to the river\ncarry me home again\n\nVerse 2\nThe fields were gold, the "
            "sky was grey\nand no one knew my face\nCarry me down to the river\ncarry me home again\n")
    assert run(text).text == text


def test_a_stanza_sung_again_near_the_top_keeps_every_line():
    # The first lines of a song come back with the lines after them: a verse sung twice, not a
    # headline printed again (which comes back alone, or before other words than its own).
    verse = "Row, row, row your boat\nGently down the stream\nMerrily, merrily, merrily, merrily\nLife is but a dream\n"
    text = f"{verse}\n{verse}"
    assert run(text).text == text


def test_a_header_block_printed_twice_in_a_row_loses_its_second_title():
    text = f"{TITLE}\nFares and timetables\n{TITLE}\nFares and timetables\nThe operator said fares will rise.\n"
    assert run(text).text == f"{TITLE}\nFares and timetables\nThe operator said fares will rise.\n"


@pytest.mark.parametrize("item", [
    "- Bring a water bottle to every session",
    "* Bring a water bottle to every session",
    "  • Bring a water bottle to every session",
    "1. Bring a water bottle to every session",
    "> Bring a water bottle to every session, she wrote.",
    "| Monday | rest day for the legs | easy walk |",
], ids=["dash", "star", "bullet", "numbered", "quote", "table-row"])
def test_repeated_list_items_and_table_rows_are_kept(item):
    text = f"{item}\nA plan for the first month of training\n{item}\n{item}\n"
    assert run(text).text == text


def test_structured_repeats_in_the_body_are_kept():
    text = (
        "Weekly hydration plan for new runners\n"
        "A simple routine for the first month.\n\n"
        "Monday: easy run\n"
        "Drink 20–30 minutes before your workout\n"
        "Sip water during the warm-up\n\n"
        "Wednesday: intervals\n"
        "Drink 20–30 minutes before your workout\n"
        "Sip water during the warm-up\n\n"
        "Saturday: long run\n"
        "Drink 20–30 minutes before your workout\n"
        "Sip water during the warm-up\n"
    )
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_repeated_body_sentence_shorter_than_a_paragraph_is_kept():
    line = "Available from the museum shop and online."
    text = (f"{TITLE}\n\nThe first print is a harbour at dawn.\n{line}\n\n"
            f"The second print shows the ferry.\n{line}\n")
    assert run(text).text == text


def test_long_repeated_line_without_final_punctuation_in_body_is_kept():
    line = LONG_PARAGRAPH.rstrip(".")
    text = f"{TITLE}\n\nIntro sentence.\n\n{line}\n\nMiddle.\n\n{line}\n"
    assert run(text).text == text


def test_cleaning_twice_changes_nothing_more():
    text = (f"{TITLE}\nBusiness\n{TITLE}\n\n{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}\n\n“Yes.”\n\n“Yes.”\n\n"
            "- Bring a water bottle\n- Bring a water bottle\n")
    once = run(text, metadata={"title": TITLE})
    assert len(once.changes) == 2
    twice = run(once.text, metadata={"title": TITLE})
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_drops_the_repeated_title_and_keeps_the_section_label():
    text = f"{TITLE}\n\nBusiness\n\n{TITLE}\n\nThe operator said fares will rise.\n"
    result = Cleaner.from_rules("default").clean(text)
    assert result.text == f"{TITLE}\n\nBusiness\n\nThe operator said fares will rise.\n"
