"""The page's metadata: title, author, date, URL, site name, description.

trafilatura's own readers, the fast ones: the ``<meta>`` and Open Graph tags, JSON-LD, the
``<title>``/``<h1>``, and htmldate without its extensive search. trafilatura's full metadata
pass (``with_metadata=True``) adds about a sixth to the extraction time for the rare page
whose metadata hides elsewhere.
"""

from __future__ import annotations

import logging
from typing import Any

from lxml import etree

_FIELDS = ("title", "author", "date", "url", "sitename", "description")
_LOGGER = logging.getLogger(__name__)


_HEADLINE = etree.XPath("string((//meta[@property='og:title' or @name='twitter:title']/@content)[1])")
_TITLE = etree.XPath("string(//title)")
_DESCRIPTION = etree.XPath(
    "string((//meta[@property='og:description' or @name='description']/@content)[1])")


def read_headline(tree) -> dict[str, Any]:
    """Only the title and description, from the page's own tags: all the text path needs (to
    know the headline and standfirst when it leaves them out), at a tenth of the full pass."""
    title = " ".join((_HEADLINE(tree) or _TITLE(tree)).split())
    description = " ".join(_DESCRIPTION(tree).split())
    return {key: value for key, value in (("title", title), ("description", description)) if value}


def read_metadata(tree, *, url: str | None = None) -> dict[str, Any]:
    # Imported when first needed: see cleaner.extractors.trafilatura_extractor.
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, find_date

    document = examine_meta(tree)
    try:
        document = extract_meta_json(tree, document)
    except Exception as exc:  # noqa: BLE001 - malformed JSON-LD must not cost the page
        _LOGGER.debug("JSON-LD metadata unreadable: %s", exc)
    if not document.title:
        document.title = extract_title(tree)
    if url and not document.url:
        document.url = url
    if not document.date:
        document.date = find_date(tree, url=document.url, extensive_search=False, original_date=True,
                                  outputformat="%Y-%m-%d")
    return {key: value for key in _FIELDS if (value := getattr(document, key, None))}
