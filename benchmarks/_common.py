"""What the benchmarks share: the article corpus, the comma spinner, tables and JSON output.

Not a benchmark itself; ``semicolons.py``, ``throughput.py`` and ``extraction.py`` import it
from this folder.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# The shared article-extraction benchmark: gzip pages in html/ and their ground-truth.json.
ARTICLE_EXTRACTION_DIR = REPO_ROOT.parent / "shared" / "benchmarks" / "article-extraction"
DEFAULT_GROUND_TRUTH = ARTICLE_EXTRACTION_DIR / "ground-truth.json"

# The benchmarks measure this checkout, whether or not the package is installed.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# A spinner swaps the comma between words; "1,000" and ",”" have no space after the comma.
SPINNABLE_COMMA = re.compile(r",(?= )")

# Invented, well-edited prose: commas in lists, clauses and appositives, and a few semicolons
# that correctly join independent clauses or separate list items holding commas.
BUILTIN_PARAGRAPHS = [
    "The ferry from Kessling to the outer islands runs twice a day in winter, once in the "
    "morning and once in the late afternoon. In summer, when the tourists arrive, the operator "
    "adds a third crossing at noon.",
    "Marta Lind, who has kept bees on the hillside for thirty years, says the spring was the "
    "wettest she can remember. Her hives survived; two of her neighbours lost half of theirs.",
    "The committee met in Oslo, Norway; Leeds, England; and Tartu, Estonia, before settling on "
    "a final draft in March.",
    "Engineers replaced the old sluice gates, widened the spillway and added a second pump "
    "house. The work took eighteen months, cost about 4,200,000 euros and finished on time.",
    "Nobody expected the archive to be complete. Boxes had been moved, relabelled and, in a few "
    "cases, soaked by a burst pipe, yet most of the letters could still be read.",
    "The library closes at six on weekdays; on Saturdays it stays open until nine, and on "
    "Sundays it does not open at all.",
    "After the vote, the mayor thanked the volunteers, the firefighters and the staff of the "
    "town hall, many of whom had worked through the night.",
    "Rain is forecast for the north, with strong winds along the coast. Inland, temperatures "
    "will rise slowly, reaching fifteen degrees by Thursday.",
    "The recipe is simple. Soak the beans overnight, drain them, and simmer them with garlic, "
    "bay leaves and a little salt until they are soft.",
    "Researchers counted the birds at dawn, at noon and at dusk. The numbers were lower than in "
    "the previous survey; the team suspects the late frost.",
    "Tickets cost twelve pounds for adults, eight for students and nothing for children under "
    "five, and they can be bought at the door.",
    "The bridge, built in 1887 and restored twice since, carries about 9,000 cars a day. Its "
    "owners, a trust set up by the county, plan a full survey next year.",
    "She had planned to study law; instead, she joined a small theatre company in Bristol, "
    "where she still works as a lighting designer.",
    "Most of the orchard's trees are apples, but there are also pears, plums and, along the "
    "south wall, two old fig trees that fruit in warm years.",
]


def load_articles(corpus: Path | None) -> tuple[dict[str, str], str]:
    """The articles to measure on, by id, and a line saying where they came from.

    ``corpus`` is a ground-truth JSON (``{id: {"articleBody": ...}}``) or a folder of ``.txt``
    files; without one, the shared ground truth, or the built-in paragraphs if that is absent.
    """
    if corpus is None:
        if not DEFAULT_GROUND_TRUTH.is_file():
            print(f"NOTE: the ground-truth corpus {DEFAULT_GROUND_TRUTH} is absent; "
                  f"using the built-in corpus of {len(BUILTIN_PARAGRAPHS)} invented paragraphs.")
            # Three paragraphs to an article, so that a spun article has several semicolons.
            articles = {f"builtin-{i // 3:02d}": "\n\n".join(BUILTIN_PARAGRAPHS[i:i + 3])
                        for i in range(0, len(BUILTIN_PARAGRAPHS), 3)}
            return articles, "built-in invented paragraphs"
        corpus = DEFAULT_GROUND_TRUTH
    if corpus.is_dir():
        files = sorted(corpus.glob("*.txt"))
        if not files:
            raise SystemExit(f"error: no .txt files in {corpus}")
        return {f.stem: f.read_text(encoding="utf-8") for f in files}, str(corpus)
    if not corpus.is_file():
        raise SystemExit(f"error: corpus {corpus} does not exist")
    data = json.loads(corpus.read_text(encoding="utf-8"))
    return {key: entry["articleBody"] for key, entry in data.items()}, str(corpus)


def spin_commas(text: str, rng: random.Random, share: float) -> tuple[str, list[int]]:
    """Replace ``share`` of the spinnable commas with semicolons, as a content-mill spinner does.

    Returns the spun text and the positions of the new semicolons (one character replaces
    another, so positions are the same in the original and the spun text).
    """
    commas = [m.start() for m in SPINNABLE_COMMA.finditer(text)]
    chosen = sorted(rng.sample(commas, round(share * len(commas))))
    chars = list(text)
    for pos in chosen:
        chars[pos] = ";"
    return "".join(chars), chosen


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """Print rows under headers, columns padded; columns of numbers right-aligned.

    Floats are shown with three decimals; pass a formatted string for any other precision.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(_is_number(r[i]) for r in cells if r[i]) for i in range(len(headers))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _is_number(cell: str) -> bool:
    if cell == "n/a":
        return True
    try:
        float(cell.rstrip("%"))
    except ValueError:
        return False
    return True


def write_json(path: Path | None, figures: dict[str, Any]) -> None:
    if path is None:
        return
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nFigures written to {path}")


def finish(work: Path, keep: bool, figures: dict[str, Any], started: float, json_path: Path | None) -> None:
    """The end of a benchmark that built its inputs in ``work``: keep or delete them, print the
    total run time, write the figures as JSON when asked."""
    import shutil
    import time

    if keep:
        print(f"\nKept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    figures["total_seconds"] = time.perf_counter() - started
    print(f"\nTotal run time: {figures['total_seconds']:.0f} s")
    write_json(json_path, figures)


def checkout_state() -> str:
    """The commit measured, and whether the code differs from it (the package is installed
    editable, so a benchmark runs the working tree)."""
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], check=False, cwd=REPO_ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "cleaner", "rules", "pyproject.toml")
    return commit + (" with uncommitted changes to cleaner/, rules/ or pyproject.toml" if dirty else "")
