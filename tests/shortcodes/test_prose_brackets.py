"""The shortcodes kind and brackets of prose: a bracket is deleted only when it is a real
shortcode. Brackets holding a URL or an ``=`` stay (issue 15, item 1), a value right after the
name opens an enclosing tag (item 2), odd spaces separate attributes with the ``shortcodes`` set
alone (item 6), and a bracket whose attributes read as a sentence stays even when its first
word is a tag's name, while real shortcodes of those names still go (item 5)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.kinds.shortcodes import Shortcodes

SHORTCODES = Cleaner.from_rules("shortcodes")
RULE = next(r for r in SHORTCODES.rules if r.id == "shortcodes.resolve")
assert isinstance(RULE, Shortcodes)

BEFORE = "The ferry returned to the harbour on Tuesday."
AFTER = "Passengers queued along the quay from early morning."


def run(text: str) -> Document:
    return Cleaner.clean_document_with([RULE], Document(text))


def resolve(text: str) -> str:
    return run(text).text


def between(middle: str) -> str:
    return f"{BEFORE}\n\n{middle}\n\n{AFTER}\n"


# --- brackets of prose stay; attributes read as WordPress reads them ---------------------------

PROSE_WITH_EQUALS = [
    "Figures are from the report [see https://example.org/report?id=7] published in May.",
    "The archive [https://example.org/search?q=harbour&year=2019] lists every crossing.",
    "Participants [n=120] were asked twice [N = 118 the second time].",
    "The limit [max=5 per household] applied all week.",
]


@pytest.mark.parametrize("text", PROSE_WITH_EQUALS, ids=lambda s: s[:40])
def test_a_bracket_of_prose_with_an_equals_sign_stays(default_cleaner, text):
    assert resolve(text) == text
    assert text in default_cleaner.clean(between(text)).text


def test_a_value_right_after_the_name_opens_an_enclosing_tag():
    assert resolve("x [quote=John]Hi there[/quote] y") == "x\n\nHi there\n\ny"
    assert resolve("x [highlight=yellow]bright[/highlight] y") == "x bright y"


@pytest.mark.parametrize("space", ["\u200b", "\u00a0", "\u2009", "\ufeff"])
def test_odd_spaces_between_attributes_with_the_shortcodes_set_alone(space):
    assert SHORTCODES.clean(f'[vc_custom_heading{space}text="Harbour News"{space}font_container="tag:h2"]').text \
        .strip() == "Harbour News"
    assert SHORTCODES.clean(f'{BEFORE}\n[gallery ids="1"{space}columns="2"]\n{AFTER}').text == f"{BEFORE}\n{AFTER}"


# --- brackets of prose that start with a tag's name -------------------------------------------

PROSE_STARTING_WITH_A_TAG_NAME = [
    "[Video call from the Harbour Master, Port Ellis. Connection fee waived.]",
    "[Gallery notice: the east wing closes at five today.]",
    "[video call from the harbour master, port ellis. connection fee waived.]",
    "[gallery notice: the east wing closes at five today.]",
    "“I love [video games] more than anything,” she said.",
    "The clip [audio unavailable in your region] was removed.",
    "[ad break over, back to the studio]",
    "[embed removed by the editor]",
    "[tweet deleted]",
    "Smith, J. (2019). Harbour tides [Video]. Harbour Channel.",
    "Smith, J. (2019). Harbour tides [video file]. Harbour Channel.",
    "[quote from the minister, who declined to be named]",
    "[caption competition: send us your best line!]",
    "[newsletter sign-ups doubled this year]",
    "[spoiler alert: the ferry sinks.]",
    "[tab to continue]",
]


@pytest.mark.parametrize("text", PROSE_STARTING_WITH_A_TAG_NAME, ids=lambda s: s[:40])
def test_a_bracket_of_prose_starting_with_a_tag_name_stays(default_cleaner, text):
    doc = run(text)
    assert doc.text == text and doc.changes == []
    result = default_cleaner.clean(between(text))
    assert [c for c in result.changes if c.rule_id == "shortcodes.resolve"] == []
    assert text in result.text


def test_a_prose_opener_does_not_take_the_closer_of_a_real_one():
    text = "[quote]Outer words [quote from the minister, who said] inner words[/quote]"
    assert resolve(text) == "Outer words [quote from the minister, who said] inner words"


def test_a_prose_opener_keeps_its_words_when_a_stray_closer_follows():
    out = resolve("[quote from the minister, who said]We will sail.[/quote]")
    assert out == "[quote from the minister, who said]We will sail."


@pytest.mark.parametrize("text", [
    "[video]",
    '[video width="640" src="https://media.example.org/a.mp4"]',
    "[youtube https://youtu.be/dQw4]",
    "[tweet 1234567890]",
    '[contact-form-7 404 "Not Found"]',
    "[gallery link=file columns=3]",
    "[embed]https://youtu.be/x[/embed]",
    "[ad 300x250]",
])
def test_real_shortcodes_of_those_names_still_go(text):
    assert resolve(f"{BEFORE} {text} {AFTER}") == f"{BEFORE} {AFTER}"


@pytest.mark.parametrize("text,expected", [
    # One flag word in an enclosing tag is markup (theme column shortcodes).
    ("[one_half last]Left column.[/one_half]", "Left column."),
    ("[toggle open]Hidden words.[/toggle]", "Hidden words."),
    # An unknown tag with a name=value attribute is a shortcode, unless it reads as a sentence.
    ('[mystery_widget id="3" compact]', ""),
])
def test_flag_words_in_real_shortcodes(text, expected):
    assert resolve(text).strip() == expected


@pytest.mark.parametrize("text", [
    "See [see the report, page=7] for the figures.",
    "[note to self]remember the ferry times[/note]",
    # Stat blocks, maths and lists with "=": values ending in "," or ";" are prose, and an
    # unquoted value under a capitalised name is no evidence of markup.
    "Jake checked his sheet [STR=12, AGI=8] and sighed.",
    "The point [x=5, y=3] lies on the line.",
    "[HP=100/100, MP=50/50]",
    "[Level 5, exp=1200/2000]",
    "Set [a=1; b=2] first.",
    "[Image credit=Reuters]",
    "[Status hp=340 mp=120]",
])
def test_unknown_brackets_that_read_as_prose_stay(text):
    assert resolve(text) == text


@pytest.mark.parametrize("text", [
    "[table id=1 /]",
    "[insert page=123]",
    '[Best_Wordpress_Gallery id="1" gal_title="All images"]',
    '[mystery_widget id="3" title="Tides, times and fares"]',
])
def test_unknown_shortcodes_with_attributes_still_go(text):
    assert resolve(f"{BEFORE} {text} {AFTER}") == f"{BEFORE} {AFTER}"
