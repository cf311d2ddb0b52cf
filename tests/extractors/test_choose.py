"""Choosing the extractor: trafilatura first, readability when trafilatura finds too little."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.extractors import extract
from cleaner.extractors.readability_extractor import blocks_to_text

ARTICLE = "".join(f"<p>Paragraph {i} tells how the harbour board planned the dredging of the inner basin "
                  f"over six weeks of winter, with the fishing fleet moved to the outer quay.</p>" for i in range(8))
PAGE = f"<html><head><title>Dredging</title></head><body><nav>Home News</nav><article>{ARTICLE}</article></body></html>"


def tree():
    return lxml.html.document_fromstring(PAGE)


@pytest.mark.parametrize("name", ["auto", "trafilatura", "readability"])
def test_each_extractor_returns_the_article(name: str) -> None:
    result = extract(tree(), extractor=name)
    assert "Paragraph 7 tells how" in result.text
    assert result.extractor.startswith(name if name != "auto" else "trafilatura")


def test_unknown_extractor_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown extractor"):
        extract(tree(), extractor="boilerpipe")


def test_blocks_become_paragraphs_and_markdown_keeps_structure() -> None:
    root = lxml.html.fragment_fromstring("<div><h2>Plan</h2><p>One.</p><ul><li>Two</li></ul>Loose</div>")
    assert blocks_to_text(root, markdown=False) == "Loose\n\nPlan\n\nOne.\n\nTwo"
    assert blocks_to_text(root, markdown=True) == "Loose\n\n## Plan\n\nOne.\n\n- Two"
