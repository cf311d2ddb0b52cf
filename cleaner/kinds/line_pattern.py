"""Page furniture: whole lines that match one of a list of patterns (share bars, like counters,
cookie and newsletter prompts). A pattern must match the entire line, so article prose that
merely contains the words is never removed."""

from __future__ import annotations

import re

import regex

from cleaner.document import Document, Edit, Findings
from cleaner.errors import RuleSetError
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
        "engine": Param(str, "regex", "'regex': patterns run under the time budget (for patterns you have not "
                        "vetted); 're': Python's own engine, about twice as fast, with no time budget (for "
                        "patterns known to run in linear time, as the bundled ones are)", choices=("regex", "re")),
        "hints": Param(list, [], "strings one of which every matching line contains (case-insensitive); a "
                       "line with none is skipped without running the patterns. Empty: every line is tried.",
                       item_type=str),
    }

    def setup(self) -> None:
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        for i, pattern in enumerate(self.patterns):
            compile_user_regex(pattern, flags, source=None, rule_id=self.id, field=f"patterns[{i}]")
        combined = "|".join(f"(?:{p})" for p in self.patterns) or "(?!)"
        self._pattern = compile_user_regex(combined, flags, source=None, rule_id=self.id, field="patterns")
        if self.engine == "re":
            try:
                fast = re.compile(combined, re.IGNORECASE if not self.case_sensitive else 0)
            except re.error as exc:
                raise RuleSetError(f"engine 're' cannot compile the patterns: {exc}", rule_id=self.id,
                                   field="engine", hint="use engine = 'regex' for this rule") from None
            self._fullmatch = lambda line, timeout: fast.fullmatch(line)
        else:
            self._fullmatch = self._pattern.fullmatch
        # Plain substring tests, linear whatever the patterns are: they spare most lines the
        # patterns, which run under a timeout and cost several times more.
        self._hints = tuple(h.lower() for h in self.hints)
        # As written in a text: lower case, Capitalised, UPPER (no lowered copy of each text).
        self._hint_spellings = tuple({v for h in self._hints for v in (h, h.capitalize(), h.upper())})

    def find(self, doc: Document) -> Findings:
        text = doc.text
        edits = []
        budget = timeout_seconds(self.timeout_ms)
        try:
            for line_start, line_end in self._candidate_lines(text):
                stripped = text[line_start:line_end].strip()
                if stripped and len(stripped) <= self.max_length and self._fullmatch(stripped, timeout=budget):
                    edits.append(line_removal(line_start, min(line_end + 1, len(text))))
        except TimeoutError:
            return Findings(warnings=[TIMEOUT_WARNING.format(rule=self.id, ms=self.timeout_ms)])
        return Findings(edits)

    def _candidate_lines(self, text: str):
        """``(start, end)`` of the lines worth trying: short enough and, with hints, holding one.

        Hints are found by substring search, one pass per spelling in C, rather than a test of
        every line in Python; a hint in odd mixed case ("CoOkie") is missed."""
        longest = self.max_length + 8  # room for indentation around a short line
        if self._hints:
            starts = set()
            for hint in self._hint_spellings:
                pos = text.find(hint)
                while pos != -1:
                    starts.add(text.rfind("\n", 0, pos) + 1)
                    pos = text.find(hint, pos + 1)
            for start in sorted(starts):
                end = text.find("\n", start)
                end = len(text) if end == -1 else end
                if end - start <= longest:
                    yield start, end
            return
        start = 0
        for line in text.split("\n"):
            line_start, start = start, start + len(line) + 1
            if line and len(line) <= longest:
                yield line_start, line_start + len(line)
