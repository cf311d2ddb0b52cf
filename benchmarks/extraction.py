"""Article extraction from real web pages: quality and speed of cleaner's HTML path against the baselines.

The data is the public article-extraction benchmark in ``../shared/benchmarks/article-extraction/``
(181 news and blog pages, ``html/<id>.html.gz``, with the human-checked article text of each in
``ground-truth.json``). Four systems extract every page, one after another in one process, from
the HTML already in memory:

- ``trafilatura``: ``trafilatura.extract(html_bytes)`` with its defaults;
- ``trafilatura-nocomments``: the same with ``include_comments=False`` (the benchmark's own setting);
- ``readability``: ``readability.Document(html).summary()``, turned into text block by block;
- ``cleaner``: ``cleaner.html.extract_article(html_bytes, cleaner=Cleaner.from_rules("default"),
  title=False, metadata=False)`` (the truth has no headline; text only, as trafilatura.extract),
  skipped with a note when that module cannot be imported.

Scoring, as the data's README describes it, per page: lower-case, ``\\w+`` tokens, the
overlapping 4-token shingles of the prediction and of the truth; true positives, false positives
and false negatives, normalised to sum to 1. Precision and recall are averaged over the pages,
F1 = 2PR/(P+R) of the averages. An empty prediction is all false negative: recall 0, and no
precision (it is left out of the precision average, as in the benchmark's evaluate.py). Shingles
are counted with their repeats, as evaluate.py does, which reproduces the README's published
figures to the third decimal; ``--shingle-sets`` scores distinct shingles only (the baselines' F1
then runs 0.002-0.004 higher).

Speed: only the extraction call is timed (HTML in, text out). The systems take turns page by
page (in a rotating order), so load on a shared machine falls on all of them alike; the whole
set is run ``--repeats`` times (median; default 1), after one untimed warm-up page each.
Reported as pages/s and as a time ratio to ``trafilatura-nocomments``. Targets for cleaner:
F1 >= 0.970 and time ratio <= 1.25.

Ads injected (after the clean run; ``--inject`` for this part only, ``--no-inject`` to skip
it): each page gets, among the paragraphs of its article (the run of ``<p>`` elements that
match the ground truth; before the last ``</p>`` of a page where none does), a seeded mix of
ad slots with scripts, AdSense ``<ins>``, "Sponsored" boxes, Taboola and Outbrain teaser
blocks, banner lines, ad labels, an ``[embedpost]`` shortcode, one paragraph wrapped in
``[vc_column_text]``, and spun semicolons (40 % of the ", " in three paragraphs become "; ").
The truth stays the original article, so junk kept in the output costs precision. Reported:
F1 on the injected pages, the drop from the clean run, and how much of each kind of junk
survives in each system's output.

Also listed (``--worst N``, default 15): the pages where cleaner's F1 falls furthest below
``trafilatura-nocomments``'s, and the pages where it spends the most time beyond it.

Run from the repository root:

    .venv/bin/python benchmarks/extraction.py [--limit 30] [--repeats 1] [--no-inject | --inject]
                                              [--systems NAME ...] [--seed 0] [--json out.json]
"""

from __future__ import annotations

import argparse
import bisect
import html
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

# _common puts this checkout on sys.path, so it is imported before cleaner.
from _common import ARTICLE_EXTRACTION_DIR, SPINNABLE_COMMA, print_table, write_json
from _extraction_corpora import Page, load_article_extraction
from _extraction_run import Run, System, build_cleaner_system, readability_text, run_systems
from _extraction_scoring import SHINGLE_SIZE, TOKEN, aggregate, score_page

SYSTEMS = ("trafilatura", "trafilatura-nocomments", "readability", "cleaner")
REFERENCE_SYSTEM = "trafilatura-nocomments"
TARGET_F1 = 0.970
TARGET_TIME_RATIO = 1.25
DEFAULT_WORST = 15


def read_reference_figures(readme: Path) -> list[list[str]]:
    """The published rows of the data README's table: extractor, F1, precision, recall, pages/s."""
    if not readme.is_file():
        return []
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and all(re.fullmatch(r"\d+(\.\d+)?", c) for c in cells[1:]):
            rows.append(cells)
    return rows


def build_systems(names: list[str]) -> list[System]:
    """The systems asked for, in table order; cleaner left out, with a note, if it cannot be imported."""
    makers: dict[str, Callable[[], System | None]] = {
        "trafilatura": lambda: System("trafilatura", lambda page: trafilatura.extract(page.html) or ""),
        "trafilatura-nocomments": lambda: System(
            "trafilatura-nocomments", lambda page: trafilatura.extract(page.html, include_comments=False) or ""),
        "readability": lambda: System("readability", readability_text),
        "cleaner": build_cleaner_system,
    }
    systems = [makers[name]() for name in SYSTEMS if name in names]
    return [s for s in systems if s is not None]


TEASERS = [
    "Doctors Stunned By This One Simple Morning Habit",
    "You Will Not Believe What These Child Stars Look Like Now",
    "The Credit Card Banks Do Not Want You To Know About",
    "Homeowners Are Replacing Their Roofs With This Cheap Trick",
    "This Genius Gadget Cuts Your Power Bill In Half",
    "Seniors Born Before 1965 Are Getting A Huge Surprise",
    "Forget Expensive Hearing Aids Try This Instead",
    "Here Is What A Walk In Bathtub Should Cost You",
    "The Internet Is Going Wild Over This New Mattress",
    "Surgeon Reveals The Worst Food For Your Belly",
    "Try Not To Gasp When You See These Vintage Photos",
    "Why Everyone Is Suddenly Buying This Garden Hose",
]
TEASER_BRANDS = ["DailyFinance Tips", "HealthyLiving Today", "Smart Home Deals", "TrendingNow"]
PRODUCTS = ["SolarMax panels", "KetoBurn tea", "ShieldVPN Pro", "Lumina smart bulbs", "FlexiDesk chairs",
            "PureAir purifiers"]
BANNER_LINES = ["Google Ads | Google Ads | Google Ads", "Order Now · Order Now · Order Now"]
AD_LABELS = ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"]
SLUG_WORDS = ["city", "council", "budget", "storm", "season", "market", "election", "review", "river", "school"]
SPUN_SHARE = 0.4
SPUN_PARAGRAPHS = 3
# A <p> with fewer tokens than this is neither evidence of the article nor against it.
MIN_PARAGRAPH_TOKENS = 8
# Share of a paragraph's shingles that must be in the truth for it to count as article text.
MATCHED_SHARE = 0.8
# Junk items per page: a third of the body's paragraphs, within these bounds.
JUNK_PER_PAGE = (3, 8)

# A junk item: its HTML, and the (kind, visible text) pairs that betray it in an output.
Junk = tuple[str, list[tuple[str, str]]]


def ad_slot(rng: random.Random) -> Junk:
    slot = f"div-gpt-ad-{rng.randrange(10**12, 10**13)}-{rng.randrange(10)}"
    return ((f'<div class="ad-slot" id="{slot}">Advertisement<script>googletag.cmd.push(function() '
             f'{{ googletag.display("{slot}"); }});</script></div>'),
            [("ad label", "Advertisement"), ("ad script", "googletag")])


def adsense(rng: random.Random) -> Junk:
    client = f"ca-pub-{rng.randrange(10**15, 10**16)}"
    return ((f'<ins class="adsbygoogle" style="display:block" data-ad-client="{client}" '
             f'data-ad-slot="{rng.randrange(10**9, 10**10)}" data-ad-format="auto"></ins>'
             "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"),
            [("ad script", "adsbygoogle")])


def sponsored_box(rng: random.Random) -> Junk:
    line = f"Sponsored: buy {rng.choice(PRODUCTS)} today"
    return f'<div class="advertisement">{line}</div>', [("sponsored line", line)]


def taboola(rng: random.Random) -> Junk:
    headlines = rng.sample(TEASERS, 3)
    items = "".join(f'<div class="videoCube"><a href="https://trc.taboola.com/r?i={rng.randrange(10**6)}">'
                    f'<span class="video-label">{h}</span>'
                    f'<span class="branding">{rng.choice(TEASER_BRANDS)}</span></a></div>' for h in headlines)
    return ((f'<div id="taboola-below-article-thumbnails-{rng.randrange(100)}" class="trc_related_container">'
             f'<div class="trc_rbox_header">Sponsored Stories</div>{items}'
             '<span class="trc_attribution">by Taboola</span></div>'),
            [("teaser headline", h) for h in headlines])


def outbrain(rng: random.Random) -> Junk:
    headlines = rng.sample(TEASERS, 3)
    items = "".join('<a class="ob-dynamic-rec-link" '
                    f'href="https://paid.outbrain.com/network/redir?p={rng.randrange(10**6)}">'
                    f'<span class="ob-rec-text">{h}</span>'
                    f'<span class="ob-rec-source">{rng.choice(TEASER_BRANDS)}</span></a>' for h in headlines)
    return ((f'<div class="OUTBRAIN" data-widget-id="AR_{rng.randrange(1, 9)}">'
             f'<div class="ob-widget-header">Recommended for you</div>{items}</div>'),
            [("teaser headline", h) for h in headlines])


def banner_line(rng: random.Random) -> Junk:
    line = rng.choice(BANNER_LINES)
    return f"<p>{line}</p>", [("banner line", line)]


def ad_label(rng: random.Random) -> Junk:
    label = rng.choice(AD_LABELS)
    return f"<p>{label}</p>", [("ad label", label)]


def embedpost(rng: random.Random) -> Junk:
    slug = "-".join(rng.sample(SLUG_WORDS, 3))
    return f'<p>[embedpost slug="{slug}"]</p>', [("shortcode", "[embedpost")]


JUNK_MAKERS = [ad_slot, adsense, sponsored_box, taboola, outbrain, banner_line, ad_label, embedpost]
JUNK_KINDS = ["ad label", "ad script", "sponsored line", "teaser headline", "banner line", "shortcode"]

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# Where a <p> is not the page's text: inside scripts (JSON blobs hold article HTML), styles,
# comments, templates and noscript fallbacks.
_NOT_CONTENT = re.compile(r"<(script|style|noscript|template|textarea)\b.*?</\1\s*>|<!--.*?-->",
                          re.IGNORECASE | re.DOTALL)


@dataclass
class Paragraph:
    start: int  # of "<p"
    inner_start: int  # after the opening tag
    inner_end: int  # at "</p"
    end: int  # after the closing tag
    tokens: int
    matched: bool


@dataclass
class InjectedPage:
    page: Page
    markers: list[tuple[str, str]]  # (kind, visible text) of every junk item
    placement: str  # "body": among the article's paragraphs; "fallback": before the last </p>


def find_paragraphs(text: str, truth_shingles: set[tuple[str, ...]]) -> list[Paragraph]:
    """The page's <p> elements outside scripts and comments, each marked if it is article text."""
    skipped = [(m.start(), m.end()) for m in _NOT_CONTENT.finditer(text)]
    skipped_starts = [s for s, _ in skipped]
    paragraphs = []
    for match in _PARAGRAPH.finditer(text):
        i = bisect.bisect_right(skipped_starts, match.start()) - 1
        if i >= 0 and skipped[i][1] > match.start():
            continue
        tokens = TOKEN.findall(html.unescape(_TAG.sub(" ", match.group(1))).lower())
        own = {tuple(tokens[j:j + SHINGLE_SIZE]) for j in range(len(tokens) - SHINGLE_SIZE + 1)}
        matched = (len(tokens) >= MIN_PARAGRAPH_TOKENS
                   and len(own & truth_shingles) >= MATCHED_SHARE * len(own))
        paragraphs.append(Paragraph(match.start(), match.start(1), match.end(1), match.end(), len(tokens),
                                    matched))
    return paragraphs


def article_body(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The longest run of article paragraphs, in page order: the body the junk goes into.

    Short paragraphs (a dateline, "&nbsp;") do not break a run; a long one that is not article
    text does (a caption block, a related-stories list, a second copy in a hidden teaser).
    """
    best, current = [], []
    best_tokens = current_tokens = 0
    for paragraph in paragraphs:
        if paragraph.matched:
            current.append(paragraph)
            current_tokens += paragraph.tokens
        elif paragraph.tokens >= MIN_PARAGRAPH_TOKENS:
            current, current_tokens = [], 0
        if current_tokens > best_tokens:
            best, best_tokens = list(current), current_tokens
    return best


def spin_edits(text: str, paragraph: Paragraph, rng: random.Random) -> list[tuple[int, int, str]]:
    """Replace SPUN_SHARE of the paragraph's ", " with "; ", in its text only (not in tag attributes)."""
    inner = text[paragraph.inner_start:paragraph.inner_end]
    in_tags = [(m.start(), m.end()) for m in _TAG.finditer(inner)]
    commas = [m.start() for m in SPINNABLE_COMMA.finditer(inner)
              if not any(s <= m.start() < e for s, e in in_tags)]
    chosen = rng.sample(commas, round(SPUN_SHARE * len(commas)))
    return [(paragraph.inner_start + pos, paragraph.inner_start + pos + 1, ";") for pos in chosen]


def inject_page(page: Page, seed: int) -> InjectedPage:
    """The page with ads, labels, shortcodes and spun semicolons among its article's paragraphs."""
    # Seeded per page, so that a page's junk does not depend on --limit.
    rng = random.Random(f"{seed}:{page.id}")
    # surrogateescape: the bytes come back exactly as they were wherever nothing is injected.
    text = page.html.decode("utf-8", errors="surrogateescape")
    truth_tokens = TOKEN.findall(page.truth.lower())
    truth_shingles = {tuple(truth_tokens[i:i + SHINGLE_SIZE]) for i in range(len(truth_tokens) - SHINGLE_SIZE + 1)}
    body = article_body(find_paragraphs(text, truth_shingles))

    makers = rng.sample(JUNK_MAKERS, len(JUNK_MAKERS))
    count = max(JUNK_PER_PAGE[0], min(JUNK_PER_PAGE[1], len(body) // 3))
    junk = [maker(rng) for maker in makers[:count]]
    markers = [m for _, item_markers in junk for m in item_markers]
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the page's text

    if body:
        placement = "body"
        # Between paragraphs of the article, never after its last one: inside the body, not after it.
        slots = [p.end for p in body[:-1]] or [body[0].end]
        by_slot: dict[int, list[str]] = {}
        for snippet, _ in junk:
            by_slot.setdefault(rng.choice(slots), []).append(snippet)
        edits += [(pos, pos, "".join(snippets)) for pos, snippets in by_slot.items()]
        wrapped = rng.choice(body)
        edits += [(wrapped.inner_start, wrapped.inner_start, "[vc_column_text]"),
                  (wrapped.inner_end, wrapped.inner_end, "[/vc_column_text]")]
        markers.append(("shortcode", "[vc_column_text]"))
        for paragraph in rng.sample(body, min(SPUN_PARAGRAPHS, len(body))):
            edits += spin_edits(text, paragraph, rng)
    else:
        placement = "fallback"
        # No paragraph matches the truth (the article is in <div>s or <br> lines): before the
        # last </p> of the page, or before </body>, which is at least in the page's text.
        skipped = [(m.start(), m.end()) for m in _NOT_CONTENT.finditer(text)]
        closers = [m.start() for m in re.finditer(r"</p\s*>", text, re.IGNORECASE)
                   if not any(s <= m.start() < e for s, e in skipped)]
        body_end = text.lower().rfind("</body")
        pos = closers[-1] if closers else body_end if body_end >= 0 else len(text)
        edits.append((pos, pos, "".join(snippet for snippet, _ in junk)))

    pieces, done = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[done:start], replacement]
        done = end
    pieces.append(text[done:])
    injected = Page(page.id, page.url, "".join(pieces).encode("utf-8", errors="surrogateescape"), page.truth)
    return InjectedPage(injected, markers, placement)


def junk_kept(injected: list[InjectedPage], run: Run, clean_run: Run) -> dict[str, float]:
    """Share of each kind of junk whose text is in the output, net of what the clean page's output had."""
    placed, kept = Counter(), Counter()
    for item in injected:
        output = " ".join(run.outputs[item.page.id].split())
        clean_output = " ".join(clean_run.outputs[item.page.id].split())
        for (kind, marker), count in Counter(item.markers).items():
            placed[kind] += count
            extra = output.count(marker) - clean_output.count(marker)
            kept[kind] += max(0, min(count, extra))
    return {kind: kept[kind] / placed[kind] for kind in JUNK_KINDS if placed[kind]}


def score_runs(runs: list[Run], pages: list[Page], distinct: bool) -> dict[str, dict]:
    """Each system's figures and per-page scores, with its time ratio to the reference system."""
    reference = next((r for r in runs if r.system == REFERENCE_SYSTEM), None)
    figures = {}
    for run in runs:
        per_page = {p.id: score_page(p.truth, run.outputs[p.id], distinct=distinct) for p in pages}
        figures[run.system] = {
            **aggregate(list(per_page.values())),
            "pages_per_s": len(pages) / run.median_s,
            "median_s": run.median_s,
            "times_s": run.times_s,
            "time_ratio": run.median_s / reference.median_s if reference else None,
            "empty_outputs": sum(not run.outputs[p.id].strip() for p in pages),
            "errors": run.errors,
            "pages": {page_id: {"f1": s.f1, "precision": s.precision, "recall": s.recall}
                      for page_id, s in per_page.items()},
        }
    return figures


def print_figures(figures: dict[str, dict], clean: dict[str, dict] | None = None) -> None:
    headers = ["system", "F1", "precision", "recall", "pages/s", "time ratio", "empty", "failed"]
    if clean:
        headers += ["clean F1", "drop"]
    rows = []
    for name, f in figures.items():
        row = [name, f["f1"], f["precision"], f["recall"], f"{f['pages_per_s']:.1f}",
               None if f["time_ratio"] is None else f"{f['time_ratio']:.2f}", f["empty_outputs"], len(f["errors"])]
        if clean:
            row += [clean[name]["f1"], f"{clean[name]['f1'] - f['f1']:.3f}"]
        rows.append(row)
    print_table(headers, rows)
    print(f"time ratio: median time over {REFERENCE_SYSTEM}'s; empty: pages with no text; "
          "failed: pages the system raised on" + ("; drop: clean F1 minus this F1" if clean else ""))
    for name, f in figures.items():
        for page_id, error in list(f["errors"].items())[:3]:
            print(f"  {name} failed on {page_id}: {error}")


def print_targets(figures: dict[str, dict]) -> dict[str, bool] | None:
    if "cleaner" not in figures:
        return None
    f = figures["cleaner"]
    met = {"f1": f["f1"] >= TARGET_F1,
           "time_ratio": f["time_ratio"] is not None and f["time_ratio"] <= TARGET_TIME_RATIO}
    print(f"\ncleaner targets: F1 {f['f1']:.3f} (>= {TARGET_F1:.3f}: {'met' if met['f1'] else 'NO'}), "
          f"time ratio {'n/a' if f['time_ratio'] is None else format(f['time_ratio'], '.2f')} "
          f"(<= {TARGET_TIME_RATIO:.2f}: {'met' if met['time_ratio'] else 'NO'})")
    return met


def worst_pages(figures: dict[str, dict], count: int) -> list[dict]:
    """The pages where cleaner's F1 falls furthest below the reference system's."""
    if "cleaner" not in figures or REFERENCE_SYSTEM not in figures or count <= 0:
        return []
    ours, theirs = figures["cleaner"]["pages"], figures[REFERENCE_SYSTEM]["pages"]
    rows = [{"id": page_id, "cleaner_f1": ours[page_id]["f1"], "reference_f1": theirs[page_id]["f1"],
             "cleaner_precision": ours[page_id]["precision"], "cleaner_recall": ours[page_id]["recall"]}
            for page_id in ours]
    rows.sort(key=lambda r: r["cleaner_f1"] - r["reference_f1"])
    return rows[:count]


def slowest_pages(runs: dict[str, Run], pages: list[Page], count: int) -> list[dict]:
    """The pages where cleaner spends the most time beyond the reference system's: where the ratio goes."""
    if "cleaner" not in runs or REFERENCE_SYSTEM not in runs or count <= 0:
        return []
    ours, theirs = runs["cleaner"], runs[REFERENCE_SYSTEM]
    rows = [{"id": p.id, "kb": len(p.html) / 1000, "cleaner_s": ours.page_median_s(p.id),
             "reference_s": theirs.page_median_s(p.id)} for p in pages]
    rows.sort(key=lambda r: r["reference_s"] - r["cleaner_s"])
    return rows[:count]


def print_slowest(rows: list[dict], runs: dict[str, Run]) -> None:
    if not rows:
        return
    excess = runs["cleaner"].median_s - runs[REFERENCE_SYSTEM].median_s
    print(f"\nPages where cleaner takes the most time beyond {REFERENCE_SYSTEM} "
          f"(all pages: {excess:+.2f} s over the set):")
    print_table(["page", "KB", "cleaner ms", "reference ms", "extra ms", "ratio"],
                [[r["id"], f"{r['kb']:.0f}", f"{1000 * r['cleaner_s']:.1f}", f"{1000 * r['reference_s']:.1f}",
                  f"{1000 * (r['cleaner_s'] - r['reference_s']):.1f}", f"{r['cleaner_s'] / r['reference_s']:.1f}"]
                 for r in rows])


def print_worst(rows: list[dict], pages: list[Page]) -> None:
    if not rows:
        return
    urls = {p.id: p.url for p in pages}
    print(f"\nPages where cleaner's F1 is lowest relative to {REFERENCE_SYSTEM}:")
    print_table(["page", "cleaner F1", "reference F1", "difference", "cleaner P", "cleaner R", "url"],
                [[r["id"], r["cleaner_f1"], r["reference_f1"], f"{r['cleaner_f1'] - r['reference_f1']:+.3f}",
                  r["cleaner_precision"], r["cleaner_recall"], urls[r["id"]][:60]] for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ARTICLE_EXTRACTION_DIR,
                        help="the benchmark folder (default: ../shared/benchmarks/article-extraction)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages, in id order")
    parser.add_argument("--repeats", type=int, default=1,
                        help="timed passes over the set per system; the median is reported (default 1)")
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS), metavar="NAME",
                        help=f"systems to run (default all: {' '.join(SYSTEMS)})")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--inject", action="store_true", help="only the pages with ads injected")
    modes.add_argument("--no-inject", action="store_true", help="only the pages as published")
    parser.add_argument("--seed", type=int, default=0, help="seed of the ad injector (default 0)")
    parser.add_argument("--shingle-sets", action="store_true",
                        help="score distinct shingles, not shingles with their repeats")
    parser.add_argument("--worst", type=int, default=DEFAULT_WORST, metavar="N",
                        help=f"list the N pages where cleaner trails {REFERENCE_SYSTEM} most, in F1 and "
                        f"in time (default {DEFAULT_WORST})")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    pages = load_article_extraction(args.data, args.limit)
    if pages is None:
        print(f"The article-extraction data is absent: expected {args.data / 'ground-truth.json'} and "
              f"{args.data / 'html'}/<id>.html.gz. Nothing to measure.")
        return
    if not pages:
        print(f"No pages with HTML in {args.data}. Nothing to measure.")
        return
    megabytes = sum(len(p.html) for p in pages) / 1e6
    print(f"Pages: {len(pages)} from {args.data} ({megabytes:.1f} MB of HTML); "
          f"scored on {'distinct shingles' if args.shingle_sets else 'shingles with repeats'}")
    systems = build_systems(args.systems)
    started = time.perf_counter()
    results: dict = {"data": str(args.data), "pages": len(pages), "repeats": args.repeats, "seed": args.seed,
                     "shingle_sets": args.shingle_sets, "systems": [s.name for s in systems],
                     "targets": {"f1": TARGET_F1, "time_ratio": TARGET_TIME_RATIO}}

    clean_runs, clean = {}, None
    if not args.inject:
        print(f"\nExtracting the pages as published ({args.repeats} timed pass(es) per system):")
        clean_runs = run_systems(systems, pages, args.repeats)
        clean = score_runs(list(clean_runs.values()), pages, args.shingle_sets)
        print(f"\n== Pages as published ({len(pages)} pages, one process, HTML in memory) ==")
        print_figures(clean)
        results["clean"] = clean
        results["targets_met"] = print_targets(clean)
        reference = read_reference_figures(args.data / "README.md")
        if reference:
            print("\nPublished in the data's README (all 181 pages, their machine):")
            print_table(["extractor", "F1", "precision", "recall", "pages/s"], reference)
            results["reference"] = reference
        results["worst"] = worst_pages(clean, args.worst)
        print_worst(results["worst"], pages)
        results["slowest"] = slowest_pages(clean_runs, pages, args.worst)
        print_slowest(results["slowest"], clean_runs)

    if not args.no_inject:
        injected = [inject_page(page, args.seed) for page in pages]
        placements = Counter(item.placement for item in injected)
        markers = Counter(kind for item in injected for kind, _ in item.markers)
        print(f"\nExtracting the pages with ads injected (seed {args.seed}): junk among the article's "
              f"paragraphs on {placements['body']} page(s), before the last </p> on {placements['fallback']}; "
              f"{sum(markers.values())} junk texts, {', '.join(f'{n} {k}' for k, n in markers.most_common())}")
        injected_pages = [item.page for item in injected]
        injected_runs = list(run_systems(systems, injected_pages, args.repeats).values())
        figures = score_runs(injected_runs, injected_pages, args.shingle_sets)
        print("\n== Pages with ads injected ==")
        print_figures(figures, clean)
        results["injected"] = figures
        results["injected_placement"] = dict(placements)
        results["injected_targets_met"] = print_targets(figures)
        if clean_runs:
            kept = {run.system: junk_kept(injected, run, clean_runs[run.system]) for run in injected_runs}
            print("\nShare of injected junk left in the output, by kind "
                  "(net of the clean page's output; lower is better):")
            print_table(["junk", *kept], [[kind, *(kept[name].get(kind) for name in kept)] for kind in JUNK_KINDS])
            results["junk_kept"] = kept
        results["injected_worst"] = worst_pages(figures, args.worst)
        if args.inject:
            print_worst(results["injected_worst"], injected_pages)

    print(f"\nTotal run time: {time.perf_counter() - started:.0f} s")
    write_json(args.json, results)


if __name__ == "__main__":
    main()
