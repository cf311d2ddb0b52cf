"""What a semicolon can become, the cues that say so, and how far each cue is trusted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    KEEP = "keep"
    COMMA = "comma"
    DROP = "drop"


class Strength(Enum):
    """How far a cue's verdict can be trusted on its own."""

    # No edited text puts a semicolon there: the verdict stands in any document, and counts as
    # evidence that the document is a mill's.
    CONCLUSIVE = "conclusive"
    # No edited text puts a semicolon there either, but the reading rests on a judgment the word
    # lists can get wrong (a word read as a noun, an adverb known by its ending, a longer
    # introduction read for a hidden main clause). The verdict stands alone, so a misreading
    # costs one semicolon; it is not counted as evidence, which turns a whole document over to
    # the mill treatment.
    DEFINITE = "definite"
    # Edited prose does put semicolons there now and then ("; but", "; which" in older essays):
    # the verdict stands only in a document shown to be a content mill's.
    LIKELY = "likely"
    # A reason to keep the semicolon.
    KEEPS = "keeps"


class Cue(Enum):
    """A named reason for a verdict. The value is the note a change carries."""

    def __new__(cls, note: str, strength: Strength):
        member = object.__new__(cls)
        member._value_ = note
        member.strength = strength
        return member

    # Reasons to keep.
    NO_WORDS_FOLLOW = ("no words follow", Strength.KEEPS)
    CITATION = ("a citation", Strength.KEEPS)
    BETWEEN_NUMBERS = ("between numbers", Strength.KEEPS)
    ENUMERATED_ITEM = ("before the label of an enumerated item", Strength.KEEPS)
    TWO_COMMANDS = ("joins two commands", Strength.KEEPS)
    CONJUNCTIVE_PHRASE = ("before a conjunctive phrase", Strength.KEEPS)
    CONJUNCTIVE_ADVERB = ("before a conjunctive adverb", Strength.KEEPS)
    PREPOSITION_OPENS_CLAUSE = ("a preposition opening a new clause", Strength.KEEPS)
    PREPOSITION_THEN_CLAUSE = ("a short phrase, then a clause of its own", Strength.KEEPS)
    ADVERB_OPENS_CLAUSE = ("an adverb opens a clause of its own", Strength.KEEPS)
    PRONOUN_OPENS_CLAUSE = ("a pronoun opens a clause", Strength.KEEPS)
    INDEPENDENT_CLAUSE = ("an independent clause follows", Strength.KEEPS)
    LIST_WITH_COMMAS = ("separates list items that hold commas", Strength.KEEPS)
    LIST_PLAIN = ("separates parallel list items", Strength.KEEPS)
    CONTEXT_SPARED = ("semicolons are rare before this kind of word in the document: the author's, not a "
                      "spinner's", Strength.KEEPS)

    # Conclusive: a semicolon cannot stand there in any edited text.
    DATE_BEFORE_YEAR = ("between a date and its year", Strength.CONCLUSIVE)
    WEEKDAY_BEFORE_DATE = ("between a weekday and its date", Strength.CONCLUSIVE)
    INSIDE_CLOSING_QUOTE = ("before a closing quote the sentence goes on after", Strength.CONCLUSIVE)
    ASIDE_CLOSED_BY_COMMA = ("opens an aside closed by a comma before the verb", Strength.CONCLUSIVE)
    SUBJECT_BEFORE_VERB = ("between a subject and its verb", Strength.CONCLUSIVE)
    INTRODUCES_QUOTATION = ("introduces a quotation", Strength.CONCLUSIVE)
    AFTER_INTRODUCTION = ("after an introductory fragment", Strength.CONCLUSIVE)
    AFTER_INTRODUCTORY_CLAUSE = ("after an introductory clause, before its main clause", Strength.CONCLUSIVE)
    AFTER_VOCATIVE = ("after a name spoken to", Strength.CONCLUSIVE)
    ATTRIBUTION_CLOSES = ("before the attribution that closes the sentence", Strength.CONCLUSIVE)
    REPORTING_VERB_WITHOUT_SUBJECT = ("before a reporting verb with no subject of its own",
                                      Strength.CONCLUSIVE)

    # Definite: no edited text puts a semicolon there, read through a judgment call.
    PERSONAL_RELATIVE = ("before 'who' or 'whose' opening a relative clause", Strength.DEFINITE)
    CLOSES_WHAT_CAME_BEFORE = ("before a word that closes the name or list before it ('Jr.', 'Inc.', "
                               "'etc.', 'respectively')", Strength.DEFINITE)
    PARTICIPLE_OF_SAYING = ("before a participle of saying that continues the clause before ('; adding "
                            "that')", Strength.DEFINITE)
    ATTACHED_PHRASE = ("before a phrase that hangs on the words before ('such as', 'along with', 'as well "
                       "as', 'except', 'than', 'via', 'per')", Strength.DEFINITE)
    PARTICIPIAL_PREPOSITION = ("before a preposition made of a participle ('including', 'citing') "
                               "with no clause after it", Strength.DEFINITE)
    VERB_AFTER_VERBLESS_SUBJECT = ("between a subject and its verb (the subject's words read as holding "
                                   "no verb)", Strength.DEFINITE)
    AFTER_OPENING_ADVERB = ("after an adverb opening the sentence", Strength.DEFINITE)
    AFTER_OPENING_COORDINATOR = ("after a coordinator opening the sentence ('But;')", Strength.DEFINITE)
    AFTER_INTRODUCTION_WITH_AN_ADJECTIVE = ("after an introductory fragment whose past form reads as an "
                                            "adjective ('At the reported price')", Strength.DEFINITE)
    AFTER_TIME_PHRASE = ("after a time phrase opening the sentence", Strength.DEFINITE)
    VOCATIVE_IN_QUOTATION = ("before a name spoken to in a quotation", Strength.DEFINITE)
    ATTRIBUTION_AFTER_QUOTATION = ("between a quotation and its speaker", Strength.DEFINITE)
    PARENTHESIS_CLOSES = ("before a parenthesis ('I fear') that closes the sentence", Strength.DEFINITE)
    ATTRIBUTION_WITH_A_TIME = ("before an attribution with its time or place that closes the sentence",
                               Strength.DEFINITE)
    AFTER_LONGER_INTRODUCTORY_CLAUSE = ("after an introductory clause read past a verb group, six words "
                                        "or a contraction, before its main clause", Strength.DEFINITE)

    # Likely: a comma (or nothing) belongs there in a mill's text.
    QUOTE_CLOSES = ("before a closing quote", Strength.LIKELY)
    RELATIVE_PRONOUN = ("before a relative pronoun", Strength.LIKELY)
    RELATIVE_WHEN = ("before a relative 'when'", Strength.LIKELY)
    RELATIVE_THAT = ("before a relative 'that'", Strength.LIKELY)
    THAT_CLAUSE = ("before 'that' opening the object of the verb before", Strength.LIKELY)
    SUCH_AS = ("before 'such as'", Strength.LIKELY)
    RATHER_THAN = ("'rather than' continues the phrase", Strength.LIKELY)
    CONTINUING_ADVERB = ("before an adverb that continues the sentence", Strength.LIKELY)
    CLAUSE_COORDINATOR = ("before a coordinator of clauses", Strength.LIKELY)
    AND_JOINS_CLAUSES = ("'and'/'or' joins two clauses", Strength.LIKELY)
    AND_JOINS_PHRASES = ("'and'/'or' joins two phrases", Strength.LIKELY)
    SUBORDINATOR = ("before a subordinating conjunction", Strength.LIKELY)
    ADVERBIAL_PREPOSITION = ("before a sentence-level preposition", Strength.LIKELY)
    PARTICIPLE = ("before a participle", Strength.LIKELY)
    VERB_WITHOUT_SUBJECT = ("before the verb of the clause", Strength.LIKELY)
    CLOSES_APPOSITIVE = ("closes an appositive before a preposition", Strength.LIKELY)
    OPENS_ASIDE = ("opens an aside closed by a comma", Strength.LIKELY)
    CONTINUING_PREPOSITION = ("a preposition continues the phrase", Strength.LIKELY)
    REPORTING_CLAUSE = ("before a reporting clause", Strength.LIKELY)
    APPOSITIVE = ("before an appositive", Strength.LIKELY)
    NO_CLAUSE_FOLLOWS = ("no clause follows", Strength.LIKELY)
    PLAIN_LIST_ITEMS = ("list items without commas of their own", Strength.LIKELY)
    # Read again in a mill's document, where a kept semicolon needs a clause on both sides.
    NO_TENSED_VERB_AFTER = ("no tensed verb opens a clause after it", Strength.LIKELY)
    PREPOSITIONAL_PHRASE_AFTER = ("a prepositional phrase continues the sentence", Strength.LIKELY)
    LEFT_SUBORDINATE = ("the clause before is subordinate", Strength.LIKELY)
    LEFT_UNFINISHED = ("the clause before is unfinished", Strength.LIKELY)
    LEFT_WAITS_FOR_COMPLEMENT = ("the clause before waits for its complement", Strength.LIKELY)
    LEFT_CONDITION = ("the clause before is a condition", Strength.LIKELY)
    LEFT_ENDS_WITH_THOUGH = ("the clause before ends with 'though'", Strength.LIKELY)
    LEFT_SHORT_PHRASE = ("a short phrase, not a clause, comes before", Strength.LIKELY)
    LEFT_NO_CLAUSE = ("no clause comes before", Strength.LIKELY)
    LEFT_INTRO_IDIOM = ("after an introductory phrase", Strength.LIKELY)
    LEFT_ENDS_WITH_INTRODUCTION = ("the clause before ends in a phrase introducing what follows", Strength.LIKELY)
    LEFT_ENDS_SUBORDINATE = ("the clause before ends subordinate", Strength.LIKELY)
    LEFT_INFINITIVE = ("an infinitive phrase, not a clause, comes before", Strength.LIKELY)
    LEFT_INTRODUCTORY_PHRASE = ("an introductory phrase, not a clause, comes before", Strength.LIKELY)
    # A mill's density of semicolons in a language whose grammar the rule does not read.
    UNREAD_LANGUAGE = ("a mill's semicolon density; the language is not one the rule reads", Strength.LIKELY)


@dataclass(frozen=True, slots=True)
class Site:
    """One semicolon of prose and what it should become."""

    pos: int
    verdict: Verdict
    cue: Cue
    # For a list separator: the verdict read alone, used in a mill's document, where the
    # list's commas may be the spinner's survivors rather than the items' own.
    alone: Site | None = None

    @property
    def reason(self) -> str:
        return self.cue.value

    @property
    def conclusive(self) -> bool:
        """Whether the semicolon changes in any document (a conclusive or definite cue)."""
        return self.verdict is not Verdict.KEEP and self.cue.strength in STANDS_ALONE

    @property
    def evidence(self) -> bool:
        """Whether the semicolon counts as evidence that its document is a mill's."""
        return self.verdict is not Verdict.KEEP and self.cue.strength is Strength.CONCLUSIVE


STANDS_ALONE = frozenset({Strength.CONCLUSIVE, Strength.DEFINITE})
