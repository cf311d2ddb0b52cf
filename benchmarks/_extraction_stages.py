"""Where cleaner loses article text that trafilatura keeps, and which of its stages lost it.

Not a benchmark itself; ``extraction_corpora.py`` imports it.

A page is a loss when cleaner keeps fewer ``with`` segments (trafilatura-eval) or fewer of the
truth's shingles (article-extraction) than trafilatura standard. Each such page is extracted
again with one of cleaner's stages neutralised at a time, from the outside (nothing in
``cleaner/`` is changed):

- ``decoding``: the page given as text, decoded as trafilatura decodes it
  (``trafilatura.utils.decode_file``), instead of as bytes for cleaner's own reader;
- ``page rules``: the rule set without its page rules (every rule whose stage is ``html``);
- ``extractor choice``: ``extractor="trafilatura"`` instead of ``"auto"`` (readability's text
  had replaced trafilatura's);
- ``restoration``: ``cleaner.extractors.choose.restore_lost_paragraphs`` replaced, for the
  call, by one that returns the extraction unchanged;
- ``text rules``: ``cleaner.html.extract_page`` (before the text rules) instead of
  ``extract_article``.

A lost segment belongs to the first stage, in that order, whose neutralisation finds it again;
lost truth shingles to the first stage that brings back at least half of them. What no stage
brings back is ``extraction itself``: cleaner runs trafilatura in its precision mode on a tree
it parsed and pruned itself, not trafilatura's standard mode on the bytes.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from _extraction_corpora import Page
from _extraction_scoring import lost_article, segments_found, shingles, truth_shingles_kept, words

STAGES = ("decoding", "page rules", "extractor choice", "restoration", "text rules")
EXTRACTION_ITSELF = "extraction itself"
CLEANER_RAISED = "cleaner raised"
SAMPLE_CHARS = 60


@dataclass
class Loss:
    """One page where cleaner keeps less of the article than trafilatura standard."""

    page: str
    lost: int  # with segments, or truth shingles (with repeats)
    unit: str  # "segments" or "shingles"
    lost_words: int  # truth words trafilatura has and cleaner lacks (article-extraction; 0 otherwise)
    stage: str  # the stage (or stages, segment by segment) that lost the text
    sample: str  # the start of one lost segment, or of the truth paragraph that lost most
    precision_mode_too: bool  # whether trafilatura's precision mode loses the same text
    recovered: dict[str, int] = field(default_factory=dict)  # per stage: how much its neutralisation brings back
    segments: list[dict] = field(default_factory=list)  # trafilatura-eval: each lost segment and its stage
    cleaner_error: str | None = None


def segment_losses(pages: list[Page], ours: dict[str, str], reference: dict[str, str]) -> dict[str, list[str]]:
    """Per page, the ``with`` segments the reference output holds and cleaner's does not."""
    losses = {}
    for page in pages:
        theirs = segments_found(page.with_segments, reference[page.id])
        mine = segments_found(page.with_segments, ours[page.id])
        lost = [segment for segment, t, m in zip(page.with_segments, theirs, mine, strict=True) if t and not m]
        if lost and sum(theirs) > sum(mine):
            losses[page.id] = lost
    return losses


def truth_losses(pages: list[Page], ours: dict[str, str], reference: dict[str, str]) -> dict[str, int]:
    """Per page, how many more truth shingles the reference output holds than cleaner's."""
    losses = {}
    for page in pages:
        lost = truth_shingles_kept(page.truth, reference[page.id]) - truth_shingles_kept(page.truth, ours[page.id])
        if lost > 0:
            losses[page.id] = lost
    return losses


@contextlib.contextmanager
def restoration_off() -> Iterator[None]:
    """cleaner's lost-paragraph restoration returning its extraction unchanged, for the block only."""
    import cleaner.extractors.choose as choose

    original = choose.restore_lost_paragraphs
    choose.restore_lost_paragraphs = lambda tree, extraction, **_: extraction
    try:
        yield
    finally:
        choose.restore_lost_paragraphs = original


def build_variants() -> tuple[dict[str, Callable[[Page], str]], list[str]]:
    """One extraction per stage, with that stage neutralised; and notes on stages that could
    not be neutralised (a name in cleaner changed under the benchmark), which are skipped."""
    from cleaner import Cleaner
    from cleaner.html import extract_article, extract_page

    cleaner = Cleaner.from_rules("default")
    notes: list[str] = []
    variants: dict[str, Callable[[Page], str]] = {}
    try:
        from trafilatura.utils import decode_file
    except ImportError as error:
        notes.append(f"trafilatura's decoder cannot be imported ({error}): stage 'decoding' skipped")
    else:
        variants["decoding"] = lambda page: extract_article(decode_file(page.html), cleaner=cleaner, title=False,
                                                            metadata=False).text
    page_rule_ids = [rule.id for rule in getattr(cleaner, "html_rules", []) if getattr(rule, "stage", "") == "html"]
    if page_rule_ids:
        without_page_rules = Cleaner.from_rules("default", disable=page_rule_ids)
        variants["page rules"] = lambda page: extract_article(page.html, cleaner=without_page_rules, title=False,
                                                              metadata=False).text
    else:
        notes.append("the default rule set has no page rules: stage 'page rules' skipped")
    variants["extractor choice"] = lambda page: extract_article(page.html, cleaner=cleaner, extractor="trafilatura",
                                                                title=False, metadata=False).text
    try:
        import cleaner.extractors.choose as choose

        choose.restore_lost_paragraphs  # noqa: B018 (present, or the stage is skipped)
    except (ImportError, AttributeError) as error:
        notes.append(f"restoration cannot be switched off ({error}): stage 'restoration' skipped")
    else:
        def without_restoration(page: Page) -> str:
            with restoration_off():
                return extract_article(page.html, cleaner=cleaner, title=False, metadata=False).text

        variants["restoration"] = without_restoration
    variants["text rules"] = lambda page: extract_page(page.html, cleaner=cleaner, title=False, metadata=False).text
    return variants, notes


def _run_variants(variants: dict[str, Callable[[Page], str]], page: Page) -> dict[str, str]:
    outputs = {}
    for stage, extract in variants.items():
        try:
            outputs[stage] = extract(page)
        except Exception:  # a variant that fails recovers nothing
            outputs[stage] = ""
    return outputs


def attribute_segments(pages: list[Page], lost: dict[str, list[str]], precision: dict[str, str] | None,
                       errors: dict[str, str], variants: dict[str, Callable[[Page], str]]) -> list[Loss]:
    """Each lost ``with`` segment's stage; the page's stage names them, commonest first."""
    by_id = {page.id: page for page in pages}
    losses = []
    for page_id, segments in lost.items():
        outputs = _run_variants(variants, by_id[page_id])
        found = {stage: segments_found(segments, text) for stage, text in outputs.items()}
        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        per_segment = []
        for index, segment in enumerate(segments):
            stage = next((s for s in STAGES if s in found and found[s][index]), fallback)
            per_segment.append({"segment": segment, "stage": stage})
        stages = Counter(item["stage"] for item in per_segment)
        in_precision = segments_found(segments, precision[page_id]) if precision else [True] * len(segments)
        losses.append(Loss(page_id, len(segments), "segments", 0, " + ".join(s for s, _ in stages.most_common()),
                           segments[0][:SAMPLE_CHARS], not any(in_precision),
                           {stage: sum(hits) for stage, hits in found.items()}, per_segment, errors.get(page_id)))
    return sorted(losses, key=lambda loss: (-loss.lost, loss.page))


def attribute_truth(pages: list[Page], lost: dict[str, int], ours: dict[str, str], reference: dict[str, str],
                    precision: dict[str, str] | None, errors: dict[str, str],
                    variants: dict[str, Callable[[Page], str]]) -> list[Loss]:
    """The stage that brings back at least half of a page's lost truth shingles."""
    by_id = {page.id: page for page in pages}
    losses = []
    for page_id, amount in lost.items():
        page = by_id[page_id]
        kept = truth_shingles_kept(page.truth, ours[page_id])
        outputs = _run_variants(variants, page)
        recovered = {stage: truth_shingles_kept(page.truth, text) - kept for stage, text in outputs.items()}
        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        stage = next((s for s in STAGES if 2 * recovered.get(s, 0) >= amount), fallback)
        precision_too = (precision is not None
                         and 2 * (truth_shingles_kept(page.truth, precision[page_id]) - kept) < amount)
        losses.append(Loss(page_id, amount, "shingles", truth_words_lost(page.truth, ours[page_id], reference[page_id]),
                           stage, _lost_paragraph(page.truth, ours[page_id], reference[page_id])[:SAMPLE_CHARS],
                           precision_too, recovered, cleaner_error=errors.get(page_id)))
    return sorted(losses, key=lambda loss: (-loss.lost, loss.page))


def attribute_lost_articles(pages: list[Page], lost: dict[str, dict], reference: dict[str, str],
                            removed_ads: dict[str, Counter[str]], errors: dict[str, str],
                            variants: dict[str, Callable[[Page], str]]) -> dict[str, str]:
    """Per lost article, the first stage whose neutralisation keeps 80 % of the reference's words
    (the ad records of the run itself still counted as kept)."""
    by_id = {page.id: page for page in pages}
    stages = {}
    for page_id in lost:
        outputs = _run_variants(variants, by_id[page_id])
        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        stages[page_id] = next((s for s in STAGES if s in outputs
                                and lost_article(reference[page_id], outputs[s], removed_ads.get(page_id)) is None),
                               fallback)
    return stages


def truth_words_lost(truth: str, ours: str, reference: str) -> int:
    """Words of the truth that the reference output holds and cleaner's lacks (multisets)."""
    expected = words(truth)
    return sum(((expected & words(reference)) - (expected & words(ours))).values())


def _lost_paragraph(truth: str, ours: str, reference: str) -> str:
    """The truth paragraph with the most shingles the reference output has and cleaner's lacks."""
    gone = set(shingles(reference, distinct=True)) - set(shingles(ours, distinct=True))
    best, best_count = "", 0
    for paragraph in truth.splitlines():
        count = len(set(shingles(paragraph, distinct=True)) & gone)
        if count > best_count:
            best, best_count = " ".join(paragraph.split()), count
    return best


def loss_rows(losses: list[Loss]) -> list[dict]:
    return [asdict(loss) for loss in losses]
