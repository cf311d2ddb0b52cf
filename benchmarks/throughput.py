"""Speed of the default rule set on plain text, in one process (that is, per core).

The main measurements run on a stream of scraped articles shaped like the user's example (the
seed): invented articles of about 3 KB, each with the seed's defects (a date stamp, an ad
banner, the title twice, two leaked shortcodes, fifteen semicolons of which fourteen are
strays), names and numbers varied so that no two are alike (``_seed_shaped.py``). In one run:

1. the stream (``--stream-mb``, default 5) cleaned by ``Cleaner.clean`` document by document:
   MB/s (UTF-8 bytes of the texts in) and documents/s;
2. the same stream as a JSONL file through ``cleaner clean FILE --jobs 1 --out OUT.jsonl`` (a
   subprocess): MB/s as it is, and net of start-up, which the same command on a JSONL of one
   document measures; the command's texts must equal the library's;
3. clean prose: the article-extraction ground truth as published, repeated to 5 MB, as
   documents: MB/s, where the rules find almost nothing to do;
4. each rule of the default set alone on the stream, in pipeline order: its time and its
   share of the time of all rules; the same on the clean prose;
5. the stream joined into ONE document of 1, 10 and 50 MB (``--one-document-sizes``):
   seconds per MB, and their ratio, largest size over smallest (linear time: close to 1).

A summary compares them with the targets: the seed-shaped stream at 10 MB/s or more (25 is the
aim), clean prose at 50 MB/s or more, the ratio at 1.2 or less.

``--synthetic`` adds the older measurement: an archive of ~5 KB articles built from the ground
truth's sentences, every defect the rules exist for at high density (spun semicolons in half),
at each of ``--sizes`` MB as one document and as its articles; each rule alone on its 10 MB.

Each figure is the median of ``--repeats`` timed runs. Run from the repository root:

    .venv/bin/python benchmarks/throughput.py [--quick] [--repeats 3] [--synthetic [--sizes 1 5 10]] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import random
import re
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import REPO_ROOT, checkout_state, load_articles, print_table, spin_commas, write_json
from _seed_shaped import measure_command, print_stream, seed_shaped_stream

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.pipeline import apply_findings

MB = 1_000_000
TARGET_SEED_MB_PER_S = 10.0
AIM_SEED_MB_PER_S = 25.0
TARGET_PROSE_MB_PER_S = 50.0
TARGET_RATIO = 1.2
STREAM_MB, QUICK_STREAM_MB = 5.0, 1.0
ONE_DOCUMENT_SIZES, QUICK_ONE_DOCUMENT_SIZES = [1, 10, 50], [1, 5]
PROSE_MB = 5.0
ARTICLE_CHARS = (4_000, 6_000)
DEFAULT_SIZES = [1, 5, 10, 25, 50]
QUICK_SIZES = [1, 5]
RULE_SIZE = 10

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘(]?[A-Z0-9])")

DATE_STAMPS = ["Thu, 06-Mar-2025", "2025-10-21", "Monday, March 3, 2025", "21 October 2025",
               "October 21, 2025", "Sat, 08-Nov-2025 14:05"]
SECTIONS = ["News", "Business", "Sport", "Technology", "Opinion", "Culture"]
AD_LABELS = ["Advertisement", "ADVERTISEMENT", "- Advertisement -", "Sponsored Content",
             "Story continues below advertisement", "Anzeige", "Publicidad"]
GLUED_LABELS = ["Advertisement - Continue Reading Below", "Continue reading the main story",
                "Scroll to continue with content"]
BANNERS = ["Google Ads | Google Ads | Google Ads", "Order Now · Order Now · Order Now",
           "Support local journalism | Support local journalism"]
FURNITURE = ["Share this:EmailFacebookTwitterWhatsApp", "Like this:Like Loading...", "12 Comments",
             "Sign up for our newsletter", "We use cookies to improve your experience. Accept"]
ODD_SPACES = ["\u00a0", "\u2009", "\u202f", "\u200b "]
SHORTCODE_LINES = ['[caption id="attachment_{n}" align="alignnone" width="640"]A file photo.[/caption]',
                   "[embed]https://www.youtube.com/watch?v=clip{n}[/embed]", '[adinserter block="{n}"]']
PAGE_BUILDER = "[vc_row][vc_column][vc_column_text]{}[/vc_column_text][/vc_column][/vc_row]"


def sentence_pool(articles: dict[str, str]) -> list[str]:
    sentences = []
    for text in articles.values():
        for paragraph in text.split("\n"):
            sentences.extend(s.strip() for s in _SENTENCE_SPLIT.split(paragraph) if s.strip())
    return sentences


def make_paragraph(sentences: list[str], rng: random.Random) -> str:
    # Two to five sentences from anywhere in the corpus: paragraphs rarely repeat, so the
    # repeated-line rule does not shrink the large archives more than the small ones.
    return " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))


def add_defects(paragraph: str, rng: random.Random) -> str:
    """A paragraph as a scraper may deliver it: odd spaces, a glued ad label, mojibake,
    trailing blanks, page-builder shortcodes around it."""
    roll = rng.random()
    if roll < 0.25:
        words = paragraph.split(" ")
        for _ in range(min(3, len(words) - 1)):
            i = rng.randrange(1, len(words))
            words[i] = rng.choice(ODD_SPACES) + words[i]
        return " ".join(words)
    if roll < 0.30:
        cut = paragraph.find(". ")
        if cut > 0:
            return f"{paragraph[:cut + 1]} {rng.choice(GLUED_LABELS)} {paragraph[cut + 2:]}"
    if roll < 0.35:
        # UTF-8 read as cp1252; the apostrophe makes sure there is something to garble.
        try:
            return ("It’s " + paragraph).encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            return paragraph
    if roll < 0.40:
        return paragraph + rng.choice(["  ", "\t", " \u00a0"])
    if roll < 0.45:
        return PAGE_BUILDER.format(paragraph)
    return paragraph


def make_article(sentences: list[str], rng: random.Random) -> str:
    """One scraped article of about 5 KB, with the page furniture around and inside it."""
    title = " ".join(rng.choice(sentences).split()[:9]).rstrip(",.;:")
    head = [rng.choice(DATE_STAMPS), title, rng.choice(SECTIONS), title + rng.choice(["", "  "]), ""]
    target = rng.randint(*ARTICLE_CHARS)
    body: list[str] = []
    size = 0
    while size < target:
        paragraph = make_paragraph(sentences, rng)
        size += len(paragraph)
        body.append(add_defects(paragraph, rng))
        roll = rng.random()
        if roll < 0.15:
            body.append(rng.choice(AD_LABELS))
        elif roll < 0.22:
            body.append(rng.choice(BANNERS))
        elif roll < 0.30:
            body.append(rng.choice(FURNITURE))
        elif roll < 0.33:
            body.append(rng.choice(SHORTCODE_LINES).format(n=rng.randint(1, 999)))
        elif roll < 0.38:
            body.append("\n")  # with the joins, a run of three blank lines
    text = "\n".join(head) + "\n" + "\n\n".join(body) + "\n"
    if rng.random() < 0.5:
        text, _ = spin_commas(text, rng, rng.uniform(0.4, 0.7))
    return text


def build_archive(articles: dict[str, str], total_mb: float, seed: int) -> list[str]:
    """Scraped articles, in order, until they hold ``total_mb`` MB of UTF-8."""
    rng = random.Random(seed)
    sentences = sentence_pool(articles)
    archive, size = [], 0
    while size < total_mb * MB:
        article = make_article(sentences, rng)
        archive.append(article)
        size += len(article.encode("utf-8")) + 1
    return archive


def prefix_of(archive: list[str], size_mb: float) -> list[str]:
    """The first articles of the archive that together hold ``size_mb`` MB."""
    total = 0
    for count, article in enumerate(archive, 1):
        total += len(article.encode("utf-8")) + 1
        if total >= size_mb * MB:
            return archive[:count]
    return archive


def timed_runs(run: Callable[[], int], repeats: int) -> tuple[list[float], int]:
    """The seconds of each run, and what the last run returned."""
    times, returned = [], 0
    for _ in range(repeats):
        gc.collect()  # so one run does not pay for the garbage of the one before
        start = time.perf_counter()
        returned = run()
        times.append(time.perf_counter() - start)
    return times, returned


def clean_all(cleaner: Cleaner, documents: list[str]) -> int:
    """Clean each document; return how many warnings (a rule skipped on time) they raised."""
    return sum(len(cleaner.clean(doc).warnings) for doc in documents)


def measure_documents(cleaner: Cleaner, documents: list[str], repeats: int) -> dict:
    """``Cleaner.clean`` over the documents one by one: MB/s of UTF-8 in, and documents/s."""
    mb = sum(len(doc.encode("utf-8")) for doc in documents) / MB
    times, warnings = timed_runs(partial(clean_all, cleaner, documents), repeats)
    seconds = statistics.median(times)
    return {"mb": mb, "documents": len(documents), "median_s": seconds, "times_s": times,
            "mb_per_s": mb / seconds, "docs_per_s": len(documents) / seconds, "s_per_mb": seconds / mb,
            "warnings": warnings}


def measure_sizes(cleaner: Cleaner, archive: list[str], sizes: list[float], repeats: int,
                  as_articles: bool = True) -> list[dict]:
    """The first ``size`` MB of the archive as one document, and (``as_articles``) as its articles."""
    results = []
    for size_mb in sizes:
        articles = prefix_of(archive, size_mb)
        ways = [("one document", ["\n".join(articles)]), ("~5 KB documents", articles)]
        for mode, documents in ways[:2 if as_articles else 1]:
            row = {"size_mb": size_mb, "mode": mode, **measure_documents(cleaner, documents, repeats)}
            results.append(row)
            print(f"  {size_mb:g} MB, {mode}: {row['median_s']:.2f} s", flush=True)
    return results


def measure_rules(cleaner: Cleaner, documents: list[str], repeats: int) -> list[dict]:
    """Each rule's own time (find and apply) over the documents, in pipeline order, median over
    the repeats, with the collector on, as ``Cleaner.clean`` runs."""
    mb = sum(len(doc.encode("utf-8")) for doc in documents) / MB
    times: dict[str, list[float]] = {rule.id: [] for rule in cleaner.rules}
    edit_counts: dict[str, int] = {}
    clock = time.perf_counter
    for _ in range(repeats):
        spent = dict.fromkeys(times, 0.0)
        counts = dict.fromkeys(times, 0)
        gc.collect()
        for text in documents:
            doc = Document(text)
            for rule in cleaner.rules:
                start, before = clock(), len(doc.changes)
                apply_findings(doc, rule.id, rule.find(doc))
                spent[rule.id] += clock() - start
                counts[rule.id] += len(doc.changes) - before
        for rule_id, seconds in spent.items():
            times[rule_id].append(seconds)
        edit_counts = counts
    total = sum(statistics.median(t) for t in times.values())
    return [{"rule": rule_id, "median_s": statistics.median(t), "mb_per_s": mb / statistics.median(t),
             "share": statistics.median(t) / total, "changes": edit_counts[rule_id]}
            for rule_id, t in times.items()]


def size_ratio(rows: list[dict]) -> float:
    """Seconds per MB at the largest size over the smallest."""
    smallest, largest = min(rows, key=lambda r: r["mb"]), max(rows, key=lambda r: r["mb"])
    return largest["s_per_mb"] / smallest["s_per_mb"]


def print_rules(rules: list[dict], what: str, documents: int) -> None:
    print(f"\nEach rule alone on {what}, in pipeline order (median):")
    print_table(["rule", "median s", "MB/s", "share of time", "changes", "per document"],
                [[r["rule"], r["median_s"], f"{r['mb_per_s']:.1f}", f"{r['share']:.0%}", r["changes"],
                  f"{r['changes'] / documents:.1f}"] for r in rules])
    top = sorted(rules, key=lambda r: -r["median_s"])[:3]
    print("Slowest: " + ", ".join(f"{r['rule']} ({r['share']:.0%}, {r['mb_per_s']:.1f} MB/s)" for r in top))


def print_sizes(rows: list[dict], title: str) -> None:
    print(f"\n{title}")
    print_table(["size", "MB", "cleaned as", "docs", "median s", "MB/s", "s per MB"],
                [[f"{r['size_mb']:g} MB", f"{r['mb']:.2f}", r["mode"], r["documents"], f"{r['median_s']:.2f}",
                  f"{r['mb_per_s']:.2f}", r["s_per_mb"]] for r in rows])
    for r in rows:
        if r["warnings"]:
            print(f"WARNING: {r['size_mb']:g} MB as {r['mode']}: {r['warnings']} rule(s) skipped on time")


def published_documents(articles: dict[str, str], size_mb: float) -> list[str]:
    """The published articles as they are, in order and over again, until ``size_mb`` MB."""
    documents, total = [], 0
    for article in itertools.cycle(articles.values()):
        if total >= size_mb * MB:
            return documents
        documents.append(article)
        total += len(article.encode("utf-8"))
    return documents


def met(value: float | None, target: float, at_most: bool = False) -> str:
    if value is None:
        return "n/a"
    return "yes" if (value <= target if at_most else value >= target) else "NO"


def summary_rows(results: dict) -> list[list]:
    library, command, prose = results["stream"], results["command"], results["prose"]
    one_doc = results["one_document"]
    net = command["net_mb_per_s"]
    net_docs = f"{command['net_docs_per_s']:.0f}" if net else "n/a"
    seed_target = f">= {TARGET_SEED_MB_PER_S:g} MB/s (aim {AIM_SEED_MB_PER_S:g})"
    return [
        [f"seed-shaped stream, Cleaner.clean, {library['mb']:.1f} MB", f"{library['mb_per_s']:.2f} MB/s",
         f"{library['docs_per_s']:.0f}", seed_target, met(library["mb_per_s"], TARGET_SEED_MB_PER_S)],
        ["seed-shaped stream, cleaner clean --jobs 1, net of start-up", f"{net:.2f} MB/s" if net else "n/a",
         net_docs, seed_target, met(net, TARGET_SEED_MB_PER_S)],
        [f"the same as it is (start-up {command['startup_s']:.2f} s included)", f"{command['mb_per_s']:.2f} MB/s",
         f"{command['docs_per_s']:.0f}", "", ""],
        [f"clean prose (published articles), {prose['mb']:.1f} MB", f"{prose['mb_per_s']:.1f} MB/s",
         f"{prose['docs_per_s']:.0f}", f">= {TARGET_PROSE_MB_PER_S:g} MB/s",
         met(prose["mb_per_s"], TARGET_PROSE_MB_PER_S)],
        [f"one document, s per MB at {one_doc[-1]['size_mb']:g} MB over {one_doc[0]['size_mb']:g} MB",
         f"{results['one_document_ratio']:.2f}", "", f"<= {TARGET_RATIO:g}",
         met(results["one_document_ratio"], TARGET_RATIO, at_most=True)],
    ]


def run_synthetic(cleaner: Cleaner, articles: dict[str, str], sizes: list[float], args: argparse.Namespace) -> dict:
    rule_mb = min(RULE_SIZE, sizes[-1])  # the rules are timed on 10 MB, or less if the run is smaller
    archive = build_archive(articles, sizes[-1], args.seed)
    print(f"\nSynthetic archive: {len(archive)} articles, {len(sizes)} sizes x 2 ways x {args.repeats} repeats:")
    rows = measure_sizes(cleaner, archive, sizes, args.repeats)
    rules = measure_rules(cleaner, ["\n".join(prefix_of(archive, rule_mb))], args.repeats)
    print_sizes(rows, "== Synthetic archive, every defect at high density ==")
    modes = dict.fromkeys(r["mode"] for r in rows)
    ratios = {mode: size_ratio([r for r in rows if r["mode"] == mode]) for mode in modes}
    print("Seconds per MB, largest size over smallest: "
          + ", ".join(f"{ratio:.2f} as {mode}" for mode, ratio in ratios.items()))
    print_rules(rules, f"the {rule_mb:g} MB synthetic archive as one document", 1)
    return {"sizes": rows, "ratios": ratios, "rules_mb": rule_mb, "rules": rules}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"a {QUICK_STREAM_MB:g} MB stream, one document of "
                        f"{' and '.join(map(str, QUICK_ONE_DOCUMENT_SIZES))} MB (synthetic: 1 and 5 MB)")
    parser.add_argument("--stream-mb", type=float, help=f"MB of the seed-shaped stream (default {STREAM_MB:g})")
    parser.add_argument("--one-document-sizes", type=float, nargs="+", metavar="MB",
                        help=f"sizes of the one-document runs (default {' '.join(map(str, ONE_DOCUMENT_SIZES))})")
    parser.add_argument("--synthetic", action="store_true", help="also the synthetic archive at --sizes")
    parser.add_argument("--sizes", type=float, nargs="+", metavar="MB", help="synthetic archive sizes "
                        f"(default {' '.join(map(str, DEFAULT_SIZES))}); implies --synthetic")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (default 3)")
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files for the clean "
                        "prose and the synthetic archive (default: the shared article-extraction ground truth)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generators (default 0)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    stream_mb = args.stream_mb or (QUICK_STREAM_MB if args.quick else STREAM_MB)
    one_doc_sizes = sorted(args.one_document_sizes
                           or (QUICK_ONE_DOCUMENT_SIZES if args.quick else ONE_DOCUMENT_SIZES))

    started = time.perf_counter()
    checkout = checkout_state()
    print(f"Commit measured: {checkout}")
    articles, source = load_articles(args.corpus)
    print(f"Clean prose from: {source}")
    stream_all = seed_shaped_stream(max(stream_mb, one_doc_sizes[-1]), args.seed)
    stream = prefix_of(stream_all, stream_mb)
    cleaner = Cleaner.from_rules("default")
    results: dict = {"commit": checkout, "source": source, "seed": args.seed, "repeats": args.repeats}
    marks = {}

    def lap(name: str) -> None:
        marks[name] = time.perf_counter() - started - sum(marks.values())
        print(f"  ({name}: {marks[name]:.0f} s)", flush=True)

    print(f"Seed-shaped stream: {len(stream)} documents; Cleaner.clean, {args.repeats} repeats", flush=True)
    results["stream"] = measure_documents(cleaner, stream, args.repeats)
    lap("stream, library")
    print("The same through the command, --jobs 1", flush=True)
    expected = [cleaner.clean(doc).text for doc in stream]
    results["command"] = measure_command(stream, expected, args.repeats, REPO_ROOT)
    lap("stream, command")
    prose = published_documents(articles, PROSE_MB)
    results["prose"] = measure_documents(cleaner, prose, args.repeats)
    lap("clean prose")
    print("Each rule alone on the stream, and on the clean prose", flush=True)
    results["rules"] = measure_rules(cleaner, stream, args.repeats)
    results["prose_rules"] = measure_rules(cleaner, prose, args.repeats)
    lap("rules")
    print(f"One document of {', '.join(map(str, one_doc_sizes))} MB", flush=True)
    results["one_document"] = measure_sizes(cleaner, stream_all, one_doc_sizes, args.repeats, as_articles=False)
    results["one_document_ratio"] = size_ratio(results["one_document"])
    lap("one document")

    library = results["stream"]
    print_stream(library, results["command"])
    print_rules(results["rules"], "the seed-shaped stream", library["documents"])
    print(f"All rules alone: {sum(r['median_s'] for r in results['rules']):.2f} s; "
          f"Cleaner.clean on the same documents: {library['median_s']:.2f} s")
    print_rules(results["prose_rules"], "the clean prose", results["prose"]["documents"])
    print_sizes(results["one_document"], "== Seed-shaped text as one document ==")
    if args.synthetic or args.sizes:
        sizes = sorted(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
        results["synthetic"] = run_synthetic(cleaner, articles, sizes, args)
        lap("synthetic archive")

    print(f"\n== Summary: one core, medians of {args.repeats}, commit {checkout} ==")
    print_table(["measurement", "figure", "documents/s", "target", "met"], summary_rows(results))
    results["seconds"] = marks
    print(f"\nTotal run time: {time.perf_counter() - started:.0f} s")
    write_json(args.json, results)


if __name__ == "__main__":
    main()
