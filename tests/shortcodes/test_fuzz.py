"""Fuzzing the shortcode parser and the shortcode and semicolon rules with hypothesis, for a
bounded number of examples (``CLEANER_FUZZ_EXAMPLES``, 300 by default): on bracket-, quote-
and semicolon-heavy input of any shape they never raise, every change they make is a recorded
edit of the text, and resolving twice changes nothing more (``[[tag]]`` escapes aside, the one
documented exception)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.shortcodes.grammar import parse, tokenize
from tests.strategies import fuzz

pytestmark = pytest.mark.property

PIECES = ["[", "]", "/", "=", '"', "'", "”", "″", "&#8221;", "[/", "[[", "]]", " ", "\n", "caption", "gallery",
          "vc_row", "et_pb_text", "embed", "audio", "x", "id", "width=300", "src=a.mp3", "Story text", ";", ",",
          "which", "the council", "said", "However", "It rained; we left.", "`", "```\n", "<code>", "</code>",
          "\\[", "{", "}", "|",
          # The grammar's edges: a value after the name, URLs with "=", odd spaces, inline HTML in
          # captions, prose words and sentence punctuation after a tag's name.
          "=John", "quote", "https://example.org/?id=7", "\u200b", "\u00a0", "caption=", "<a href='#'>", "</a>",
          "<img src=a.jpg>", "video", "games", "from the harbour", ".", ":", "Gallery", "tweet"]
shaped = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
anything = st.text(max_size=300)

_OPEN_BEFORE_TAG = re.compile(r"\[/?[A-Za-z0-9_-]+[^\]\[]{0,200}\[")
_CLEANERS: dict[str, Cleaner] = {}


def cleaner(name: str) -> Cleaner:
    if name not in _CLEANERS:
        _CLEANERS[name] = Cleaner.from_rules(name)
    return _CLEANERS[name]


@fuzz
@given(st.one_of(shaped, anything))
def test_the_parser_never_raises_and_its_tokens_lie_inside_the_text(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert text[token.start:token.end].startswith("[")
    parse(text, is_shortcode=lambda tag, closing: True, is_self_closing=lambda name: False)


@fuzz
@given(st.one_of(shaped, anything))
def test_the_rules_never_raise_and_account_for_every_change(text: str) -> None:
    for name in ("shortcodes", "punctuation"):
        result = cleaner(name).clean(text)
        rebuilt = text
        for change in sorted(result.changes, key=lambda c: c.start, reverse=True):
            assert rebuilt[change.start:change.end] == change.before
            rebuilt = rebuilt[:change.start] + change.after + rebuilt[change.end:]
        assert rebuilt == result.text, name


@fuzz
@given(shaped)
def test_resolving_shortcodes_twice_changes_nothing_more(text: str) -> None:
    if "[[" in text or _OPEN_BEFORE_TAG.search(text):
        # Documented (README, known limits): an escaped [[tag]] prints as [tag], and an open
        # "[name" right before a tag joins the "]" after it once the tag is gone; a second
        # pass reads either. The strict xfail tests in tests/kinds/test_shortcodes.py hold them.
        return
    once = cleaner("shortcodes").clean(text).text
    assert cleaner("shortcodes").clean(once).text == once
