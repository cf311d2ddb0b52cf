"""The pipeline: edits applied in one pass, every change recorded, idempotent, deterministic."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Document
from cleaner.document import Edit
from cleaner.pipeline import apply_edits
from tests.strategies import fuzz, well_edited

WORD = re.compile(r"\w+")


def test_apply_edits_replaces_spans_and_records_each_change() -> None:
    text, changes = apply_edits("one; two; three", [Edit(8, 9, ","), Edit(3, 4, "")], "r")
    assert text == "one two, three"
    assert [(c.rule_id, c.start, c.before, c.after) for c in changes] == [("r", 3, ";", ""), ("r", 8, ";", ",")]


def test_apply_edits_skips_an_edit_overlapping_an_earlier_one() -> None:
    text, changes = apply_edits("abcdef", [Edit(0, 3, "X"), Edit(2, 4, "Y")], "r")
    assert text == "Xdef"
    assert len(changes) == 1


def test_apply_edits_ignores_edits_that_change_nothing() -> None:
    text, changes = apply_edits("abc", [Edit(0, 1, "a")], "r")
    assert text == "abc" and changes == []


def test_library_call_returns_text_changes_and_metadata(default_cleaner) -> None:
    result = default_cleaner.clean("Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nIt rained all week.\n")
    assert result.text == "It rained all week.\n"
    assert {c.rule_id for c in result.changes} >= {"structure.header-date", "ads.banner"}
    assert result.metadata["scraped_date"] == "2025-10-21"


def test_clean_document_keeps_source_and_metadata() -> None:
    cleaner = Cleaner.from_rules("whitespace")
    doc = cleaner.clean_document(Document("a\u200bb\n", {"url": "https://example.org/x"}, source="x.txt"))
    assert doc.text == "ab\n"
    assert doc.source == "x.txt" and doc.metadata["url"] == "https://example.org/x"
    assert doc.changes[0].to_dict()["rule"] == "whitespace.odd-spaces"


def test_disabled_rule_does_not_run() -> None:
    cleaner = Cleaner.from_rules("default", disable=["ads.banner"])
    assert "Ads | Ads" in cleaner.clean("Ads | Ads | Ads\n\nText here.\n").text


# Fragments that exercise every rule of the default set, in any order.
FRAGMENTS = [
    "The council met on Tuesday", "and voted", "to close the depot", ";", ",", ".", " ", "\n", "\n\n",
    "Advertisement", "Google Ads | Google Ads | Google Ads", "Story continues below advertisement",
    "which", "who", "however,", "in the city", "Maria Lopez", "the budget director", "“", "”",
    "\u00a0", "\u200b", "itâ€™s", "Tue, 21-Oct-2025", "2025-10-21", "[sic]", "[1]", "| 2024 | 2024 |",
    "12 Comments", "Share this:EmailFacebookTwitter", "following the vote", "but", "so",
    "It was late; the shop had closed.", "https://example.org/a;b", "&amp;", ";)", "TL;DR",
    "After the flood, the town rebuilt its bridge over two summers",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=60).map(lambda parts: "".join(
    p if p in {";", ",", ".", " ", "\n", "\n\n"} else f" {p}" for p in parts))


@pytest.mark.property
@fuzz
@given(texts)
def test_cleaning_is_idempotent(text: str) -> None:
    cleaner = _default()
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once


@pytest.mark.property
@fuzz
@given(texts)
def test_no_word_disappears_without_a_change_record(text: str) -> None:
    result = _default().clean(text)
    missing = Counter(WORD.findall(text)) - Counter(WORD.findall(result.text))
    accounted: Counter[str] = Counter()
    for change in result.changes:
        accounted += Counter(WORD.findall(change.before))
    assert not (missing - accounted), f"words lost without a record: {missing - accounted}"


@pytest.mark.property
@fuzz
@given(st.text(max_size=400))
def test_cleaning_any_unicode_text_never_raises(text: str) -> None:
    result = _default().clean(text)
    assert isinstance(result.text, str)


@pytest.mark.property
@given(texts)
@settings(max_examples=50, deadline=None)
def test_cleaning_is_deterministic(text: str) -> None:
    assert _default().clean(text).text == Cleaner.from_rules("default").clean(text).text


_CACHE: dict[str, Cleaner] = {}


def _default() -> Cleaner:
    if "default" not in _CACHE:
        _CACHE["default"] = Cleaner.from_rules("default")
    return _CACHE["default"]


@pytest.mark.property
@fuzz
@given(well_edited)
def test_well_edited_text_comes_out_unchanged(text: str) -> None:
    result = _default().clean(text)
    assert result.text == text, [c.to_dict() for c in result.changes]


def test_clean_html_takes_the_no_article_and_timeout_its_errors_name(default_cleaner) -> None:
    import pytest as _pytest

    from cleaner.errors import InputError
    from cleaner.html import ExtractionTooSlow, NoArticle

    scripts = "<html><head><script>var a = 1;</script></head><body>" + "<script>track('x')</script>" * 50 + \
        "</body></html>"
    with _pytest.raises(NoArticle, match='no_article="text"'):
        default_cleaner.clean_html(scripts)
    with _pytest.raises(InputError, match="no text in the page at all"):  # the keyword reached extraction
        default_cleaner.clean_html(scripts, no_article="text")
    page = "<html><body><article>" + "<p>The quay reopens on Monday after the works.</p>" * 3 + "</article></body></html>"
    assert "quay reopens" in default_cleaner.clean_html(page, timeout=30).text
    import cleaner.html as html

    def too_slow(*args, **kwargs):
        raise html.ExtractionTimeout()

    with _pytest.MonkeyPatch.context() as patch:
        patch.setattr(html, "extract", too_slow)
        with _pytest.raises(ExtractionTooSlow, match="timeout="):
            default_cleaner.clean_html(page, timeout=1)


def test_cleaning_leaves_the_garbage_collector_as_the_caller_set_it(monkeypatch, default_cleaner) -> None:
    # The collector is process-wide: a library that switched it off and on while cleaning raced
    # with a threaded caller, and turned it back on after a caller had switched it off.
    import gc

    calls = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
    text = "Google Ads | Google Ads | Google Ads\n\nThe ferry runs twice a day; but the winter timetable is thinner.\n"
    default_cleaner.clean(text)
    list(default_cleaner.stages(Document(text)))
    assert calls == []
