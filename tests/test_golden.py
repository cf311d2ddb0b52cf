"""Whole articles through the default rule set: invented scraped articles come out as their
expected text, and well-edited texts come out byte for byte unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ARTICLES = sorted(p for p in (FIXTURES / "articles").iterdir() if p.is_dir())
UNCHANGED = sorted((FIXTURES / "unchanged").glob("*.txt"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_scraped_article_cleans_to_expected(article: Path, default_cleaner) -> None:
    result = default_cleaner.clean(_read(article / "input.txt"))
    assert result.text == _read(article / "expected.txt")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_cleaning_an_expected_article_again_changes_nothing(article: Path, default_cleaner) -> None:
    expected = _read(article / "expected.txt")
    assert default_cleaner.clean(expected).text == expected


@pytest.mark.parametrize("text_file", UNCHANGED, ids=lambda p: p.name)
def test_well_edited_text_is_left_unchanged(text_file: Path, default_cleaner) -> None:
    text = _read(text_file)
    result = default_cleaner.clean(text)
    assert result.changes == []
    assert result.text == text


def test_there_are_enough_golden_fixtures() -> None:
    assert len(ARTICLES) >= 5
    assert len(UNCHANGED) >= 5


def test_header_date_of_a_golden_article_goes_to_metadata(default_cleaner) -> None:
    result = default_cleaner.clean(_read(FIXTURES / "articles" / "lake-sediment-study" / "input.txt"))
    assert result.metadata["scraped_date"] == "2025-10-21"
