"""A batch run's report: the run's :class:`~cleaner.task.stats.RunStats` (documents in, out
and failed, bytes, per-rule hits, unknown shortcode tags), what an earlier run had finished,
wall time and rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner import __version__
from cleaner.ruleset import RuleSet
from cleaner.task.stats import RunStats


@dataclass
class Report:
    total: RunStats = field(default_factory=RunStats)
    wall_seconds: float = 0.0
    # Files a resumed run found done: in the totals, but neither in this run's rate nor in the
    # per-rule figures (which cover the files cleaned by this run).
    resumed_files: int = 0
    resumed_documents: int = 0

    @property
    def rejects(self) -> list[dict[str, str]]:
        return self.total.rejects

    @property
    def warnings(self) -> list[str]:
        return self.total.warnings

    @property
    def warnings_seen(self) -> int:
        return self.total.warnings_seen

    def add_resumed(self, entry: dict[str, Any]) -> None:
        """Fold in a file an earlier run finished, from what the manifest kept of it."""
        rejects = entry.get("rejects", [])
        self.resumed_files += 1
        self.resumed_documents += entry.get("documents", 0) + len(rejects)
        self.total += RunStats(files=1, documents=entry.get("documents", 0), changed=entry.get("changed", 0),
                               bytes_in=entry.get("bytes_in", 0), bytes_out=entry.get("bytes_out", 0),
                               rejects=list(rejects))

    def add(self, stats: RunStats) -> None:
        self.total += stats

    def finish(self, wall_seconds: float) -> None:
        self.wall_seconds = wall_seconds

    def summary(self, *, rules: tuple[str, ...], rule_set: RuleSet | None = None) -> dict[str, Any]:
        """The report as report.json holds it; ``rule_set``, the rules as the run resolved them
        (after ``extends``, overrides and switches), is recorded whole when given."""
        total = self.total
        documents = total.documents + len(total.rejects)
        summary: dict[str, Any] = {
            "version": __version__,
            "rules": list(rules),
            "files": total.files,
            "documents": {"in": documents, "written": total.documents, "failed": len(total.rejects),
                          "changed": total.changed},
            # Sizes of the files read and written (a JSONL output holds more than its text) ...
            "bytes": {"in": total.bytes_in, "out": total.bytes_out},
            # ... and of the documents' own text, before and after the text rules.
            "characters": {"in": total.characters_in, "out": total.characters_out,
                           "removed": total.characters_in - total.characters_out},
            "rules_hit": dict(sorted(total.rule_hits.items(), key=lambda kv: -kv[1].get("changes", 0))),
            "unknown_shortcodes": dict(sorted(total.unknown_tags.items(), key=lambda kv: -kv[1]["count"])),
            "skipped": total.counts,
            "warnings": total.warnings_seen,
            "kept_share_histogram": {f"{i * 10}%": n for i, n in enumerate(total.kept_tenths)},
            "top_removed_lines": [{"line": line, "count": n} for line, n in
                                  sorted(total.removed_lines.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
            "sample_changes": total.samples,
            "resumed": {"files": self.resumed_files, "documents": self.resumed_documents},
            "wall_seconds": round(self.wall_seconds, 3),
            "documents_per_second": (round((documents - self.resumed_documents) / self.wall_seconds, 1)
                                     if self.wall_seconds else 0.0),
        }
        if rule_set is not None:
            summary["rule_set"] = {"fingerprint": rule_set.fingerprint(),
                                   "rules": [spec.to_toml_dict() for spec in rule_set.rules]}
        return summary
