"""The ordered chain of cues that read a semicolon by what follows it (and, for a few, by the
fragment it closes). The first cue with an answer decides; every cue has a name
(:class:`~cleaner.semicolons.verdicts.Cue`), so a note can be reworded without changing
behaviour, and the chain can be read top to bottom like a rule set.

Conclusive cues come first where they refine a likely one: "“We will win;” she said" is
conclusive, "“It is;” Marta" only likely.
"""

from __future__ import annotations

import re

from collections.abc import Callable

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.adverbs import adverb, subject_and_verb
from cleaner.semicolons.attributions import (
    attribution,
    attribution_after_a_quotation,
    parenthesis_closing_the_sentence,
    reporting,
)
from cleaner.semicolons.modifiers import (
    attached_phrase,
    closes_what_came_before,
    participial_preposition,
    participle_of_saying,
    personal_relative,
    vocative_in_a_quotation,
)
from cleaner.semicolons.numbers import enumerated_item, numbers
from cleaner.semicolons.openers import introductory_clause, introductory_fragment
from cleaner.semicolons.phrases import CLAUSE_SUBJECTS, noun_clause_after_phrase, pronoun_clause_after_phrase
from cleaner.semicolons.reading import OPENING_QUOTES, Context
from cleaner.semicolons.subjects import aside_closed_by_comma, subject_before_its_verb
from cleaner.semicolons.verb_shapes import plural_subject_and_base
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None

# The longest introductory idiom ("having said that") fits well inside this many characters.
_IDIOM_REACH = 40


def no_words(ctx: Context) -> Answer:
    return (Verdict.KEEP, Cue.NO_WORDS_FOLLOW) if not ctx.following else None


def closing_quote(ctx: Context) -> Answer:
    """ “We will win;” she said: the quotation's own comma, inside the quote."""
    if not ctx.quote_closes:
        return None
    if g.reporting_clause(ctx.clause_after):
        return Verdict.COMMA, Cue.INSIDE_CLOSING_QUOTE
    if ctx.first[:1].islower():
        # He called it “home;” we called it…, “I'm sorry;” and she meant it: a clause of its own.
        clause = ctx.clause_after[1:] if ctx.lower in en.COORDINATORS_PHRASE | en.COORDINATORS_CLAUSE \
            else ctx.clause_after
        if clause and g.opens_subject(clause[0]) and g.has_finite_verb(clause) and not _speaker_and_verb(clause):
            return None
        return Verdict.COMMA, Cue.INSIDE_CLOSING_QUOTE
    return Verdict.COMMA, Cue.QUOTE_CLOSES


def _speaker_and_verb(clause: list[str]) -> bool:
    """Whether the clause opens with a speaker and a verb of saying: “…;” he said when I asked."""
    return any(word.lower() in en.QUOTING_VERBS for word in clause[1:4])


def opening_quote(ctx: Context) -> Answer:
    """She said; “We will win.”: a quotation is introduced with a comma (or a colon)."""
    if ctx.after.lstrip()[:1] not in OPENING_QUOTES:
        return None
    segment = ctx.text[max(ctx.clause_start, ctx.pos - 60):ctx.pos]
    said = g.words(segment)[-6:]
    if said and (said[-1].lower() in en.QUOTING_VERBS or said[-1].lower() in en.QUOTING_PARTICIPLES) \
            and not _interrupts_a_quotation(segment):
        return Verdict.COMMA, Cue.INTRODUCES_QUOTATION
    return None


# A quotation's own mark, its closing quote, then up to five words of attribution.
_ATTRIBUTION_AFTER_QUOTE = re.compile(r"[,!?…][”\"’']\s+(?:[\w’'.-]+\s+){0,4}[\w’'-]+\s*$")


def _interrupts_a_quotation(segment: str) -> bool:
    """ “You're wrong,” she said; “you always were.”: the attribution splits one speaker's words,
    and the semicolon stands where the quotation itself had one, before its second clause."""
    return bool(_ATTRIBUTION_AFTER_QUOTE.search(segment))


def two_commands(ctx: Context) -> Answer:
    if not ctx.opens_sentence or ctx.lower not in en.IMPERATIVES:
        return None
    opening = g.words(ctx.before[:40])
    if opening and opening[0].lower() in en.IMPERATIVES:
        return Verdict.KEEP, Cue.TWO_COMMANDS
    return None


def conjunctive_phrase(ctx: Context) -> Answer:
    """ "; as a result, the plant closed": a many-word conjunctive adverb, then the clause."""
    head, comma, _ = ctx.after[:_IDIOM_REACH].partition(",")
    if comma and " ".join(head.split()).lower() in en.INTRO_IDIOMS:
        return Verdict.KEEP, Cue.CONJUNCTIVE_PHRASE
    return None


def relative(ctx: Context) -> Answer:
    following, lower = ctx.following, ctx.lower
    if lower in en.RELATIVES or lower == "where" or (
            len(following) > 2 and following[1].lower() == "of" and following[2].lower() in en.RELATIVES):
        return Verdict.COMMA, Cue.RELATIVE_PRONOUN  # "; which", "; where", "; none of which"
    if lower == "when":
        return Verdict.COMMA, Cue.RELATIVE_WHEN
    if lower == "that" and len(following) > 1 and en.is_finite_verb(following[1]):
        return Verdict.COMMA, Cue.RELATIVE_THAT  # "gadgets from tech companies; that made a splash"
    if lower == "that" and len(following) > 2 and (g.is_pronoun_subject(following[1])
                                                   or following[1].lower() in en.DETERMINERS) \
            and g.has_finite_verb(following[1:6]):
        # "expounded to us, clearly; that someone was taking his ideas": "that" opens the
        # object clause of the verb before, not a sentence of its own.
        return Verdict.COMMA, Cue.THAT_CLAUSE
    return None


def fixed_phrases(ctx: Context) -> Answer:
    second = ctx.following[1].lower() if len(ctx.following) > 1 else ""
    if ctx.lower == "such" and second == "as":
        return Verdict.COMMA, Cue.SUCH_AS
    if ctx.lower == "rather" and second == "than":
        return Verdict.DROP, Cue.RATHER_THAN
    return None


def coordinator(ctx: Context) -> Answer:
    lower = ctx.lower
    if lower in en.COORDINATORS_CLAUSE:
        return Verdict.COMMA, Cue.CLAUSE_COORDINATOR
    if lower in en.COORDINATORS_PHRASE:
        second = ctx.following[1] if len(ctx.following) > 1 else ""
        if second and g.opens_subject(second):
            return Verdict.COMMA, Cue.AND_JOINS_CLAUSES
        # "checking the data; and publishing it": two predicates of one subject.
        return Verdict.DROP, Cue.AND_JOINS_PHRASES
    return None


def subordinator_or_modifier(ctx: Context) -> Answer:
    first, lower = ctx.first, ctx.lower
    if (lower in en.SUBORDINATORS or lower in en.ADVERBIAL_PREPOSITIONS) and _main_clause_after_the_comma(ctx):
        # "; as it turned out, they were right", "; although it rained, the match went ahead":
        # a subordinate clause or phrase, then the main clause it introduces.
        return Verdict.KEEP, Cue.PREPOSITION_OPENS_CLAUSE
    if lower in en.SUBORDINATORS:
        return Verdict.COMMA, Cue.SUBORDINATOR
    if lower in en.ADVERBIAL_PREPOSITIONS:
        return Verdict.COMMA, Cue.ADVERBIAL_PREPOSITION
    if en.is_participle(first):
        return Verdict.COMMA, Cue.PARTICIPLE
    if first.islower() and en.is_finite_verb(first) and lower not in en.SUBJECT_PRONOUNS \
            and not g.is_pronoun_subject(first):
        # "Estuary Lines; said the delay ...": a verb with no subject of its own belongs to the
        # clause before, whose appositive the semicolon should have closed.
        return Verdict.COMMA, Cue.VERB_WITHOUT_SUBJECT
    return None


# The longest introduction read before the comma that hands over to a main clause.
_INTRODUCTION_REACH = 8


def _main_clause_after_the_comma(ctx: Context) -> bool:
    """A short introduction, its comma, then a subject and its verb."""
    phrase, comma, rest = ctx.after.partition(",")
    if not comma or "\n" in phrase or ";" in phrase or not 2 <= len(g.words(phrase)) <= _INTRODUCTION_REACH:
        return False  # "; like, ‘I don’t …’": a filler, not an introduction
    return subject_and_verb(g.clause_words(rest))


def preposition(ctx: Context) -> Answer:
    if ctx.lower not in en.BINDING_PREPOSITIONS:
        return None
    following = ctx.following
    if ctx.lower == "for" and len(following) > 2 and following[1].lower() in CLAUSE_SUBJECTS \
            and en.is_finite_verb(following[2]):
        return Verdict.COMMA, Cue.CLAUSE_COORDINATOR  # "; for it was late": "for" joins a clause
    if _appositive_open(ctx.before):
        return Verdict.COMMA, Cue.CLOSES_APPOSITIVE
    phrase, comma, rest = ctx.after.partition(",")
    rest_words = g.words(rest)
    words = _before_a_dash(ctx)
    if pronoun_clause_after_phrase(words) or noun_clause_after_phrase(words):
        # "; in the next town it is less", "; to the inspector it was a forgery", "; by autumn the
        # village had moved": a short phrase, then a clause of its own, with no comma between.
        return Verdict.KEEP, Cue.PREPOSITION_THEN_CLAUSE
    if comma and rest_words and len(g.words(phrase)) <= 6 and "\n" not in phrase and ";" not in phrase:
        if g.opens_subject(rest_words[0]):
            # "; in Mississippi, voters ...": an introductory phrase, then a clause of its own.
            return Verdict.KEEP, Cue.PREPOSITION_OPENS_CLAUSE
        following_word = rest_words[0].lower()
        if following_word in en.BINDING_PREPOSITIONS or following_word in en.ADVERBIAL_PREPOSITIONS:
            # "complained; with good reason, about the noise": an aside needs both commas.
            return Verdict.COMMA, Cue.OPENS_ASIDE
    return Verdict.DROP, Cue.CONTINUING_PREPOSITION


def _before_a_dash(ctx: Context) -> list[str]:
    """The clause's words up to a dash typed as two hyphens ("; of all places -- she might"):
    what follows the aside is no part of the phrase."""
    after = ctx.after
    return g.clause_words(after[:after.index("--")]) if "--" in after else ctx.clause_after


def clause_or_phrase(ctx: Context) -> Answer:
    """A pronoun or a noun phrase with a verb opens a clause; a noun phrase without one is an
    appositive."""
    first, lower = ctx.first, ctx.lower
    if g.is_pronoun_subject(first) and (first[:1].islower() or first[:1] == "I"):
        return Verdict.KEEP, Cue.PRONOUN_OPENS_CLAUSE
    phrase = []
    stopped_at_relative = False
    for word in ctx.clause_after:
        if phrase and (word.lower() in g.RELATIVE_STOP or word.lower() in g.OPENS_EMBEDDED_CLAUSE):
            stopped_at_relative = True
            break
        if phrase and word == "being":
            # "; the latter date being the first time he struck": an absolute phrase, whose
            # "being" has no tense; a verb after it is a clause inside it.
            stopped_at_relative = True
            break
        phrase.append(word)
    if lower in {"a", "an"}:
        # "; a faux-leather made in part from …", "; a group co-founded by …": after an
        # indefinite noun phrase, a past form before a preposition modifies it; the phrase ends there.
        for i in range(1, len(phrase) - 1):
            if (phrase[i].endswith("ed") or phrase[i] in en.IRREGULAR_PARTICIPLES) and phrase[i].islower() \
                    and phrase[i + 1].lower() in en.BINDING_PREPOSITIONS:
                phrase = phrase[:i]
                break
    # Every verb the lists know is in has_verb; has_finite_verb adds those known by shape.
    if g.has_verb(phrase, strict=True) or g.finite_by_shape(phrase, strict=True) \
            or plural_subject_and_base(phrase) or (not stopped_at_relative and g.verb_after_aside(ctx.after)):
        # "; the first team, she joked, would settle": the verb may come after an aside.
        return Verdict.KEEP, Cue.INDEPENDENT_CLAUSE
    if lower in en.DETERMINERS or first[:1].isupper() or first[:1].isdigit():
        return Verdict.COMMA, Cue.APPOSITIVE
    return Verdict.COMMA, Cue.NO_CLAUSE_FOLLOWS


# The chain, in order. A cue returns None when it has nothing to say.
CHAIN: tuple[tuple[str, Callable[[Context], Answer]], ...] = (
    ("no-words", no_words),
    ("numbers", numbers),
    ("enumerated-item", enumerated_item),
    ("closing-quote", closing_quote),
    ("opening-quote", opening_quote),
    ("introductory-fragment", introductory_fragment),
    ("introductory-clause", introductory_clause),
    ("two-commands", two_commands),
    ("conjunctive-phrase", conjunctive_phrase),
    ("attribution", attribution),
    ("attribution-after-a-quotation", attribution_after_a_quotation),
    ("parenthesis-closing-the-sentence", parenthesis_closing_the_sentence),
    ("aside-closed-by-comma", aside_closed_by_comma),
    ("personal-relative", personal_relative),
    ("vocative-in-a-quotation", vocative_in_a_quotation),
    ("participial-preposition", participial_preposition),
    ("participle-of-saying", participle_of_saying),
    ("attached-phrase", attached_phrase),
    ("closes-what-came-before", closes_what_came_before),
    ("subject-before-its-verb", subject_before_its_verb),
    ("relative", relative),
    ("fixed-phrases", fixed_phrases),
    ("adverb", adverb),
    ("coordinator", coordinator),
    ("subordinator-or-modifier", subordinator_or_modifier),
    ("preposition", preposition),
    ("reporting", reporting),
    ("clause-or-phrase", clause_or_phrase),
)


# Every conclusive cue stands in the chain's first part, up to _LAST_CONCLUSIVE: what the rest says is
# only likely. So a document's conclusive semicolons are found by asking the first part alone,
# and most edited text is read no further.
_LAST_CONCLUSIVE = "subject-before-its-verb"
_SPLIT = next(i for i, (name, _) in enumerate(CHAIN) if name == _LAST_CONCLUSIVE) + 1
FIRST_PART, REST = CHAIN[:_SPLIT], CHAIN[_SPLIT:]


def read_first_part(ctx: Context) -> Answer:
    """The answer of the chain's first part (every conclusive cue is there), or None."""
    for _name, cue in FIRST_PART:
        answer = cue(ctx)
        if answer is not None:
            return answer
    return None


# What ``read_right`` is given when the chain's first part was not asked yet (None is its
# answer when it was asked and had none).
NOT_ASKED = object()


def read_right(ctx: Context, first: Answer | object = NOT_ASKED) -> tuple[Verdict, Cue]:
    """The chain's answer; ``first`` is the first part's, when it was asked already."""
    answer = read_first_part(ctx) if first is NOT_ASKED else first
    if answer is not None:
        return answer
    for _name, cue in REST:
        answer = cue(ctx)
        if answer is not None:
            return answer
    raise AssertionError("clause-or-phrase always answers")


def _appositive_open(before: str) -> bool:
    """Whether the words before the semicolon are an appositive opened by a comma: "in Austin, Texas"."""
    comma = before.rfind(",")
    if comma < 0:
        return False
    tail = g.words(before[comma + 1:])
    if not tail or len(tail) > 6 or g.has_verb(tail):
        return False
    head = tail[0]
    return head[:1].isupper() or head[:1].isdigit() or head.lower() in en.DETERMINERS
