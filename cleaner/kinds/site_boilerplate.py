"""Site boilerplate: lines that repeat across the documents of one site (newsletter prompts,
"Read more from…" blocks, cookie notices), which no single document shows to be junk.

The counts come from a first pass over the archive (``cleaner clean --learn-boilerplate``),
or from a saved counts file (``--boilerplate FILE``), in the document's context: for each site
(the URL's host, else the input's top folder), how many documents it has and in how many of
them each normalised line stands. A line found in more than ``min_share`` of a site's documents,
with at least ``min_documents`` documents seen, is removed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cleaner.document import Document, Edit, Findings
from cleaner.kinds.base import Param, Rule, line_removal, register

BOILERPLATE = "boilerplate"  # Document.context key: {site: {"documents": n, "lines": {key: count}}}
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def line_key(line: str) -> str:
    """Case, digits and white space folded: "12 Comments" and "3 comments" are one line."""
    return _SPACES.sub(" ", _DIGITS.sub("0", line)).strip().casefold()


def site_of(doc: Document) -> str:
    url = doc.metadata.get("url")
    if isinstance(url, str) and "//" in url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return str(doc.metadata.get("site") or doc.context.get("site") or "")


def count_lines(text: str, *, min_length: int) -> list[str]:
    """The keys of a document's lines worth counting, each once, in the order they stand (so
    the counts file is the same byte for byte on every run)."""
    return list(dict.fromkeys(line_key(line) for line in text.split("\n") if len(line.strip()) >= min_length))


@register
class SiteBoilerplate(Rule):
    kind = "site_boilerplate"
    summary = "Drop lines that repeat across many documents of one site (learned in a first pass)."
    params = {
        "min_share": Param(float, 0.3, "share of a site's documents a line must stand in", minimum=0.0),
        "min_documents": Param(int, 5, "sites with fewer documents are left alone", minimum=1),
        "min_length": Param(int, 12, "shorter lines are never counted or removed", minimum=1),
        "max_length": Param(int, 200, "longer lines are article prose, never boilerplate", minimum=1),
        "max_share_removed": Param(float, 0.5, "if the lines found would remove more than this share of a "
                                   "document, none are removed (a guard against a site's articles that "
                                   "look alike)", minimum=0.0),
    }

    def find(self, doc: Document) -> list[Edit] | Findings:
        table = doc.context.get(BOILERPLATE)
        if not table:
            return []
        site = table.get(site_of(doc))
        if not site or site.get("documents", 0) < self.min_documents:
            return []
        lines, floor = site["lines"], self.min_share * site["documents"]
        edits = []
        removed = 0
        start = 0
        for line in doc.text.split("\n"):
            line_start, start = start, start + len(line) + 1
            size = len(line.strip())
            if self.min_length <= size <= self.max_length and lines.get(line_key(line), 0) > floor:
                edits.append(line_removal(line_start, min(start, len(doc.text))))
                removed += size
        if removed > self.max_share_removed * len(doc.text.strip()):
            return Findings(warnings=[f"rule {self.id!r} kept {len(edits)} repeated line(s): together they are "
                                      "most of the document"])
        return edits
