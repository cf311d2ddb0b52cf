"""Digests of everything the rule sets make of the benchmarks' texts and pages: whether a change
alters any output at all.

Work on speed must leave every output as it was (the issue "Text path: five times faster on
content-mill archives"), and a change meant to alter one rule should alter nothing else. This
script cleans every input the benchmarks use and hashes what comes out of each document: the
cleaned text, every change record (rule, place, before, after, note), the metadata, the warnings
and the report's counts. A group's digest is the hash of its documents' hashes, in order.

Groups (each present corpus; an absent one is named and left out):

- the edited corpora (the Brown samples, the 181 article bodies, the trafilatura-eval texts)
  and the four spin recipes over each of their bases, under the default and the mill sets;
- the seed-shaped stream (1 MB) and the published articles (2 MB), under both sets;
- the pages of both extraction corpora through ``extract_article`` (default set, no title).

``--json PATH`` writes every document's hash; ``--compare PATH`` reads such a file from an
earlier run (another commit) and names the groups and the first documents that differ.

    .venv/bin/python benchmarks/outputs.py [--quick] [--json out.json] [--compare before.json]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import time
from pathlib import Path

from _common import checkout_state, load_articles, print_table, write_json
from _extraction_corpora import CORPORA, load_corpus
from _seed_shaped import seed_shaped_stream
from _semicolon_corpora import load_corpora
from _spin import RECIPES, spin_corpus

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.html import extract_article

SETS = ("default", "mill")


def digest(doc: Document) -> str:
    """The hash of one document's whole output."""
    record = [doc.text, [[c.rule_id, c.start, c.end, c.before, c.after, c.note] for c in doc.changes],
              doc.metadata, doc.warnings, doc.stats]
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def text_groups(quick: bool) -> dict[str, dict[str, str]]:
    """``{group: {document key: text}}`` for the text inputs."""
    with contextlib.redirect_stdout(io.StringIO()):  # the loaders' notes belong to their own benchmarks
        edited, bases = load_corpora(None, quick)
        articles, source = load_articles(None)
    print(f"Text corpora: {', '.join(corpus.name for corpus in edited)} (an absent one is left out; with none, "
          f"invented paragraphs stand in); published prose from {source}")
    groups = {f"edited {corpus.name}": dict(corpus.documents) for corpus in edited}
    for recipe in RECIPES:
        for base in bases:
            groups[f"spun {recipe} {base.name}"] = {key: text for key, text, _ in
                                                    spin_corpus(recipe, base.name, base.documents, 0)}
    groups["seed-shaped stream"] = {str(i): text for i, text in enumerate(seed_shaped_stream(0.25 if quick else 1.0, 1))}
    published, total = {}, 0
    for i, article in enumerate(list(articles.values()) * 8):
        if total >= (0.5 if quick else 2.0) * 1e6:
            break
        published[str(i)] = article
        total += len(article.encode("utf-8"))
    groups["published prose"] = published
    return groups


def run(quick: bool) -> dict[str, dict[str, str]]:
    """``{group: {document key: hash}}`` for every group under every set, and every page."""
    hashes: dict[str, dict[str, str]] = {}
    for name, documents in text_groups(quick).items():
        for rule_set in SETS:
            cleaner = Cleaner.from_rules(rule_set)
            hashes[f"{name} [{rule_set}]"] = {key: digest(cleaner.clean_document(Document(text)))
                                              for key, text in documents.items()}
    cleaner = Cleaner.from_rules("default")
    for corpus in CORPORA:
        pages = load_corpus(corpus, limit=40 if quick else None)
        if pages is None:
            print(f"NOTE: {corpus} is absent; its pages are left out.")
            continue
        found = {}
        for page in pages:
            try:
                found[page.id] = digest(extract_article(page.html, cleaner=cleaner, title=False, metadata=False))
            except Exception as error:  # noqa: BLE001 - a page that fails is an output too
                found[page.id] = hashlib.sha256(f"{type(error).__name__}: {error}".encode()).hexdigest()
        hashes[f"pages {corpus} [default]"] = found
    return hashes


def group_digest(documents: dict[str, str]) -> str:
    return hashlib.sha256("".join(documents.values()).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a quarter of each corpus, 40 pages of each")
    parser.add_argument("--json", type=Path, help="write every document's hash here")
    parser.add_argument("--compare", type=Path, help="a --json file of an earlier run to compare with")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"Commit: {checkout_state()}")
    hashes = run(args.quick)
    earlier = json.loads(args.compare.read_text(encoding="utf-8"))["documents"] if args.compare else None
    rows, differing = [], 0
    for group, documents in hashes.items():
        row = [group, len(documents), group_digest(documents)[:16]]
        if earlier is not None:
            before = earlier.get(group)
            if before is None:
                row.append("not in the earlier run")
            else:
                changed = sorted(key for key in documents.keys() | before.keys() if documents.get(key) != before.get(key))
                differing += len(changed)
                row.append("same" if not changed else f"{len(changed)} differ: " + ", ".join(key[:16] for key in changed[:3]))
        rows.append(row)
    print_table(["group", "documents", "digest"] + (["against the earlier run"] if earlier is not None else []), rows)
    print(f"\nAll outputs: {group_digest({g: group_digest(d) for g, d in hashes.items()})[:16]}"
          f" ({sum(map(len, hashes.values())):,} documents)")
    if earlier is not None:
        print("Every output as in the earlier run." if not differing else f"{differing} document(s) differ.")
    print(f"Total run time: {time.perf_counter() - started:.0f} s")
    write_json(args.json, {"checkout": checkout_state(), "quick": args.quick, "documents": hashes})


if __name__ == "__main__":
    main()
