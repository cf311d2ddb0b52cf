"""The line-level rules' prefilters never skip a line the rule would change: over generated
texts, each rule gives exactly what a plain walk over every line gives (the rule as it was
before it picked its candidate lines from the shared line index and C-level searches)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.kinds.ad_label import AdLabel, _normalise, _stands_apart
from cleaner.kinds.base import line_removal
from cleaner.kinds.line_index import LineIndex, forget_line_index, line_index
from cleaner.kinds.line_pattern import LinePattern
from cleaner.kinds.repeated_banner import RepeatedBanner
from cleaner.pipeline import Cleaner
from tests.strategies import fuzz

pytestmark = pytest.mark.property

RULES = {rule.id: rule for rule in Cleaner.from_rules("default").rules}

# Pieces that the rules look for, in several cases and decorations, among plain prose.
PIECES = [
    "Advertisement", "ADVERTISEMENT", "- Advertisement -", "aDvErTiSeMeNt", "Ad", "ads", "Sponsored Content",
    "Story continues below advertisement", "Advertisement - Continue Reading Below", "continue reading the main story",
    "Реклама", "广告", "Google Ads | Google Ads", "Sponsored • Sponsored • Sponsored", "| 2024 | 2024 |",
    "a/b/a", "Read more: the council", "12 Comments", "Like this:Like Loading...", "We use cookies to improve "
    "your experience. Accept", "We use CoOkies; accept", "This post contains affiliate links.",
    "As an Amazon Associate I earn from qualifying purchases.", "Share this:EmailFacebookTwitter",
    "The council met — twice — on Tuesday: a long day.", "  ", "\t", "::", "»", "It rained; which surprised nobody.",
    "ſhare thiſ", "İ", "x" * 70 + " | " + "x" * 70,
]
_line = st.one_of(st.sampled_from(PIECES), st.text(max_size=40),
                  st.lists(st.sampled_from(PIECES), min_size=2, max_size=3).map(" ".join))
TEXTS = st.lists(_line, max_size=12).map("\n".join)


def applied(rule, text: str) -> tuple:
    doc = Document(text)
    return tuple(rule.find(doc)), tuple(doc.warnings)


_KEY = str.maketrans("", "", " \t\r\n\u00a0\u2009\u202f-–—_=*•·|:.()[]<>«»~")


def plain_inline_windows(rule: AdLabel, text: str) -> list:
    windows = []
    for word in rule._inline_words:
        for variant in {word, word.capitalize(), word.upper()}:
            pos = text.find(variant)
            while pos != -1:
                windows.append((max(0, pos - rule._inline_reach), min(len(text), pos + rule._inline_reach)))
                pos = text.find(variant, pos + 1)
    return sorted(windows)


def plain_ad_label_find(rule: AdLabel, text: str) -> list:
    """The rule as a walk over every line, with a search for each spelling of the inline words."""
    matches, cursor = [], 0
    for start, end in plain_inline_windows(rule, text):
        for m in rule._inline.finditer(text, max(start, cursor), end):
            if m.start() >= cursor:
                cursor = m.end()
                matches.append(m)
    glued = []
    for m in matches:
        if _stands_apart(text, m) or (glued and glued[-1].end() == m.start()):
            glued.append(m)
    glued_lines = {}
    for m in glued:
        glued_lines.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append(m)
    edits, start = [], 0
    for line in text.split("\n"):
        line_start, start = start, start + len(line) + 1
        if 0 < len(line) <= rule._max_len and line_start not in glued_lines \
                and line.translate(_KEY).lower() in rule._keys and _normalise(line) in rule._labels:
            edits.append(line_removal(line_start, min(start, len(text))))
    for start, in_line in glued_lines.items():
        edits.extend(rule._glued_line_edits(text, start, in_line))
    return edits


@fuzz
@given(TEXTS)
def test_ad_label_finds_what_a_walk_over_every_line_finds(text):
    rule = RULES["ads.label"]
    assert rule.find(Document(text)) == plain_ad_label_find(rule, text)


@fuzz
@given(TEXTS)
def test_ad_label_searches_the_same_windows_as_three_spellings_would(text):
    rule = RULES["ads.label"]
    windows = []
    for needle, heads in rule._inline_searches:
        pos = text.find(needle)
        while pos != -1:
            if not heads:
                windows.append((max(0, pos - rule._inline_reach), min(len(text), pos + rule._inline_reach)))
            elif pos and text[pos - 1] in heads:
                windows.append((max(0, pos - 1 - rule._inline_reach), min(len(text), pos - 1 + rule._inline_reach)))
            pos = text.find(needle, pos + 1)
    assert sorted(windows) == plain_inline_windows(rule, text)


@fuzz
@given(TEXTS, st.sampled_from([[], [" - "], ["|", "::"]]))
def test_repeated_banner_finds_every_banner_line(text, separators):
    rule = RULES["ads.banner"] if not separators else RepeatedBanner("t", separators=separators, min_repeats=2,
                                                                      max_phrase_length=60)
    expected, start = [], 0
    for line in text.split("\n"):
        line_start, start = start, start + len(line) + 1
        if rule.is_banner(line):
            expected.append(line_removal(line_start, min(start, len(text))))
    assert rule.find(Document(text)) == expected


@fuzz
@given(TEXTS, st.sampled_from(["ads.furniture", "ads.notices"]))
def test_line_pattern_tries_every_line_that_could_match(text, rule_id):
    rule = RULES[rule_id]
    expected, start = [], 0
    for line in text.split("\n"):
        line_start, start = start, start + len(line) + 1
        stripped = line.strip()
        if stripped and len(line) <= rule.max_length + 8 and len(stripped) <= rule.max_length \
                and rule._fullmatch(stripped, timeout=1.0) \
                and (not rule._hints or any(h in line.lower() for h in rule._hints)):
            expected.append(line_removal(line_start, min(start, len(text))))
    assert rule.find(Document(text)) == expected


def test_a_hint_is_found_in_any_case():
    rule = LinePattern("t", patterns=["we use cookies.*"], hints=["cookie"], max_length=200, case_sensitive=False,
                       timeout_ms=200, engine="re")
    text = "Intro.\nWe use CoOkies here.\nEnd."
    assert [(e.start, e.end) for e in rule.find(Document(text))] == [(7, 28)]


@fuzz
@given(st.text(alphabet="ab \n", max_size=60), st.integers(min_value=0, max_value=6))
def test_line_index_matches_a_plain_split(text, limit):
    index = LineIndex(text)
    starts, start = [], 0
    for line in text.split("\n"):
        starts.append(start)
        start += len(line) + 1
    assert index.lines == text.split("\n")
    assert index.starts == starts
    assert [index.end_of(i) for i in range(len(starts))] == [min(s + len(l) + 1, len(text))
                                                            for s, l in zip(starts, index.lines)]
    assert index.short_lines(limit) == [(i, l) for i, l in enumerate(index.lines) if 0 < len(l) <= limit]


def test_line_index_is_shared_while_the_text_is_the_same_string():
    text = "one\ntwo\n"
    first = line_index(text)
    assert line_index(text) is first
    other = "".join(["one\n", "two\n"])  # equal, but another string: a new index
    assert line_index(other) is not first and line_index(other).lines == first.lines
    forget_line_index()
    assert line_index(other) is not first
