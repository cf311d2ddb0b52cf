"""Cues of the chain (:mod:`cleaner.semicolons.right`) for a modifier that opens after the
semicolon and has no clause of its own: a relative clause on a person ("; who joined in
2015"), a phrase opened by a preposition made of a participle ("; citing the cost of fuel").
A semicolon joins clauses or list items; a modifier hangs on the clause before it, and no
edited text puts a semicolon there (none of the edited corpora's semicolons stands there)."""

from __future__ import annotations

import re

from cleaner.semicolons import english as en
from cleaner.semicolons.grammar import opens_subject, words
from cleaner.semicolons.reading import OPENING_QUOTES, Context
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None

# "who"/"whose" asking, not relating: "; who knows." "; who cares what they say." A question
# with its mark is told by the mark.
_RHETORICAL_VERBS = frozenset({"knows", "cares"})
# Participles that work as prepositions, with the word they take where they need one
# ("according to", "compared with"). Not "; using", "; making": a participle may open an
# author's modifier after a semicolon ("Respawn dares; shooting for something"), these not.
PARTICIPIAL_PREPOSITIONS: dict[str, frozenset[str]] = {
    "including": frozenset(), "excluding": frozenset(), "citing": frozenset(), "following": frozenset(),
    "regarding": frozenset(), "concerning": frozenset(),
    "according": frozenset({"to"}), "compared": frozenset({"to", "with"}),
}


def personal_relative(ctx: Context) -> Answer:
    """ "…run by Ana Ruiz; who joined the bank in 2015": "who" and "whose" relate to the person
    before; "which" may open an older essay's comment on a whole clause ("; which is more than
    can be said"), so it stays a likely cue (:func:`cleaner.semicolons.right.relative`)."""
    following = ctx.following
    if ctx.first not in ("who", "whose") or "?" in ctx.after or len(ctx.clause_after) < 3:
        return None  # a question ("; who else would?"), or too short to tell ("; who knows.")
    if following[1].lower() in _RHETORICAL_VERBS:
        return None
    if _opens_a_noun_clause(following):
        return None  # "; who he was I never learned", "; whose side she took depended on the day"
    # "The men, who worked the fields; who fed the town": a series of relative clauses.
    last_part = ctx.text[ctx.clause_start:ctx.pos].rpartition(",")[2].split(None, 1)
    if last_part and last_part[0].lower() == ctx.first:
        return None
    return Verdict.COMMA, Cue.PERSONAL_RELATIVE


def _opens_a_noun_clause(following: list[str]) -> bool:
    """Whether "who"/"whose" opens a clause with a subject of its own, which makes the clause a
    noun (the subject or a fronted object of what follows), not a relative clause on the person
    before: "who he was", "who the stranger was", "whose side she took". A relative "who" is its
    clause's subject ("who joined"); a relative "whose" takes a noun and then the verb ("whose
    pears won")."""
    if following[0].lower() == "who":
        return _opens_subject(following[1])
    # "whose", its noun (or an adjective and its noun), then a subject before any verb.
    for word in following[2:4]:
        if en.is_finite_verb(word) or word.lower() in _CLAUSE_OPENERS:
            return False  # "whose mother was a teacher", "whose mind, although he…, was"
        if _opens_subject(word):
            return True
    return False


def _opens_subject(word: str) -> bool:
    lower = word.lower()
    return lower in en.PERSONAL_PRONOUNS or lower in _ARTICLES


# Words that open a clause inside the relative clause, before its verb.
_CLAUSE_OPENERS = en.SUBORDINATORS | en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE | en.RELATIVES
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "our", "their",
                       "my", "your"})


def participial_preposition(ctx: Context) -> Answer:
    """ "…raised its prices; citing the cost of fuel", "…fell; compared with last year": the
    phrase hangs on the clause before. Where a clause follows the phrase ("; following the vote,
    it adjourned") the phrase introduces it, and the semicolon may be the author's."""
    following = ctx.following
    takes = PARTICIPIAL_PREPOSITIONS.get(ctx.first)
    if takes is None or (takes and (len(following) < 2 or following[1].lower() not in takes)):
        return None
    if _clause_in(following[1:]):
        return None
    opening = words(ctx.before[:40])[:1]
    if opening and opening[0].lower() in PARTICIPIAL_PREPOSITIONS:
        return None  # "Including tax, the bill was ten pounds; excluding it, eight": two parallel halves
    return Verdict.COMMA, Cue.PARTICIPIAL_PREPOSITION


def closes_what_came_before(ctx: Context) -> Answer:
    """ "Martin Hale; Jr.", "Ferrow Tools; Inc.", "12 and 15 points; respectively.", "apples,
    pears; etc.", "The dog came along; too.": the word belongs to the name, list or clause before
    the semicolon, and no sentence starts with it (definite: a name is known by its capital)."""
    first = ctx.first
    if first not in _CLOSING_WORDS and ctx.lower not in _CLOSING_WORDS:
        return None  # most semicolons: one set lookup
    rest = ctx.after.lstrip()[len(first):]
    if first in _NAME_SUFFIXES:
        before = words(ctx.before[-40:])
        if before and before[-1][:1].isupper() and rest[:1] in ".,":
            return Verdict.COMMA, Cue.CLOSES_WHAT_CAME_BEFORE
    elif first == "etc" and rest[:1] == ".":
        return Verdict.COMMA, Cue.CLOSES_WHAT_CAME_BEFORE
    elif first == "respectively" and rest.strip()[:1] in ("", ".", ",", ")", "!", "?", ";"):
        return Verdict.COMMA, Cue.CLOSES_WHAT_CAME_BEFORE
    elif len(ctx.following) <= 2 and ctx.ends_sentence_in_window \
            and tuple(w.lower() for w in ctx.following) in _CLOSING_ADVERBS:
        # "The dog came along; too.": the adverb closes the clause before and the sentence.
        return Verdict.COMMA, Cue.CLOSES_WHAT_CAME_BEFORE
    return None


# Adverbs that close a clause, standing alone after it to the sentence's end.
_CLOSING_ADVERBS = frozenset({("too",), ("though",), ("either",), ("anyway",), ("instead",), ("as", "well")})


# Abbreviations that end a person's or a company's name ("Co." also opens "Co. Durham").
_NAME_SUFFIXES = frozenset({"Jr", "Sr", "Inc", "Ltd", "Corp", "LLC", "PLC", "GmbH", "Esq"})
# Every word the cue looks at first.
_CLOSING_WORDS = _NAME_SUFFIXES | {"etc", "respectively"} | {phrase[0] for phrase in _CLOSING_ADVERBS}


def participle_of_saying(ctx: Context) -> Answer:
    """ "…, the harbour master said; adding that fares would rise", "…; saying “This changes
    nothing.”": a participle of saying before what was said goes on from the clause before (a
    gerund opening a clause of its own, "; saying goodbye was always hard", has no "that" or
    quotation after it)."""
    if ctx.lower not in _SAYING_PARTICIPLES or len(ctx.following) < 2:
        return None
    after = ctx.after.lstrip()[len(ctx.first):].lstrip()
    if ctx.following[1].lower() == "that" or after[:1] in OPENING_QUOTES + ":,":
        return Verdict.COMMA, Cue.PARTICIPLE_OF_SAYING
    return None


_SAYING_PARTICIPLES = en.QUOTING_PARTICIPLES | frozenset({
    "noting", "claiming", "arguing", "warning", "stressing", "urging", "vowing", "suggesting", "stating",
    "confirming", "acknowledging", "admitting", "complaining", "telling"})


def attached_phrase(ctx: Context) -> Answer:
    """ "…hardy fruit; such as quinces", "…re-elected; along with six councillors", "…tuition;
    as well as books", "…voted; except the mayor", "…more than ever; than he had hoped", "…to
    Bath; via the M4": the phrase names examples of, company for or exceptions to what came
    before, completes its comparison or says by which way, and cannot stand after a semicolon
    (none of the edited corpora's semicolons stands there).
    Where a clause follows the phrase ("; as well as that, the timetable was cut", "; such as
    it is, it works") the phrase introduces it (definite: the clause is read by the lists)."""
    if ctx.lower not in _ATTACHED_HEADS:
        return None  # most semicolons: one set lookup
    following = ctx.following
    if ctx.after.lstrip()[:1] in "([":
        return None  # "…on vehicles; (such as handrails), - …": a parenthesis, an aside of its own
    opening = tuple(w.lower() for w in following[:3])
    length = next((len(phrase) for phrase in _ATTACHED_PHRASES if opening[:len(phrase)] == phrase), 0)
    if not length or len(following) <= length:
        return None
    if opening[:length] in _ALWAYS_ATTACHED:
        return Verdict.COMMA, Cue.ATTACHED_PHRASE
    if _clause_in(following[length:]):
        return None
    phrase, comma, rest = ctx.after.partition(",")
    after_comma = words(rest[:40])
    if comma and after_comma and opens_subject(after_comma[0]) and len(words(phrase)) <= _INTRODUCTION:
        return None  # "; along with a third, they face trial": an introduction, then its clause
    return Verdict.COMMA, Cue.ATTACHED_PHRASE


# The longest phrase read as introducing the clause after its comma.
_INTRODUCTION = 8


_ATTACHED_PHRASES = (("such", "as"), ("along", "with"), ("together", "with"), ("as", "well", "as"), ("except",),
                     ("than",), ("via",), ("per",))
_ATTACHED_HEADS = frozenset(phrase[0] for phrase in _ATTACHED_PHRASES)
# "than" completes the comparison before it, with or without a clause ("; than he had hoped").
_ALWAYS_ATTACHED = frozenset({("than",)})


def _clause_in(phrase: list[str]) -> bool:
    """Whether a tensed verb stands in the words other than as a noun ("the cost of fuel") or
    an infinitive ("the need to cut"). After a word that also stands alone as a pronoun
    ("them all would take", "no one objected", "many died") the verb is a verb; so is an
    auxiliary no noun shares a spelling with ("all had doubled")."""
    for i, word in enumerate(phrase):
        if (i == 0 or not word[:1].isupper()) and en.is_finite_verb(word):
            before = phrase[i - 1].lower() if i else ""
            if before in _PRONOUN_QUANTIFIERS or (word.lower() in _ONLY_AUXILIARIES and before != "that"):
                return True  # not "the roads that were built": a relative clause inside the phrase
            if before not in en.DETERMINERS and before not in en.BINDING_PREPOSITIONS:
                return True
    return False


# Determiners that also stand alone as a subject ("all of them had", "no one objected").
_PRONOUN_QUANTIFIERS = frozenset({"all", "both", "each", "either", "neither", "few", "many", "most", "several",
                                  "some", "one", "any"})
# Auxiliaries that are never a noun after a determiner (unlike "a can", "the will", "a must").
_ONLY_AUXILIARIES = en.AUXILIARIES - {"can", "will", "may", "might", "must", "do", "be"}


_TITLES = en.TITLES
# The title, up to three capitalised words, then the quotation's or the sentence's end. Not a
# comma: "; Mr. Smith, the chairman, abstained" goes on into a clause.
_TITLES_ALONE = frozenset({"sir", "madam", "madame", "ma'am"})
_VOCATIVE = re.compile(r"\s*([A-Z][a-z']*)\.?((?:\s+[A-Z][\w'’-]*){0,3})\s*([”’\"'.!?])")


def vocative_in_a_quotation(ctx: Context) -> Answer:
    """ “I don't know what we're going to do; Miss Sarah.”, “Come in; Mr. Hale!”: inside a
    quotation, a title and a name spoken to, closing the quotation or the sentence. A name
    spoken to is set off by a comma (definite: the title is read from a list)."""
    m = _VOCATIVE.match(ctx.after)
    if not m or m.group(1).lower() not in _TITLES or not (m.group(2) or m.group(1).lower() in _TITLES_ALONE):
        return None  # "Mr." with no name: its own dot is no end
    before = ctx.before
    opening = max(before.rfind(q) for q in OPENING_QUOTES)
    if opening < 0 or any(q in before[opening:] for q in "”»"):
        return None  # not inside a quotation
    return Verdict.COMMA, Cue.VOCATIVE_IN_QUOTATION
