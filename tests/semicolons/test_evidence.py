"""Reading only as far as the edits need gives the same edits as reading every verdict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def test_a_document_in_another_language_is_not_read_at_all() -> None:
    text = "Der Rat tagte am Montag; die Stadt wartete auf das Ergebnis, und die Bürger auch. " * 5
    assert read_document(text, EDITED.evidence, every_verdict=False).sites == []
    assert read_document(text, EDITED.evidence, every_verdict=False).treatment is Treatment.CLEAN


def test_a_mills_document_is_read_whole_either_way() -> None:
    text = ("Ferrow Tools; the maker of shears, will close. “We tried;” she said. The plant closed; "
            "which surprised nobody.\n")
    fast = read_document(text, EDITED.evidence, every_verdict=False)
    assert fast.treatment is Treatment.MILL
    assert [s.pos for s in fast.edits()] == [s.pos for s in read_document(text, EDITED.evidence).edits()]
    assert len(fast.edits()) == 3


def test_definite_cues_change_their_semicolon_but_do_not_make_a_document_a_mills() -> None:
    # Two semicolons read through a judgment call ("who", an opening adverb): each is fixed
    # alone, the document stays edited, and its author's "; but" stays.
    text = ("The fund is run by Ana Ruiz; who joined in 2015. Unfortunately; the office had closed. "
            "The ferry runs twice a day; but the winter timetable is thinner.\n")
    reading = read_document(text, EDITED.evidence)
    assert reading.treatment is Treatment.CONCLUSIVE_ONLY
    assert [s.cue for s in reading.edits()] == [Cue.PERSONAL_RELATIVE, Cue.AFTER_OPENING_ADVERB]
    assert all(s.conclusive and not s.evidence for s in reading.edits())
