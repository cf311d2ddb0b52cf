"""Two independent clauses joined by a semicolon, as an editor joins them, in every pairing of
many shapes of clause: none may change under the default rule set, alone or together. The
right-hand clauses open every way a clause opens (a pronoun, a name, a determiner, a number, an
adverb, a preposition, an infinitive, a gerund, an inversion, a conjunctive adverb, a noun
clause); the left-hand ones end every way a clause ends. All invented."""

from __future__ import annotations

import itertools

import pytest

from cleaner.pipeline import Cleaner

LEFT = [
    "The meeting ended late",
    "In the spring of that year the river flooded the lower town",
    "The house that my grandfather built still stands",
    "After the war, the factory was sold to a Swiss firm",
    "Nobody expected the vote to pass",
    "She had been warned twice",
    "The treaty, signed in haste, satisfied no one",
    "The old road runs north from the village",
    "When x is zero the function is undefined",
    "His hands shook",
    # More shapes, each on both sides of the pairing.
    "The figures were revised in March", "It was the coldest winter anyone could remember",
    "His argument rests on two assumptions", "We walked along the shore for an hour",
    "Most of the evidence was circumstantial", "He had always wanted to see Rome",
]
RIGHT = [
    "the rest is history", "nobody came", "it was too late", "there was no other way", "here the story ends",
    "this was not the first time", "those who knew him were not surprised", "such is life", "all of them failed",
    "none of it mattered", "two more followed", "in 1990 the pattern repeated", "by then it was dark",
    "to say more would be unwise", "walking home was out of the question", "gone were the days of plenty",
    "still the rain fell", "then came the storm", "later he regretted it", "instead he wrote a letter",
    "however, the data were thin", "therefore the count was repeated", "hence the delay", "Smith disagreed",
    "Paris was another matter", "the Senate, however, refused", "his sister, a nurse, stayed",
    "whatever he said was ignored", "what followed was worse", "why he did it remains unclear",
    "whether it worked is doubtful", "if anything, it got worse", "as it turned out, they were right",
    "only later did we learn the truth", "never again would he trust them", "neither did his brother",
    "nor did anyone else", "yet nobody moved", "but the damage was done", "or so it seemed",
    "fewer than ten survived", "half of them were children", "either way, we lose", "the question is why",
    "my father never forgave him", "I have never been back", "you can see it from here", "we never found out",
    "they left the next morning", "he never spoke of it again", "she kept the letter", "it rained for a week",
    "who he was I never learned", "including them all would take a book", "I know",
    "many have tried since", "each had a reason", "both were wrong", "one was enough",
    "at first nobody noticed", "for years nobody cared", "on the whole it went well",
    "to her it meant everything", "being late was not an option", "now the work begins",
    "soon the snow would come", "afterwards nobody spoke", "otherwise the plan was sound",
    "moreover, the cost had doubled", "indeed, the opposite was true", "thus the matter rested",
    "besides, the roads were closed", "London followed suit", "Congress did nothing",
    "the doctors, for their part, said nothing", "whoever did it was careful",
    "how they escaped is a mystery", "as usual, nobody listened", "like all such plans it failed",
    "not once did she complain", "rarely had the town seen such crowds", "so it was with the others",
    "and the rest followed", "less is known about the second", "more will be said below",
    "some of the letters survive", "several were never found", "most were destroyed", "few remember him now",
    "every one of them was lost", "any delay would be fatal", "another followed in May",
    "others were less lucky", "our house was spared", "their luck had run out", "her answer was no",
    "its roof had fallen in", "your guess is as good as mine",
]
SENTENCES = [f"{left}; {right}." for left, right in itertools.product(LEFT, RIGHT)]
DEFAULT = Cleaner.from_rules("default")


@pytest.mark.parametrize("left", LEFT)
def test_every_clause_joined_to_every_other_keeps_its_semicolon(left):
    changed = [s for s in SENTENCES if s.startswith(left + ";") and DEFAULT.clean(s + "\n").text != s + "\n"]
    assert changed == []


def test_all_of_them_in_one_document_keep_every_semicolon():
    text = "\n\n".join(SENTENCES) + "\n"
    assert DEFAULT.clean(text).text == text
