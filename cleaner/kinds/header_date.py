"""A lone date stamp at the top of a page: the site's header widget, the day of the scrape.

It is taken out of the text and kept in the metadata as ``scraped_date`` (ISO 8601 when it
can be parsed, the original string otherwise).
"""

from __future__ import annotations

import re
from datetime import date

from cleaner.document import Document, Edit, Findings
from cleaner.kinds.base import Param, Rule, iter_lines, line_removal, register

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s*"
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[\s,T@|-]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}|Z))?)?"
_DATE_FORMS = [
    # 2025-10-21, 2025/10/21, 2025.10.21
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})",
    # 21-Oct-2025, 21 October 2025 (English month names only)
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[-\s]+" + _MONTH + r"[-\s,]+(?P<y>\d{4})",
    # October 21, 2025 / Oct 21 2025
    _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})",
    # 21/10/2025, 10/21/2025 (order ambiguous: kept as text)
    r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})",
]

def _compile_forms() -> list[re.Pattern[str]]:
    return [re.compile(r"^\s*(?:" + _WEEKDAY + r")?" + form + _TIME + r"\s*$", re.IGNORECASE)
            for form in _DATE_FORMS]


_FORMS = _compile_forms()


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date, the stripped line if unparseable, else None."""
    if len(line) > 60 or not any(ch.isdigit() for ch in line):
        return None
    for pattern in _FORMS:
        m = pattern.match(line)
        if not m:
            continue
        groups = m.groupdict()
        try:
            if groups.get("mon"):
                month = _MONTHS[groups["mon"].lower().rstrip(".")]
                return date(int(groups["y"]), month, int(groups["d"])).isoformat()
            if groups.get("m"):
                return date(int(groups["y"]), int(groups["m"]), int(groups["d"])).isoformat()
        except ValueError:
            return None
        return line.strip()
    return None


@register
class HeaderDate(Rule):
    kind = "header_date"
    summary = "Drop a lone date line at the top of the document; keep it as metadata 'scraped_date'."
    params = {
        "max_lines": Param(int, 1, "how many non-blank lines from the top are looked at", minimum=1),
        "metadata_key": Param(str, "scraped_date", "where the date goes in the metadata"),
    }

    def find(self, doc: Document) -> Findings:
        # The whole run of date lines at the top goes (a widget can print two), so a second
        # pass finds nothing new; the first date is the one kept.
        found = Findings()
        looked = 0
        for start, end, line in iter_lines(doc.text):
            if not line.strip():
                continue
            parsed = parse_date_line(line)
            if parsed is not None:
                found.metadata.setdefault(self.metadata_key, parsed)
                found.edits.append(line_removal(start, end))
                continue
            looked += 1
            if looked >= self.max_lines:
                break
        return found
