"""A sentence's semicolons read together: separators of one list, or each on its own.

"Lyon, France; Porto, Portugal; and Graz, Austria": items holding commas. "from a blog post;
an email inbox; a webinar; and a stage": parallel items, closed by "and"/"or".
"""

from __future__ import annotations

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import WINDOW_BEFORE, Context, Sentence
from cleaner.semicolons.right import NOT_ASKED, read_right
from cleaner.semicolons.verdicts import STANDS_ALONE, Cue, Site, Verdict


# Semicolons that make a list too long and too regular to be a spinner's chance: four items or
# more, every one holding a comma ("his widow, Alice; a son, William, Seattle; three sisters, …").
_LONG_LIST = 3


def sentence_contexts(text: str, sentence: Sentence) -> list[Context]:
    """Each semicolon of the sentence in its window."""
    positions = sentence.positions
    contexts = []
    clause_start = sentence.start
    for i, pos in enumerate(positions):
        # Windows are bounded, so a sentence that runs for pages costs no more per semicolon.
        window_start = max(sentence.start, pos - WINDOW_BEFORE)
        contexts.append(Context(text, pos, window_start, max(clause_start, window_start), i == len(positions) - 1))
        clause_start = pos + 1
    return contexts


def judge_sentence(text: str, sentence: Sentence, contexts: list[Context] | None = None,
                   firsts: list | None = None) -> list[Site]:
    """A verdict for each semicolon of one sentence (``contexts`` and the chain's first-part
    answers ``firsts``, when they were read already)."""
    positions = sentence.positions
    contexts = contexts if contexts is not None else sentence_contexts(text, sentence)
    firsts = firsts if firsts is not None else [NOT_ASKED] * len(positions)
    sites = []
    for pos, ctx, first in zip(positions, contexts, firsts, strict=True):
        verdict, cue = read_right(ctx, first)
        # "6-4; 7-6", "November 18; 2019": kept in edited text, where a list of scores may use
        # semicolons; in a mill's document they were commas.
        alone = Site(pos, Verdict.COMMA, cue) if cue is Cue.BETWEEN_NUMBERS else None
        sites.append(Site(pos, verdict, cue, alone=alone))
    if len(positions) >= 2 and not any(site.cue is Cue.ENUMERATED_ITEM for site in sites):
        # (An enumeration's labelled items are the author's list as they stand.)
        kind = _list_kind(text, sentence.start, positions, sites)
        if kind is not None:
            serial = g.words(text[positions[-1] + 1: positions[-1] + 20])[:1]
            if kind is Cue.LIST_WITH_COMMAS and not (serial and serial[0].lower() in en.COORDINATORS_PHRASE) \
                    and len(positions) < _LONG_LIST:
                # A short list with no closing "and": in a mill's document its commas may be the
                # spinner's survivors, so each semicolon is also read alone.
                return [Site(site.pos, Verdict.KEEP, kind, alone=site) for site in sites]
            return [Site(p, Verdict.KEEP, kind) for p in positions]
    return sites


def _list_kind(text: str, start: int, positions: list[int], sites: list[Site]) -> Cue | None:
    """Whether the semicolons separate the items of one list, and of which kind."""
    bounds = [max(start - 1, positions[0] - WINDOW_BEFORE), *positions[:-1]]
    if all("," in text[a + 1:b] for a, b in zip(bounds, positions, strict=True)):
        return Cue.LIST_WITH_COMMAS
    heads = []
    for pos in positions:
        item = g.words(text[pos + 1: pos + 80])
        if item and item[0].lower() in en.COORDINATORS_PHRASE:
            item = item[1:]
        heads.append(g.head_class(item))
    closes_with_and = g.words(text[positions[-1] + 1: positions[-1] + 20])[:1]
    closes_with_and = bool(closes_with_and) and closes_with_and[0].lower() in en.COORDINATORS_PHRASE
    # The last item, after "and", may take another shape: "a podcast; a stage; and inside a book".
    compared = heads[:-1] if closes_with_and and len(heads) > 2 else heads
    parallel = len(set(compared)) == 1 and compared[0] not in {"relative", "none"}
    # Two semicolons before "and" are a list only if neither is impossible as a separator;
    # "Calder's group; working with ...; and checked" is a mill's sentence, not a list.
    impossible = any(s.cue in _IMPOSSIBLE_SEPARATORS or s.cue.strength in STANDS_ALONE for s in sites)
    if parallel and (len(positions) >= 3 or (closes_with_and and not impossible)):
        return Cue.LIST_PLAIN
    return None


# Semicolons that cannot separate list items (the old rule's "strong" verdicts).
_IMPOSSIBLE_SEPARATORS = frozenset({
    Cue.RELATIVE_PRONOUN, Cue.RELATIVE_THAT, Cue.CLAUSE_COORDINATOR, Cue.PARTICIPLE, Cue.VERB_WITHOUT_SUBJECT,
    Cue.QUOTE_CLOSES,
})
