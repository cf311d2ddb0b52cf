"""A collection of edited sentences with semicolons, every one where an editor puts it, read as
one document: two semicolons wrongly read as ones no editor puts (each enough to change alone)
make a document a mill's, and then every likely verdict in it changes. So each sentence must be
read right alone, and the collection as a whole must keep all of them, however dense. Invented:
narrative, essays, reports, instructions, reviews, law; clauses opened every way a clause opens
(a plural noun, a passive verb of saying, an elliptical clause, a conjunctive adverb)."""

from __future__ import annotations

import pytest

from cleaner.pipeline import Cleaner

DEFAULT = Cleaner.from_rules("default")
RULE = "punctuation.stray-semicolon"

SENTENCES = [
    'The orchard had been neglected for years; its trees leaned against one another like tired men.',
    'She did not answer the letter; she burned it, unopened, in the kitchen stove.',
    'Margaret wanted the blue room; her sister, the one facing the garden.',
    'The committee met on Tuesday, Thursday, and Friday; it adjourned without a vote each time.',
    'We visited Lyon, France; Turin, Italy; and Geneva, Switzerland.',
    'The results were mixed; however, the trend over the decade was unmistakable.',
    'The bridge was closed for repairs; consequently, the ferry ran twice as often.',
    'He was not a cruel man; he was merely indifferent, which in the end amounted to the same thing.',
    'Some readers will find the ending abrupt; others will find it exactly right.',
    'The data are preliminary; nevertheless, they suggest a strong seasonal effect.',
    'It rained all morning; by noon the river had risen a foot.',
    'Stir the sauce gently; do not let it come to a boil.',
    'Keep your receipt; returns are accepted within thirty days.',
    'There was no reply; there had never been one.',
    'This is not a new argument; Hume made it more elegantly two centuries ago.',
    'Nobody in the village remembered the flood; the church records, however, described it in detail.',
    'The first chapter is the weakest; the rest of the book more than makes up for it.',
    'Prices rose 4 percent in March; wages rose 1 percent.',
    'The U.S. delegation abstained; the U.K. delegation voted against.',
    'He called the plan "a fantasy"; the minister called it prudent.',
    '"I know," she said; "I have always known."',
    'The patient was discharged on the fifth day; no complications were reported.',
    'Most of the samples were intact; a few had been contaminated in transit.',
    'Neither side would yield; each believed time was on its side.',
    'The evidence is circumstantial; that is, no witness saw the act itself.',
    'The house was small, dark, and damp; still, it was theirs.',
    'I had expected a lecture; instead, I got an apology.',
    'The law applies to all residents; it does not apply to visitors staying fewer than ninety days.',
    'We walked for hours; the path seemed to have no end.',
    'The old mill stands at the edge of town; its wheel has not turned since the war.',
    'His first novel sold poorly; his second made him famous.',
    'The engine is reliable; the gearbox, less so.',
    'Add the flour slowly; the batter should be smooth and thick.',
    'The species is rare in the north; in the south it is common.',
    'Each clause must be read in context; none stands entirely on its own.',
    'Our guide spoke no English; we spoke no Portuguese.',
    'The storm passed quickly; the damage it left did not.',
    'Few critics liked the film; audiences loved it.',
    'The plaintiff appealed; the court of appeals affirmed the judgment.',
    'The river freezes in January; skaters come from miles around.',
    'He had been warned; he went anyway.',
    'The coach praised the defense; the offense, he said, needed work.',
    'They were poor; they were also, by any measure, happy.',
    'The figures do not add up; somebody has made a mistake.',
    'I was tired; moreover, I was hungry.',
    'Her argument is subtle; it rewards a second reading.',
    'The door was locked; the windows were barred.',
    'Water boils at 100 degrees at sea level; at altitude it boils at a lower temperature.',
    'The tenants complained for months; nothing was done.',
    'She had lived in Paris for a decade; she still thought of herself as a visitor.',
    'The report was due on Friday; it arrived the following Wednesday.',
    'Some of the letters were in French; most were in German.',
    'The town has two churches, a school, and a bakery; it has no doctor.',
    'The cat ignored us; the dog, on the other hand, would not leave us alone.',
    'Do not water the seedlings every day; once a week is enough.',
    'The test is simple; the interpretation is not.',
    'These are not rules; they are habits, and habits can be changed.',
    'A good editor cuts; a great editor knows what to leave.',
    'The meeting was cancelled; no one was told why.',
    'We had planned to leave at dawn; the fog kept us in port until noon.',
    'My grandfather never spoke of the war; my grandmother spoke of little else.',
    'His speech was short; its effect was lasting.',
    'The method has two weaknesses: it is slow; and it requires expensive equipment.',
    'The library opens at nine; the reading room, at ten.',
    'Some called him a genius; others called him a fraud; he answered neither.',
    "The patient's temperature fell overnight; by morning she was sitting up.",
    'It was a long winter; spring, when it came, came all at once.',
    'The authors thank J. Smith, who read the manuscript; M. Jones, who drew the figures; and the referees.',
    'You may pay by check; you may not pay in cash.',
    'That summer the lake was warm; we swam every evening.',
    'The army retreated; the city fell three days later.',
    'Such cases are rare; when they occur, they are reported to the board.',
    'The soup needs salt; the bread is perfect.',
    'He reached for the lamp; his hand found only the cold wall.',
    'The treaty was signed in 1648; it ended thirty years of war.',
    'Two of the witnesses were reliable; the third was not.',
    'The valley was green; beyond it rose the mountains, white and silent.',
    'Her mother was a teacher; her father, a carpenter.',
    'I read the letter twice; then I put it away.',
    'Children under twelve must be accompanied; adults may visit alone.',
    'The vote was close; the motion carried by a single vote.',
    'Many were called; few were chosen.',
    'The shop was closed; a sign on the door said the owner was ill.',
    'The argument fails for a simple reason; its premises are false.',
    'He apologized; she accepted, though not, I think, with her whole heart.',
    'The wind dropped at sunset; the sea grew calm.',
    'Nothing was certain; everything was possible.',
    'She smiled; it was the first time in weeks.',
    'The play opened in London; it moved to New York the next spring.',
    'Heat the oil until it shimmers; then add the onions.',
    'It is easy to criticize; it is harder to build.',
    'The experiment was repeated three times; each time the result was the same.',
    'Dinner was served at eight; the guests did not leave until after midnight.',
    'One brother became a priest; the other, a soldier.',
    'The road was icy; several cars had slid into the ditch.',
    'All three candidates spoke well; none spoke for long.',
    'He was born in Ohio; he died in California, having never returned.',
    'The plan was sound; its execution was a disaster.',
    "The committee's decision is final; there is no appeal.",
    'The old man slept; the fire burned low.',
    'We were late; the train, fortunately, was later.',
    'Our understanding of the disease has improved; our treatments have not.',
    'The first edition had many errors; the second corrected most of them.',
    'She knew the answer; she did not say it.',
    'There were no survivors; the wreck was found a week later.',
    'The paint was still wet; we waited another day.',
    'His family was wealthy; he himself had nothing.',
    'The bell rang; the children ran out into the yard.',
    'They argued about money; they always had.',
    'It was not the heat; it was the humidity.',
    'The ship sailed at dawn; by nightfall it was out of sight of land.',
    'The rule is clear; its application is not.',
    'He lost the first set; he won the next three.',
    'The museum is free on Sundays; on other days admission is ten dollars.',
    'The lawyer objected; the judge overruled her.',
    'Some things cannot be taught; they must be learned.',
    'The garden was overgrown; roses climbed the walls, and weeds filled the paths.',
    'I called twice; nobody answered.',
    'The fish was fresh; the wine, alas, was not.',
    'Her hands were shaking; her voice was steady.',
    'The decision was unanimous; even the chairman, who had opposed it, voted yes.',
    'The wall is old; parts of it date from the twelfth century.',
    'Learning a language takes time; there are no shortcuts.',
    'The night was clear; every star was visible.',
    'The factory closed in 1983; the town never recovered.',
    'We ate in silence; there was nothing left to say.',
]


def _semicolons_changed(text: str) -> list[str]:
    return [change.note for change in DEFAULT.clean(text).changes if change.rule_id == RULE]


def test_each_sentence_keeps_its_semicolons() -> None:
    assert [s for s in SENTENCES if _semicolons_changed(s + "\n")] == []


@pytest.mark.parametrize("per_paragraph", [1, 5, len(SENTENCES)])
def test_the_collection_as_one_document_keeps_every_semicolon(per_paragraph: int) -> None:
    paragraphs = [" ".join(SENTENCES[i:i + per_paragraph]) for i in range(0, len(SENTENCES), per_paragraph)]
    text = "\n\n".join(paragraphs) + "\n"
    assert _semicolons_changed(text) == []
