"""Printing the semicolon benchmark's figures: one section per configuration, then the summary
with one column per configuration. Not a benchmark itself; ``semicolons.py`` imports it."""

from __future__ import annotations

from _common import print_table

EDITED_KEYS = ("documents", "semicolons", "changed", "documents_changed", "noted")
EDITED_HEADERS = ["documents", "semicolons", "changed", "docs changed", "noted"]


def report_configuration(name: str, figures: dict, show: int, genres: dict[str, str]) -> None:
    print(f"\n\n######## Configuration {name} (rule sets: {', '.join(figures['rule_sets'])}; "
          f"measured in {figures['seconds']:.0f} s) ########")
    report_edited(figures["edited"], show, genres)
    report_defects(figures.get("defects", {}), show)
    report_spin(figures["spin"])


def report_defects(defects: dict[str, dict], show: int) -> None:
    """The author's semicolons changed in edited documents given a few strays of their own."""
    if not defects:
        return
    print("\n== Edited corpora with strays added: the author's semicolons changed (target: none) ==")
    print_table(["corpus", "strays added", "own semicolons", "changed", "documents changed"],
                [[name.partition("+")[0], d["defects"], d["semicolons"], d["changed"], d["documents_changed"]]
                 for name, d in defects.items()])
    for name, d in defects.items():
        for example in d["examples"][:min(show, 5)]:
            print(f"  {name} {example['document']}: …{example['context']}…")


def report_edited(edited: dict[str, dict], show: int, genres: dict[str, str]) -> None:
    print("\n== Edited corpora: semicolons changed (target: none) ==")
    rows = []
    for corpus, figures in edited.items():
        for group, counts in figures["groups"].items():
            rows.append([f"{corpus} {group} ({genres.get(group, group)})",
                         *(counts[key] for key in EDITED_KEYS)])
        rows.append([f"{corpus}{' (all)' if figures['groups'] else ''}",
                     *(figures[key] for key in EDITED_KEYS)])
    print_table(["corpus", *EDITED_HEADERS], rows)
    for corpus, figures in edited.items():
        extra = []
        if figures["documents_altered_by_any_rule"]:
            rules = ", ".join(f"{rule} {n}" for rule, n in figures["altered_by_rule"].items())
            extra.append(f"documents altered by any rule, invisible differences aside: "
                         f"{figures['documents_altered_by_any_rule']} ({rules})")
        if figures["errors"]:
            first = figures["errors"][0]
            extra.append(f"documents the clean FAILED on: {len(figures['errors'])} "
                         f"(first: {first['document']}: {first['error']})")
        for line in extra:
            print(f"  {corpus}: {line}")
    for corpus, figures in edited.items():
        changes = figures["changes"]
        if not changes:
            continue
        print(f"\nChanged semicolons in {corpus}: {len(changes)}"
              f"{f' (first {show}; all in the JSON)' if len(changes) > show else ''}")
        for change in changes[:show]:
            by = "" if change["by"] in (None, "punctuation.stray-semicolon") else f" by {change['by']}"
            noted = f" NOTED: {change['editor_note']}" if change["editor_note"] else ""
            print(f"  {change['document']:<12} {change['outcome']}{by} ({change['reason']}){noted}\n"
                  f"      {change['context']}")


SPIN_ROWS = [
    ("documents spun", "documents"),
    ("spun semicolons", "spun_semicolons"),
    ("recall (comma or removed)", "recall"),
    ("  turned into a comma", "to_comma"),
    ("  removed", "dropped"),
    ("  missed (still ';')", "missed"),
    ("  lost with a line another rule removed", "lost_to_other_rules"),
    ("documents touched by the rule", "documents_touched"),
    ("own semicolons of these documents", "original_semicolons"),
    ("  share kept", "original_kept"),
]


def report_spin(spin: dict[str, dict]) -> None:
    print("\n== Spin recipes: recall on spun semicolons, the documents' own semicolons kept ==")
    for recipe, figures in spin.items():
        bases = figures["bases"]
        print(f"\n-- {recipe} --")
        print_table(["figure", *bases], [[label, *(b[key] for b in bases.values())] for label, key in SPIN_ROWS])
        errors = sum(b["errors"] for b in bases.values())
        if errors:
            print(f"  documents the clean FAILED on: {errors}")
    print("\n== Why spun semicolons were missed (all bases; top 10 each; examples in the JSON) ==")
    for recipe, figures in spin.items():
        analysis = figures["analysis"]
        print(f"\n{recipe}: {analysis['missed']} missed; own semicolons changed: {analysis['original_changed']}")
        if analysis["next_words"]:
            print("  next words: " + ", ".join(f"{w} {n}" for w, n in analysis["next_words"].items()))
        for why, n in analysis["why"].items():
            print(f"  {n:>6}  {why}")


def met(value, target, at_most: bool) -> str:
    if value is None:
        return "n/a"
    return "yes" if (value <= target if at_most else value >= target) else "NO"


def report_summary(rows: list[dict], results: dict[str, dict]) -> None:
    configs = list(results)
    print("\n\n== Summary: one row per measurement, one column per configuration ==")
    table = []
    for row in rows:
        cells = [row["measurement"], ("≤ " if row["at_most"] else "≥ ") + str(row["target"])]
        for config in configs:
            value = row["values"][config]
            shown = value if isinstance(value, (int, float)) or value is None else str(value)
            noted = row.get("noted", {}).get(config)
            cells += [f"{shown} (+{noted} noted)" if noted else shown, met(value, row["target"], row["at_most"])]
        table.append(cells)
    print_table(["measurement", "target", *(h for c in configs for h in (c, "met"))], table)
    for config in configs:
        verdicts = [met(row["values"][config], row["target"], row["at_most"]) for row in rows]
        print(f"{config}: {verdicts.count('yes')} of {len(rows)} targets met"
              + (f" ({verdicts.count('n/a')} n/a)" if "n/a" in verdicts else "")
              + (f"; the clean FAILED {results[config]['failed_documents']} times (those documents are left out)"
                 if results[config]["failed_documents"] else ""))
