"""The unit of work: a text with its metadata and a record of every change made to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """A replacement a rule proposes: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str = ""
    # Why, when the rule id alone does not say (e.g. "before a relative pronoun").
    note: str = ""


@dataclass(slots=True)
class Findings:
    """Everything a text rule produces for one document, returned by its ``find`` (a rule with
    nothing but edits may return the list alone). A rule reads the document and writes
    nothing; the pipeline applies the edits and adds the rest to the document
    (:func:`cleaner.pipeline.apply_findings`)."""

    edits: list[Edit] = field(default_factory=list)
    # Facts about the document (a scraped date); a fact the document has already is kept.
    metadata: dict[str, Any] = field(default_factory=dict)
    # A rule skipped or held back on this document (a pattern past its time budget).
    warnings: list[str] = field(default_factory=list)
    # Counts for the run's report, added to the document's: numbers add up, nested tables merge,
    # a text already there (an example) stays.
    stats: dict[str, Any] = field(default_factory=dict)
    # What a page rule removed from the page's tree before extraction.
    removals: list[PageRemoval] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageRemoval:
    """An element a page rule removed before the article was extracted: not an edit of the
    text (it has no place in it), so recorded apart from the changes."""

    rule_id: str
    element: str  # the element and why: "div (class ad-slot)"
    text: str  # the start of its text, whitespace collapsed
    characters: int  # the length of its whole text
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        record = {"rule": self.rule_id, "element": self.element, "text": self.text, "characters": self.characters}
        if self.note:
            record["note"] = self.note
        return record


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit, as recorded on the document.

    ``start``/``end`` index the text as the rule saw it (after the rules before it ran),
    so a change can be replayed or shown as a diff against that stage.
    """

    rule_id: str
    start: int
    end: int
    before: str
    after: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        record = {
            "rule": self.rule_id,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }
        if self.note:
            record["note"] = self.note
        return record


@dataclass(slots=True)
class Document:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    changes: list[Change] = field(default_factory=list)
    # Elements page rules removed before extraction (an HTML page's).
    removals: list[PageRemoval] = field(default_factory=list)
    # Problems that did not stop cleaning, e.g. a user pattern that ran out of time.
    warnings: list[str] = field(default_factory=list)
    # What rules observed for the run's report (e.g. unknown shortcode tags); not output text.
    stats: dict[str, Any] = field(default_factory=dict)
    # Run-wide facts rules may read (e.g. the archive's titles by slug); never written out.
    context: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, with_changes: bool = True) -> dict[str, Any]:
        record: dict[str, Any] = {"source": self.source, "text": self.text, "metadata": self.metadata}
        if with_changes:
            record["changes"] = [c.to_dict() for c in self.changes]
            if self.removals:
                record["page_removals"] = [r.to_dict() for r in self.removals]
        if self.warnings:
            record["warnings"] = list(self.warnings)
        return record
