"""repeated_banner: a line that is one phrase repeated with separators goes; prose, tables,
URLs and lines of different phrases stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.repeated_banner import RepeatedBanner
from cleaner.pipeline import Cleaner


def build(**params) -> RepeatedBanner:
    return RepeatedBanner("t", **validate_params(RepeatedBanner, params, source=None, rule_id="t"))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


def framed(line: str) -> str:
    return f"The ferry left at noon.\n{line}\nPassengers waited on the quay.\n"


FRAME_WITHOUT_LINE = "The ferry left at noon.\nPassengers waited on the quay.\n"

BANNERS = [
    "Google Ads | Google Ads | Google Ads",
    "Sponsored • Sponsored • Sponsored",
    "Shop Now — Shop Now",
    "Ad || Ad || Ad",
    "Order Now · Order Now · Order Now",
    "Watch Live – Watch Live",
    "Subscribe / Subscribe / Subscribe",
    "Top Stories » Top Stories",
    "Support local journalism | Support local journalism | Support local journalism",
]


@pytest.mark.parametrize("line", BANNERS)
def test_banner_line_is_removed_and_neighbours_kept(line):
    assert run(framed(line)).text == FRAME_WITHOUT_LINE


@pytest.mark.parametrize("line", ["Ads | Ads |", "Deals • Deals • Deals •", "Offers | Offers | "])
def test_banner_with_trailing_separator_is_removed(line):
    assert run(framed(line)).text == FRAME_WITHOUT_LINE


@pytest.mark.parametrize("line", [
    "SHOP NOW · Shop now · shop now",
    "google ads | GOOGLE ADS | Google Ads",
    "Sponsored • SPONSORED",
])
def test_banner_copies_differing_only_in_case_are_removed(line):
    assert run(framed(line)).text == FRAME_WITHOUT_LINE


def test_banner_with_surrounding_spaces_is_removed():
    assert run(framed("   Buy Tickets | Buy Tickets   ")).text == FRAME_WITHOUT_LINE


def test_banner_on_last_line_without_newline_is_removed():
    doc = run("Storm warning lifted.\nAds | Ads | Ads")
    assert "Ads" not in doc.text
    assert doc.text.rstrip("\n") == "Storm warning lifted."
    # With the whole default set the text ends with its last paragraph and one newline.
    assert Cleaner.from_rules("default").clean("Storm warning lifted.\nAds | Ads | Ads").text == \
        "Storm warning lifted.\n"


def test_removal_is_recorded_as_a_change_with_the_whole_line():
    doc = run(framed("Order Now · Order Now"))
    assert len(doc.changes) == 1
    change = doc.changes[0]
    assert change.rule_id == "t"
    assert change.before == "Order Now · Order Now\n"
    assert change.after == ""


KEPT = [
    "Pick one: tea | coffee",
    "Pick one: tea | coffee.",
    "| 2024 | 2024 | 2025 |",
    "| 2024 | 2024 |",
    "| --- | --- |",
    "| — | — | — |",
    "| Ads | Ads |",
    "and/or",
    "Season with salt and/or pepper.",
    "https://example.com/news/news",
    "www.example.org/shop/shop",
    "1/1",
    "24/7",
    "2024 | 2024",
    "—— | ——",
    "Books / Music / Film",
    "Home | News | Sport",
    "Wins — Losses",
    "All / Weekdays / Weekends",
    "Shop Now | Shop Later",
]


@pytest.mark.parametrize("line", KEPT)
def test_line_that_is_not_a_repeated_phrase_is_kept(line):
    text = framed(line)
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_markdown_table_with_repeated_cells_is_kept():
    table = (
        "| Year | Opened | Closed |\n"
        "| --- | --- | --- |\n"
        "| 2024 | 2024 | 2025 |\n"
        "| — | — | — |\n"
    )
    text = "Branch openings by year:\n\n" + table + "\nSource: the bank.\n"
    assert run(text).text == text


def test_prose_line_with_pipe_and_slash_inside_a_sentence_is_kept():
    text = "Pick one: tea | coffee. The menu lists All / Weekdays / Weekends as filters.\n"
    assert run(text).text == text


def test_phrase_longer_than_max_phrase_length_is_kept_as_prose():
    sentence = "The river rose two metres overnight and flooded the lower town"
    text = framed(f"{sentence} | {sentence}")
    assert run(text).text == text


def test_min_repeats_raises_the_number_of_copies_needed():
    text = framed("Shop Now — Shop Now")
    assert run(text, min_repeats=3).text == text
    assert run(framed("Shop Now — Shop Now — Shop Now"), min_repeats=3).text == FRAME_WITHOUT_LINE


def test_custom_separators_replace_the_default_ones():
    assert run(framed("Deals ~ Deals ~ Deals"), separators=["~"]).text == FRAME_WITHOUT_LINE
    kept = framed("Deals | Deals | Deals")
    assert run(kept, separators=["~"]).text == kept


def test_text_without_any_separator_is_untouched():
    text = "Plain article text.\nAnother plain line.\n"
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_cleaning_twice_changes_nothing_more():
    text = (
        "Google Ads | Google Ads | Google Ads\n"
        "Harbour ferry fares rise\n"
        "Sponsored • Sponsored • Sponsored\n"
        "Pick one: tea | coffee\n"
        "| 2024 | 2024 | 2025 |\n"
        "Ads | Ads |\n"
        "and/or 1/1 https://example.com/a/a\n"
    )
    once = run(text)
    assert once.changes  # the banners went
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_bundled_ads_banner_rule_removes_banner():
    result = Cleaner.from_rules("ads").clean(framed("Advertisement | Advertisement | Advertisement"))
    assert result.text == FRAME_WITHOUT_LINE
    assert [c.rule_id for c in result.changes] == ["ads.banner"]


_WORDS = st.sampled_from(["Ads", "Google Ads", "ads", "x" * 30, "a long phrase of prose " * 3, "ß", " ", ""])
_SEPARATORS = st.sampled_from([" | ", "|", " / ", "::", ":", " — ", "•", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=6), max_size=5))
def test_the_lines_removed_are_those_a_walk_over_every_line_finds(lines):
    # find() jumps between separators and skips lines whose first separator stands far in; the
    # answer must be that of asking is_banner of every line.
    text = "\n".join("".join(word + sep for word, sep in line) for line in lines)
    rule = build()
    removed = {edit.start for edit in rule.find(Document(text))}
    start, expected = 0, set()
    for line in text.split("\n"):
        if rule.is_banner(line):
            expected.add(start)
        start += len(line) + 1
    assert removed == expected
