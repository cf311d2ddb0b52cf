"""Whether a document is a content mill's, and so how its semicolons are treated.

Density is no evidence: good writers use many semicolons, correctly. What no edited text holds
is a semicolon where one cannot stand at all (a conclusive cue: "“We will win;” she said",
"However; the", "; said Tom Alvarez, a steward."). A document is read as a mill's when it holds
enough of those, or when the user says the archive is one (``assume = "mill"``); otherwise only
conclusive semicolons change and every other one is left as the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cleaner.semicolons import english as en
from cleaner.semicolons.grammar import WORD
from cleaner.semicolons.left import recheck_left
from cleaner.semicolons.lists import judge_sentence, sentence_contexts
from cleaner.semicolons.reading import Sentence, read_sentences
from cleaner.semicolons.right import read_first_part
from cleaner.semicolons.spread import semicolon_shares
from cleaner.semicolons.verdicts import STANDS_ALONE, Cue, Site, Verdict


class Treatment(Enum):
    CLEAN = "clean"  # left exactly as it is
    CONCLUSIVE_ONLY = "conclusive-only"  # edited text with a semicolon no editor puts there
    MILL = "mill"  # a mill's English text: every verdict stands, a kept one needs two clauses
    MILL_UNREAD = "mill-unread"  # a mill's density in a language the word lists cannot read


@dataclass(frozen=True, slots=True)
class Evidence:
    """How far the rule trusts its verdicts: the rule's parameters, gathered."""

    assume_mill: bool = False
    min_conclusive: int = 2
    english_share: float = 0.1
    min_unread: int = 8
    min_unread_density: float = 0.35
    min_context_share: float = 0.1
    thin_document_share: float = 0.25
    thin_context_share: float = 0.5


@dataclass(frozen=True, slots=True)
class Reading:
    treatment: Treatment
    sites: list[Site]

    def edits(self) -> list[Site]:
        """The sites to change under the document's treatment."""
        if self.treatment is Treatment.CLEAN:
            return []
        if self.treatment is Treatment.CONCLUSIVE_ONLY:
            return [s for s in self.sites if s.conclusive]
        if self.treatment is Treatment.MILL_UNREAD:
            return [Site(s.pos, Verdict.COMMA, Cue.UNREAD_LANGUAGE) for s in self.sites if s.cue is not Cue.CITATION]
        # A mill's "A; B; and C" was "A, B, and C": its items hold no commas to separate.
        return [Site(s.pos, Verdict.COMMA, Cue.PLAIN_LIST_ITEMS) if s.cue is Cue.LIST_PLAIN else s
                for s in self.sites if s.verdict is not Verdict.KEEP or s.cue is Cue.LIST_PLAIN]


def read_document(text: str, evidence: Evidence, *, every_verdict: bool = True) -> Reading:
    """Every prose semicolon's verdict, and how the document is to be treated.

    ``every_verdict=False`` reads only as far as the edits need: in a document taken to be
    edited, the chain's first part (where every conclusive cue stands) for each semicolon, and
    the whole chain only for sentences holding a conclusive one, or for every sentence once
    the document shows itself a mill's. The edits are the same either way (tested).
    """
    if not every_verdict and not evidence.assume_mill:
        return _read_edited(text, evidence)
    sites = [site for sentence in read_sentences(text) for site in judge_sentence(text, sentence)]
    if not sites:
        return Reading(Treatment.CLEAN, sites)
    if not reads_as_english(text, evidence.english_share):
        # Without the word lists only a spinner's density speaks, and only when the user says
        # the archive is a mill's: "(SC Potsdam; 10:58,94 min)" is edited German.
        density = len(sites) / (len(sites) + text.count(", "))
        if evidence.assume_mill and len(sites) >= evidence.min_unread and density >= evidence.min_unread_density:
            return Reading(Treatment.MILL_UNREAD, sites)
        return Reading(Treatment.CLEAN, sites)
    if evidence.assume_mill:
        return _as_mill(text, sites)
    if sum(1 for site in sites if site.evidence) >= evidence.min_conclusive:
        return _spared_contexts_kept(text, _as_mill(text, sites), evidence)
    return Reading(Treatment.CONCLUSIVE_ONLY if any(site.conclusive for site in sites) else Treatment.CLEAN, sites)


# Prose semicolons beyond which the language test (about 150 µs) comes before reading them
# (about 20 µs each, most of them in the chain's first part).
_SEMICOLONS_BEFORE_LANGUAGE = 6


def _read_edited(text: str, evidence: Evidence) -> Reading:
    """The reading of a document taken to be edited, as far as its edits need.

    A text not in English has its semicolons left alone, whatever they say. The language is
    asked only once a semicolon would change, or first where there are many to read: most
    edited texts hold a few semicolons and none that changes, and reading those costs less
    than the language test (a tokenised sample of 3,000 characters)."""
    sentences = read_sentences(text)
    english: bool | None = None
    if sum(len(sentence.positions) for sentence in sentences) > _SEMICOLONS_BEFORE_LANGUAGE:
        english = reads_as_english(text, evidence.english_share)
        if not english:
            return Reading(Treatment.CLEAN, [])
    # Until the document shows itself a mill's: per sentence, its first-part answers and its
    # sites once judged whole. Its contexts are not kept (on a document of megabytes they were
    # most of the memory, and the collector's full passes over them a tenth of the time): the
    # few sentences read again once the evidence is in are read afresh.
    pending: list[tuple[Sentence, list, list[Site] | None]] = []
    conclusive: list[Site] = []
    shown = 0  # the conclusive sites that count as evidence
    mill_sites: list[Site] | None = None
    for sentence in sentences:
        if mill_sites is not None:
            mill_sites.extend(judge_sentence(text, sentence))
            continue
        contexts = sentence_contexts(text, sentence)
        firsts = [read_first_part(ctx) for ctx in contexts]
        judged = None
        if any(first is not None and first[1].strength in STANDS_ALONE and first[0] is not Verdict.KEEP
               for first in firsts):
            # The whole sentence, for a list that makes its semicolons separators after all.
            judged = judge_sentence(text, sentence, contexts, firsts)
            if english is None and any(site.conclusive for site in judged):
                english = reads_as_english(text, evidence.english_share)
            if english is False:
                return Reading(Treatment.CLEAN, [])
            conclusive.extend(site for site in judged if site.conclusive)
            shown += sum(1 for site in judged if site.evidence)
        pending.append((sentence, firsts, judged))
        if shown >= evidence.min_conclusive:
            mill_sites = [site for sentence, firsts, judged in pending
                          for site in (judged if judged is not None else judge_sentence(text, sentence, None, firsts))]
            pending = []
    if mill_sites is not None:
        return _spared_contexts_kept(text, _as_mill(text, mill_sites), evidence)
    return Reading(Treatment.CONCLUSIVE_ONLY if conclusive else Treatment.CLEAN, conclusive)


def _as_mill(text: str, sites: list[Site]) -> Reading:
    """A mill's document: a kept semicolon needs a clause on both sides, and a list with commas
    in its items but no closing "and"/"or" is read item by item (its commas possibly the
    spinner's survivors)."""
    return Reading(Treatment.MILL, [recheck_left(text, site.alone if site.alone is not None else site)
                                    for site in sites])


def _spared_contexts_kept(text: str, reading: Reading, evidence: Evidence) -> Reading:
    """A document shown (not assumed) to be a mill's: a likely verdict stands only where the
    semicolons stand thick before its kind of word. A spinner that struck only before capitals
    and numbers left the lower-case contexts alone, so a semicolon there is the author's."""
    min_share = evidence.min_context_share
    if min_share <= 0 and evidence.thin_document_share <= 0:
        return reading
    shares, kind_at, overall = semicolon_shares(text)
    if overall < evidence.thin_document_share:
        # Semicolons few beside the commas, as an editor leaves them: two slips ("After the
        # vote;") are thin evidence, and a likely verdict needs the spinner's majority of
        # semicolons before its kind of word.
        min_share = max(min_share, evidence.thin_context_share)
    # A plain list's semicolons change in a mill's document too (Reading.edits).
    sites = [Site(site.pos, Verdict.KEEP, Cue.CONTEXT_SPARED)
             if ((site.verdict is not Verdict.KEEP and not site.conclusive) or site.cue is Cue.LIST_PLAIN)
             and shares.get(kind_at.get(site.pos, ""), 1.0) < min_share else site
             for site in reading.sites]
    return Reading(reading.treatment, sites)


def reads_as_english(text: str, share: float) -> bool:
    """Whether enough of the words are English function words for the word lists to apply."""
    sample = WORD.findall(text[:3000].lower())
    if len(sample) < 20:
        return True  # too short to tell; the per-semicolon evidence decides
    hits = sum(map(en.FUNCTION_WORDS.__contains__, sample))
    return hits / len(sample) >= share
