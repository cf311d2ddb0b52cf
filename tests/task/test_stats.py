"""RunStats: one type for a shard, a file and a run, added with ``+``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Change, Document, PageRemoval
from cleaner.task.stats import SAMPLES_KEPT, SAMPLES_PER_FILE, WARNINGS_KEPT, RunStats
from tests.strategies import fuzz


def _document(i: int, ads: int) -> Document:
    text = f"Story {i}.\n"
    doc = Document(text, source=f"f{i}.txt")
    for k in range(ads):
        doc.changes.append(Change("ads.label", 0, 0, "Advertisement\n", "", note=f"{k}"))
    if i % 3 == 0:
        doc.warnings.append("a pattern ran out of time")
        doc.stats["unknown_shortcodes"] = {"vc_row": {"count": 2, "example": "[vc_row]"}}
    return doc


def _stats(docs: list[tuple[int, int]]) -> RunStats:
    stats = RunStats()
    for i, ads in docs:
        stats.add_document(_document(i, ads))
    return stats


documents = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 3)), max_size=8)


@pytest.mark.property
@fuzz
@given(documents, documents, documents)
def test_adding_is_associative_and_counts_every_document_once(a, b, c) -> None:
    x, y, z = _stats(a), _stats(b), _stats(c)
    assert ((x + y) + z).to_dict() == (x + (y + z)).to_dict()
    total = x + y + z
    assert total.documents == len(a) + len(b) + len(c)
    assert total.changed == sum(1 for _, ads in a + b + c if ads)
    assert sum(total.kept_tenths) == total.documents
    assert total.warnings_seen == sum(1 for i, _ in a + b + c if i % 3 == 0)
    assert x.to_dict() == _stats(a).to_dict()  # + leaves its operands as they were


def test_per_rule_hits_and_unknown_tags_add_up() -> None:
    total = _stats([(0, 2), (1, 1)]) + _stats([(3, 1)])
    assert total.rule_hits["ads.label"] == {"documents": 3, "changes": 4, "lines_removed": 4,
                                            "characters_removed": 4 * len("Advertisement\n")}
    assert total.unknown_tags["vc_row"]["count"] == 4 and total.unknown_tags["vc_row"]["file"] == "f0.txt"
    assert total.removed_lines == {"Advertisement": 4}


def test_samples_and_warnings_are_bounded_and_the_first_kept() -> None:
    file = _stats([(i, 1) for i in range(10)]).file_done()
    assert file.files == 1 and [s["source"] for s in file.samples] == ["f0.txt", "f1.txt", "f2.txt"]
    run = RunStats()
    for _ in range(10):
        run += file
    assert len(run.samples) == SAMPLES_KEPT and SAMPLES_PER_FILE == 3 and run.files == 10
    many = RunStats()
    many.add_warnings(f"w{i}" for i in range(WARNINGS_KEPT + 5))
    assert len(many.warnings) == WARNINGS_KEPT and many.warnings_seen == WARNINGS_KEPT + 5
    assert (many + many).warnings_seen == 2 * (WARNINGS_KEPT + 5) and len((many + many).warnings) == WARNINGS_KEPT


def test_stats_survive_a_checkpoint_marker() -> None:
    stats = _stats([(0, 2), (4, 0)])
    stats.reject("dump.jsonl:3", "not JSON")
    assert RunStats.from_dict(stats.to_dict()) == stats
    assert RunStats.from_dict({**stats.to_dict(), "from_a_newer_version": 1}) == stats


def test_a_pages_removed_elements_count_as_its_rules_hits_and_not_as_text_removed() -> None:
    doc = Document("The quay reopened.\n", source="quay.html")
    doc.removals += [PageRemoval("html.ads", "div (class ad-slot)", "Buy a boat today", 16, "class ad-slot"),
                     PageRemoval("html.ads", "aside (ad markup)", "Sponsored", 9)]
    stats = RunStats()
    stats.add_document(doc)
    assert stats.changed == 1  # its ads went, though its text was not edited
    assert stats.rule_hits["html.ads"] == {"documents": 1, "changes": 2, "lines_removed": 0, "characters_removed": 25}
    assert stats.kept_tenths[10] == 1  # the text is all there: the elements never were in it
    assert stats.samples[0] == {"source": "quay.html", "rule": "html.ads",
                                "before": "<div (class ad-slot)> Buy a boat today", "after": ""}
