"""A batch run's report: documents in, out and failed, bytes, per-rule hits, unknown shortcode
tags, wall time and rate; merged from the per-file results of any engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner import __version__


_WARNINGS_KEPT = 10_000


def fold_observations(into: Any, other: Any, *, samples: int) -> None:
    """Add what ``other`` saw (per-rule hits, unknown tags, the share of each document kept,
    removed lines, sample changes) to ``into``: a task's result or a run's report."""
    for rule_id, hits in other.rule_hits.items():
        mine = into.rule_hits.setdefault(rule_id, dict.fromkeys(hits, 0))
        for key, value in hits.items():
            mine[key] = mine.get(key, 0) + value
    for tag, seen in other.unknown_tags.items():
        entry = into.unknown_tags.setdefault(tag, {"count": 0, "example": seen["example"], "file": seen["file"]})
        entry["count"] += seen["count"]
    into.kept_tenths = [a + b for a, b in zip(into.kept_tenths, other.kept_tenths, strict=True)]
    for line, count in other.removed_lines.items():
        into.removed_lines[line] = into.removed_lines.get(line, 0) + count
    if len(into.removed_lines) > 5000:  # bounded on a huge run: the rare lines go
        into.removed_lines = dict(sorted(into.removed_lines.items(), key=lambda kv: -kv[1])[:1000])
    into.samples.extend(other.samples[: max(0, samples - len(into.samples))])


@dataclass
class Report:
    files: int = 0
    written: int = 0
    changed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    wall_seconds: float = 0.0
    rejects: list[dict[str, str]] = field(default_factory=list)
    rule_hits: dict[str, dict[str, int]] = field(default_factory=dict)
    unknown_tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    kept_tenths: list[int] = field(default_factory=lambda: [0] * 11)
    removed_lines: dict[str, int] = field(default_factory=dict)
    samples: list[dict[str, str]] = field(default_factory=list)
    # Files a resumed run found done: in the totals, but neither in this run's rate nor in the
    # per-rule figures (which cover the files cleaned by this run).
    resumed_files: int = 0
    resumed_documents: int = 0
    warnings: list[str] = field(default_factory=list)  # the first _WARNINGS_KEPT of them
    warnings_seen: int = 0

    def add_resumed(self, entry: dict[str, Any]) -> None:
        """Fold in a file an earlier run finished, from what the manifest kept of it."""
        rejects = entry.get("rejects", [])
        self.files += 1
        self.resumed_files += 1
        self.written += entry.get("documents", 0)
        self.resumed_documents += entry.get("documents", 0) + len(rejects)
        self.changed += entry.get("changed", 0)
        self.bytes_in += entry.get("bytes_in", 0)
        self.bytes_out += entry.get("bytes_out", 0)
        self.rejects.extend(rejects)

    def add(self, result) -> None:
        """Fold in one :class:`~cleaner.engine.local.TaskResult`."""
        self.files += 1
        self.written += result.documents
        self.changed += result.changed
        self.bytes_in += result.bytes_in
        self.bytes_out += result.bytes_out
        self.rejects.extend(result.rejects)
        fold_observations(self, result, samples=12)
        self.warnings_seen += len(result.warnings)
        self.warnings.extend(result.warnings[: max(0, _WARNINGS_KEPT - len(self.warnings))])
        for key, value in result.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def finish(self, wall_seconds: float) -> None:
        self.wall_seconds = wall_seconds

    def summary(self, *, rules: tuple[str, ...]) -> dict[str, Any]:
        documents = self.written + len(self.rejects)
        return {
            "version": __version__,
            "rules": list(rules),
            "files": self.files,
            "documents": {"in": documents, "written": self.written, "failed": len(self.rejects),
                          "changed": self.changed},
            "bytes": {"in": self.bytes_in, "out": self.bytes_out},
            "rules_hit": dict(sorted(self.rule_hits.items(), key=lambda kv: -kv[1].get("changes", 0))),
            "unknown_shortcodes": dict(sorted(self.unknown_tags.items(), key=lambda kv: -kv[1]["count"])),
            "skipped": self.counts,
            "warnings": self.warnings_seen,
            "kept_share_histogram": {f"{i * 10}%": n for i, n in enumerate(self.kept_tenths)},
            "top_removed_lines": [{"line": line, "count": n} for line, n in
                                  sorted(self.removed_lines.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
            "sample_changes": self.samples,
            "resumed": {"files": self.resumed_files, "documents": self.resumed_documents},
            "wall_seconds": round(self.wall_seconds, 3),
            "documents_per_second": (round((documents - self.resumed_documents) / self.wall_seconds, 1)
                                     if self.wall_seconds else 0.0),
        }
