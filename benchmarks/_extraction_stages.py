"""Where cleaner loses article text that trafilatura keeps, and which of its stages lost it.

Not a benchmark itself; ``extraction_corpora.py`` imports it.

A page is a loss when cleaner keeps fewer ``with`` segments (trafilatura-eval) or fewer of the
truth's shingles (article-extraction) than trafilatura standard. Each such page is extracted
again with one of cleaner's stages neutralised at a time, from the outside (nothing in
``cleaner/`` is changed):

- ``decoding``: the page given as text, decoded as trafilatura decodes it
  (``trafilatura.utils.decode_file``), instead of as bytes for cleaner's own reader;
- ``page rules``: the rule set without its page rules (every rule whose stage is ``html``);
  when that brings the text back, each page rule is switched off alone as well, to name it;
- ``extractor choice``: ``extractor="trafilatura"`` instead of ``"auto"`` (readability's text
  had replaced trafilatura's);
- ``restoration``: ``cleaner.extractors.choose.restore_lost_paragraphs`` replaced, for the
  call, by one that returns the extraction unchanged;
- ``text rules``: ``cleaner.html.extract_page`` (before the text rules) instead of
  ``extract_article``.

A lost segment belongs to the first stage, in that order, whose neutralisation finds it again;
lost truth shingles to the first stage that brings back at least half of them; a lost article
(``_extraction_scoring.lost_article``) to the first stage after whose neutralisation it is no
longer lost. What no stage
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
    readability_has_it: bool  # whether cleaner with extractor="readability" keeps it (a choice the other way)
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


class Variants:
    """cleaner's extraction with one stage neutralised, per stage; and with one page rule off,
    per page rule, to name the rule when the page rules lost the text."""

    def __init__(self) -> None:
        from cleaner import Cleaner
        from cleaner.html import extract_article, extract_page

        def article(cleaner: Cleaner, **options) -> Callable[[Page], str]:
            return lambda page: extract_article(page.html, cleaner=cleaner, title=False, metadata=False,
                                                **options).text

        cleaner = Cleaner.from_rules("default")
        self.notes: list[str] = []  # stages that cannot be neutralised (a name in cleaner changed)
        self.stages: dict[str, Callable[[Page], str]] = {}
        self.page_rules: dict[str, Callable[[Page], str]] = {}
        try:
            from trafilatura.utils import decode_file
        except ImportError as error:
            self.notes.append(f"trafilatura's decoder cannot be imported ({error}): stage 'decoding' skipped")
        else:
            self.stages["decoding"] = lambda page: extract_article(decode_file(page.html), cleaner=cleaner,
                                                                   title=False, metadata=False).text
        rule_ids = [rule.id for rule in getattr(cleaner, "html_rules", []) if getattr(rule, "stage", "") == "html"]
        if rule_ids:
            self.stages["page rules"] = article(Cleaner.from_rules("default", disable=rule_ids))
            self.page_rules = {rule_id: article(Cleaner.from_rules("default", disable=[rule_id]))
                               for rule_id in rule_ids}
        else:
            self.notes.append("the default rule set has no page rules: stage 'page rules' skipped")
        self.stages["extractor choice"] = article(cleaner, extractor="trafilatura")
        # The stage is readability's text replacing trafilatura's. Whether readability's text
        # would have held what trafilatura lost is reported beside the stage, not as one: a
        # choice the other way might have kept it, at a cost in precision elsewhere.
        self.readability = article(cleaner, extractor="readability")
        try:
            import cleaner.extractors.choose as choose

            choose.restore_lost_paragraphs  # noqa: B018 (present, or the stage is skipped)
        except (ImportError, AttributeError) as error:
            self.notes.append(f"restoration cannot be switched off ({error}): stage 'restoration' skipped")
        else:
            with_restoration = article(cleaner)

            def without_restoration(page: Page) -> str:
                with restoration_off():
                    return with_restoration(page)

            self.stages["restoration"] = without_restoration
        self.stages["text rules"] = lambda page: extract_page(page.html, cleaner=cleaner, title=False,
                                                              metadata=False).text

    def outputs(self, page: Page) -> dict[str, str]:
        """Each stage's variant's text for the page, in the order of STAGES."""
        return {stage: _text_or_nothing(self.stages[stage], page) for stage in STAGES if stage in self.stages}

    def label(self, stage: str, page: Page, recovers: Callable[[str], bool]) -> str:
        """The stage, told more exactly: which page rules lost the text (those that bring it back
        when switched off alone)."""
        if stage == "page rules":
            rules = [rule_id for rule_id, extract in self.page_rules.items()
                     if recovers(_text_or_nothing(extract, page))]
            return f"page rules ({', '.join(rules)})" if rules else stage
        return stage

    def readability_has_it(self, page: Page, recovers: Callable[[str], bool]) -> bool:
        """Whether cleaner's text with readability forced holds what was lost."""
        return recovers(_text_or_nothing(self.readability, page))


def _text_or_nothing(extract: Callable[[Page], str], page: Page) -> str:
    try:
        return extract(page)
    except Exception:  # a variant that fails recovers nothing
        return ""


def attribute_segments(pages: list[Page], lost: dict[str, list[str]], precision: dict[str, str] | None,
                       errors: dict[str, str], variants: Variants) -> list[Loss]:
    """Each lost ``with`` segment's stage; the page's stage names them, commonest first."""
    by_id = {page.id: page for page in pages}
    losses = []
    for page_id, segments in lost.items():
        page = by_id[page_id]
        found = {stage: segments_found(segments, text) for stage, text in variants.outputs(page).items()}
        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        per_segment = []
        for index, segment in enumerate(segments):
            stage = next((s for s in found if found[s][index]), fallback)
            stage = variants.label(stage, page, lambda text, wanted=segment: segments_found([wanted], text)[0])
            per_segment.append({"segment": segment, "stage": stage})
        stages = Counter(item["stage"] for item in per_segment)
        in_precision = segments_found(segments, precision[page_id]) if precision else [True] * len(segments)
        readability = variants.readability_has_it(page, lambda text: any(segments_found(segments, text)))
        losses.append(Loss(page_id, len(segments), "segments", 0, " + ".join(s for s, _ in stages.most_common()),
                           segments[0][:SAMPLE_CHARS], not any(in_precision), readability,
                           {stage: sum(hits) for stage, hits in found.items()}, per_segment, errors.get(page_id)))
    return sorted(losses, key=lambda loss: (-loss.lost, loss.page))


def attribute_truth(pages: list[Page], lost: dict[str, int], ours: dict[str, str], reference: dict[str, str],
                    precision: dict[str, str] | None, errors: dict[str, str], variants: Variants) -> list[Loss]:
    """The stage that brings back at least half of a page's lost truth shingles."""
    by_id = {page.id: page for page in pages}
    losses = []
    for page_id, amount in lost.items():
        page = by_id[page_id]
        kept = truth_shingles_kept(page.truth, ours[page_id])

        def recovers(text: str, truth: str = page.truth, kept: int = kept, amount: int = amount) -> bool:
            return 2 * (truth_shingles_kept(truth, text) - kept) >= amount

        outputs = variants.outputs(page)
        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        stage = next((s for s, text in outputs.items() if recovers(text)), fallback)
        stage = variants.label(stage, page, recovers)
        precision_too = precision is not None and not recovers(precision[page_id])
        losses.append(Loss(page_id, amount, "shingles", truth_words_lost(page.truth, ours[page_id], reference[page_id]),
                           stage, _lost_paragraph(page.truth, ours[page_id], reference[page_id])[:SAMPLE_CHARS],
                           precision_too, variants.readability_has_it(page, recovers),
                           {s: truth_shingles_kept(page.truth, text) - kept for s, text in outputs.items()},
                           cleaner_error=errors.get(page_id)))
    return sorted(losses, key=lambda loss: (-loss.lost, loss.page))


def attribute_lost_articles(pages: list[Page], lost: dict[str, dict], reference: dict[str, str],
                            removed_ads: dict[str, Counter[str]], errors: dict[str, str],
                            variants: Variants) -> dict[str, str]:
    """Per lost article, the first stage whose neutralisation keeps 80 % of the reference's words
    (the ad records of the run itself still counted as kept)."""
    by_id = {page.id: page for page in pages}
    stages = {}
    for page_id in lost:
        page = by_id[page_id]

        def recovers(text: str, page_id: str = page_id) -> bool:
            return lost_article(reference[page_id], text, removed_ads.get(page_id)) is None

        fallback = CLEANER_RAISED if page_id in errors else EXTRACTION_ITSELF
        stage = next((s for s, text in variants.outputs(page).items() if recovers(text)), fallback)
        stages[page_id] = variants.label(stage, page, recovers)
    return stages


def truth_words_lost(truth: str, ours: str, reference: str) -> int:
    """Words of the truth that the reference output holds and cleaner's lacks (multisets)."""
    expected = words(truth)
    return sum(((expected & words(reference)) - (expected & words(ours))).values())


def _lost_paragraph(truth: str, ours: str, reference: str) -> str:
    """The truth paragraph with the most shingles the reference output has and cleaner's lacks;
    a mark when the lost shingles are scattered (a word here and there, no paragraph's)."""
    gone = set(shingles(reference, distinct=True)) - set(shingles(ours, distinct=True))
    best, best_count = "(scattered words)", 0
    for paragraph in truth.splitlines():
        count = len(set(shingles(paragraph, distinct=True)) & gone)
        if count > best_count:
            best, best_count = " ".join(paragraph.split()), count
    return best


def loss_rows(losses: list[Loss]) -> list[dict]:
    return [asdict(loss) for loss in losses]
