"""Cues of the chain (:mod:`cleaner.semicolons.right`) for an attribution after a semicolon:
"; the company said.", "; said Tom Alvarez, a steward.", "; Kan said on Wednesday.". An
attribution has no clause of its own to stand beside the one before it."""

from __future__ import annotations

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import OPENING_QUOTES, Context
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None


def attribution(ctx: Context) -> Answer:
    """ "; the company said." "; according to the police." "; said Tom Alvarez, a steward.":
    an attribution has no clause of its own to stand beside the one before it."""
    if not ctx.ends_sentence_in_window:
        return None
    following, lower = ctx.following, ctx.lower
    rest = ctx.after.lstrip()
    if lower == "according" and len(following) > 1 and following[1].lower() == "to" and "," not in rest \
            and len(following) <= 8 and not g.has_finite_verb(following[2:]):
        # Not "; according to him the plan was sound": there a clause follows the phrase.
        return Verdict.COMMA, Cue.ATTRIBUTION_CLOSES
    if ctx.first.islower() and lower in en.REPORTING_VERBS:
        tail = rest[len(ctx.first):].lstrip()
        if tail[:1] in ",:" + OPENING_QUOTES or (len(following) > 1 and following[1][:1].isupper()
                                                 and len(g.clause_words(tail)) <= 3):
            return Verdict.COMMA, Cue.REPORTING_VERB_WITHOUT_SUBJECT
        return None
    if "," in rest:
        return None
    if 3 <= len(following) <= 9:
        answer = _attribution_with_a_time(following)
        if answer is not None:
            return answer
    if not 2 <= len(following) <= 4:
        return None
    clause = ctx.clause_after  # the words of ``rest`` up to its first stop
    if len(clause) != len(following):
        return None
    verb_at = next((i for i, w in enumerate(clause) if w.lower() in en.CLAUSE_TAKING_REPORTING_VERBS), None)
    if verb_at is not None and verb_at == len(clause) - 1 and g.opens_subject(clause[0]) \
            and not g.says_no_attribution(clause[:verb_at], clause[verb_at]):
        return Verdict.COMMA, Cue.ATTRIBUTION_CLOSES  # the verb ends the sentence: "; the company said."
    return None


# Verbs of saying that never stand without what was said: after them, only its when and where.
_SAYING = frozenset({"said", "says", "added", "noted", "stated"})


def _attribution_with_a_time(following: list[str]) -> Answer:
    """ "; Kan said on Wednesday.", "; the mayor added in a statement.": a subject, a verb of
    saying and when or where it was said, closing the sentence (definite: the subject and the
    tail are read by the lists)."""
    verb_at = next((i for i, w in enumerate(following) if w.lower() in _SAYING), None)
    if verb_at is None or not 1 <= verb_at <= 4 or verb_at == len(following) - 1:
        return None
    subject, tail = following[:verb_at], following[verb_at + 1:]
    if not g.opens_subject(subject[0]) or g.has_verb(subject) or g.has_finite_verb(tail) or g.has_verb(tail):
        return None
    opener = tail[0].lower()
    if opener == "as":
        return None  # "; his brother said as much yesterday": what was said, not when
    if opener in en.BINDING_PREPOSITIONS or opener in en.ADVERBIAL_PREPOSITIONS or opener in _WHEN:
        return Verdict.COMMA, Cue.ATTRIBUTION_WITH_A_TIME
    return None


_WHEN = frozenset({"yesterday", "today", "tonight", "last", "earlier", "later", "recently", "afterwards"}) | en.WEEKDAYS


def reporting(ctx: Context) -> Answer:
    clause = ctx.clause_after
    if g.reporting_clause(clause, closes_sentence=len(clause) == len(ctx.following)):
        return Verdict.COMMA, Cue.REPORTING_CLAUSE  # "...above the minimum; the company said in May."
    return None


# Object pronouns a verb of saying may take in an attribution ("Sarah told her.").
_TOLD = en.OBJECT_PRONOUNS


def attribution_after_a_quotation(ctx: Context) -> Answer:
    """ “Oh no”; Harold said, shocked. “Get a basket”; Sarah told her.: a quotation, then its
    speaker and the verb of saying, with nothing more of a clause than how or when it was said
    (“…”; she added as she stood up.). The comma that stood after the quotation became the
    semicolon (definite: the verb is read from the lists)."""
    before = ctx.text[max(0, ctx.pos - 2):ctx.pos].rstrip()
    if not before or before[-1] not in "”’\"'":
        return None
    words = ctx.clause_after
    if len(words) < 2 or not g.opens_subject(words[0]):
        return None
    verb_at = next((i for i, w in enumerate(words[:4]) if w.lower() in _SPEAKING), None)
    if verb_at is None or verb_at == 0:
        return None
    rest = [w.lower() for w in words[verb_at + 1:]]
    if rest and not (len(rest) == 1 and rest[0] in _TOLD) and not _how_or_when(rest):
        return None
    if any(en.is_finite_verb(w) and w.lower() not in en.AUXILIARIES for w in words[1:verb_at]):
        return None  # "; the family called it home": a clause with a verb of its own
    return Verdict.COMMA, Cue.ATTRIBUTION_AFTER_QUOTATION


def _how_or_when(rest: list[str]) -> bool:
    """Whether the words after the verb of saying tell only how or when it was said: an adverb
    ("quietly") closing the sentence, or a clause of time ("as she stood up")."""
    if len(rest) == 1:
        return rest[0].endswith("ly") and len(rest[0]) > 4
    return rest[0] in _OPENS_A_CLAUSE_OF_TIME


# (Read from the words up to the clause's first stop, so what follows runs to the sentence's end.)
_OPENS_A_CLAUSE_OF_TIME = frozenset({"as", "while", "when", "before", "after", "until", "once"})


_SPEAKING = en.QUOTING_VERBS | frozenset({"told", "replied", "cried", "murmured", "snapped", "proclaimed",
                                          "intoned", "protested", "agreed", "began"})


def parenthesis_closing_the_sentence(ctx: Context) -> Answer:
    """ "Call the Vouillemont; I guess.", "It was a poor plan; I fear.": a pronoun and a verb of
    thinking, and the sentence ends (definite: the verb is read from the lists)."""
    words = ctx.following
    if len(words) != 2 or words[0].lower() not in en.PARENTHETICAL_SUBJECTS \
            or words[1].lower() not in en.PARENTHETICAL_VERBS:
        return None
    if words[1].lower() in _WHOLE_CLAUSE_VERBS and words[0].lower() != "you":
        return None  # "It's over; I know.", "He asked for time; they agreed.": a clause of its own
    tail = ctx.after.lstrip()[len(words[0]):].lstrip()[len(words[1]):]
    # The line break that ends a text is no part of the sentence.
    if tail.strip(" \t\r\n”’\"')") in ("", ".", "!"):
        return Verdict.COMMA, Cue.PARENTHESIS_CLOSES
    return None


# Verbs that make a whole clause with a pronoun alone ("I know.", "we saw.", "they agreed."),
# so that after a semicolon they may be the author's second clause. Said to the reader ("you
# know", "you see") they are the parenthesis still.
_WHOLE_CLAUSE_VERBS = frozenset({"know", "knew", "see", "saw", "understand", "agreed", "promised"})
