"""Page furniture: whole lines that match one of a list of patterns (share bars, like counters,
cookie and newsletter prompts). A pattern must match the entire line, so article prose that
merely contains the words is never removed."""

from __future__ import annotations

import regex

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, compile_user_regex, line_removal, register
from cleaner.kinds.regex_replace import TIMEOUT_WARNING, timeout_seconds


@register
class LinePattern(Rule):
    kind = "line_pattern"
    summary = "Drop whole lines that fully match any of the given patterns (case-insensitive)."
    params = {
        "patterns": Param(list, help="regular expressions, each matched against a whole line", item_type=str),
        "max_length": Param(int, 200, "longer lines are prose and never matched", minimum=1),
        "case_sensitive": Param(bool, False),
        "timeout_ms": Param(int, 200, "time budget per document for all patterns", minimum=1),
    }

    def setup(self) -> None:
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        for i, pattern in enumerate(self.patterns):
            compile_user_regex(pattern, flags, source=None, rule_id=self.id, field=f"patterns[{i}]")
        combined = "|".join(f"(?:{p})" for p in self.patterns) or "(?!)"
        self._pattern = compile_user_regex(combined, flags, source=None, rule_id=self.id, field="patterns")

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        edits = []
        budget = timeout_seconds(self.timeout_ms)
        longest = self.max_length + 8  # room for indentation around a short line
        try:
            start = 0
            for line in text.split("\n"):
                line_start, start = start, start + len(line) + 1
                if len(line) > longest or not line:
                    continue
                stripped = line.strip()
                if stripped and len(stripped) <= self.max_length and \
                        self._pattern.fullmatch(stripped, timeout=budget):
                    edits.append(line_removal(line_start, min(start, len(text))))
        except TimeoutError:
            doc.warnings.append(TIMEOUT_WARNING.format(rule=self.id, ms=self.timeout_ms))
            return []
        return edits
