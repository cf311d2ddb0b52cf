"""readability-lxml, the second opinion: its article HTML turned into paragraphs of text."""

from __future__ import annotations

import lxml.html
from lxml import etree

from cleaner.extractors.base import Extraction

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "figcaption",
           "section", "article", "dd", "dt", "td", "th"}
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}


def extract_with_readability(tree, *, url: str | None, output: str) -> Extraction | None:
    from readability import Document as ReadabilityDocument  # imported when first needed, as trafilatura is

    # Given the tree, not its HTML: readability would serialise and parse the page again. It
    # drops the page's hidden elements from the tree it is given and works on a copy; so it is
    # the last extractor to see the tree.
    try:
        summary = ReadabilityDocument(tree, url=url).summary(html_partial=True)
    except Exception:  # noqa: BLE001
        # readability-lxml asserts on trees it did not expect (a page that is one <script>:
        # "too many bodies") and raises its own Unparseable: either way it found no article,
        # and the page goes on to the other extractor's text or to --no-article.
        return None
    if not summary:
        return None
    try:
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    except (AssertionError, etree.ParserError):
        return None  # a summary with no body at all ("<html><head></head></html>"): no article
    text = blocks_to_text(fragment, markdown=output == "markdown")
    return Extraction(text, "readability")


def blocks_to_text(root, *, markdown: bool) -> str:
    """One paragraph per block element, in document order, blank lines between."""
    paragraphs: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element):
            # A container: its own loose text counts, its block children speak for themselves.
            own = " ".join(filter(None, [element.text] + [child.tail for child in element]))
            words = " ".join(own.split())
        else:
            words = " ".join("".join(element.itertext()).split())
        if not words:
            continue
        if markdown and element.tag in _HEADINGS:
            words = f"{_HEADINGS[element.tag]} {words}"
        elif markdown and element.tag == "li":
            words = f"- {words}"
        paragraphs.append(words)
    return "\n\n".join(paragraphs)
