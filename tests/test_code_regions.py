"""Code regions: fenced blocks and inline code spans, which prose rules leave alone."""

from __future__ import annotations

from cleaner.code_regions import code_spans, fenced_blocks


def test_fence_closes_only_with_its_own_character() -> None:
    text = "a\n```\nx; y\n~~~\nstill code\n```\nprose; here\n"
    (start, end), = fenced_blocks(text)
    assert text[start:end].startswith("```") and "still code" in text[start:end]
    assert "prose" not in text[start:end]


def test_unclosed_fence_runs_to_the_end() -> None:
    text = "intro\n~~~~\ncode; forever\n"
    assert fenced_blocks(text) == [(6, len(text))]


def test_code_spans_of_one_and_two_backticks() -> None:
    text = "Use `a;b` or ``x `y` z`` here; not `this"
    spans = [text[a:b] for a, b in code_spans(text)]
    assert spans == ["`a;b`", "``x `y` z``"]


def test_text_without_code_has_no_regions() -> None:
    assert fenced_blocks("plain; text") == [] and code_spans("plain; text") == []
