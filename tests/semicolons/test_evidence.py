"""Reading only as far as the edits need gives the same edits as reading every verdict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.stray_semicolon import StraySemicolon
from cleaner.semicolons.evidence import Treatment, read_document
from cleaner.semicolons.verdicts import Cue
from tests.strategies import fuzz

# Pieces of prose around semicolons, in every shape the cues read: clauses, names spoken to,
# introductions, attributions, asides, relatives, lists, numbers, quotes, other languages.
PIECES = [
    "The council met", "it rained", "we stayed inside", "However", "After the vote", "When the rain stopped",
    "Looking back", "“Marta", "“We will win", "” she said", "” said Tom Alvarez", "the company said",
    "according to the clerk", "Ferrow Tools", "the maker of shears", "which opened in 1911", "will close",
    "but", "and", "who", "citing figures", "in the afternoon", "Lyon, France", "Porto, Portugal", "6-4", "7-6",
    "November 18", "2019", "Der Rat tagte", "und die Stadt wartete", "No", "Yesterday", "today", "that",
    "Unfortunately", "including the capital", "whose pears won", "If nothing is produced", "The roof, too",
    "is functional", "Captain Ruiz turned back",
]
MARKS = ["; ", ", ", ". ", " ", ";” ", "\n", "; and ", " — "]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(MARKS)), min_size=1, max_size=40).map(
    lambda parts: "".join(piece + mark for piece, mark in parts))


def rule(**params) -> StraySemicolon:
    return StraySemicolon("t", **validate_params(StraySemicolon, params, source=None, rule_id="t"))


EDITED = rule()


def edits(text: str, every_verdict: bool) -> list[tuple]:
    reading = read_document(text, EDITED.evidence, every_verdict=every_verdict)
    return [(site.pos, site.verdict, site.cue) for site in reading.edits()]


@pytest.mark.property
@fuzz
@given(texts)
def test_reading_only_what_the_edits_need_gives_the_same_edits(text: str) -> None:
    assert edits(text, every_verdict=False) == edits(text, every_verdict=True)


@pytest.mark.parametrize("repeats", [2, 5, 12], ids=["two-semicolons", "a-few", "many-asked-first"])
def test_a_document_in_another_language_is_left_alone(repeats) -> None:
    # "However;" would be a conclusive stray in English; the language is asked once it turns
    # up (or first, where there are many semicolons to read), and the text is left as it is.
    text = "However; der Rat tagte am Montag, und die Stadt wartete auf das Ergebnis der Bürger. " * repeats
    for every_verdict in (False, True):
        reading = read_document(text, EDITED.evidence, every_verdict=every_verdict)
        assert reading.treatment is Treatment.CLEAN
        assert reading.edits() == []
    assert EDITED.find(Document(text)) == []


def test_a_mills_document_is_read_whole_either_way() -> None:
    text = ("Ferrow Tools; the maker of shears, will close. “We tried;” she said. The plant closed; "
            "which surprised nobody.\n")
    fast = read_document(text, EDITED.evidence, every_verdict=False)
    assert fast.treatment is Treatment.MILL
    assert [s.pos for s in fast.edits()] == [s.pos for s in read_document(text, EDITED.evidence).edits()]
    assert len(fast.edits()) == 3


# Shown to be a mill's by two conclusive semicolons, both before capitals, where the spinner
# struck; the author's one "; which" stands among a dozen commas before lower-case words.
STRUCK_BEFORE_CAPITALS = (
    "When the storm came; Captain Ruiz turned back. After the vote; Councillor Amos resigned. The town had "
    "grown, as such towns do, by accident, by trade, by the sea, and by luck, slowly, unevenly, noisily, for "
    "two hundred years, with its mills, its docks, its chapels, its schools; which is more than can be said "
    "of its neighbours.\n")


def test_in_a_document_shown_a_mills_the_contexts_the_spinner_spared_keep_their_semicolons() -> None:
    text = STRUCK_BEFORE_CAPITALS
    reading = read_document(text, EDITED.evidence)
    assert reading.treatment is Treatment.MILL
    which = text.index("; which")
    assert [s.pos for s in reading.edits()] == [text.index("; Captain"), text.index("; Councillor")]
    assert next(s.cue for s in reading.sites if s.pos == which) is Cue.CONTEXT_SPARED
    assert read_document(text, EDITED.evidence, every_verdict=False).edits() == reading.edits()


def test_the_spared_context_share_is_a_parameter_and_an_assumed_mill_ignores_it() -> None:
    text = STRUCK_BEFORE_CAPITALS
    off = rule(min_context_share=0.0, thin_document_share=0.0).evidence
    assert text.index("; which") in [s.pos for s in read_document(text, off).edits()]
    assert text.index("; which") in [s.pos for s in read_document(text, rule(assume="mill").evidence).edits()]


def test_definite_cues_change_their_semicolon_but_do_not_make_a_document_a_mills() -> None:
    # Two semicolons read through a judgment call ("who", an opening adverb): each is fixed
    # alone, the document stays edited, and its author's "; but" stays.
    text = ("The fund is run by Ana Ruiz; who joined in 2015. Unfortunately; the office had closed. "
            "The ferry runs twice a day; but the winter timetable is thinner.\n")
    reading = read_document(text, EDITED.evidence)
    assert reading.treatment is Treatment.CONCLUSIVE_ONLY
    assert [s.cue for s in reading.edits()] == [Cue.PERSONAL_RELATIVE, Cue.AFTER_OPENING_ADVERB]
    assert all(s.conclusive and not s.evidence for s in reading.edits())
