"""The corpora of the semicolon benchmark: edited prose whose every semicolon is right, and the
bases the spin recipes start from.

Not a benchmark itself; ``semicolons.py`` imports it. Each corpus found under
``../shared/benchmarks/`` is used; one that is absent is named in a note and left out, and when
none is left the built-in invented paragraphs of ``_common.py`` stand in.
"""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import BUILTIN_PARAGRAPHS, DEFAULT_GROUND_TRUTH, REPO_ROOT, load_articles

SHARED = REPO_ROOT.parent / "shared" / "benchmarks"
BROWN_DIR = SHARED / "edited-prose" / "brown"
TRAFILATURA_EVAL_DIR = SHARED / "trafilatura-eval"
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
# The project's own invented edited sentences (tests/fixtures/README.md), ten to a document.
INVENTED_COLLECTION = REPO_ROOT / "tests" / "fixtures" / "edited_semicolons.txt"
_COLLECTION_DOCUMENT = 10

BROWN_GENRES = {
    "a": "press reportage", "b": "editorial", "c": "reviews", "d": "religion",
    "e": "skills and hobbies", "f": "popular lore", "g": "belles-lettres", "h": "government",
    "j": "learned", "k": "general fiction", "l": "mystery", "m": "science fiction",
    "n": "adventure", "p": "romance", "r": "humour",
}
# trafilatura's canonical evaluation settings, "standard" mode (fast=False is its default).
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "include_formatting": False}


@dataclass
class Corpus:
    name: str
    documents: dict[str, str]  # id -> text
    source: str
    groups: dict[str, str] = field(default_factory=dict)  # id -> group (Brown: genre letter)
    notes: list[str] = field(default_factory=list)  # what was skipped, and why


def every_nth(documents: dict[str, str], step: int) -> dict[str, str]:
    """Every ``step``-th document in id order (``--quick``)."""
    return {key: documents[key] for i, key in enumerate(sorted(documents)) if i % step == 0}


def builtin_corpus() -> Corpus:
    # Three paragraphs to a document, so that a spun document has several semicolons.
    documents = {f"builtin-{i // 3:02d}": "\n\n".join(BUILTIN_PARAGRAPHS[i:i + 3])
                 for i in range(0, len(BUILTIN_PARAGRAPHS), 3)}
    return Corpus("builtin", documents, "built-in invented paragraphs (benchmarks/_common.py)")


def load_brown(step: int) -> Corpus | None:
    files = sorted(BROWN_DIR.glob("c[a-z][0-9][0-9].txt")) if BROWN_DIR.is_dir() else []
    if not files:
        print("NOTE: the Brown samples (../shared/benchmarks/edited-prose/brown/) are absent; "
              "left out.")
        return None
    documents = every_nth({f.stem: f.read_text(encoding="utf-8") for f in files}, step)
    return Corpus("brown", documents, "../shared/benchmarks/edited-prose/brown/",
                  groups={key: key[1] for key in documents})


def load_invented_collection(step: int) -> Corpus | None:
    """The invented edited sentences of the tests, ten to a document in paragraphs of five: in
    the repository, so always there (a checkout without its tests leaves it out)."""
    if not INVENTED_COLLECTION.is_file():
        return None
    sentences = INVENTED_COLLECTION.read_text(encoding="utf-8").splitlines()
    size = _COLLECTION_DOCUMENT
    documents = {f"invented-{i // size:03d}": " ".join(sentences[i:i + size // 2]) + "\n\n"
                 + " ".join(sentences[i + size // 2:i + size]) + "\n"
                 for i in range(0, len(sentences), size)}
    return Corpus("invented", every_nth(documents, step), "tests/fixtures/edited_semicolons.txt (invented)")


def load_article_bodies(corpus_path: Path | None, step: int) -> Corpus | None:
    if corpus_path is None and not DEFAULT_GROUND_TRUTH.is_file():
        print("NOTE: the article-extraction ground truth "
              "(../shared/benchmarks/article-extraction/ground-truth.json) is absent; left out.")
        return None
    documents, _ = load_articles(corpus_path or DEFAULT_GROUND_TRUTH)
    source = str(corpus_path) if corpus_path else "../shared/benchmarks/article-extraction/ground-truth.json"
    return Corpus("articles", every_nth(documents, step), source)


def load_trafilatura_eval(step: int) -> Corpus | None:
    """The evaluation pages as trafilatura itself extracts them, cached by its version."""
    evaldata = TRAFILATURA_EVAL_DIR / "evaldata.json"
    if not evaldata.is_file():
        print("NOTE: trafilatura's evaluation pages (../shared/benchmarks/trafilatura-eval/) are "
              "absent; left out.")
        return None
    try:
        import trafilatura
    except ImportError:
        print("NOTE: trafilatura is not installed, so its evaluation pages cannot be extracted; "
              "left out.")
        return None
    files = sorted({entry["file"] for entry in json.loads(evaldata.read_text(encoding="utf-8")).values()})
    files = [name for i, name in enumerate(files) if i % step == 0]
    cache_path = CACHE_DIR / f"trafilatura-eval-{trafilatura.__version__}-standard.json"
    cache: dict[str, str | None] = {}
    if cache_path.is_file():
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    to_extract = [name for name in files if name not in cache]
    if to_extract:
        print(f"Extracting {len(to_extract)} trafilatura-eval pages with trafilatura "
              f"{trafilatura.__version__} (cached for later runs in benchmarks/.cache/)…", flush=True)
        started = time.perf_counter()
        for name in to_extract:
            page = TRAFILATURA_EVAL_DIR / "html" / f"{name}.gz"
            if not page.is_file():
                cache[name] = None
                continue
            cache[name] = trafilatura.extract(gzip.decompress(page.read_bytes()), **TRAFILATURA_OPTIONS)
        print(f"  done in {time.perf_counter() - started:.0f} s")
        CACHE_DIR.mkdir(exist_ok=True)
        cache_path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    documents = {name: cache[name] for name in files if cache[name] and cache[name].strip()}
    corpus = Corpus("trafilatura-eval", documents,
                    f"../shared/benchmarks/trafilatura-eval/ as extracted by trafilatura "
                    f"{trafilatura.__version__} (standard, tables, no comments)")
    if len(documents) < len(files):
        corpus.notes.append(f"{len(files) - len(documents)} of {len(files)} pages extracted to "
                            f"nothing (or are missing) and are skipped")
    return corpus


def load_corpora(corpus_path: Path | None, quick: bool) -> tuple[list[Corpus], list[Corpus]]:
    """The edited corpora (semicolons must survive) and the bases of the spin recipes."""
    step = 4 if quick else 1
    brown = load_brown(step)
    articles = load_article_bodies(corpus_path, step)
    pages = load_trafilatura_eval(step)
    edited = [c for c in (brown, articles, pages) if c is not None]
    invented = load_invented_collection(step)
    spin_bases = [c for c in (articles, brown) if c is not None]
    if not edited or not spin_bases:
        print("NOTE: using the built-in invented paragraphs instead "
              f"({len(BUILTIN_PARAGRAPHS)} paragraphs, three to a document).")
        builtin = builtin_corpus()
        edited = edited or [builtin]
        spin_bases = spin_bases or [builtin]
    return edited + ([invented] if invented is not None else []), spin_bases
