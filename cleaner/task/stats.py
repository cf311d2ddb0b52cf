"""What cleaning gave, as one type for a shard, a file and a whole run: documents written and
changed, rejects, warnings, bytes, per-rule hits, unknown shortcode tags, the share of each
document kept, removed lines and a few sample changes. Results are added with ``+``, so a
shard's stats fold into its file's and a file's into the run's the same way on every engine."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Document

SAMPLES_PER_FILE = 3  # sample changes a file contributes to the report
SAMPLES_KEPT = 12  # sample changes a run's report holds
WARNINGS_KEPT = 10_000  # warnings kept for warnings.jsonl; all are counted
# Removed lines are kept by text to find the lines a run removes most; on a huge run the rare
# ones go, so the table stays bounded.
_REMOVED_LINES_BOUND, _REMOVED_LINES_KEPT = 5000, 1000


@dataclass
class RunStats:
    files: int = 0
    documents: int = 0  # written
    changed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    # The documents' own characters: before the text rules (a page's once extracted), after them.
    characters_in: int = 0
    characters_out: int = 0
    rejects: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the first WARNINGS_KEPT
    warnings_seen: int = 0
    rule_hits: dict[str, dict[str, int]] = field(default_factory=dict)
    unknown_tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # records skipped by kind (WARC requests, ...)
    # How much of each document the rules kept, in tenths (0: nothing kept .. 10: all kept).
    kept_tenths: list[int] = field(default_factory=lambda: [0] * 11)
    removed_lines: dict[str, int] = field(default_factory=dict)  # whole removed lines, by text
    samples: list[dict[str, str]] = field(default_factory=list)

    def __add__(self, other: RunStats) -> RunStats:
        total = dataclasses.replace(self, rejects=list(self.rejects), warnings=list(self.warnings),
                                    rule_hits={k: dict(v) for k, v in self.rule_hits.items()},
                                    unknown_tags={k: dict(v) for k, v in self.unknown_tags.items()},
                                    counts=dict(self.counts), kept_tenths=list(self.kept_tenths),
                                    removed_lines=dict(self.removed_lines), samples=list(self.samples))
        total += other
        return total

    def __iadd__(self, other: RunStats) -> RunStats:
        self.files += other.files
        self.documents += other.documents
        self.changed += other.changed
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.characters_in += other.characters_in
        self.characters_out += other.characters_out
        self.rejects.extend(other.rejects)
        self.warnings.extend(other.warnings[: max(0, WARNINGS_KEPT - len(self.warnings))])
        self.warnings_seen += other.warnings_seen
        for rule_id, hits in other.rule_hits.items():
            mine = self.rule_hits.setdefault(rule_id, dict.fromkeys(hits, 0))
            for key, value in hits.items():
                mine[key] = mine.get(key, 0) + value
        for tag, seen in other.unknown_tags.items():
            entry = self.unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": seen["file"]})
            entry["count"] += seen["count"]
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value
        self.kept_tenths = [a + b for a, b in zip(self.kept_tenths, other.kept_tenths, strict=True)]
        for line, count in other.removed_lines.items():
            self.removed_lines[line] = self.removed_lines.get(line, 0) + count
        if len(self.removed_lines) > _REMOVED_LINES_BOUND:
            self.removed_lines = dict(sorted(self.removed_lines.items(), key=lambda kv: -kv[1])[:_REMOVED_LINES_KEPT])
        self.samples.extend(other.samples[: max(0, SAMPLES_KEPT - len(self.samples))])
        return self

    def add_document(self, doc: Document) -> None:
        """Count one written document: its changes, warnings and what the rules saw."""
        self.documents += 1
        self.changed += bool(doc.changes or doc.removals)  # a page's ads removed count too
        self.characters_in += doc.stats.get("characters_in", len(doc.text))
        self.characters_out += len(doc.text)
        removed = sum(max(0, len(c.before) - len(c.after)) for c in doc.changes)
        original = len(doc.text) + removed
        self.kept_tenths[round(10 * len(doc.text) / original) if original else 10] += 1
        for change in doc.changes:
            line = change.before.strip()
            if not change.after and change.before.endswith("\n") and line and len(line) <= 120:
                key = " ".join(line.split())
                self.removed_lines[key] = self.removed_lines.get(key, 0) + 1
        self.add_warnings(f"{doc.source}: {w}" for w in doc.warnings)
        # A rule's hits: a text rule's changes, or the elements a page rule removed (and their text).
        touched: set[str] = set()
        hits_of = [(c.rule_id, max(0, len(c.before) - len(c.after)), c.before.count("\n") if not c.after else 0)
                   for c in doc.changes] + [(r.rule_id, r.characters, 0) for r in doc.removals]
        for rule_id, characters, lines in hits_of:
            hits = self.rule_hits.setdefault(rule_id, {"documents": 0, "changes": 0, "lines_removed": 0,
                                                       "characters_removed": 0})
            hits["changes"] += 1
            hits["characters_removed"] += characters
            hits["lines_removed"] += lines
            if rule_id not in touched:
                touched.add(rule_id)
                hits["documents"] += 1
        shown = [(r.rule_id, f"<{r.element}> {r.text}", "") for r in doc.removals] + \
            [(c.rule_id, c.before, c.after) for c in doc.changes]
        for rule_id, before, after in shown:
            if len(self.samples) >= SAMPLES_PER_FILE:
                break
            if before.strip():
                self.samples.append({"source": doc.source or "", "rule": rule_id, "before": before[:200],
                                     "after": after[:200]})
        for tag, seen in doc.stats.get("unknown_shortcodes", {}).items():
            entry = self.unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": doc.source})
            entry["count"] += seen["count"]

    def add_warnings(self, warnings) -> None:
        for warning in warnings:
            self.warnings_seen += 1
            if len(self.warnings) < WARNINGS_KEPT:
                self.warnings.append(warning)

    def reject(self, source: str, reason: str) -> None:
        self.rejects.append({"source": source, "reason": reason})

    def file_done(self) -> RunStats:
        """These stats as one file's: counted as a file, with the file's share of samples."""
        self.files = 1
        del self.samples[SAMPLES_PER_FILE:]
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunStats:
        """Stats saved by :meth:`to_dict` (a checkpoint marker); unknown keys are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
