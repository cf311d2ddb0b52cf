"""Where a document's semicolons stand thick, by the kind of word after them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.semicolons.spread import semicolon_shares, word_kind


@pytest.mark.parametrize("word, kind", [
    ("1990", "number"), ("Leeds", "capitalised"), ("and", "coordinator"), ("But", "capitalised"),
    ("the", "lower-case"), ("yet", "coordinator"), ("été", "lower-case"), ("Émile", "capitalised"),
])
def test_each_word_has_one_kind(word, kind):
    assert word_kind(word) == kind


def test_shares_count_commas_and_semicolons_before_each_kind_of_word():
    text = "Leeds; York; Hull, Bath. It rained, and we stayed; we read, slept, “talked” and (ate); 2, 3; 4."
    shares, kind_at, overall = semicolon_shares(text)
    assert shares == {"capitalised": 2 / 3, "coordinator": 0.0, "lower-case": 1 / 3, "number": 2 / 3}
    assert overall == 5 / 10  # of all the marks, whatever the word after
    assert kind_at == {text.index("; York"): "capitalised", text.index("; Hull"): "capitalised",
                       text.index("; we"): "lower-case", text.index("; 2"): "number", text.index("; 4"): "number"}


def test_an_entity_or_a_semicolon_without_a_space_after_it_is_not_counted():
    text = "a;b x; c;\nTom &amp; the end, as; planned"
    shares, kind_at, _ = semicolon_shares(text)
    assert kind_at == {text.index("; c"): "lower-case", text.index("; planned"): "lower-case"}
    assert shares == {"lower-case": 2 / 3}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab A1;, \u00a0“(&amp\n", max_size=40))
def test_the_marks_counted_apart_are_those_of_one_pass_over_both(text):
    # The commas and the semicolons are found by two patterns; one pattern over both, as the
    # module first read them, finds the same marks.
    import re
    from collections import Counter

    from cleaner.semicolons.reading import closes_an_entity

    marks, semicolons, kind_at = Counter(), Counter(), {}
    for m in re.finditer(r"([,;])[ \u00a0][\"“‘'(\[]?(\w+)", text):
        if m.group(1) == ";" and closes_an_entity(text, m.start()):
            continue
        kind = word_kind(m.group(2))
        marks[kind] += 1
        if m.group(1) == ";":
            semicolons[kind] += 1
            kind_at[m.start()] = kind
    shares, found_at, overall = semicolon_shares(text)
    assert shares == {kind: semicolons[kind] / count for kind, count in marks.items()}
    assert found_at == kind_at
    assert overall == sum(semicolons.values()) / max(1, sum(marks.values()))
