"""Quality of the stray-semicolon rule (``punctuation.stray-semicolon``), for one or more
rule-set configurations side by side, in one run.

1. Edited corpora, where every semicolon is the author's and must survive (target: none
   changed): the Brown samples in ``../shared/benchmarks/edited-prose/brown/`` (per genre and
   in total), the 181 article bodies of ``../shared/benchmarks/article-extraction/``, and the
   pages of ``../shared/benchmarks/trafilatura-eval/`` as trafilatura extracts them (cached in
   ``benchmarks/.cache/`` by trafilatura's version). Each document is cleaned whole; every
   semicolon changed is listed with its context and the rule's reason. A change a careful
   editor would also make can be recorded in ``EDITOR_NOTES`` and is then counted apart.
2. Spin recipes (``_spin.py``: sparse, dense, lists-and-conjunctions, capitalised-or-number)
   over the articles and the Brown samples: the share of spun semicolons the rule turns back
   into a comma or removes (recall), and the share of the documents' own semicolons it keeps.
3. Edited corpora with strays of their own (``_semicolon_defects.py``): each document gets two
   invented sentences whose semicolon no editor puts there, and the author's own semicolons
   changed are counted (target: none; a document is read as a mill's on such evidence, and
   an edited article with two slips is still edited text).
4. Configurations: ``--config NAME=SET[,SET…]`` (repeatable) names the rule sets of
   ``Cleaner.from_rules``; by default ``default=default`` and ``mill=mill`` if that set exists.
   The summary puts every measurement in a row and every configuration in a column.

Every semicolon is followed through the change log of the whole clean, so one that an earlier
rule moved (a removed line above it, a no-break space before it) is still found. An absent
corpus is named and left out; with none, the built-in invented paragraphs stand in.

Run from the repository root:

    .venv/bin/python benchmarks/semicolons.py [--seed 0] [--config NAME=SETS …] [--quick] [--json out.json]
                                              [--compare-fates earlier.json]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import checkout_state, write_json
from _semicolon_corpora import BROWN_GENRES, Corpus, load_corpora
from _semicolon_defects import COUNTS as DEFECT_COUNTS
from _semicolon_defects import measure_defects
from _semicolon_fates import edited_key, letters, report_differences, spun_key
from _semicolon_report import report_configuration, report_summary
from _semicolon_trace import RULE_ID, context, reason_for, trace, why_missed
from _spin import RECIPES, spin_corpus

from cleaner import Cleaner

TARGET_CHANGED = 0
TARGET_RECALL = 0.97
TARGET_KEPT = 0.85

# Semicolons of the edited corpora that a careful editor would change too, recorded one by one
# after reading them, so that they are counted apart from the rule's unexplained changes.
# Key: (corpus, document id, a short exact piece of the text that includes the semicolon);
# value: why an editor would change it. Example:
#   ("brown", "cj12", "the data; and the"): "a comma's job: joins a phrase, not a clause",
EDITOR_NOTES: dict[tuple[str, str, str], str] = {}

_NEXT_WORD = re.compile(r"\w[\w'’-]*")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """The text with the differences a reader cannot see taken out."""
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return _BLANK_RUNS.sub("\n\n", _TRAILING.sub("", text)).strip()


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def editor_note(corpus: str, document: str, text: str, pos: int, used: set) -> str | None:
    """The maintainer's note on the semicolon at ``pos``, if one was recorded for it."""
    for key, note in EDITOR_NOTES.items():
        key_corpus, key_document, piece = key
        if key_corpus != corpus or key_document != document or ";" not in piece:
            continue
        start = text.find(piece)
        while start != -1:
            if start <= pos < start + len(piece):
                used.add(key)
                return note
            start = text.find(piece, start + 1)
    return None


def measure_edited(cleaner: Cleaner, corpus: Corpus, used_notes: set) -> dict:
    """Every semicolon of an edited corpus, followed through the clean."""
    groups: dict[str, Counter] = {}
    changes, errors, fates = [], [], {}
    altered, altered_by = 0, Counter()
    for key in sorted(corpus.documents):
        text = corpus.documents[key]
        group = groups.setdefault(corpus.groups.get(key, ""), Counter())
        positions = [m.start() for m in re.finditer(";", text)]
        try:
            traced = trace(cleaner, text, positions)
        except Exception as error:  # a rule failing on a document is a finding, not the end
            errors.append({"document": key, "error": f"{type(error).__name__}: {error}"})
            continue
        fates[key] = letters([fate.outcome for fate in traced.fates])
        if normalise(traced.result_text) != normalise(text):
            altered += 1
            altered_by.update(traced.changed_by)
        changed_here = noted_here = 0
        for pos, fate in zip(positions, traced.fates, strict=True):
            if fate.outcome == "kept":
                continue
            note = editor_note(corpus.name, key, text, pos, used_notes)
            changed_here += 1
            noted_here += note is not None
            changes.append({"corpus": corpus.name, "document": key, "context": context(text, pos),
                            "outcome": fate.outcome, "by": fate.by,
                            "reason": reason_for(cleaner, traced, fate), "editor_note": note})
        group.update(documents=1, semicolons=len(positions), changed=changed_here,
                     documents_changed=int(changed_here > 0), noted=noted_here)
    keys = ("documents", "semicolons", "changed", "documents_changed", "noted")
    total = Counter()
    for counts in groups.values():
        total.update(counts)
    figures = {key: total[key] for key in keys}
    figures["unexplained"] = figures["changed"] - figures["noted"]
    return {
        "corpus": corpus.name, "source": corpus.source, "notes": corpus.notes, **figures,
        "groups": {group: {key: counts[key] for key in keys} for group, counts in sorted(groups.items())
                   if group},
        "documents_altered_by_any_rule": altered,
        "altered_by_rule": dict(altered_by.most_common()),
        "errors": errors,
        "changes": changes,
        "fates": fates,
    }


def measure_spin(cleaner: Cleaner, spun: list[tuple[str, str, list[int]]], originals: dict[str, str]) -> list[dict]:
    """One record per spun document: the fates of its spun and its original semicolons."""
    records = []
    for key, text, spun_positions in spun:
        original_positions = [m.start() for m in re.finditer(";", originals[key])]
        try:
            traced = trace(cleaner, text, spun_positions + original_positions)
        except Exception as error:
            records.append({"document": key, "error": f"{type(error).__name__}: {error}",
                            "spun": [], "original": [], "touched": False, "missed": [],
                            "original_changed": []})
            continue
        fates = traced.fates
        # Only the semicolon rule's own changes count as fixes; a line another rule removed
        # took its semicolons with it.
        outcomes = [f.outcome if f.by in (None, RULE_ID) else "removed" for f in fates]
        missed = []
        for pos, fate in zip(spun_positions, fates, strict=False):
            if fate.outcome == "kept":
                words = _NEXT_WORD.findall(text[pos + 1:pos + 40])
                missed.append({"next_word": words[0].lower() if words else "(none)",
                               "why": why_missed(cleaner, traced, fate), "context": context(text, pos)})
        original_changed = [
            {"outcome": fate.outcome, "by": fate.by, "reason": reason_for(cleaner, traced, fate),
             "context": context(text, pos)}
            for pos, fate in zip(original_positions, fates[len(spun_positions):], strict=True)
            if fate.outcome != "kept"]
        records.append({"document": key, "spun": outcomes[:len(spun_positions)],
                        "original": outcomes[len(spun_positions):],
                        "touched": RULE_ID in traced.changed_by,
                        "missed": missed, "original_changed": original_changed})
    return records


def summarise_spin(records: list[dict]) -> dict:
    spun = Counter(outcome for r in records for outcome in r["spun"])
    original = Counter(outcome for r in records for outcome in r["original"])
    total_spun, total_original = sum(spun.values()), sum(original.values())
    return {
        "documents": len(records),
        "documents_touched": sum(r["touched"] for r in records),
        "spun_semicolons": total_spun,
        "recall": share(spun["comma"] + spun["drop"], total_spun),
        "to_comma": spun["comma"],
        "dropped": spun["drop"],
        "missed": spun["kept"],
        "lost_to_other_rules": spun["removed"],
        "original_semicolons": total_original,
        "original_kept": share(original["kept"], total_original),
        "errors": sum("error" in r for r in records),
    }


def analyse_missed(records: list[dict], top: int = 10) -> dict:
    missed = [m for r in records for m in r["missed"]]
    original_changed = [c for r in records for c in r["original_changed"]]
    return {
        "missed": len(missed),
        "next_words": dict(Counter(m["next_word"] for m in missed).most_common(top)),
        "why": dict(Counter(m["why"] for m in missed).most_common(top)),
        "missed_examples": missed[:50],
        "original_changed": len(original_changed),
        "original_changed_why": dict(Counter(c["reason"] for c in original_changed).most_common(top)),
        "original_changed_examples": original_changed[:50],
    }


def measure_configuration(cleaner: Cleaner, edited: list[Corpus], bases: list[Corpus],
                          spun: dict[tuple[str, str], list], used_notes: set, seed: int = 0) -> dict:
    figures = {"edited": {c.name: measure_edited(cleaner, c, used_notes) for c in edited}, "spin": {},
               "defects": {f"{c.name}+{k}": measure_defects(cleaner, c.name, c.documents, k, seed)
                           for c in edited for k in DEFECT_COUNTS}}
    originals = {base.name: base.documents for base in bases}
    spin_records = {}
    for recipe in RECIPES:
        by_base = {base.name: measure_spin(cleaner, spun[recipe, base.name], originals[base.name])
                   for base in bases}
        spin_records.update({(recipe, name): records for name, records in by_base.items()})
        summaries = {name: summarise_spin(records) for name, records in by_base.items()}
        if len(by_base) > 1:
            summaries["all"] = summarise_spin([r for records in by_base.values() for r in records])
        figures["spin"][recipe] = {"bases": summaries,
                                   "analysis": analyse_missed([r for rs in by_base.values() for r in rs])}
    # Each semicolon's fate, for a later run to compare with (--compare-fates).
    figures["fates"] = {edited_key(name, document): codes for name, corpus in figures["edited"].items()
                        for document, codes in corpus.pop("fates").items()}
    for recipe in RECIPES:
        for base in bases:
            for record in spin_records[recipe, base.name]:
                figures["fates"][spun_key(recipe, base.name, record["document"])] = \
                    letters(record["spun"] + record["original"])
    figures["failed_documents"] = (
        sum(len(e["errors"]) for e in figures["edited"].values())
        + sum(figures["spin"][recipe]["bases"][base.name]["errors"] for recipe in RECIPES for base in bases))
    return figures


def summary_rows(results: dict[str, dict]) -> list[dict]:
    """One row per measurement, its value under each configuration."""
    first = next(iter(results.values()))
    rows = []
    for name in first["edited"]:
        rows.append({"measurement": f"{name}: semicolons changed (not noted)", "target": TARGET_CHANGED,
                     "at_most": True,
                     "values": {c: r["edited"][name]["unexplained"] for c, r in results.items()},
                     "noted": {c: r["edited"][name]["noted"] for c, r in results.items()}})
    for name, defects in first.get("defects", {}).items():
        corpus, _, count = name.partition("+")
        rows.append({"measurement": f"{corpus} with {count} strays added: own semicolons changed",
                     "target": TARGET_CHANGED, "at_most": True,
                     "values": {c: r["defects"][name]["changed"] for c, r in results.items()}})
    spin_figures = (("recall", "recall", TARGET_RECALL), ("original_kept", "own semicolons kept", TARGET_KEPT))
    for figure, label, target in spin_figures:
        for recipe, spin in first["spin"].items():
            for base in spin["bases"]:
                rows.append({"measurement": f"{label}: {recipe}, {base}", "target": target, "at_most": False,
                             "values": {c: r["spin"][recipe]["bases"][base][figure] for c, r in results.items()}})
    return rows


def parse_configs(values: list[str] | None) -> dict[str, list[str]]:
    """The configurations asked for; by default the default set, and "mill" if it exists (one
    that cannot be built is skipped with a note)."""
    if not values:
        return {"default": ["default"], "mill": ["mill"]}
    configs = {}
    for value in values:
        name, sep, sets = value.partition("=")
        if not sep or not name or not sets.strip(","):
            raise SystemExit(f"error: --config wants NAME=SET[,SET…], got {value!r}")
        configs[name] = [s for s in sets.split(",") if s]
    return configs


def main() -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", action="append", metavar="NAME=SETS",
                        help="a configuration to measure: a name and rule sets for Cleaner.from_rules, "
                             "comma-separated (repeatable; default: default=default, and mill=mill if it exists)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the spin recipes (default 0)")
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files to use "
                        "instead of the 181 articles")
    parser.add_argument("--quick", action="store_true", help="every 4th document of each corpus")
    parser.add_argument("--show", type=int, default=30, metavar="N",
                        help="changed semicolons printed per corpus (all of them are in the JSON; default 30)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write all figures to PATH as JSON")
    parser.add_argument("--compare-fates", type=Path, metavar="PATH",
                        help="an earlier run's JSON (same seed, corpora and --quick): list the semicolons whose "
                             "fate changed since, spun or the author's, gained or lost (--show of each configuration)")
    args = parser.parse_args()
    configs = parse_configs(args.config)

    print(f"Checkout: {checkout_state()}; seed {args.seed}{'; quick (every 4th document)' if args.quick else ''}")
    edited, bases = load_corpora(args.corpus, args.quick)
    for corpus in edited + [b for b in bases if b not in edited]:
        print(f"Corpus {corpus.name}: {len(corpus.documents)} documents from {corpus.source}"
              + "".join(f"; {note}" for note in corpus.notes))
    spun = {(recipe, base.name): spin_corpus(recipe, base.name, base.documents, args.seed)
            for recipe in RECIPES for base in bases}

    cleaners, skipped = {}, {}
    for name, sets in configs.items():
        try:
            cleaners[name] = Cleaner.from_rules(*sets)
        except Exception as error:
            skipped[name] = str(error).splitlines()[0]
            print(f"NOTE: configuration {name} ({','.join(sets)}) skipped: {skipped[name]}")
            continue
        if not any(rule.id == RULE_ID for rule in cleaners[name].rules):
            print(f"NOTE: configuration {name} has no {RULE_ID} rule; it changes no semicolon itself.")
    if not cleaners:
        raise SystemExit("error: no configuration could be built")

    results, used_notes = {}, set()
    for name, cleaner in cleaners.items():
        config_started = time.perf_counter()
        results[name] = measure_configuration(cleaner, edited, bases, spun, used_notes, args.seed)
        results[name]["rule_sets"] = configs[name]
        results[name]["seconds"] = time.perf_counter() - config_started
        report_configuration(name, results[name], args.show, BROWN_GENRES)

    stale = [list(key) for key in EDITOR_NOTES if key not in used_notes]
    if stale:
        print(f"\nEDITOR_NOTES that matched no changed semicolon (remove them?): {stale}")
    rows = summary_rows(results)
    report_summary(rows, results)
    if args.compare_fates:
        earlier = json.loads(args.compare_fates.read_text(encoding="utf-8"))["configurations"]
        texts = {corpus.name: corpus.documents for corpus in edited + bases}
        for name in results:
            if "fates" in earlier.get(name, {}):
                results[name]["fates_changed"] = report_differences(
                    name, earlier[name]["fates"], results[name]["fates"], texts, spun, args.show)
            else:
                print(f"\nNOTE: {args.compare_fates} holds no fates for configuration {name}.")
    total = time.perf_counter() - started
    print(f"\nTotal run time: {total:.0f} s")
    write_json(args.json, {
        "checkout": checkout_state(), "seed": args.seed, "quick": args.quick,
        "targets": {"changed": TARGET_CHANGED, "recall": TARGET_RECALL, "kept": TARGET_KEPT},
        "corpora": {c.name: {"documents": len(c.documents), "source": c.source, "notes": c.notes}
                    for c in edited + bases},
        "configurations_skipped": skipped, "configurations": results, "summary": rows,
        "editor_notes": [[*key, note] for key, note in EDITOR_NOTES.items()], "stale_editor_notes": stale,
        "total_seconds": total,
    })


if __name__ == "__main__":
    main()
