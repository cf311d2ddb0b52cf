"""Lists of links inside a page (related stories, "more from", tag clouds), removed before
extraction: their items are headlines of other pages, and extractors often keep them as the
article's last paragraphs. A list counts when it has at least ``min_items`` items and links
carry at least ``min_link_share`` of its text; a list of sources an article cites with words
of its own around each link stays."""

from __future__ import annotations

from lxml import etree

from cleaner.document import Document, Findings, PageRemoval
from cleaner.kinds.base import HtmlRule, Param, register, remove_element

_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_ALL_TEXT = etree.XPath(".//text()", smart_strings=False)


def _length(texts: list[str]) -> int:
    return len(" ".join("".join(texts).split()))


@register
class LinkLists(HtmlRule):
    kind = "link_lists"
    summary = "Remove lists whose items are almost only links (related stories, more-from boxes) before extraction."
    params = {
        "min_items": Param(int, 3, "lists with fewer items stay", minimum=1),
        "min_link_share": Param(float, 0.8, "share of the list's text that must be link text", minimum=0.0),
    }

    def prune(self, tree, doc: Document) -> Findings:
        found = Findings()
        removed: set[object] = set()
        # Listed before any is removed (an iterator would lose its place); the tag filter runs
        # in lxml's C code, faster than an XPath union of two walks.
        for lst in list(tree.iter("ul", "ol")):
            parent = lst.getparent()
            if parent is None or any(ancestor in removed for ancestor in lst.iterancestors("ul", "ol")):
                continue  # the page's root, or inside a list removed already
            items = sum(1 for child in lst if child.tag == "li")
            if items < self.min_items:
                continue
            text = " ".join("".join(_ALL_TEXT(lst)).split())
            total = len(text)
            if not total or _length(_LINK_TEXT(lst)) < self.min_link_share * total:
                continue
            remove_element(lst)
            removed.add(lst)
            found.removals.append(PageRemoval(self.id, f"{lst.tag} ({items} links)", text[:120], total,
                                              "a list of links"))
        return found
