"""The link_lists page rule: lists that are almost only links go, cited sources stay."""

from __future__ import annotations

import lxml.html

from cleaner import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.link_lists import LinkLists
from cleaner.pipeline import apply_findings


def _prune_links(body: str) -> tuple[str, Document]:
    rule = LinkLists("t", **validate_params(LinkLists, {}, source=None, rule_id="t"))
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    doc = Document("")
    apply_findings(doc, rule.id, rule.prune(tree, doc))
    return " ".join(tree.text_content().split()), doc


def _links(prefix: str, count: int, inner: str = "") -> str:
    return "<ul>" + "".join(f'<li><a href="/{prefix}{i}">{prefix} story number {i}</a>{inner if i == 0 else ""}</li>'
                            for i in range(count)) + "</ul>"


def test_list_of_links_goes_and_a_cited_sources_list_stays() -> None:
    related = _links("Other", 4)
    sources = ("<ul><li>The council's own figures, published in March (<a href='/a'>report</a>)</li>"
               "<li>Interviews with eleven ferry pilots over the summer (<a href='/b'>notes</a>)</li>"
               "<li>Harbour board minutes from 2019 to 2024 (<a href='/c'>minutes</a>)</li></ul>")
    short = "<ul><li><a href='/x'>One</a></li><li><a href='/y'>Two</a></li></ul>"
    text, doc = _prune_links(f"<p>Body.</p>{related}{sources}{short}")
    assert "Other story" not in text
    assert "Interviews with eleven ferry pilots" in text and "One" in text
    assert len(doc.removals) == 1 and doc.removals[0].element == "ul (4 links)"


def test_a_list_inside_a_removed_list_is_not_removed_twice() -> None:
    # The outer list goes with the inner one inside it: one removal, its text counted once.
    text, doc = _prune_links("<p>Body.</p>" + _links("Outer", 4, inner=_links("Inner", 3)))
    assert text == "Body."
    assert [removal.element for removal in doc.removals] == ["ul (4 links)"]
