"""The general-purpose kind users write in TOML: a pattern and its replacement.

User patterns run under the ``regex`` module's timeout, so a catastrophic pattern such as
``(a+)+$`` costs one document its rule, with a warning, instead of hanging the batch.
"""

from __future__ import annotations

import time

import regex

from cleaner.document import Document, Edit, Findings
from cleaner.errors import RuleSetError
from cleaner.kinds.base import Param, Rule, apply_to_line, compile_user_regex, drop_emptied_lines, iter_lines, line_removal, register

TIMEOUT_WARNING = "rule {rule!r} skipped: its pattern ran past the {ms} ms time budget on this document"

_FLAGS = {
    "ignorecase": regex.IGNORECASE,
    "multiline": regex.MULTILINE,
    "dotall": regex.DOTALL,
    "verbose": regex.VERBOSE,
    "ascii": regex.ASCII,
}


# A backslash escape in a replacement: "\\" is a literal backslash, so it is consumed as a pair.
_GROUP_REF = regex.compile(r"\\(?:(?P<num>\d{1,2})|g<(?P<name>\w+)>|.)")


def timeout_seconds(ms: int) -> float:
    return ms / 1000.0


@register
class RegexReplace(Rule):
    kind = "regex"
    summary = "Replace matches of a regular expression (per line or over the whole document)."
    params = {
        "pattern": Param(str, help="a regular expression (Python/regex syntax)"),
        "replace": Param(str, "", "the replacement; \\1 or \\g<name> refer to groups"),
        "flags": Param(list, [], "any of: " + ", ".join(_FLAGS), item_type=str),
        "scope": Param(str, "line", "'line': the pattern sees one line at a time; 'document': the whole text",
                       choices=("line", "document")),
        "drop_empty_lines": Param(bool, True, "remove a line that the replacement leaves empty"),
        "timeout_ms": Param(int, 200, "time budget per document; past it the rule is skipped with a warning",
                            minimum=1),
    }

    def setup(self) -> None:
        flags = 0
        for name in self.flags:
            if name.lower() not in _FLAGS:
                raise RuleSetError(f"unknown flag {name!r}", rule_id=self.id, field="flags",
                                   hint="allowed flags: " + ", ".join(_FLAGS))
            flags |= _FLAGS[name.lower()]
        self._pattern = compile_user_regex(self.pattern, flags, source=None, rule_id=self.id, field="pattern")
        self._check_group_references()

    def _check_group_references(self) -> None:
        """Refuse a replacement naming a group the pattern lacks now, not mid-batch."""
        for m in _GROUP_REF.finditer(self.replace):
            ref = m.group("num") or m.group("name")
            if ref is None:
                continue
            if ref.isdigit():
                ok = int(ref) <= self._pattern.groups
            else:
                ok = ref in self._pattern.groupindex
            if not ok:
                raise RuleSetError(
                    f"replacement {self.replace!r} refers to group {ref!r}, which the pattern does not have",
                    rule_id=self.id, field="replace",
                    hint=f"the pattern has {self._pattern.groups} group(s)"
                    + (", named " + ", ".join(self._pattern.groupindex) if self._pattern.groupindex else ""),
                )

    def find(self, doc: Document) -> list[Edit] | Findings:
        text = doc.text
        budget = timeout_seconds(self.timeout_ms)
        deadline = time.monotonic() + budget
        edits: list[Edit] = []
        try:
            if self.scope == "document":
                for m in self._pattern.finditer(text, timeout=budget):
                    edits.append(Edit(m.start(), m.end(), m.expand(self.replace)))
                return drop_emptied_lines(text, edits) if self.drop_empty_lines else edits
            for start, end, line in iter_lines(text):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                line_edits = [Edit(start + m.start(), start + m.end(), m.expand(self.replace))
                              for m in self._pattern.finditer(line, timeout=remaining)]
                if not line_edits:
                    continue
                if self.drop_empty_lines and line.strip() and not apply_to_line(line, line_edits, start).strip():
                    edits.append(line_removal(start, end))
                else:
                    edits.extend(line_edits)
        except TimeoutError:
            return Findings(warnings=[TIMEOUT_WARNING.format(rule=self.id, ms=self.timeout_ms)])
        return Findings(edits)
