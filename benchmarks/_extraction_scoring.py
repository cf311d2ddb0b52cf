"""The published metrics of the extraction corpora, and word counts for the no-lost-article check.

Not a benchmark itself; ``extraction.py`` and ``extraction_corpora.py`` import it.

- article-extraction (``../shared/benchmarks/article-extraction/README.md``): per page, lower-case
  ``\\w+`` tokens, overlapping 4-token shingles of prediction and truth, true and false positives
  and negatives normalised to sum to 1; precision and recall averaged over pages, F1 of the
  averages. Shingles count with their repeats (as the upstream scorer does), unless ``distinct``.
- trafilatura-eval (``../shared/benchmarks/trafilatura-eval/README.md``): whitespace collapsed in
  output and segments; a ``with`` segment found in the output is a true positive, else a false
  negative; a ``without`` segment found is a false positive, else a true negative; the four
  counts summed over all pages, then precision, recall, F1 and accuracy.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from cleaner.document import PageRemoval

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
_SPACES = re.compile(r"\s+")


def words(text: str) -> Counter[str]:
    """The multiset of lower-cased ``\\w+`` tokens: the unit of the no-lost-article check."""
    return Counter(TOKEN.findall(text.lower()))


def shingles(text: str, *, distinct: bool) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text.lower())
    if not tokens:
        return Counter()
    # A text shorter than a shingle is one short shingle (as in evaluate.py), so a two-word
    # prediction is scored as two words, not as nothing.
    counts = Counter(tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(max(1, len(tokens) - SHINGLE_SIZE + 1)))
    return Counter(dict.fromkeys(counts, 1)) if distinct else counts


@dataclass(frozen=True)
class PageScore:
    """True positives, false positives and false negatives of one page, summing to 1."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        # None when the prediction is empty: there is nothing to be precise about.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0


def score_page(truth: str, prediction: str, *, distinct: bool) -> PageScore:
    expected, predicted = shingles(truth, distinct=distinct), shingles(prediction, distinct=distinct)
    tp = sum((expected & predicted).values())
    fp = sum((predicted - expected).values())
    fn = sum((expected - predicted).values())
    total = tp + fp + fn
    # Normalised so that a long article weighs no more than a short one.
    return PageScore(tp / total, fp / total, fn / total) if total else PageScore(0.0, 0.0, 0.0)


def aggregate(scores: list[PageScore]) -> dict[str, float]:
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def truth_shingles_kept(truth: str, prediction: str) -> int:
    """How many of the truth's shingles (with repeats) the prediction holds: the true positives
    before normalisation, the article-extraction measure of text kept."""
    return sum((shingles(truth, distinct=False) & shingles(prediction, distinct=False)).values())


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass
class SegmentCounts:
    """trafilatura's confusion counts, of one page or summed over many."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: SegmentCounts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    def scores(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        return {"precision": precision, "recall": recall,
                "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
                "accuracy": (self.tp + self.tn) / total if total else 0.0}


def segments_found(segments: list[str], output: str) -> list[bool]:
    """For each segment, whether it stands in the output once runs of whitespace are one space."""
    text = collapse_spaces(output)
    return [collapse_spaces(segment) in text for segment in segments]


def count_segments(with_segments: list[str], without_segments: list[str], output: str) -> SegmentCounts:
    kept = sum(segments_found(with_segments, output))
    leaked = sum(segments_found(without_segments, output))
    return SegmentCounts(tp=kept, fn=len(with_segments) - kept, fp=leaked, tn=len(without_segments) - leaked)


# The no-lost-article guarantee: where trafilatura standard finds an article (this many words or
# more), cleaner's text keeps at least this share of its words, unless the missing words went
# as identified ads.
ARTICLE_MIN_WORDS = 50
ARTICLE_MIN_KEPT = 0.8
# Change records of identified ads: the page rule that prunes ad markup, and the text rules of
# the ads family (labels, banners, furniture, notices).
AD_RULE_PREFIXES = ("html.ads", "ads.")
def ad_words(records: list) -> Counter[str]:
    """The words cleaner's records say it removed as identified ads: the text of an element a
    page rule removed (a ``PageRemoval`` keeps only its first 120 characters, so a long ad is
    under-counted), and what an ads text rule's change took out."""
    removed: Counter[str] = Counter()
    for record in records:
        if record.rule_id.startswith(AD_RULE_PREFIXES):
            removed += words(record.text if isinstance(record, PageRemoval) else record.before)
    return removed


def lost_article(reference: str, text: str, removed_ads: Counter[str] | None = None) -> dict | None:
    """The figures of a lost article, or None: ``text`` keeps under ARTICLE_MIN_KEPT of the words
    of ``reference`` (an article of ARTICLE_MIN_WORDS or more), counting the missing words the
    ad records account for as kept."""
    expected = words(reference)
    total = sum(expected.values())
    if total < ARTICLE_MIN_WORDS:
        return None
    kept = sum((expected & words(text)).values())
    if kept >= ARTICLE_MIN_KEPT * total:
        return None
    accounted = sum(((expected - words(text)) & removed_ads).values()) if removed_ads else 0
    if kept + accounted >= ARTICLE_MIN_KEPT * total:
        return None
    return {"reference_words": total, "kept_words": kept, "kept_share": kept / total, "ad_words": accounted}
