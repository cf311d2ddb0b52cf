"""Two clauses joined by a semicolon, as an editor joins them, in every pairing of 14 clauses
before with 95 after (a pronoun, a noun phrase, a name, an adverb or a phrase opening the second,
an inversion, a coordinator, a conjunctive adverb with its comma): the default rule set leaves
each of the 1,330 as it is. All invented."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.stray_semicolon import StraySemicolon
from cleaner.pipeline import Cleaner

BEFORE = [
    'The meeting ended late', 'In the spring of that year the river flooded the lower town',
    'The house that my grandfather built still stands', 'After the war, the factory was sold to a Swiss firm',
    'Nobody expected the vote to pass', 'She had been warned twice', 'The figures were revised in March',
    'It was the coldest winter anyone could remember', 'His argument rests on two assumptions',
    'We walked along the shore for an hour', 'The treaty, signed in haste, satisfied no one',
    'Most of the evidence was circumstantial', 'The old road runs north from the village',
    'He had always wanted to see Rome',
]

AFTER = [
    'the rest is history', 'nobody came', 'it was too late', 'there was no other way', 'here the story ends',
    'this was not the first time', 'those who knew him were not surprised', 'such is life',
    'many have tried since', 'all of them failed', 'each had a reason', 'both were wrong',
    'none of it mattered', 'one was enough', 'two more followed', 'in 1990 the pattern repeated',
    'by then it was dark', 'at first nobody noticed', 'for years nobody cared', 'on the whole it went well',
    'to say more would be unwise', 'to her it meant everything', 'walking home was out of the question',
    'being late was not an option', 'gone were the days of plenty', 'still the rain fell',
    'then came the storm', 'now the work begins', 'soon the snow would come', 'later he regretted it',
    'afterwards nobody spoke', 'instead he wrote a letter', 'otherwise the plan was sound',
    'however, the data were thin', 'therefore the count was repeated', 'moreover, the cost had doubled',
    'indeed, the opposite was true', 'thus the matter rested', 'hence the delay',
    'besides, the roads were closed', 'Smith disagreed', 'Paris was another matter', 'London followed suit',
    'Congress did nothing', 'the Senate, however, refused', 'the doctors, for their part, said nothing',
    'his sister, a nurse, stayed', 'whatever he said was ignored', 'whoever did it was careful',
    'what followed was worse', 'why he did it remains unclear', 'how they escaped is a mystery',
    'whether it worked is doubtful', 'if anything, it got worse', 'as usual, nobody listened',
    'as it turned out, they were right', 'like all such plans it failed', 'only later did we learn the truth',
    'never again would he trust them', 'not once did she complain', 'rarely had the town seen such crowds',
    'so it was with the others', 'neither did his brother', 'nor did anyone else', 'yet nobody moved',
    'but the damage was done', 'and the rest followed', 'or so it seemed', 'less is known about the second',
    'more will be said below', 'fewer than ten survived', 'half of them were children',
    'some of the letters survive', 'several were never found', 'most were destroyed', 'few remember him now',
    'every one of them was lost', 'any delay would be fatal', 'another followed in May',
    'others were less lucky', 'either way, we lose', 'the question is why', 'my father never forgave him',
    'our house was spared', 'their luck had run out', 'her answer was no', 'its roof had fallen in',
    'your guess is as good as mine', 'I have never been back', 'you can see it from here',
    'we never found out', 'they left the next morning', 'he never spoke of it again', 'she kept the letter',
    'it rained for a week',
]


@pytest.mark.parametrize("before", BEFORE)
def test_an_editors_clause_join_is_left_alone(before: str) -> None:
    rule = StraySemicolon("t", **validate_params(StraySemicolon, {}, source=None, rule_id="t"))
    changed = []
    for after in AFTER:
        text = f"{before}; {after}.\n"
        if Cleaner.clean_document_with([rule], Document(text)).text != text:
            changed.append(text)
    assert changed == []
