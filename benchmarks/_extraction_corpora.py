"""The HTML corpora the extraction benchmarks read, as pages in memory.

Not a benchmark itself; ``extraction.py`` and ``extraction_corpora.py`` import it.

- ``article-extraction``: ``../shared/benchmarks/article-extraction/`` (181 pages,
  ``html/<id>.html.gz``, the article body of each in ``ground-truth.json``), in id order.
- ``trafilatura-eval``: ``../shared/benchmarks/trafilatura-eval/`` (625 pages, ``html/<file>.gz``,
  ``with`` and ``without`` segments of each in ``evaldata.json``), in file-name order.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from _common import ARTICLE_EXTRACTION_DIR

TRAFILATURA_EVAL_DIR = ARTICLE_EXTRACTION_DIR.parent / "trafilatura-eval"
CORPORA = ("article-extraction", "trafilatura-eval")
CORPUS_DIRS = {"article-extraction": ARTICLE_EXTRACTION_DIR, "trafilatura-eval": TRAFILATURA_EVAL_DIR}


@dataclass
class Page:
    id: str
    url: str
    html: bytes
    truth: str = ""  # article-extraction: the article body
    with_segments: list[str] = field(default_factory=list)  # trafilatura-eval: main-text segments
    without_segments: list[str] = field(default_factory=list)  # trafilatura-eval: boilerplate segments
    # What readability-lxml is given, prepared outside the timing. None: the bytes decoded as
    # UTF-8 (every article-extraction page is UTF-8, as that benchmark's own runners read it).
    # The trafilatura-eval pages come in many encodings, so there readability gets the bytes
    # and decodes them itself, as trafilatura's evaluation runs it.
    readability_input: str | bytes | None = None

    def __post_init__(self) -> None:
        if self.readability_input is None:
            self.readability_input = self.html.decode("utf-8", errors="replace")


def load_article_extraction(data_dir: Path, limit: int | None) -> list[Page] | None:
    """The pages with their ground truth, in id order; None when the data is absent."""
    truth_path, html_dir = data_dir / "ground-truth.json", data_dir / "html"
    if not truth_path.is_file() or not html_dir.is_dir():
        return None
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages, missing = [], []
    for page_id in sorted(truth):
        path = html_dir / f"{page_id}.html.gz"
        if not path.is_file():
            missing.append(page_id)
            continue
        pages.append(Page(page_id, truth[page_id].get("url", ""), gzip.decompress(path.read_bytes()),
                          truth[page_id]["articleBody"]))
        if limit is not None and len(pages) == limit:
            break
    if missing:
        print(f"NOTE: {len(missing)} ground-truth page(s) have no HTML and are left out: "
              f"{', '.join(missing[:3])}…")
    return pages


def load_trafilatura_eval(data_dir: Path, limit: int | None) -> list[Page] | None:
    """The evaluation pages with their segments, in file-name order; None when the data is absent."""
    evaldata_path, html_dir = data_dir / "evaldata.json", data_dir / "html"
    if not evaldata_path.is_file() or not html_dir.is_dir():
        return None
    evaldata = json.loads(evaldata_path.read_text(encoding="utf-8"))
    pages, missing = [], []
    for url, item in sorted(evaldata.items(), key=lambda entry: entry[1]["file"]):
        path = html_dir / f"{item['file']}.gz"
        if not path.is_file():
            missing.append(item["file"])
            continue
        raw = gzip.decompress(path.read_bytes())
        pages.append(Page(item["file"], url, raw, with_segments=list(item.get("with") or []),
                          without_segments=list(item.get("without") or []), readability_input=raw))
        if limit is not None and len(pages) == limit:
            break
    if missing:
        print(f"NOTE: {len(missing)} evaluation page(s) have no HTML and are left out: "
              f"{', '.join(missing[:3])}…")
    return pages


def load_corpus(name: str, data_dir: Path | None = None, limit: int | None = None) -> list[Page] | None:
    loader = {"article-extraction": load_article_extraction, "trafilatura-eval": load_trafilatura_eval}[name]
    return loader(data_dir or CORPUS_DIRS[name], limit)
