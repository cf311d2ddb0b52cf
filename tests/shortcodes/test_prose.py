"""``reads_as_prose``: when a bracket that starts like a shortcode is a bracket of prose.

A real shortcode's positional attributes are URLs, ids, numbers, quoted strings, and in an
enclosing tag a flag word; prose is several plain words, often with sentence punctuation.
"""

from __future__ import annotations

import pytest

from cleaner.shortcodes.grammar import tokenize
from cleaner.shortcodes.prose import attributes_look_like_markup, reads_as_prose


def tag(text: str):
    tokens = tokenize(text)
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize("text,paired", [
    ("[video call from the harbour master, port ellis.]", False),
    ("[video call from the harbour master]", True),
    ("[gallery notice: the east wing closes at five today.]", False),
    ("[video games]", False),
    ("[tweet deleted]", False),
    ("[gallery closed.]", True),
    ("[quote from the minister]", True),
    ("[video (2019) highlights from the final]", False),
    ("[audio unavailable in your region]", False),
    # An unquoted value ending in "," or ";" is a list in prose.
    ("[video 1, 2]", False),
])
def test_prose(text, paired):
    assert reads_as_prose(tag(text), paired=paired)


@pytest.mark.parametrize("text,paired", [
    ("[gallery]", False),
    ("[video]", True),
    ("[youtube https://youtu.be/dQw4]", False),
    ("[tweet 1234567890]", False),
    ("[test-shortcode-tag 123 https://wordpress.org/ 0 \"foo\" bar]", False),
    ("[unittest link https://unit.test/ /]", False),
    ('[contact-form-7 404 "Not Found"]', False),
    ('[su_tooltip "Hover me over the harbour, please." position=top]', False),
    ("[one_half last]", True),
    ("[quote=John]", True),
    ('[video call from the harbour master src="a.mp4"]', False),
    ("[/video]", False),
])
def test_markup(text, paired):
    assert not reads_as_prose(tag(text), paired=paired)


@pytest.mark.parametrize("text,paired", [("[STR=12, AGI=8]", False), ("[x=5; y=3]", True)])
def test_for_an_unregistered_name_a_list_outweighs_a_named_attribute(text, paired):
    assert reads_as_prose(tag(text), paired=paired, named_count=False)
    assert not reads_as_prose(tag(text), paired=paired)


def test_for_an_unregistered_name_a_sentence_outweighs_a_named_attribute():
    bracket = tag("[see the report, page=7]")
    assert not reads_as_prose(bracket, paired=False)
    assert reads_as_prose(bracket, paired=False, named_count=False)
    assert not reads_as_prose(tag('[mystery_widget id="3" compact]'), paired=False, named_count=False)


@pytest.mark.parametrize("text,markup", [
    ('[mystery_widget id="3"]', True),
    ("[table id=1 /]", True),
    ('[Best_Wordpress_Gallery id="1"]', True),
    ("[Image credit=Reuters]", False),
    ("[Status hp=340 mp=120]", False),
    ("[see https://example.org/?id=7]", False),
])
def test_attributes_look_like_markup(text, markup):
    assert attributes_look_like_markup(tag(text)) is markup
