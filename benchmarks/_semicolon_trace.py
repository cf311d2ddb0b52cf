"""Following semicolons through a whole clean: what became of each one, and the rule's reason.

Not a benchmark itself; ``semicolons.py`` imports it. The stray-semicolon rule is read only
through its public contract (``judge(text) -> (mode, sites)``, each site with ``.pos`` and
``.reason``); whatever of that is missing falls back to the notes of the change log, so a
rewrite of the rule never breaks the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner import Cleaner
from cleaner.document import Change, Document

RULE_ID = "punctuation.stray-semicolon"
CONTEXT = 40


@dataclass
class Fate:
    """What the clean did to one semicolon of the input."""

    outcome: str  # "kept" | "comma" | "drop" | "removed" (its line or span went with another rule)
    by: str | None = None  # the rule that changed it
    pos_for_rule: int | None = None  # where it stood in the text the semicolon rule saw
    note: str = ""  # the change log's note on the change that took it


@dataclass
class Traced:
    """A cleaned document, the fate of chosen semicolons, and the semicolon rule's view of it."""

    fates: list[Fate]
    rule_input: str | None  # the text as the semicolon rule saw it (None: no such rule)
    result_text: str
    changed_by: set[str]  # rules that changed the document at all
    judge_error: str = ""  # what went wrong asking the rule for its reasons, if anything
    _judgement: tuple[str | None, dict[int, str]] | None = field(default=None, repr=False)


def semicolon_rule(cleaner: Cleaner):
    return next((rule for rule in cleaner.rules if rule.id == RULE_ID), None)


def carry(pos: int, changes: list[Change]) -> tuple[int | None, Change | None]:
    """Where the semicolon at ``pos`` stands after ``changes`` (one rule's, in text order).

    Returns its new position, or None and the change that replaced it.
    """
    shift = 0
    for change in changes:
        if change.end <= pos:
            shift += len(change.after) - len(change.before)
            continue
        if change.start <= pos:
            # Inside an edited span: followed if the span keeps all its semicolons (a line
            # re-encoded around it), lost otherwise.
            index = change.before.count(";", 0, pos - change.start)
            if change.after.count(";") != change.before.count(";"):
                return None, change
            offset = -1
            for _ in range(index + 1):
                offset = change.after.index(";", offset + 1)
            return change.start + shift + offset, None
        break
    return pos + shift, None


def outcome_of(change: Change) -> str:
    """How a change that took a semicolon away is counted.

    The semicolon rule may rewrite a span around the semicolon (``"; "`` -> ``", "``), so any
    change of it that adds a comma counts as "comma" and any other as "drop"; another rule's
    change counts as "removed" unless it is exactly ``;`` -> ``,`` or ``;`` -> nothing.
    """
    if change.before == ";" and change.after in (",", ""):
        return "comma" if change.after == "," else "drop"
    if change.rule_id == RULE_ID:
        return "comma" if change.after.count(",") > change.before.count(",") else "drop"
    return "removed"


def trace(cleaner: Cleaner, text: str, positions: list[int]) -> Traced:
    """Clean ``text`` rule by rule (:meth:`Cleaner.stages`) and follow the semicolons at
    ``positions`` through every rule's changes."""
    fates = [Fate("kept") for _ in positions]
    live = dict(enumerate(positions))
    rule_input, changed_by = None, set()
    doc = Document(text)
    for stage in cleaner.stages(doc):
        if stage.rule_id == RULE_ID:
            rule_input = stage.before
            for i, pos in live.items():
                fates[i].pos_for_rule = pos
        if not stage.changes:
            continue
        changed_by.add(stage.rule_id)
        for i, pos in list(live.items()):
            new_pos, change = carry(pos, stage.changes)
            if new_pos is not None:
                live[i] = new_pos
                continue
            del live[i]
            fates[i] = Fate(outcome_of(change), stage.rule_id, fates[i].pos_for_rule, change.note or "")
    return Traced(fates, rule_input, doc.text, changed_by)


def judgement(cleaner: Cleaner, traced: Traced) -> tuple[str | None, dict[int, str]]:
    """The rule's mode for the document and its reason by position (asked once, on demand:
    most documents have nothing to explain). ``(None, {})`` when the rule does not say."""
    if traced._judgement is None:
        mode, reasons = None, {}
        rule = semicolon_rule(cleaner)
        if rule is not None and traced.rule_input is not None and hasattr(rule, "judge"):
            try:
                mode, sites = rule.judge(traced.rule_input)
                mode = str(mode)
                for site in sites:
                    reason = getattr(site, "reason", None)
                    if reason:
                        reasons[site.pos] = str(reason)
            except Exception as error:  # the rule is being rewritten: report, never crash
                mode, reasons = None, {}
                traced.judge_error = f"{type(error).__name__}: {error}"
        traced._judgement = (mode, reasons)
    return traced._judgement


def reason_for(cleaner: Cleaner, traced: Traced, fate: Fate) -> str:
    """Why a semicolon was changed: the rule's own reason, else the change log's note."""
    if fate.by == RULE_ID:
        _, reasons = judgement(cleaner, traced)
        if fate.pos_for_rule in reasons:
            return reasons[fate.pos_for_rule]
        return fate.note or "(no reason given)"
    return fate.note or f"removed by {fate.by}"


def why_missed(cleaner: Cleaner, traced: Traced, fate: Fate) -> str:
    """Why a semicolon the rule should have changed was kept, as far as the rule says."""
    if traced.rule_input is None:
        return "no stray-semicolon rule in this configuration"
    if fate.pos_for_rule is None:
        return "moved by an earlier rule beyond following"
    mode, reasons = judgement(cleaner, traced)
    if mode is None:
        if traced.judge_error:
            return f"(the rule's judge failed: {traced.judge_error})"
        return "(the rule gives no reasons)"
    if mode == "clean":
        return "document left alone (judged clean)"
    return reasons.get(fate.pos_for_rule, f"no verdict at this semicolon (document judged {mode})")


def context(text: str, pos: int) -> str:
    before = text[max(0, pos - CONTEXT):pos].replace("\n", " ")
    after = text[pos + 1:pos + 1 + CONTEXT].replace("\n", " ")
    return f"…{before}[{text[pos]}]{after}…"
