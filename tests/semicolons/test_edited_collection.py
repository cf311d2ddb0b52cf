"""A collection of edited sentences with semicolons, every one where an editor puts it, read as
one document: two semicolons wrongly read as ones no editor puts (each enough to change alone)
make a document a mill's, and then every likely verdict in it changes. So each sentence must be
read right alone, and the collection as a whole must keep all of them, however dense. Invented:
narrative, dialogue, essays, reports, instructions, reviews, science, law, sport; clauses opened every
way a clause opens (a plural noun, a passive or negated verb of saying, an elliptical clause or
answer, a conjunctive adverb, a question), beside dates, numbers, abbreviations and names."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.pipeline import Cleaner

DEFAULT = Cleaner.from_rules("default")
RULE = "punctuation.stray-semicolon"

# One sentence a line.
COLLECTION = Path(__file__).parents[1] / "fixtures" / "edited_semicolons.txt"
SENTENCES = COLLECTION.read_text(encoding="utf-8").splitlines()


def _semicolons_changed(text: str) -> list[str]:
    return [change.note for change in DEFAULT.clean(text).changes if change.rule_id == RULE]


def test_each_sentence_keeps_its_semicolons() -> None:
    assert [s for s in SENTENCES if _semicolons_changed(s + "\n")] == []


@pytest.mark.parametrize("per_paragraph", [1, 5, len(SENTENCES)])
def test_the_collection_as_one_document_keeps_every_semicolon(per_paragraph: int) -> None:
    paragraphs = [" ".join(SENTENCES[i:i + per_paragraph]) for i in range(0, len(SENTENCES), per_paragraph)]
    text = "\n\n".join(paragraphs) + "\n"
    assert _semicolons_changed(text) == []
