"""What every extractor returns, and what the extractors' helpers share."""

from __future__ import annotations

from dataclasses import dataclass


# Elements inside a line of text: a paragraph holding only these is a paragraph, and a word
# marked up in part ("gol<em>den</em>") is one word.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
                         "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                         "time", "u", "var", "wbr", "img"})


@dataclass
class Extraction:
    text: str
    extractor: str = ""
    # Said in the document's warnings (and the run's warnings.jsonl) when set.
    warning: str | None = None


def hidden_from_readers(node) -> bool:
    """Whether this element is hidden from readers by its own markup: ``hidden``,
    ``aria-hidden="true"``, ``display: none`` or ``visibility: hidden`` in its style."""
    if node.get("hidden") is not None or (node.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
