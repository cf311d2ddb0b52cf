"""Quality of the stray-semicolon rule (``punctuation.stray-semicolon``) in the default rule set.

Two measurements on a corpus of real, human-checked articles (the article-extraction ground
truth in ``../shared/benchmarks/article-extraction/``, or ``--corpus``):

1. Clean text. Every article is cleaned as it is. Counted: articles that come out
   byte-identical, articles identical once whitespace and invisible characters are normalised,
   and the share of the corpus's own (correct) semicolons that survive. Every semicolon the
   rule changed is listed with its context.
2. Spun text. Each article is turned into a content mill's version: a random 40-70 % of its
   commas before a space become semicolons (seeded, ``--seed``). Counted: the share of those
   spun semicolons turned back into a comma or removed (recall), the share of the article's
   original semicolons kept, how many spun documents were touched at all, and the commonest
   contexts of the spun semicolons that were missed. Also on documents with at least
   ``--min-spun`` spun semicolons only: one stray semicolon is no evidence about a document.

Every semicolon is followed through the change log of the whole clean, so a semicolon that
an earlier rule moved (a removed line above it, a no-break space before it) is still found.

Run from the repository root:

    .venv/bin/python benchmarks/semicolons.py [--seed 0] [--corpus PATH] [--json out.json]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import load_articles, print_table, spin_commas, write_json

from cleaner import Cleaner
from cleaner.document import Change, Edit
from cleaner.pipeline import apply_edits

RULE_ID = "punctuation.stray-semicolon"
TARGET_RECALL = 0.95
TARGET_KEPT = 0.99
SPUN_SHARE = (0.4, 0.7)
CONTEXT = 40

_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_NEXT_WORD = re.compile(r"\w[\w'’-]*")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
# English function words: over a tenth of the words of English prose, almost none of other
# languages' (short ones such as "a", "in", "on" are left out: Romance and German use them).
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to is that for it was with are this from have has he she they we you his her "
    "their will would said which who be by at not but".split())
ENGLISH_SHARE = 0.1


def is_english(text: str) -> bool:
    """Whether the text reads as English prose: the rule knows only English grammar."""
    words = [w.lower() for w in _LETTER_WORD.findall(text)]
    return bool(words) and sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= ENGLISH_SHARE


def normalise(text: str) -> str:
    """The text with the differences a reader cannot see taken out."""
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return _BLANK_RUNS.sub("\n\n", _TRAILING.sub("", text)).strip()


@dataclass
class Fate:
    """What the clean did to one semicolon of the input."""

    outcome: str  # "kept" | "comma" | "drop" | "removed" (its line or span went)
    by: str | None  # the rule that changed it
    pos_for_rule: int | None  # where it stood in the text the semicolon rule saw


@dataclass
class Traced:
    """A cleaned document with the fate of chosen semicolons and the semicolon rule's view."""

    fates: list[Fate]
    rule_input: str  # the text as the semicolon rule saw it
    mill: bool  # whether the rule took the document for a mill's
    reasons: dict[int, str]  # the rule's verdict reason by position in rule_input
    result_text: str
    changed_by: set[str]  # rules that changed the document at all


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


def trace(cleaner: Cleaner, text: str, positions: list[int]) -> Traced:
    """Clean ``text`` and follow the semicolons at ``positions`` through every rule's changes."""
    result = cleaner.clean(text)
    by_rule: dict[str, list[Change]] = {}
    for change in result.changes:
        by_rule.setdefault(change.rule_id, []).append(change)
    fates = [Fate("kept", None, None) for _ in positions]
    live = dict(enumerate(positions))
    current, rule_input = text, text
    for rule in cleaner.rules:
        if rule.id == RULE_ID:
            rule_input = current
            for i, pos in live.items():
                fates[i].pos_for_rule = pos
        changes = by_rule.get(rule.id, [])
        if not changes:
            continue
        for i, pos in list(live.items()):
            new_pos, change = carry(pos, changes)
            if new_pos is not None:
                live[i] = new_pos
                continue
            del live[i]
            outcome = "removed"
            if change.before == ";":
                outcome = "drop" if change.after == "" else "comma" if change.after == "," else "removed"
            fates[i] = Fate(outcome, rule.id, fates[i].pos_for_rule)
        current, _ = apply_edits(current, [Edit(c.start, c.end, c.after) for c in changes], rule.id)
    if current != result.text:
        raise RuntimeError("replaying the change log did not give the cleaned text")
    rule = next(r for r in cleaner.rules if r.id == RULE_ID)
    mill, sites = rule.judge(rule_input)
    return Traced(fates, rule_input, mill, {s.pos: s.reason for s in sites}, result.text, set(by_rule))


def context(text: str, pos: int) -> str:
    before = text[max(0, pos - CONTEXT):pos].replace("\n", " ")
    after = text[pos + 1:pos + 1 + CONTEXT].replace("\n", " ")
    return f"…{before}[;]{after}…"


def first_difference(a: str, b: str) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"in: {a[max(0, i - 30):i + 30]!r}\n      out: {b[max(0, i - 30):i + 30]!r}"


def measure_clean(cleaner: Cleaner, articles: dict[str, str]) -> dict:
    byte_identical = newline_identical = normalised_identical = semicolons = kept = 0
    changed_by = Counter()
    semicolon_changes, altered = [], []
    for key, text in articles.items():
        positions = [m.start() for m in re.finditer(";", text)]
        traced = trace(cleaner, text, positions)
        byte_identical += traced.result_text == text
        newline_identical += traced.result_text == text.rstrip("\n") + "\n"
        before, after = normalise(text), normalise(traced.result_text)
        if before == after:
            normalised_identical += 1
        else:
            altered.append({"article": key, "rules": sorted(traced.changed_by),
                            "first_difference": first_difference(before, after)})
        changed_by.update(traced.changed_by)
        semicolons += len(positions)
        kept += sum(f.outcome == "kept" for f in traced.fates)
        for fate in traced.fates:
            if fate.outcome != "kept":
                where = fate.pos_for_rule
                semicolon_changes.append({
                    "article": key, "outcome": fate.outcome, "by": fate.by,
                    "context": context(traced.rule_input, where) if where is not None else "",
                    "reason": traced.reasons.get(where, "") if fate.by == RULE_ID else "",
                })
    return {
        "articles": len(articles),
        "byte_identical": byte_identical,
        "identical_but_final_newline": newline_identical,
        "normalised_identical": normalised_identical,
        "semicolons": semicolons,
        "semicolons_kept": kept,
        "kept_share": share(kept, semicolons),
        "articles_changed_by_rule": dict(changed_by.most_common()),
        "semicolon_changes": semicolon_changes,
        "altered_after_normalising": altered,
    }


def measure_spun(cleaner: Cleaner, articles: dict[str, str], seed: int) -> list[dict]:
    """One record per article that had commas to spin: its spun and original semicolons' fates."""
    rng = random.Random(seed)
    records = []
    for key in sorted(articles):
        text = articles[key]
        spun, spun_positions = spin_commas(text, rng, rng.uniform(*SPUN_SHARE))
        if not spun_positions:
            continue
        original_positions = [m.start() for m in re.finditer(";", text)]
        traced = trace(cleaner, spun, spun_positions + original_positions)
        spun_fates = traced.fates[:len(spun_positions)]
        missed = []
        for pos, fate in zip(spun_positions, spun_fates, strict=True):
            if fate.outcome != "kept":
                continue
            words = _NEXT_WORD.findall(spun[pos + 1:pos + 40])
            if not traced.mill:
                why = "document not taken for a mill's"
            else:
                why = traced.reasons.get(fate.pos_for_rule, "not read as a prose semicolon")
            missed.append({"next_word": words[0].lower() if words else "(none)", "why": why,
                           "context": context(spun, pos)})
        original_fates = traced.fates[len(spun_positions):]
        original_changed = [
            {"outcome": fate.outcome, "why": traced.reasons.get(fate.pos_for_rule, "") or fate.by,
             "context": context(spun, pos)}
            for pos, fate in zip(original_positions, original_fates, strict=True) if fate.outcome != "kept"]
        records.append({
            "article": key,
            "english": is_english(text),
            "spun": [f.outcome for f in spun_fates],
            "original": [f.outcome for f in original_fates],
            "missed": missed,
            "original_changed": original_changed,
        })
    return records


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def summarise_spun(records: list[dict]) -> dict:
    spun = Counter(outcome for r in records for outcome in r["spun"])
    original = Counter(outcome for r in records for outcome in r["original"])
    total_spun, total_original = sum(spun.values()), sum(original.values())
    fixed = spun["comma"] + spun["drop"]
    return {
        "documents": len(records),
        "documents_recognised": sum(any(o in ("comma", "drop") for o in r["spun"]) for r in records),
        "spun_semicolons": total_spun,
        "recall": share(fixed, total_spun),
        "to_comma": share(spun["comma"], total_spun),
        "removed": share(spun["drop"], total_spun),
        "missed": spun["kept"],
        "lost_to_other_rules": spun["removed"],
        "original_semicolons": total_original,
        "original_kept": share(original["kept"], total_original),
    }


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "yes" if value >= target else "NO"


def report_clean(figures: dict) -> None:
    n, kept = figures["articles"], figures["kept_share"]
    byte_identical, normalised_identical = figures["byte_identical"], figures["normalised_identical"]
    print("\n== Clean articles (as published) ==")
    print_table(["figure", "value", "target", "met"], [
        ["articles", n, "", ""],
        ["byte-identical after cleaning", byte_identical, n, verdict(byte_identical, n)],
        ["  identical but for one final newline", figures["identical_but_final_newline"], "", ""],
        ["identical after normalising", normalised_identical, n, verdict(normalised_identical, n)],
        ["correct semicolons in corpus", figures["semicolons"], "", ""],
        ["share of them kept", kept, TARGET_KEPT, verdict(kept, TARGET_KEPT)],
    ])
    print("\nArticles each rule changed in any byte (the final newline counts):")
    print_table(["rule", "articles"], [list(item) for item in figures["articles_changed_by_rule"].items()])
    changes = figures["semicolon_changes"]
    print(f"\nSemicolons changed in clean articles: {len(changes)}")
    for change in changes:
        print(f"  {change['article'][:12]}  -> {change['outcome']} by {change['by']}"
              f"{' (' + change['reason'] + ')' if change['reason'] else ''}\n      {change['context']}")
    altered = figures["altered_after_normalising"]
    print(f"\nArticles not identical even after normalising: {len(altered)}")
    for item in altered:
        print(f"  {item['article'][:12]}  rules: {', '.join(item['rules'])}\n"
              f"      {item['first_difference']}")


def report_spun(records: list[dict], min_spun: int, seed: int) -> dict:
    evidenced = [r for r in records if len(r["spun"]) >= min_spun]
    subsets = {
        "all spun documents": summarise_spun(records),
        f">= {min_spun} spun": summarise_spun(evidenced),
        f"English, >= {min_spun} spun": summarise_spun([r for r in evidenced if r["english"]]),
    }
    low, high = SPUN_SHARE
    print(f"\n== Spun articles ({low:.0%}-{high:.0%} of commas before a space made semicolons, "
          f"seed {seed}) ==")
    rows = [
        ("documents with spun semicolons", "documents", None),
        ("documents recognised (any fix)", "documents_recognised", None),
        ("spun semicolons", "spun_semicolons", None),
        ("recall (comma or removed)", "recall", TARGET_RECALL),
        ("  turned into a comma", "to_comma", None),
        ("  removed", "removed", None),
        ("  missed (still ';')", "missed", None),
        ("  lost with a line another rule removed", "lost_to_other_rules", None),
        ("original semicolons in these documents", "original_semicolons", None),
        ("share of original semicolons kept", "original_kept", TARGET_KEPT),
    ]
    print_table(
        ["figure", *subsets, "target", "met (each column)"],
        [[label, *(figures[key] for figures in subsets.values()), "" if target is None else target,
          "" if target is None else " / ".join(verdict(figures[key], target) for figures in subsets.values())]
         for label, key, target in rows])
    print(f"English: at least {ENGLISH_SHARE:.0%} of the words are English function words; "
          f"{sum(r['english'] for r in records)} of {len(records)} spun documents.")

    missed = [m for r in records for m in r["missed"]]
    missed_english = [m for r in records if r["english"] for m in r["missed"]]
    print("\nCommonest next words after missed spun semicolons:")
    words = Counter(m["next_word"] for m in missed)
    words_english = Counter(m["next_word"] for m in missed_english)
    print_table(["next word", "missed", "in English documents"],
                [[w, n, words_english[w]] for w, n in words.most_common(10)])
    print("\nWhy they were missed:")
    reasons = Counter(m["why"] for m in missed)
    reasons_english = Counter(m["why"] for m in missed_english)
    print_table(["reason", "missed", "in English documents"],
                [[w, n, reasons_english[w]] for w, n in reasons.most_common()])

    original_changed = [c for r in records for c in r["original_changed"]]
    print(f"\nOriginal (correct) semicolons changed in spun documents: {len(original_changed)}")
    for change in original_changed:
        print(f"  -> {change['outcome']} ({change['why']})\n      {change['context']}")
    return {"subsets": subsets,
            "missed_next_words": dict(words.most_common(10)), "missed_reasons": dict(reasons.most_common()),
            "missed_examples": missed[:50], "original_changed": original_changed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files "
                        "(default: ../shared/benchmarks/article-extraction/ground-truth.json)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the comma spinner (default 0)")
    parser.add_argument("--min-spun", type=int, default=3,
                        help="spun semicolons a document needs for the second and third columns (default 3)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()

    articles, source = load_articles(args.corpus)
    print(f"Corpus: {source} ({len(articles)} articles)")
    cleaner = Cleaner.from_rules("default")
    clean = measure_clean(cleaner, articles)
    report_clean(clean)
    spun = report_spun(measure_spun(cleaner, articles, args.seed), args.min_spun, args.seed)
    write_json(args.json, {"corpus": source, "seed": args.seed, "clean": clean, "spun": spun,
                           "targets": {"recall": TARGET_RECALL, "kept": TARGET_KEPT,
                                       "clean_unchanged": len(articles)}})


if __name__ == "__main__":
    main()
