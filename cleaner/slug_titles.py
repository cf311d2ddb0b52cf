"""Facts about a whole archive that single documents need: the title of each document by slug,
so that a reference such as ``[embedpost slug="harbour-ferry"]`` can be rendered with the title
of the article it points to."""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.document import Document
from cleaner.kinds import Rule
from cleaner.pipeline import Cleaner
from cleaner.shortcodes.render import archive_slug

# The rules that clear what stands above a title (date widgets, banners, labels); the rest
# of a rule set is not needed to find a title and would double the cost of the first pass.
_HEADER_KINDS = {"encoding_repair", "odd_spaces", "ad_label", "repeated_banner", "line_pattern", "header_date"}


def title_of(cleaner: Cleaner, text: str) -> str:
    header_rules: list[Rule] = [r for r in cleaner.rules if r.kind in _HEADER_KINDS]
    doc = Cleaner.clean_document_with(header_rules, Document(text[:20000]))
    for line in doc.text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def index_titles(cleaner: Cleaner, documents: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{slug: title}`` for ``(name or URL, text)`` pairs; the first document of a slug wins."""
    titles: dict[str, str] = {}
    for name, text in documents:
        slug = archive_slug(name)
        if slug and slug not in titles:
            title = title_of(cleaner, text)
            if title:
                titles[slug] = title
    return titles
