"""HTML extraction on every corpus under ``../shared/benchmarks/``, each scored by its own published
metric, cleaner side by side with trafilatura (standard and precision mode) and readability-lxml.

Corpora (``--corpus``, repeatable; default both; one that is absent is named and skipped):

- ``article-extraction``: 181 news and blog pages with their human-checked article bodies;
  metric: the data README's shingle-based precision, recall and F1 (``_extraction_scoring.py``).
- ``trafilatura-eval``: 625 pages of trafilatura's own evaluation, with ``with`` and ``without``
  segments; metric: trafilatura's (segments found in the output, summed over the pages:
  precision, recall, F1, accuracy).

Systems, in one process, interleaved page by page in a rotating order, only the extraction call
timed (HTML bytes in memory, text out):

- ``trafilatura``: ``trafilatura.extract(html, include_comments=False, include_tables=True,
  include_formatting=False)``, trafilatura's canonical evaluation settings (standard mode);
- ``trafilatura-precision``: the same with ``favor_precision=True``;
- ``readability``: ``readability.Document(html).summary()``, as text block by block;
- ``cleaner``: ``cleaner.html.extract_article(html, cleaner=Cleaner.from_rules("default"),
  title=False, metadata=False)``; an exception is an empty output, and counted.

Time ratio: a system's total extraction time over trafilatura standard's, each the median over
``--repeats`` passes.

Also per corpus: the pages where cleaner keeps fewer ``with`` segments (or fewer truth
shingles) than trafilatura standard, each with the stage of cleaner that lost the text
(``_extraction_stages.py``: page rules, extractor choice, restoration, text rules, or the
extraction itself), the largest ``--worst`` printed and all in the JSON; and the lost articles:
pages where trafilatura standard's text has 50 words or more and a system's text keeps under
80 % of them (multisets of lower-cased ``\\w+`` words), cleaner's missing words counted as kept
when its change records of identified ads (rule ids ``html.ads…`` and ``ads.…``) hold them.

A summary ends the run: one row per corpus and measurement, one column per system, with
cleaner's targets (trafilatura-eval F1 >= 0.945 with precision and recall both at least
trafilatura precision mode's; article-extraction F1 >= 0.978; no lost article; time ratio <=
1.25 on both) and whether each is met.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_corpora.py [--corpus NAME]... [--limit N] [--repeats 1]
                                                      [--worst 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import trafilatura

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import checkout_state, write_json
from _extraction_corpora import CORPORA, CORPUS_DIRS, Page, load_corpus
from _extraction_report import (
    PRECISION_MODE,
    REFERENCE,
    print_balance,
    print_figures,
    print_losses,
    print_lost_articles,
    print_summary,
    summary_rows,
)
from _extraction_run import Run, System, build_cleaner_system, readability_text, run_systems
from _extraction_scoring import (
    SegmentCounts,
    ad_words,
    aggregate,
    count_segments,
    lost_article,
    score_page,
    segments_found,
    truth_shingles_kept,
)
from _extraction_stages import (
    Variants,
    attribute_lost_articles,
    attribute_segments,
    attribute_truth,
    loss_rows,
    segment_losses,
    truth_losses,
    truth_words_lost,
)

# trafilatura's canonical evaluation settings (its tests/eval_common.py); fast=False is the default.
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "include_formatting": False}
DEFAULT_WORST = 20


def build_systems(cleaner_changes: dict[str, list]) -> list[System]:
    systems = [
        System(REFERENCE, lambda page: trafilatura.extract(page.html, **TRAFILATURA_OPTIONS) or ""),
        System(PRECISION_MODE,
               lambda page: trafilatura.extract(page.html, favor_precision=True, **TRAFILATURA_OPTIONS) or ""),
        System("readability", readability_text),
    ]
    cleaner = build_cleaner_system(cleaner_changes)
    return systems + ([cleaner] if cleaner else [])


def score(corpus: str, pages: list[Page], run: Run) -> dict:
    """One system's figures on one corpus, by the corpus's own metric."""
    if corpus == "trafilatura-eval":
        total = SegmentCounts()
        for page in pages:
            total.add(count_segments(page.with_segments, page.without_segments, run.outputs[page.id]))
        return {**total.scores(), "counts": vars(total)}
    return aggregate([score_page(page.truth, run.outputs[page.id], distinct=False) for page in pages])


def lost_articles(pages: list[Page], runs: dict[str, Run], changes: dict[str, list]) -> dict[str, dict]:
    """Per system, its lost articles by page (cleaner's ad records counted as kept)."""
    reference = runs[REFERENCE].outputs
    found: dict[str, dict] = {}
    for name, run in runs.items():
        found[name] = {}
        for page in pages:
            removed = ad_words(changes.get(page.id, [])) if name == "cleaner" else None
            lost = lost_article(reference[page.id], run.outputs[page.id], removed)
            if lost:
                found[name][page.id] = lost
    return found


def article_text_lost(corpus: str, page: Page, text: str, reference: str) -> int:
    """With segments (trafilatura-eval) or truth words (article-extraction) that the reference
    text holds and ``text`` lacks."""
    if corpus == "trafilatura-eval":
        return sum(theirs and not mine for theirs, mine in zip(segments_found(page.with_segments, reference),
                                                               segments_found(page.with_segments, text), strict=True))
    return truth_words_lost(page.truth, text, reference)


def balance(corpus: str, pages: list[Page], ours: dict[str, str], theirs: dict[str, str]) -> dict:
    """What cleaner keeps of the article that trafilatura standard does not, and the reverse."""
    lost = gained = pages_lost = pages_gained = 0
    for page in pages:
        if corpus == "trafilatura-eval":
            difference = (sum(segments_found(page.with_segments, ours[page.id]))
                          - sum(segments_found(page.with_segments, theirs[page.id])))
        else:
            difference = (truth_shingles_kept(page.truth, ours[page.id])
                          - truth_shingles_kept(page.truth, theirs[page.id]))
        lost += max(0, -difference)
        gained += max(0, difference)
        pages_lost += difference < 0
        pages_gained += difference > 0
    return {"lost": lost, "gained": gained, "pages_lost": pages_lost, "pages_gained": pages_gained}


def measure_corpus(corpus: str, pages: list[Page], args: argparse.Namespace) -> dict:
    changes: dict[str, list] = {}
    systems = build_systems(changes)
    print(f"\nExtracting ({args.repeats} timed pass(es) per system):", flush=True)
    runs = run_systems(systems, pages, args.repeats)
    reference = runs[REFERENCE]
    lost = lost_articles(pages, runs, changes)
    by_id = {page.id: page for page in pages}
    figures = {}
    for name, run in runs.items():
        figures[name] = {**score(corpus, pages, run), "median_s": run.median_s, "times_s": run.times_s,
                         "time_ratio": run.median_s / reference.median_s if reference.median_s else None,
                         "empty": sum(not run.outputs[page.id].strip() for page in pages), "errors": run.errors,
                         "lost_articles": lost[name], "lost_article_count": len(lost[name]),
                         "lost_article_text_count": sum(
                             article_text_lost(corpus, by_id[page_id], run.outputs[page_id],
                                               reference.outputs[page_id]) > 0 for page_id in lost[name])}
    print(f"\n== {corpus}: {len(pages)} pages ==")
    print_figures(corpus, figures)
    result: dict = {"pages": len(pages), "figures": figures}
    if "cleaner" not in runs:
        print_lost_articles(figures, {})
        return result
    ours, theirs = runs["cleaner"].outputs, reference.outputs
    precision = runs[PRECISION_MODE].outputs
    started = time.perf_counter()
    variants = Variants()
    removed_ads = {page_id: ad_words(changes.get(page_id, [])) for page_id in lost["cleaner"]}
    stages = attribute_lost_articles(pages, lost["cleaner"], theirs, removed_ads, runs["cleaner"].errors, variants)
    for page_id, item in lost["cleaner"].items():
        item["stage"] = stages[page_id]
        # Whether the words a lost article misses are the article's (the truth's words, the with
        # segments), or boilerplate that trafilatura standard kept and cleaner left out.
        item["article_text_lost"] = article_text_lost(corpus, by_id[page_id], ours[page_id], theirs[page_id])
    if corpus == "trafilatura-eval":
        losses = attribute_segments(pages, segment_losses(pages, ours, theirs), precision,
                                    runs["cleaner"].errors, variants)
    else:
        losses = attribute_truth(pages, truth_losses(pages, ours, theirs), ours, theirs, precision,
                                 runs["cleaner"].errors, variants)
    print_lost_articles(figures, lost["cleaner"], corpus)
    result["balance"] = balance(corpus, pages, ours, theirs)
    print_balance(corpus, result["balance"])
    print_losses(corpus, losses, args.worst, variants.notes)
    print(f"(stages of {len(losses) + len(lost['cleaner'])} page(s) found by re-extraction in "
          f"{time.perf_counter() - started:.0f} s, outside the timing)")
    result["losses"] = loss_rows(losses)
    result["stage_notes"] = variants.notes
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", choices=CORPORA, metavar="NAME",
                        help=f"a corpus to measure, repeatable (default: all of {', '.join(CORPORA)})")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each corpus")
    parser.add_argument("--repeats", type=int, default=1,
                        help="timed passes over each corpus; the median is reported (default 1)")
    parser.add_argument("--worst", type=int, default=DEFAULT_WORST, metavar="N",
                        help=f"pages listed where cleaner loses text trafilatura keeps (default {DEFAULT_WORST})")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    corpora = [name for name in CORPORA if name in (args.corpus or CORPORA)]

    started = time.perf_counter()
    state = checkout_state()
    print(f"Checkout {state}; trafilatura {trafilatura.__version__}")
    results: dict = {"checkout": state, "trafilatura": trafilatura.__version__, "repeats": args.repeats,
                     "limit": args.limit, "corpora": {}}
    for corpus in corpora:
        pages = load_corpus(corpus, limit=args.limit)
        where = f"../shared/benchmarks/{CORPUS_DIRS[corpus].name}/"
        if not pages:
            print(f"\nNOTE: the {corpus} corpus ({where}) is absent or holds no pages; skipped.")
            results["corpora"][corpus] = {"absent": True}
            continue
        megabytes = sum(len(page.html) for page in pages) / 1e6
        print(f"\n{corpus}: {len(pages)} pages from {where} ({megabytes:.1f} MB of HTML)", flush=True)
        results["corpora"][corpus] = measure_corpus(corpus, pages, args)

    rows = summary_rows(results["corpora"])
    print_summary(rows)
    results["summary"] = rows
    results["total_seconds"] = time.perf_counter() - started
    print(f"\nTotal run time: {results['total_seconds']:.0f} s")
    write_json(args.json, results)


if __name__ == "__main__":
    main()
