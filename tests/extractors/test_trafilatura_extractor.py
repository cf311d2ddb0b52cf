"""trafilatura as cleaner runs it: precision mode, and the text it must not lose there."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from cleaner.extractors import extract
from cleaner.extractors.trafilatura_extractor import extract_with_trafilatura
from cleaner.html import parse_html

PARAGRAPHS = [
    "<p>The county council voted on Tuesday to reopen the old ferry landing for the summer season, after two "
    "years in which the crossing ran only from the northern pier.</p>",
    "<p>Repairs to the slipway and the waiting room took most of the winter, and the harbour master signed "
    "them off last week after a final inspection of the mooring posts.</p>",
    "<p>The first boat leaves at seven on Saturday morning, and tickets bought at the kiosk cost the same as "
    "they did before the landing closed.</p>",
    "<p>A second vote in autumn will decide whether the landing stays open through the winter months, when "
    "storms kept it shut for weeks in earlier years.</p>",
]

# An element that is empty once trafilatura has cleaned the page (an anchor a table of contents
# jumps to, an icon, an image's wrapper, a script's wrapper, an empty bold), followed by text of
# the same block. trafilatura's precision mode deletes such elements together with the text after
# them (its standard mode keeps that text).
EMPTY_THEN_TEXT = [
    '<h2><span class="toc-anchor" id="who-pays"></span>Who pays for the landing?</h2>',
    '<h2><span id="who-pays"></span>Who pays for the landing?<span class="toc-end"></span></h2>',
    '<p><i class="icon icon-clock"><svg viewBox="0 0 8 8"><path d="M0 0h8v8z"/></svg></i> Who pays for the '
    'landing is still open, the council said.</p>',
    '<p><span><img src="pin.png" alt=""></span> Who pays for the landing is still open, the council said.</p>',
    '<p><b></b>Who pays for the landing is still open, the council said.</p>',
    '<p>The mayor put it plainly: <em></em>who pays for the landing is still open, the council said.</p>',
    '<p><span><script>track()</script></span>Who pays for the landing is still open, the council said.</p>',
]


def _page(block: str) -> str:
    return (f"<html><head><title>Ferry landing</title></head><body><article><h1>Ferry landing reopens</h1>"
            f"{PARAGRAPHS[0]}{PARAGRAPHS[1]}{block}{PARAGRAPHS[2]}<h2>What comes next</h2>{PARAGRAPHS[3]}"
            "</article></body></html>")


@pytest.mark.parametrize("block", EMPTY_THEN_TEXT)
def test_text_after_an_element_empty_once_cleaned_is_kept_in_precision_mode(block: str) -> None:
    result = extract_with_trafilatura(lxml.html.document_fromstring(_page(block)), url=None, output="text")
    assert result is not None and "pays for the landing" in result.text.casefold(), result and result.text


@pytest.mark.parametrize("block", EMPTY_THEN_TEXT)
def test_the_whole_block_comes_out_once_and_in_its_place(block: str) -> None:
    text = extract(lxml.html.document_fromstring(_page(block))).text
    lines = text.split("\n\n")
    [line] = [line for line in lines if "pays for the landing" in line.casefold()]
    fragment = lxml.html.fragment_fromstring(block)
    etree.strip_elements(fragment, "script", "svg", with_tail=False)
    expected = fragment.text_content()
    assert " ".join(line.split()) == " ".join(expected.split()), line
    assert lines.index(line) == 3, lines  # after the two paragraphs before it, before the third


def test_words_on_both_sides_of_an_empty_element_stay_apart() -> None:
    block = "<p>The landing reopens on Friday<b></b> <a href='/timetable'>with a new timetable</a> for the summer.</p>"
    text = extract(lxml.html.document_fromstring(_page(block))).text
    assert "on Friday with a new timetable" in text, text



def test_an_empty_element_nested_deeper_than_python_recursion_goes_is_read_without_it() -> None:
    depth = 5000  # the page parser nests about 2,000 of them, past Python's 1,000 frames
    block = f"<p>{'<font>' * depth}{'</font>' * depth}Who pays for the landing is still open, the council said.</p>"
    result = extract_with_trafilatura(parse_html(_page(block)), url=None, output="text")
    assert result is not None and "Repairs to the slipway" in result.text


def test_a_tables_rows_stay_together_as_one_block() -> None:
    table = ("<table><tr><th>Day</th><th>First boat</th></tr><tr><td>Saturday</td><td>07:00</td></tr>"
             "<tr><td>Sunday</td><td>08:00</td></tr></table>")
    text = extract(lxml.html.document_fromstring(_page(table))).text
    blocks = text.split("\n\n")
    [rows] = [block for block in blocks if block.startswith("|")]
    assert rows.splitlines() == ["| Day | First boat |", "|---|---|", "| Saturday | 07:00 |", "| Sunday | 08:00 |"]
    assert blocks.index(rows) == 3 and all(not block.startswith("|") for block in blocks[4:])
