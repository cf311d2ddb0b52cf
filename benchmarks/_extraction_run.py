"""Running extractors over pages, interleaved and timed: what the extraction benchmarks share.

Not a benchmark itself; ``extraction.py`` and ``extraction_corpora.py`` import it.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
import readability

# _common puts this checkout on sys.path, so it is imported before cleaner.
import _common  # noqa: F401
from _extraction_corpora import Page

from cleaner import Cleaner

# Elements that start a new line of text: text_content() alone would glue "end.</p><p>Next" and
# "a</td><td>b" into one token across the boundary. (The article-extraction README's readability
# figure, F1 0.947, is text_content() alone; with the breaks it is 0.952.)
_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
               "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
               "p", "pre", "section", "table", "td", "th", "tr", "ul")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per block, whitespace collapsed within each line."""
    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def readability_text(page: Page) -> str:
    """readability-lxml's article (``Document(html).summary()``), as text block by block."""
    return html_to_text(readability.Document(page.readability_input).summary())


@dataclass
class System:
    name: str
    extract: Callable[[Page], str]


def build_cleaner_system(changes: dict[str, list] | None = None) -> System | None:
    """cleaner's HTML path as a system, or None (with a note) when it cannot be imported or its
    rule set cannot be loaded: the baselines still run. With ``changes``, each page's change
    records are kept there by page id (a reference stored, nothing computed in the timing)."""
    try:
        from cleaner.html import extract_article
    except ModuleNotFoundError as error:
        if error.name != "cleaner.html":
            print(f"NOTE: cleaner.html could not be imported ({error}); cleaner is left out.")
        else:
            print("NOTE: cleaner.html not available yet; cleaner is left out.")
        return None
    except Exception as error:  # a module being written may not import; the baselines still run
        print(f"NOTE: cleaner.html failed to import ({type(error).__name__}: {error}); cleaner is left out.")
        return None
    try:
        # Built once: loading the rule set is set-up, not extraction.
        cleaner = Cleaner.from_rules("default")
    except Exception as error:  # a rule set being edited may not load; the baselines still run
        print(f"NOTE: the default rule set failed to load ({type(error).__name__}: {error}); cleaner is left out.")
        return None

    # The ground truth is the article body without its headline, so the headline is left out;
    # like trafilatura.extract(), only the text is asked for (no author, date or site name).
    def extract(page: Page) -> str:
        doc = extract_article(page.html, cleaner=cleaner, title=False, metadata=False)
        if changes is not None:
            changes[page.id] = [*doc.removals, *doc.changes]
        return doc.text

    return System("cleaner", extract)


@dataclass
class Run:
    """One system over one set of pages: its outputs, the time of each pass and page, failures."""

    system: str
    outputs: dict[str, str]
    times_s: list[float]
    page_times_s: dict[str, list[float]]  # each pass's time, by page
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def median_s(self) -> float:
        return statistics.median(self.times_s)

    def page_median_s(self, page_id: str) -> float:
        return statistics.median(self.page_times_s[page_id])


def run_systems(systems: list[System], pages: list[Page], repeats: int) -> dict[str, Run]:
    """Every system on every page, interleaved: page by page, the systems take turns (in an
    order that rotates), so a burst of load on this shared machine falls on all of them alike
    instead of on whichever system happened to be running. Times are per page, summed per pass;
    the median pass is reported."""
    for system in systems:
        try:
            system.extract(pages[0])  # untimed: lazy imports and first-call set-up are not page costs
        except Exception:
            pass  # the timed pass records it
    outputs: dict[str, dict[str, str]] = {s.name: {} for s in systems}
    errors: dict[str, dict[str, str]] = {s.name: {} for s in systems}
    page_times: dict[str, dict[str, list[float]]] = {s.name: {page.id: [] for page in pages} for s in systems}
    totals: dict[str, list[float]] = {s.name: [] for s in systems}
    for _ in range(repeats):
        gc.collect()  # so one pass does not pay for the garbage of the one before
        for name in outputs:
            outputs[name], errors[name] = {}, {}
        for index, page in enumerate(pages):
            turn = index % len(systems)
            for system in systems[turn:] + systems[:turn]:
                start = time.perf_counter()
                try:
                    text = system.extract(page)
                except Exception as error:  # one page's failure scores 0 there; the run goes on
                    text, errors[system.name][page.id] = "", f"{type(error).__name__}: {error}"
                page_times[system.name][page.id].append(time.perf_counter() - start)
                outputs[system.name][page.id] = text
        for system in systems:
            totals[system.name].append(sum(page_times[system.name][page.id][-1] for page in pages))
    runs = {}
    for system in systems:
        name = system.name
        print(f"  {name}: {statistics.median(totals[name]):.2f} s"
              + (f", {len(errors[name])} page(s) failed" if errors[name] else ""), flush=True)
        runs[name] = Run(name, outputs[name], totals[name], page_times[name], errors[name])
    return runs
