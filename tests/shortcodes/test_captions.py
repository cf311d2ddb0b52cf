"""Captions as a reader saw them: the old format's ``caption`` attribute (issue 15, item 3) and
inline HTML removed without a space before the punctuation after it (item 4)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.document import Document

RULE = next(r for r in Cleaner.from_rules("shortcodes").rules if r.id == "shortcodes.resolve")


def resolve(text: str) -> str:
    return Cleaner.clean_document_with([RULE], Document(text)).text


IMG = """<img src="pic.jpg" id='anId' alt="pic"/>"""
HTML_CAPTION = """A <strong class='classy'>bolded</strong> <em>caption</em> with a <a href="#">link</a>."""


@pytest.mark.parametrize("text,expected", [
    # The old format: the caption is an attribute (issue 15, item 3).
    (f'[caption id="attachment_7" align="alignnone" width="20" caption="A simple caption."]{IMG}[/caption]',
     "A simple caption."),
    (f"[wp_caption width=”300″ caption=”A simple caption.”]{IMG}[/wp_caption]", "A simple caption."),
    (f"[caption width=\"20\" caption='{HTML_CAPTION.replace(chr(39), chr(34))}']{IMG}[/caption]",
     "A bolded caption with a link."),
    # Both an attribute and text after the image: WordPress shows the text, then the caption.
    (f'[caption width="20" caption="Alternate caption."]{IMG} The quay at dawn[/caption]',
     "The quay at dawn\nAlternate caption."),
    # An empty caption attribute: the content is what shows.
    (f'[caption width="20" caption=""]{IMG} The quay at dawn[/caption]', "The quay at dawn"),
])
def test_caption_attribute(text, expected):
    assert resolve(text) == expected


@pytest.mark.parametrize("content,expected", [
    # Inline tags go without a space before the punctuation after them (issue 15, item 4).
    (f"{IMG}{HTML_CAPTION}", "A bolded caption with a link."),
    (f"<a href='#'>{IMG}</a>{HTML_CAPTION}", "A bolded caption with a link."),
    (f"<a href='#'>{IMG}</a>\n\n{HTML_CAPTION}", "A bolded caption with a link."),
    (f"{IMG}The <span class=\"x\">quay</span>’s <b>east</b>-side steps, <i>at dawn</i>!",
     "The quay’s east-side steps, at dawn!"),
    # Block tags and line breaks still separate words.
    (f"{IMG}<p>First line</p><p>Second line</p>", "First line Second line"),
    (f"{IMG}Harbour<br>at dawn<br/>in May", "Harbour at dawn in May"),
    # A comparison is not a tag.
    (f"{IMG} Depth x < 5 m and y > 3 m", "Depth x < 5 m and y > 3 m"),
])
def test_caption_html_is_removed_as_a_browser_shows_it(content, expected):
    assert resolve(f'[caption width="20"]{content}[/caption]') == expected
