"""Speed of the default rule set on plain text, in one process (that is, per core).

A synthetic scraped archive is built from the sentences of the article-extraction ground truth
(``../shared/benchmarks/article-extraction/``; invented paragraphs if it is absent): articles
of about 5 KB, each with the defects the rules exist for (a date stamp, a repeated title, ad
labels and banners, share bars and counters, WordPress shortcodes, no-break and zero-width
spaces, trailing blanks, blank-line runs, mojibake, and spun semicolons in half of them), so
that every rule does real work.

For each size (``--sizes``, in MB of UTF-8) the archive is cleaned twice over: as one
document, and as its ~5 KB articles one by one (per-document overhead matters for archives).
Each is timed ``--repeats`` times and the median is reported, as MB/s and seconds per MB;
the ratio of seconds per MB at the largest size to the smallest shows whether time grows
linearly (close to 1) or worse. Then every rule of the set is timed alone on the 10 MB
archive (as one document, in pipeline order), so a slow rule stands out.

Last, the same set runs on published text with few defects (the ground-truth articles as they
are, repeated to 5 MB): the speed a mostly clean archive sees, where the rules find little to do.

Run from the repository root:

    .venv/bin/python benchmarks/throughput.py [--quick] [--sizes 1 5 10] [--repeats 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import load_articles, print_table, spin_commas, write_json

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.pipeline import apply_edits

MB = 1_000_000
TARGET_MB_PER_S = 20.0
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


def measure_sizes(cleaner: Cleaner, archive: list[str], sizes: list[float], repeats: int) -> list[dict]:
    results = []
    for size_mb in sizes:
        articles = prefix_of(archive, size_mb)
        whole = "\n".join(articles)
        mb = len(whole.encode("utf-8")) / MB
        for mode, documents in (("one document", [whole]), ("~5 KB documents", articles)):
            times, warnings = timed_runs(partial(clean_all, cleaner, documents), repeats)
            seconds = statistics.median(times)
            results.append({"size_mb": size_mb, "mb": mb, "mode": mode, "documents": len(documents),
                            "median_s": seconds, "times_s": times, "mb_per_s": mb / seconds,
                            "s_per_mb": seconds / mb, "warnings": warnings})
            print(f"  {size_mb:g} MB, {mode}: {seconds:.2f} s", flush=True)
    return results


def measure_rules(cleaner: Cleaner, text: str, repeats: int) -> list[dict]:
    """Each rule's own time (find and apply) in pipeline order, median over the repeats."""
    mb = len(text.encode("utf-8")) / MB
    times: dict[str, list[float]] = {rule.id: [] for rule in cleaner.rules}
    edit_counts: dict[str, int] = {}
    for _ in range(repeats):
        doc = Document(text)
        gc.collect()
        for rule in cleaner.rules:
            start = time.perf_counter()
            edits = rule.find(doc)
            doc.text, changes = apply_edits(doc.text, edits, rule.id)
            times[rule.id].append(time.perf_counter() - start)
            edit_counts[rule.id] = len(changes)
    total = sum(statistics.median(t) for t in times.values())
    return [{"rule": rule_id, "median_s": statistics.median(t), "mb_per_s": mb / statistics.median(t),
             "share": statistics.median(t) / total, "changes": edit_counts[rule_id]}
            for rule_id, t in times.items()]


def report(sizes: list[dict], rules: list[dict], rule_mb: float) -> dict:
    print(f"\n== Default rule set, one process (target >= {TARGET_MB_PER_S:g} MB/s per core) ==")
    print_table(["size", "MB", "cleaned as", "docs", "median s", "MB/s", "s per MB", "target MB/s", "met"],
                [[f"{r['size_mb']:g} MB", f"{r['mb']:.2f}", r["mode"], r["documents"], f"{r['median_s']:.2f}",
                  f"{r['mb_per_s']:.2f}", r["s_per_mb"], f"{TARGET_MB_PER_S:g}",
                  "yes" if r["mb_per_s"] >= TARGET_MB_PER_S else "NO"] for r in sizes])
    warned = [r for r in sizes if r["warnings"]]
    for r in warned:
        print(f"WARNING: {r['size_mb']:g} MB as {r['mode']}: "
              f"{r['warnings']} rule(s) skipped on their time budget")

    ratios = {}
    for mode in dict.fromkeys(r["mode"] for r in sizes):
        runs = [r for r in sizes if r["mode"] == mode]
        smallest, largest = min(runs, key=lambda r: r["mb"]), max(runs, key=lambda r: r["mb"])
        ratios[mode] = largest["s_per_mb"] / smallest["s_per_mb"]
    print("\nSeconds per MB, largest size over smallest (linear time: close to 1):")
    print_table(["cleaned as", "ratio"], [[mode, f"{ratio:.2f}"] for mode, ratio in ratios.items()])

    print(f"\nEach rule alone on the {rule_mb:g} MB archive as one document (median):")
    slowest = max(rules, key=lambda r: r["median_s"])
    print_table(["rule", "median s", "MB/s", "share of time", "changes"],
                [[r["rule"], r["median_s"], f"{r['mb_per_s']:.1f}", f"{r['share']:.0%}", r["changes"]]
                 for r in rules])
    print(f"\nSlowest rule: {slowest['rule']} at {slowest['mb_per_s']:.1f} MB/s")
    return {"ratios": ratios, "slowest_rule": slowest["rule"]}


def measure_published(cleaner: Cleaner, articles: dict[str, str], size_mb: float, repeats: int) -> dict:
    """The set on published articles as they are, repeated to ``size_mb`` MB, as ~5 KB documents."""
    documents, total = [], 0
    published = list(articles.values())
    while total < size_mb * MB:
        for article in published:
            documents.append(article)
            total += len(article.encode("utf-8")) + 1
            if total >= size_mb * MB:
                break
    times, _ = timed_runs(partial(clean_all, cleaner, documents), repeats)
    median = statistics.median(times)
    mb = total / MB
    row = {"mb": mb, "documents": len(documents), "median_s": median, "mb_per_s": mb / median}
    print("\n== Published articles as they are (few defects), one process ==")
    print_table(["MB", "documents", "median s", "MB/s", "target MB/s", "met"],
                [[f"{mb:.2f}", len(documents), f"{median:.2f}", f"{mb / median:.1f}", TARGET_MB_PER_S,
                  "yes" if mb / median >= TARGET_MB_PER_S else "NO"]])
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", metavar="MB",
                        help=f"archive sizes in MB (default {' '.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--quick", action="store_true", help="only 1 and 5 MB; rules timed on 5 MB")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (default 3)")
    parser.add_argument("--corpus", type=Path, help="a ground-truth JSON or a folder of .txt files to "
                        "take sentences from (default: the shared article-extraction ground truth)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the archive generator (default 0)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    sizes = sorted(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    # The rules are timed on 10 MB, or on the largest size run if that is smaller.
    rule_mb = min(RULE_SIZE, sizes[-1])

    articles, source = load_articles(args.corpus)
    print(f"Sentences from: {source}")
    started = time.perf_counter()
    archive = build_archive(articles, sizes[-1], args.seed)
    print(f"Built a {sizes[-1]:g} MB archive of {len(archive)} articles "
          f"in {time.perf_counter() - started:.1f} s")
    cleaner = Cleaner.from_rules("default")
    print(f"Timing {len(sizes)} sizes x 2 ways x {args.repeats} repeats:")
    size_results = measure_sizes(cleaner, archive, sizes, args.repeats)
    rule_results = measure_rules(cleaner, "\n".join(prefix_of(archive, rule_mb)), args.repeats)
    summary = report(size_results, rule_results, rule_mb)
    published = measure_published(cleaner, articles, QUICK_SIZES[-1], args.repeats)
    print(f"\nTotal run time: {time.perf_counter() - started:.0f} s")
    write_json(args.json, {"source": source, "seed": args.seed, "repeats": args.repeats,
                           "target_mb_per_s": TARGET_MB_PER_S, "sizes": size_results,
                           "rules_mb": rule_mb, "rules": rule_results, "published": published, **summary})


if __name__ == "__main__":
    main()
