"""Edited prose keeps every semicolon under the default rule set, whatever its density, genre or
language; a semicolon no editor puts anywhere is fixed even alone; a document with several of
those is read as a mill's. Every example is invented, in the shape of real edited text."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.stray_semicolon import StraySemicolon
from cleaner.pipeline import Cleaner
from cleaner.semicolons.verdicts import Cue, Strength


def build(**params) -> StraySemicolon:
    return StraySemicolon("t", **validate_params(StraySemicolon, params, source=None, rule_id="t"))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


# Semicolons a writer or copy editor put there: fiction, essays, reviews, reports, citations,
# other languages. Many to a text, and many before words a mill also puts them before.
EDITED = {
    "essay-many": (
        "The problem isn't polarization; it's fear. We argue about taxes; we argue about schools; "
        "we argue, above all, about each other. The argument was old; but the anger was new, and it "
        "had nowhere to go. Nobody planned it; nobody could stop it either.\n"),
    "fiction-understood-verb": (
        "His face was leanly composed; his gray eye dimly calm. She watched him for a while; then "
        "she turned back to the window. There is no road past the quarry; there never was.\n"),
    "magazine-list-of-people": (
        "Friends, neighbours, even children; nobody around me can be trusted. That's the rule; "
        "I learned it late.\n"),
    "demonstrative-clause": "We fund them less than they need; this weakens the programme.\n",
    # A citation's fields in parentheses: the comma after the parenthesis closes no aside the
    # semicolon opened.
    "citation-in-parentheses": ('Her new book, "The Long Shore" (Harbour Press, 2021; illustrated by Ana '
                                'Reyes), is out now.\n'),
    "contraction-clause": "It adds remote charging and other features; it'll also control the lights.\n",
    "passive-clause": ("The grille, the sills and the diffuser are painted; the calipers can be finished "
                       "in red.\n"),
    "reference-list": (
        "1. Hart M, Ong L. Dialysis outcomes. In: Seminars in Nephrology. Wiley Online Library; 2007.\n"
        "2. Ruiz P. Clusters in dilute matter. In: Science; Vol. 371, Issue 6526, pp. 260-264.\n"
        "3. Eich, Brendan; Hyatt, David. Scripting the web. Mountain View; 1998.\n"),
    "german-results": ("Über 5000 m siegte Anna Berger (SC Potsdam; 10:58,94 min) vor Lea Koch "
                       "(LG Nord; 11:02,10 min); die Zeiten waren gut.\n"),
    "series-of-fragments": ("Yesterday; today; tomorrow: nothing changed. Cold feet on the stairs; a "
                            "door closing; voices below.\n"),
    "but-and-which-in-an-old-essay": (
        "The town had grown, as such towns do, by accident; and nobody, least of all the council, "
        "had planned for it. The roads were narrow; but the people were patient; which is more "
        "than can be said of their descendants.\n"),
    "quotation-outside": "He called it “the settlement”; the family called it home.\n",
    "will-bequests": "To the Pecks, ten thousand each; to Joan Sheldon the house and its garden.\n",
    "ellipsis-clause": "One problem is a matter of dates; the other, is how to pay for the move.\n",
    "clause-after-introduction": "When he came home he was tired; she was not.\n",
    "answer-in-old-fiction": "“No; I will not go,” she said. “Yes; he is gone.”\n",
    "verse": "Of man's first disobedience; and the fruit of that forbidden tree.\n",
    "according-to-then-clause": "We differed; according to him the plan was sound.\n",
    "compound-predicate": "He paused; said nothing more. A long silence; then came the answer.\n",
    "elliptical-question": "It was late; was it too late?\n",
    "intransitive-speech-verb": "She wrote; he replied. The letter went out; nobody answered.\n",
    "year-opens-a-clause": "The last flight left on May 5; 1990 was a wet year for the island.\n",
    "gerund-subject": "Decanting old wine aerates it fully; it may also spoil a delicate one.\n",
    "however-inside-clauses": "The doctor's wits had not left him; however, for all his years, he tired fast.\n",
    "who-in-a-question": "Someone had to tell her; who else would? Nobody; who knows.\n",
    "whose-in-a-question": "The keys were on the table; whose were they?\n",
    "who-in-verse": "I stood by thy true side; Who else remained, the night was long.\n",
    "including-then-a-clause": "Prices rose; including tax, the bill came to ten pounds.\n",
    # The same phrases introducing a clause of their own, or an idiom that is one.
    "as-well-as-then-a-clause": "The fares rose; as well as that, the timetable was cut.\n",
    "along-with-then-a-clause": "Two men were charged; along with a third, they face trial in May.\n",
    "such-as-it-is": "We kept the old plan; such as it is, it works.\n",
    "gerund-of-saying-as-a-subject": "He hated farewells; saying goodbye was always hard.\n",
    "coordinator-then-a-clause": "The plan was sound. But the money ran out; the town gave up.\n",
    "except-that-then-a-clause": "He would have come; except that the ferry was cancelled.\n",
    "via-then-a-clause": "The first route was closed; via the coast, the trip took a day.\n",
    # The same words opening a sentence of their own, or not closing a name.
    "inc-in-a-list-of-names": "Two firms bid: Ferrow Tools, Inc.; Halden Mills, Ltd.\n",
    "respectively-in-a-clause": "The prizes went to Ana and Ben; respectively they had won gold and silver.\n",
    "too-opening-a-clause": "The meal was good; too good, some said, to last.\n",
    "instead-opening-a-clause": "He did not go home; instead, he walked to the harbour.\n",
    "such-as-in-a-parenthesis": "- cleaning the doors of every carriage; (such as the handles), - more staff.\n",
    "following-then-a-clause": "The board met at noon; following the vote, it adjourned.\n",
    "according-to-then-a-clause": "Nobody agreed; according to the minutes the vote was close.\n",
    "adverbs-in-a-series": "Slowly; painfully; he crawled to the door.\n",
    "long-introduction-with-its-main-clause": (
        "When he came home from the long war he was tired; she was not.\n"),
    "days-in-a-series": "Last week; this week; next week: the same answer.\n",
    "saying-with-its-object": "The vote was close; the clerk noted in the minutes what each member said.\n",
    "reported-on": "The war went badly; the paper reported on the losses every week.\n",
    "quotation-then-a-clause-of-saying": "She said “yes”; he said no, and meant it.\n",
    "title-opening-a-clause-in-a-quotation": "“We voted; Mr. Hale, the chairman, abstained.”\n",
    "say-in-a-clause": "Do as you please; I will do as I say.\n",
    "relative-clauses-in-a-series": "The men, who worked the fields; who fed the town; who asked for nothing.\n",
    "weekday-then-a-clause": "We met on Friday; May 18 was too late for the others.\n",
    "subject-then-a-question": "The others in the boat; were they safe?\n",
    "subjectless-sentences-of-fiction": "Came home at six; ate alone. Woke late; was sorry.\n",
    "pronoun-with-an-unlisted-verb": "He rode on to Cheyenne; threw a party there that lasted a week.\n",
    "two-predicates-of-one-subject": "The ferry left at six; returned at ten with the mail.\n",
    "paragraph-ending-in-a-semicolon": (
        "Most powders (the cheap ones) are built on phosphate; some use citrate instead;\n"
        "the rest are liquids.\n"),
    # A word that can open a subordinate clause ("after", "since", "before", "until", "when",
    # "if") opens a phrase here, and the main clause follows it without a comma: its subject
    # starts a new noun phrase after the phrase's last word.
    # A sentence opening with a command or a verbless predicate has no subject a verb after the
    # semicolon could belong to: two predicates, as a notice or a listing writes them.
    "predicate-then-predicate": "Open Monday to Friday; closed on weekends and public holidays.\n",
    "command-then-predicate": "Keep refrigerated; best eaten within three days.\n",
    "preposition-phrase-then-main-clause": "After the vote the council adjourned; the mayor stayed behind.\n",
    "adverb-after-since-then-main-clause": "Since then the town has grown; the schools have not.\n",
    "idiom-then-main-clause": "Before long the rain came; we ran for shelter.\n",
    "quantified-phrase-then-main-clause": "After all the fuss the party was dull; nobody danced.\n",
    "adverb-after-until-then-main-clause": "Until recently the house stood empty; now it is a school.\n",
    "phrase-then-a-named-subject": "Since the war Britain has declined; France has not.\n",
    "elliptical-clause-then-main-clause": "When in doubt the captain always waited for daylight; the crew grumbled.\n",
    "if-idiom-then-main-clause": "If nothing else the plan is cheap; it is also quick.\n",
    "number-phrase-then-main-clause": "After ten years of talks the deal collapsed; nobody was surprised.\n",
    # A participle-preposition opening a phrase that is the subject of a clause, or that
    # introduces one after a comma, with a pronoun subject ("no one", "all").
    "gerund-phrase-subject": "There were many reasons; including them all would take a book.\n",
    "according-to-then-a-pronoun-clause": "The plan failed; according to the minutes, no one objected.\n",
    "compared-with-then-a-quantifier-clause": "Costs rose; compared with last year, all of them had doubled.\n",
    "attribution-splitting-a-quotation": "“You're wrong,” she said; “you always were.”\n",
    "attribution-splitting-a-straight-quotation": "\"Sit down,\" he told her; \"we need to talk.\"\n",
    # One capitalised word opening a quotation: a word the speaker starts with, not a name.
    "one-word-opening-a-quotation": ("“Good; then we agree.” “Nonsense; he was here all day.” "
                                     "“Odd; the door was locked.”\n"),
    # The semicolon set inside the closing quote, as many writers do, before a clause of its own.
    "semicolon-inside-a-quote-before-a-clause": "He called it “home;” we called it something else.\n",
    "semicolon-inside-a-quote-before-and-a-clause": "“I'm sorry;” and she meant it.\n",
    # A verb the lists do not know after a plural subject ("hands shook"), then an inverted clause.
    "unlisted-verb-after-a-plural-then-inversion": "His hands shook; came the voice again from the dark.\n",
    "saying-with-an-object": "He had been there; his brother said as much yesterday.\n",
    "quotation-after-a-noun-in-ing": "He gave no warning; “Run!” came the shout from the yard.\n",
    "series-opened-by-one-word": "Hence the confusion; hence the anger.\n",
    # Two halves opened alike, the second elliptical: parallel, not a modifier hanging on the first.
    "parallel-participial-phrases": ("Including tax, the bill was ten pounds; excluding it, eight. Compared "
                                     "with his brother he was rich; compared with his father, poor.\n"),
    # Verbs of knowing and seeing make a whole clause with a pronoun alone.
    "clause-of-knowing": "It's over; I know.\n",
    "clause-of-seeing": "The door was open; we saw.\n",
    "clause-of-agreeing": "He asked for more time; they agreed.\n",
    # "who" and "whose" opening a clause that is a noun (a subject, a fronted object), not a
    # relative clause on the person before.
    "who-opening-a-fronted-object": "I met the man; who he was I never learned.\n",
    "whose-opening-a-subject-clause": "She had many friends; whose side she took depended on the day.\n",
    # A verb of reporting in the passive closes a clause of its own, not an attribution.
    "passive-verb-of-reporting": "The patient was discharged on the fifth day; no complications were reported.\n",
    "passive-verb-of-saying": "The vote was taken at noon; nothing more was said.\n",
    "negated-verb-of-saying": "Which he meant, I never knew; he never said.\n",
    # An elliptical answer ending in a negation is a sentence in itself, however it opens.
    "elliptical-negative-answer": "“Of course not; what do you take me for?” “Perhaps not; ask him.”\n",
    "negated-contraction-of-saying": "We asked where the money went; the treasurer wouldn't say.\n",
    # A plural noun that could be read as a verb ("returns", "sales"), then the verb of its own clause.
    "plural-noun-subject-of-a-clause": "Keep your receipt; returns are accepted within thirty days.\n",
    "plural-noun-subject-after-a-noun-phrase": "The new store in the square; sales have tripled since May.\n",
}


@pytest.mark.parametrize("text", EDITED.values(), ids=EDITED.keys())
def test_edited_prose_keeps_every_semicolon(text):
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


@pytest.mark.parametrize("text", EDITED.values(), ids=EDITED.keys())
def test_edited_prose_keeps_every_semicolon_at_the_end_of_a_text(text):
    # The same sentence with no line break after it, as the last line of a text.
    doc = run(text.rstrip("\n"))
    assert doc.text == text.rstrip("\n")


def test_edited_texts_together_keep_every_semicolon():
    text = "".join(EDITED.values())
    assert run(text).text == text


# A semicolon no editor puts there is a defect even alone, in a text otherwise edited.

CONCLUSIVE = {
    "introductory-phrase": ("After the vote; the council adjourned.", "After the vote, the council adjourned."),
    "however": ("However; the figures were late.", "However, the figures were late."),
    "longer-introduction": ("During the long winter of 1998; the mill shut down.",
                            "During the long winter of 1998, the mill shut down."),
    "inside-closing-quote": ("“We will rebuild;” the mayor said.", "“We will rebuild,” the mayor said."),
    "inside-closing-quote-then-an-attribution-going-on": ("“It is an onion;” he said when I asked why.",
                                                          "“It is an onion,” he said when I asked why."),
    "vocative": ("“Marta Vell; the boat is here,” he called.", "“Marta Vell, the boat is here,” he called."),
    "vocative-title": ("“Doctor; the boat is here,” he called.", "“Doctor, the boat is here,” he called."),
    "vocative-plural": ("“Friends; it is an onion,” he said.", "“Friends, it is an onion,” he said."),
    "vocative-word-of-address": ("“Darling; the boat is here,” he called.", "“Darling, the boat is here,” he called."),
    "vocative-named-in-the-narration": ("“Marta; the boat is here,” he called to Marta.",
                                        "“Marta, the boat is here,” he called to Marta."),
    "introduces-quotation": ("The mayor said; “We will rebuild.”", "The mayor said, “We will rebuild.”"),
    "participle-of-saying-before-quotation": ("He listened and took notes, saying; “I see” now and then.",
                                              "He listened and took notes, saying, “I see” now and then."),
    "asked-before-quotation": ("Then the girl asked; “Could it live in the lake?”",
                               "Then the girl asked, “Could it live in the lake?”"),
    "according-to": ("Turnout was low; according to the clerk.", "Turnout was low, according to the clerk."),
    "attribution": ("The plant will close in March; the company said.",
                    "The plant will close in March, the company said."),
    "said-with-name": ("The roof is sound; said Tom Alvarez, the surveyor.",
                       "The roof is sound, said Tom Alvarez, the surveyor."),
    "appositive-closed": ("Ferrow Tools; the maker of garden shears, will close its plant.",
                          "Ferrow Tools, the maker of garden shears, will close its plant."),
    "relative-closed": ("The old school; which opened in 1911, will be rebuilt.",
                        "The old school, which opened in 1911, will be rebuilt."),
    "introductory-clause": ("When the rain stopped; we went out.", "When the rain stopped, we went out."),
    "participle-phrase": ("Looking back; it was a mistake.", "Looking back, it was a mistake."),
    "participle-with-preposition": ("Worried about the cost; the council waited.",
                                    "Worried about the cost, the council waited."),
    "however-before-the-verb": ("The lawmakers; however, failed to answer.",
                                "The lawmakers, however, failed to answer."),
    "subject-before-its-verb": ("The Heron, a hybrid boat on the estuary; returned to service on Monday.",
                                "The Heron, a hybrid boat on the estuary, returned to service on Monday."),
    "auxiliary-after-a-subject-and-aside": ("The roof spoiler, too; is functional at speed.",
                                            "The roof spoiler, too, is functional at speed."),
    "possessive-in-the-subject": ("Ada Kent, the ferry's first captain; retired on Friday.",
                                  "Ada Kent, the ferry's first captain, retired on Friday."),
    "who": ("The fund is run by Ana Ruiz; who joined the bank in 2015.",
            "The fund is run by Ana Ruiz, who joined the bank in 2015."),
    "whose": ("The cup went to a grower; whose pears won every class.",
              "The cup went to a grower, whose pears won every class."),
    "citing": ("The firm raised its prices; citing the cost of fuel.",
               "The firm raised its prices, citing the cost of fuel."),
    "following": ("Ferries were cancelled; following the storm of the night before.",
                  "Ferries were cancelled, following the storm of the night before."),
    "including": ("Six towns voted no; including the capital.", "Six towns voted no, including the capital."),
    # Words that close the name or the list before them.
    "name-suffix": ("The march was led by Martin Hale; Jr. and his sister.",
                    "The march was led by Martin Hale, Jr. and his sister."),
    "company-suffix": ("The contract went to Ferrow Tools; Inc. last year.",
                       "The contract went to Ferrow Tools, Inc. last year."),
    "respectively": ("The twins scored 12 and 15 points; respectively.",
                     "The twins scored 12 and 15 points, respectively."),
    "etc": ("The stall sells apples, pears; etc. at fair prices.",
            "The stall sells apples, pears, etc. at fair prices."),
    "too-closing": ("The dog came along; too.", "The dog came along, too."),
    "though-closing": ("The ferry was late; though.", "The ferry was late, though."),
    "as-well-closing": ("The mayor came; as well.", "The mayor came, as well."),
    # Phrases that hang on the noun or the clause before them: the examples of a kind, what
    # goes with it, what else.
    "such-as": ("The shop sells hardy fruit; such as quinces and medlars.",
                "The shop sells hardy fruit, such as quinces and medlars."),
    "along-with": ("The mayor was re-elected; along with six of her councillors.",
                   "The mayor was re-elected, along with six of her councillors."),
    "together-with": ("The bill covers the repairs; together with the survey.",
                      "The bill covers the repairs, together with the survey."),
    "as-well-as": ("The fund pays for tuition; as well as books and travel.",
                   "The fund pays for tuition, as well as books and travel."),
    "except": ("Every councillor voted; except the mayor.", "Every councillor voted, except the mayor."),
    "than": ("The crossing took longer; than the timetable promised.",
             "The crossing took longer, than the timetable promised."),
    "via": ("The convoy reached Bath at noon; via the old road.", "The convoy reached Bath at noon, via the old road."),
    "coordinator-alone": ("The plan was sound. But; as the weeks went by, the money ran out.",
                          "The plan was sound. But, as the weeks went by, the money ran out."),
    "participle-of-saying-then-that": ("The ferry will run all winter, the harbour master said; adding that fares would rise.",
                                       "The ferry will run all winter, the harbour master said, adding that fares would rise."),
    "participle-of-saying-then-a-quotation": ("He waved the letter about; saying “This changes nothing.”",
                                              "He waved the letter about, saying “This changes nothing.”"),
    "compared-with": ("Sales fell by a tenth; compared with last year.",
                      "Sales fell by a tenth, compared with last year."),
    "sentence-adverb": ("Unfortunately; the ticket office had closed.",
                        "Unfortunately, the ticket office had closed."),
    "longer-introductory-clause": ("When the last of the ferries had left the harbour; the quay fell silent.",
                                   "When the last of the ferries had left the harbour, the quay fell silent."),
    "even-though-introductory-clause": ("Even though it is a small car; it seats five.",
                                        "Even though it is a small car, it seats five."),
    "only-if-introductory-clause": ("Only if the bridge is open; the buses will run.",
                                    "Only if the bridge is open, the buses will run."),
    "phrase-with-an-ed-adjective": ("At the reported price; the sale would raise a billion.",
                                    "At the reported price, the sale would raise a billion."),
    "passive-introductory-clause": ("If nothing is produced; there is no charge.",
                                    "If nothing is produced, there is no charge."),
    "time-phrase": ("Earlier this month; NASA announced a new lander.",
                    "Earlier this month, NASA announced a new lander."),
    "attribution-with-a-time": ("Turnout was low; Kan said on Wednesday.", "Turnout was low, Kan said on Wednesday."),
    "quotation-then-its-speaker": ("“Oh no”; Harold said, shocked.", "“Oh no”, Harold said, shocked."),
    "quotation-then-told": ("“Get a basket”; Sarah told her.", "“Get a basket”, Sarah told her."),
    "quotation-then-its-speaker-and-a-clause-of-time": ("“The search is nearly over”; she added as she stood up.",
                                                       "“The search is nearly over”, she added as she stood up."),
    "quotation-then-its-speaker-and-an-adverb": ("“Not again”; Harold said quietly.",
                                                 "“Not again”, Harold said quietly."),
    "parenthesis-closes": ("Call the ferry office; I guess.", "Call the ferry office, I guess."),
    "vocative-closing-a-quotation": ("“I don't know what we will do; Miss Sarah.”",
                                     "“I don't know what we will do, Miss Sarah.”"),
    "attribution-with-say": ("A deal is near; White House advisers say.", "A deal is near, White House advisers say."),
    "subject-and-its-relative-clause": ("Kidd, who did it against 28 teams; has served as a model since.",
                                        "Kidd, who did it against 28 teams, has served as a model since."),
    "subject-with-an-ed-adjective": ("The Centre, a well-funded research group; concluded that costs rose.",
                                     "The Centre, a well-funded research group, concluded that costs rose."),
    "weekday-date": ("The tour opens on Saturday; May 18, in Leeds.", "The tour opens on Saturday, May 18, in Leeds."),
    "date-year": ("The ferry last sailed on November 18; 2019, in a storm.",
                  "The ferry last sailed on November 18, 2019, in a storm."),
}


@pytest.mark.parametrize("before, after", CONCLUSIVE.values(), ids=CONCLUSIVE.keys())
def test_a_semicolon_no_editor_puts_there_is_fixed_alone(before, after):
    text = "It was late; the shop had closed. " + before + " We walked home; nobody spoke.\n"
    doc = run(text)
    assert doc.text == "It was late; the shop had closed. " + after + " We walked home; nobody spoke.\n"
    assert len(doc.changes) == 1


@pytest.mark.parametrize("before, after", CONCLUSIVE.values(), ids=CONCLUSIVE.keys())
def test_a_semicolon_no_editor_puts_there_is_fixed_at_the_end_of_a_paragraph(before, after):
    # The sentence ends its line: the line break after it is no word of the sentence.
    doc = run(before + "\n\nWe walked home; nobody spoke.\n")
    assert doc.text == after + "\n\nWe walked home; nobody spoke.\n"


# An edited essay: its semicolons stand where an editor puts them, several where a mill puts them
# too ("; but", a list of places, "; which"), among many more commas.
ESSAY_WITH_SLIPS = (
    "The town had grown, as such towns do, by accident; and nobody, least of all the council, had "
    "planned for it. The roads were narrow, the houses old, the river slow; but the people, who "
    "had lived there for generations, were patient. They came from Lyon, France; Porto, Portugal; "
    "and Graz, Austria. The mill, which closed in 1960, still stands; which is more than can be "
    "said of the church, the school, or the market hall. In the spring, when the river rose, the "
    "lower streets flooded; the upper town, built on the hill, stayed dry.\n\n"
    "After the vote; the council adjourned.\n\n"
    "The new mayor, elected in May, promised roads, bridges, and a school; she kept, in the end, "
    "only the first promise. The budget, the plans, the contracts, all of it was late; in the "
    "meantime, the old bridge held.\n\n"
    "Visitors, mostly walkers, came in summer, stayed a night or two, and left, as a rule, "
    "with a jar of honey, a map, and a sunburn. The inn, the bakery, and the post office, all on "
    "the square, did well, though not, as the baker said, well enough. In winter, of course, the "
    "square was empty, the inn shut, and the baker, like everyone else, waited for spring.\n\n"
    "The plant will close in March; the company said.\n")


def test_an_edited_text_with_two_slips_keeps_its_own_semicolons():
    # Two semicolons no editor puts there show the document may be a mill's; but its semicolons
    # are few beside its commas, and none of its kinds of word has the spinner's majority of
    # semicolons before it: only the two slips change.
    doc = run(ESSAY_WITH_SLIPS)
    assert doc.text == ESSAY_WITH_SLIPS.replace("vote;", "vote,").replace("March;", "March,")


def test_a_prose_paragraph_ending_in_a_semicolon_is_still_read():
    text = "After the vote; the council adjourned (as planned) and the hall emptied;\nthe rest went home.\n"
    assert run(text).text == text.replace("vote;", "vote,", 1)


def test_a_line_of_code_is_not_read():
    text = "In C:\n\nresult = pick(first; second);\n\nAfter the call; the value is set.\n"
    assert run(text).text == text.replace("call;", "call,")


def test_one_conclusive_stray_leaves_the_likely_ones_alone():
    text = "The museum; which opened in 1998, drew crowds. Curators were pleased; particularly with the schools.\n"
    assert run(text).text == ("The museum, which opened in 1998, drew crowds. Curators were pleased; "
                              "particularly with the schools.\n")


def test_enough_conclusive_strays_make_the_document_a_mills():
    text = ("The museum; which opened in 1998, drew crowds. “We are thrilled;” the director said. "
            "Curators were pleased; particularly with the schools.\n")
    assert run(text).text == ("The museum, which opened in 1998, drew crowds. “We are thrilled,” the "
                              "director said. Curators were pleased, particularly with the schools.\n")
    # The threshold is a parameter: with three needed, only the conclusive two change.
    assert run(text, min_conclusive=3).text.endswith("Curators were pleased; particularly with the schools.\n")


# Two conclusive strays: what follows is read as a mill's document.
MILL_OPENING = "Northgate Clinic; the only walk-in centre, will cut its hours. “We tried;” she said. "


@pytest.mark.parametrize("sentence", [
    "The grille, the sills and the diffuser are painted; the calipers can be finished in red.",
    "It adds remote charging and other features; it'll also control the lights.",
    "We fund them less than they need; this weakens the programme.",
    "There is no spare; there is only the tyre you have.",
    "She watched him for a while; then she turned back to the window.",
    "There is no road past the quarry; there never was.",
], ids=["passive", "contraction", "demonstrative", "there-is", "adverb-then-clause", "there-adverb-verb"])
def test_an_authors_clause_join_survives_in_a_mills_document(sentence):
    mill = MILL_OPENING
    doc = run(mill + sentence + "\n")
    assert doc.text.endswith(sentence + "\n")
    assert run(mill + sentence + "\n", assume="mill").text.endswith(sentence + "\n")


@pytest.mark.parametrize("sentence", [
    "The board shall (1) publish its accounts; (2) hold a meeting each year; and (3) keep a register.",
    "Drivers may a) slow down; b) move to the left; or c) stop on the shoulder.",
    "The course covers four areas: A -- The Faith; B -- History of the Church; C -- Duties; D -- Programme.",
    "The town must (i) repair the bridge; (ii) reopen the school.",
    "The survey found (1) a rise of 2.6; (2) a fall of 1.4; and (3) no change in 12 towns.",
], ids=["numbers", "letters", "capital-and-dash", "roman", "after-a-figure"])
def test_an_enumeration_keeps_its_semicolons_even_in_a_mills_document(sentence):
    # A label before each item ("(2)", "b)", "B --") is the author's: a spinner swaps commas, it
    # does not number what it spins.
    mill = MILL_OPENING
    assert run(mill + sentence + "\n").text.endswith(sentence + "\n")
    assert run(mill + sentence + "\n", assume="mill").text.endswith(sentence + "\n")


def test_assume_mill_fixes_a_sparse_spun_document():
    text = "The ferry runs twice a day; but the winter timetable is thinner. Fares rose in May.\n"
    assert run(text).text == text
    assert run(text, assume="mill").text == text.replace("day; but", "day, but")


def test_a_long_list_whose_items_hold_commas_stays_in_a_mills_document():
    officers = ("Officers are Ann Lee, president; Bo Ray, secretary; Cy Dunn, treasurer; Di Vos, editor.\n")
    assert run(officers, assume="mill").text == officers


def test_the_bundled_mill_set_is_the_default_set_assuming_a_mill():
    text = "The ferry runs twice a day; but the winter timetable is thinner.\n"
    assert Cleaner.from_rules("default").clean(text).text == text
    assert Cleaner.from_rules("mill").clean(text).text == text.replace("day; but", "day, but")


def test_other_languages_are_left_alone_unless_the_archive_is_a_mills():
    spun = ("Le conseil a voté; mais la ville; qui attend depuis longtemps; reste prudente; selon le maire; "
            "et les habitants; déçus; demandent des comptes; au préfet; dès demain; sans attendre.\n")
    assert run(spun).text == spun
    assert ";" not in run(spun, assume="mill").text


def test_every_cue_has_a_note_and_a_strength():
    for cue in Cue:
        assert cue.value.strip()
        assert isinstance(cue.strength, Strength)


def test_unknown_assumption_is_a_rule_set_error():
    from cleaner.errors import RuleSetError

    with pytest.raises(RuleSetError, match="assume"):
        build(assume="spun")


def test_scores_keep_their_semicolons_in_edited_text_and_lose_them_in_a_mills():
    text = "Lind beat Okafor 6-4; 7-6 in the final.\n"
    assert run(text).text == text
    assert run(text, assume="mill").text == "Lind beat Okafor 6-4, 7-6 in the final.\n"


def test_a_semicolon_a_scraper_spaced_off_is_read_in_a_mills_document():
    text = "The senator representing Yobe North ; Ahmad Lawan , moved the motion on Tuesday.\n"
    assert run(text, assume="mill").text == text.replace("North ;", "North ,")


def test_a_clause_cut_after_says_that_is_unfinished_in_a_mills_document():
    text = "The maker says that; in such a configuration, the car reaches 60 mph in five seconds.\n"
    assert run(text, assume="mill").text == text.replace("that;", "that,")


def test_a_clause_ending_in_a_phrase_that_introduces_the_next_is_unfinished_in_a_mills_document():
    text = "The maker says it is quick, in such a configuration; the car reaches 60 mph in five seconds.\n"
    assert run(text).text == text
    assert run(text, assume="mill").text == text.replace("configuration;", "configuration,")


def test_a_mills_plain_list_semicolons_become_commas_with_a_note_that_says_so():
    text = "The kit holds a torch; a map; a whistle; and a flask.\n"
    doc = run(text, assume="mill")
    assert doc.text == "The kit holds a torch, a map, a whistle, and a flask.\n"
    assert {change.note for change in doc.changes} == {"list items without commas of their own"}


def test_an_introductory_clause_read_through_a_contraction_is_fixed_alone_but_is_no_evidence():
    text = "When the music didn’t go away; Steenburgen realised she had to write it down.\n"
    doc = run(text)
    assert doc.text == text.replace("away;", "away,")
    assert [change.note for change in doc.changes] == [Cue.AFTER_LONGER_INTRODUCTORY_CLAUSE.value]
    kept = "When he didn’t come home he was missed; she was not.\n"
    assert run(kept).text == kept
