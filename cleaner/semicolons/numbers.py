"""The cue of the chain (:mod:`cleaner.semicolons.right`) for numbers and dates on either side
of a semicolon: scores and figures ("6-4; 7-6"), citations ("2015; 28: 685-690"), and the
places no edited text puts one, inside a date ("November 18; 2019", "Saturday; May 18")."""

from __future__ import annotations

import re

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import Context
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None

_CITATION_TAIL = re.compile(r"\s*\d+\s*(?:\(\d+\)\s*)?:")
_MONTH_DAY = re.compile(rf"\b{en.MONTH_PATTERN}\.? \d{{1,2}}$")
_WEEKDAY_END = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")
_DATE_START = re.compile(rf"\s*{en.MONTH_PATTERN}\.? \d{{1,2}}\b")
# The year closes the date: punctuation follows it ("November 18; 2019, in a storm"). A year
# that goes on into a clause ("…on May 5; 1990 was a wet year") may open one.
_YEAR = re.compile(r"\s*(?:1[5-9]|20)\d\d(?=[,.;:)]|\s*$)(?![\d,.:]\d)")


# The label of an enumerated item, after "and"/"or" or not: "(2)", "(ii)", "b)", "2)", "B --". A
# spinner swaps commas; it does not number what it spins, so the semicolons between such items
# are the author's.
_ITEM_LABEL = re.compile(r"\s*(?:(?:and|or)\s+)?(?:\((?:\d{1,2}|[a-zA-Z]|[ivx]{2,4})\)|(?:\d{1,2}|[a-z])\)"
                         r"|[A-Z] *(?:--|—|–))\s")


def enumerated_item(ctx: Context) -> Answer:
    if _ITEM_LABEL.match(ctx.raw_after):
        return Verdict.KEEP, Cue.ENUMERATED_ITEM
    return None


# A number in parentheses of its own opens an item ("2.6; (2) a fall"): no figure of a list.
_NUMBERED_LABEL = re.compile(r"\s*(?:(?:and|or)\s+)?\(\d{1,2}\)\s")


def numbers(ctx: Context) -> Answer:
    if ctx.text[ctx.pos - 1].isdigit() and ctx.first[:1].isdigit() and not _NUMBERED_LABEL.match(ctx.raw_after):
        if _MONTH_DAY.search(ctx.text, max(0, ctx.pos - 16), ctx.pos) and _YEAR.match(ctx.after):
            return Verdict.COMMA, Cue.DATE_BEFORE_YEAR  # "November 18; 2019"
        if _CITATION_TAIL.match(ctx.after):
            return Verdict.KEEP, Cue.CITATION  # "2015; 28: 685-690": year; volume: pages
        return Verdict.KEEP, Cue.BETWEEN_NUMBERS
    if ctx.text[ctx.pos - 1] in "yY" and _WEEKDAY_END.search(ctx.text, max(0, ctx.pos - 10), ctx.pos) \
            and _DATE_START.match(ctx.after) and not g.has_finite_verb(ctx.clause_after[2:]):
        # "on Saturday; May 18", "Friday; Dec. 6"; not "on Friday; May 18 was too late".
        return Verdict.COMMA, Cue.WEEKDAY_BEFORE_DATE
    return None
