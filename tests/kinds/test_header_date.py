"""header_date: a lone date stamp at the top of a page goes to metadata 'scraped_date' (ISO
when parseable); dates in the body, sentences starting with a date, bare years and invalid
dates stay."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.header_date import HeaderDate
from cleaner.pipeline import Cleaner


def build(**params) -> HeaderDate:
    return HeaderDate("t", **validate_params(HeaderDate, params, source=None, rule_id="t"))


def run(text: str, metadata: dict | None = None, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text, dict(metadata or {})))


BODY = "Council approves new budget\n\nThe vote passed seven to two on Tuesday night.\n"


@pytest.mark.parametrize("line, iso", [
    ("Tue, 21-Oct-2025", "2025-10-21"),
    ("Sat, 08-Nov-2025", "2025-11-08"),
    ("October 21, 2025", "2025-10-21"),
    ("Oct. 3, 2025", "2025-10-03"),
    ("Sept 9 2025", "2025-09-09"),
    ("March 3rd, 2025", "2025-03-03"),
    ("2025-10-21", "2025-10-21"),
    ("2025/02/07", "2025-02-07"),
    ("21 October 2025", "2025-10-21"),
    ("4 July 2024", "2024-07-04"),
    ("Monday, March 3, 2025", "2025-03-03"),
    ("Friday, 14 November 2025", "2025-11-14"),
    ("Wednesday, June 11, 2025", "2025-06-11"),
    ("TUESDAY, 21 OCTOBER 2025", "2025-10-21"),
])
def test_lone_date_on_the_first_line_goes_to_iso_metadata(line, iso):
    doc = run(f"{line}\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["scraped_date"] == iso


@pytest.mark.parametrize("line, iso", [
    ("Tue, 21-Oct-2025 14:05", "2025-10-21"),
    ("October 21, 2025 9:30 am", "2025-10-21"),
    ("October 21, 2025, 9:30 p.m.", "2025-10-21"),
    ("21 October 2025, 14:05 GMT", "2025-10-21"),
    ("2025-10-21T08:15:00Z", "2025-10-21"),
    ("2025-10-21 08:15:00 +02:00", "2025-10-21"),
    ("Monday, March 3, 2025 | 18:40", "2025-03-03"),
])
def test_date_with_a_time_is_removed_and_only_the_date_kept(line, iso):
    doc = run(f"{line}\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["scraped_date"] == iso


def test_date_after_leading_blank_lines_and_with_spaces_is_removed():
    doc = run(f"\n\n   21 October 2025  \n{BODY}")
    assert BODY in doc.text
    assert "2025" not in doc.text
    assert doc.metadata["scraped_date"] == "2025-10-21"


def test_date_shaped_line_with_ambiguous_order_is_kept_as_original_string():
    doc = run(f"21/10/2025\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["scraped_date"] == "21/10/2025"


def test_removal_is_recorded_as_a_change():
    doc = run(f"2025-10-21\n{BODY}")
    assert [(c.rule_id, c.before, c.after) for c in doc.changes] == [("t", "2025-10-21\n", "")]


def test_metadata_key_parameter_names_the_field():
    doc = run(f"2025-10-21\n{BODY}", metadata_key="published")
    assert doc.metadata == {"published": "2025-10-21"}


def test_existing_scraped_date_in_metadata_is_not_overwritten():
    doc = run(f"2025-10-21\n{BODY}", metadata={"scraped_date": "2024-01-01"})
    assert doc.metadata["scraped_date"] == "2024-01-01"


def test_two_date_lines_at_the_top_both_go_and_the_first_is_kept():
    doc = run(f"Tue, 21-Oct-2025\n2025-10-21 08:15\n{BODY}")
    assert doc.text == BODY
    assert doc.metadata["scraped_date"] == "2025-10-21"


def test_date_line_in_the_body_is_kept():
    text = ("Garden diary\n\nNotes from the allotment.\n\n14 March 2025\n\nFirst frost-free week.\n\n"
            "Saturday, 22 March 2025\n\nSowed the beans.\n\n2025-04-05\n\nRain all day.\n")
    doc = run(text)
    assert doc.text == text
    assert "scraped_date" not in doc.metadata


def test_date_below_the_headline_is_kept_by_default():
    text = "Council approves new budget\n21 October 2025\nThe vote passed.\n"
    assert run(text).text == text


def test_max_lines_lets_the_rule_look_further_down():
    text = "Council approves new budget\n21 October 2025\nThe vote passed.\n"
    doc = run(text, max_lines=2)
    assert doc.text == "Council approves new budget\nThe vote passed.\n"
    assert doc.metadata["scraped_date"] == "2025-10-21"


@pytest.mark.parametrize("first", [
    "21 October 2025 was the coldest day of the autumn.",
    "October 21, 2025: the day the river rose",
    "On 21 October 2025 the council voted.",
    "2025",
    "1999",
    "October 2025",
    "Monday",
    "Updated 3 hours ago",
    "Chapter 12",
], ids=["sentence", "headline-with-date", "on-date", "year", "old-year", "month-year", "weekday",
        "relative", "chapter"])
def test_first_line_that_is_not_only_a_date_is_kept(first):
    text = f"{first}\n{BODY}"
    doc = run(text)
    assert doc.text == text
    assert "scraped_date" not in doc.metadata


@pytest.mark.parametrize("invalid", ["2025-13-45", "2025-02-30", "February 30, 2025", "32 March 2025"])
def test_invalid_date_stays_in_the_text(invalid):
    text = f"{invalid}\n{BODY}"
    doc = run(text)
    assert doc.text == text
    assert "scraped_date" not in doc.metadata


def test_cleaning_twice_changes_nothing_more():
    once = run(f"\nMonday, March 3, 2025\n{BODY}\n14 March 2025\n")
    assert once.changes
    twice = run(once.text, metadata=once.metadata)
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_puts_the_date_in_metadata_as_iso():
    result = Cleaner.from_rules("default").clean("Tue, 21-Oct-2025\n\n" + BODY)
    assert result.text == BODY
    assert result.metadata["scraped_date"] == "2025-10-21"
