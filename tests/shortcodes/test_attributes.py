"""A tag's attributes as WordPress reads them: names of ASCII letters, digits, ``_`` and ``-``
(anything else before ``=`` makes a positional word), a value right after the name, odd and
zero-width spaces between attributes, empty quoted positionals (issue 15, items 1, 2 and 6).
The quote styles and entities a prettifier leaves are in ``test_grammar.py``."""

from __future__ import annotations

import pytest

from cleaner.shortcodes.grammar import Node, Shortcode, parse, tokenize


def only(text: str) -> Shortcode:
    tokens = tokenize(text)
    assert len(tokens) == 1, tokens
    return tokens[0]


def parse_all(text: str) -> tuple[list[Node], list[Shortcode]]:
    return parse(text, is_shortcode=lambda tag, paired: True, is_self_closing=lambda name: False)


def names(nodes: list[Node]) -> list[str]:
    return [n.tag.name for n in nodes]


@pytest.mark.parametrize("text,positional", [
    # Before "=" only ASCII letters, digits, "_" and "-" make a name; anything else is one
    # positional word, "=" and all (issue 15, item 1).
    ("[see https://example.org/report?id=7]", ["https://example.org/report?id=7"]),
    ("[see page?id=7 and more]", ["page?id=7", "and", "more"]),
    ("[see café=1]", ["café=1"]),
    ("[see a.b=1]", ["a.b=1"]),
])
def test_a_word_with_other_characters_before_equals_is_positional(text, positional):
    tag = only(text)
    assert tag.attrs == {}
    assert list(tag.positional) == positional


@pytest.mark.parametrize("text,attrs", [
    ('[x foo-bar="1" -foo-bar="2" foo--bar="3" foo_bar="4" Foo9="5"]',
     {"foo-bar": "1", "-foo-bar": "2", "foo--bar": "3", "foo_bar": "4", "foo9": "5"}),
    ('[x a\n=\n"b"]', {"a": "b"}),  # white space, newlines too, around "="
])
def test_attribute_names_letters_digits_underscore_hyphen(text, attrs):
    assert only(text).attrs == attrs


@pytest.mark.parametrize("text,positional,self_closing", [
    # A value right after the name is a positional attribute, "=" included, as WordPress
    # reads it (issue 15, item 2); "/]" still closes the tag.
    ("[quote=John]", ["=John"], False),
    ("[dumptag=https://wordpress.org/]", ["=https://wordpress.org"], True),
    ('[quote="John Smith"]', ["=John Smith"], False),
    ("[quote=John Smith]", ["=John", "Smith"], False),
])
def test_a_value_right_after_the_name_is_positional(text, positional, self_closing):
    tag = only(text)
    assert tag.name == text[1:].split("=")[0]
    assert tag.attrs == {}
    assert list(tag.positional) == positional
    assert tag.self_closing is self_closing


def test_a_closer_pairs_with_an_opener_that_has_a_value_after_its_name():
    text = "x [quote=John]Hi there[/quote] y"
    roots, orphans = parse_all(text)
    assert names(roots) == ["quote"] and orphans == []
    assert text[roots[0].content_start:roots[0].content_end] == "Hi there"


@pytest.mark.parametrize("space", ["\u200b", "\u00a0", "\u2009", "\u202f", "\u3000", "\ufeff", "&nbsp;", "&#8203;"])
def test_odd_spaces_separate_attributes(space):
    # Issue 15, item 6: zero-width and other odd spaces separate attributes as a space does,
    # even when nothing normalised them before the shortcode rule ran.
    tag = only(f'[gallery foo="bar"{space}abc="def"{space}]')
    assert tag.attrs == {"foo": "bar", "abc": "def"}
    assert only(f'[gallery{space}ids="1"]').attrs == {"ids": "1"}
    assert only(f"[/gallery{space}]").closing


def test_nbsp_and_zero_width_space_inside_a_value_read_as_a_space():
    assert only('[gallery title="Tide\u00a0tables\u200bnow"]').attrs == {"title": "Tide tables now"}


@pytest.mark.parametrize("text,positional", [
    ('[x ""]', []),
    ("[x '' foo]", ["foo"]),
])
def test_an_empty_quoted_positional_value_is_no_attribute(text, positional):
    assert list(only(text).positional) == positional
