"""The rule contract: a text rule's ``find`` reads the document and returns everything it
produces (edits, metadata, warnings, report counts); the pipeline applies it. A rule that
wrote into the document itself would make a replay, a dry run or a fused scan disagree with
the real run."""

from __future__ import annotations

import copy

import pytest

from cleaner import Cleaner, Document
from cleaner.document import Edit, Findings
from cleaner.pipeline import apply_findings
from cleaner.kinds.shortcodes import ARCHIVE_TITLES

# Invented documents that make every bundled text rule find something: a date line (metadata),
# an unknown shortcode (report counts), labels, banners, furniture, repeated lines, spun
# semicolons, odd spaces.
DOCUMENTS = [
    ("12 March 2024\n\nHarbour ferry returns\n\nAdvertisement\n\nGoogle Ads | Google Ads | Google Ads\n\n"
     "The ferry; which runs twice a day, was late again. However; the crew said it would improve.\n"
     "[mystery_tag id=\"4\"]Inside[/mystery_tag] [caption]A quay[/caption]\u00a0\u200b\n\n"
     "Share this:EmailFacebookTwitter\n\nHarbour ferry returns\n\n\n\nThe end.\n"),
    "Nothing here to change; it is all edited prose. The town slept; the sea did not.\n",
]


def _rules() -> list[tuple[str, object]]:
    rules = []
    for name in ("default", "mill"):
        rules += [(f"{name}:{rule.id}", rule) for rule in Cleaner.from_rules(name).rules]
    return rules


@pytest.mark.parametrize("label, rule", _rules(), ids=[label for label, _ in _rules()])
def test_a_rule_reads_the_document_and_writes_nothing_into_it(label: str, rule) -> None:
    for text in DOCUMENTS:
        doc = Document(text, {"title": "Harbour ferry returns"}, source="a.txt",
                       context={ARCHIVE_TITLES: {}, "site": "example"})
        before = copy.deepcopy(doc)
        found = rule.find(doc)
        assert isinstance(found, (list, Findings))
        assert (doc.text, doc.metadata, doc.warnings, doc.stats, doc.changes, doc.context) == (
            before.text, before.metadata, before.warnings, before.stats, before.changes, before.context), label


def test_what_a_rule_found_is_added_to_the_document_by_the_pipeline() -> None:
    doc = Document("A; B\n", {"scraped_date": "2024-01-01"}, stats={"unknown": {"x": {"count": 1, "example": "[x]"}}})
    found = Findings([Edit(1, 2, ",")], metadata={"scraped_date": "2025-02-02", "lang": "en"},
                     warnings=["rule 'r' skipped"], stats={"unknown": {"x": {"count": 2, "example": "[x y]"},
                                                                       "z": {"count": 1, "example": "[z]"}}})
    assert apply_findings(doc, "r", found) is found
    assert doc.text == "A, B\n" and [c.rule_id for c in doc.changes] == ["r"]
    assert doc.metadata == {"scraped_date": "2024-01-01", "lang": "en"}  # a fact the document had is kept
    assert doc.warnings == ["rule 'r' skipped"]
    assert doc.stats == {"unknown": {"x": {"count": 3, "example": "[x]"}, "z": {"count": 1, "example": "[z]"}}}
    apply_findings(doc, "r2", [Edit(0, 1, "a")])  # a plain list of edits is findings too
    assert doc.text == "a, B\n" and doc.changes[-1].rule_id == "r2"


def test_the_stages_of_a_document_are_the_clean_told_rule_by_rule() -> None:
    cleaner = Cleaner.from_rules("default")
    stages = list(cleaner.stages(Document(DOCUMENTS[0])))
    whole = cleaner.clean(DOCUMENTS[0])
    assert [s.rule_id for s in stages] == [r.id for r in cleaner.rules]
    assert stages[0].before == DOCUMENTS[0] and stages[-1].after == whole.text
    assert all(a.after == b.before for a, b in zip(stages, stages[1:]))
    assert [c for s in stages for c in s.changes] == whole.changes
    dated = next(s for s in stages if s.rule_id == "structure.header-date")
    assert dated.metadata == {"scraped_date": whole.metadata["scraped_date"]}
