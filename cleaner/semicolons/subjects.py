"""Cues of the chain (:mod:`cleaner.semicolons.right`) that read the sentence so far as a subject
still waiting for its verb: "The Heron, a hybrid boat on the estuary; returned to service",
"Grainhouse Bakeries; the family-owned maker of bread, will close". A semicolon never stands
between a subject and its verb, nor opens an aside inside the subject."""

from __future__ import annotations

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.openers import INTRODUCING_SUBORDINATORS
from cleaner.semicolons.reading import CLOSING_QUOTES, OPENING_QUOTES, Context, without_apostrophes
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None


def aside_closed_by_comma(ctx: Context) -> Answer:
    """ "Grainhouse Bakeries; the family-owned maker of bread, will close", "the building; which
    dates from 1962, could no longer": the words after the semicolon are an aside that a comma
    closes, and the verb after that comma has no subject but the one before the semicolon. A
    semicolon never opens an aside, so this one stood for the aside's first comma. Asked only
    where no clause comes before: the aside belongs to a subject standing alone."""
    phrase, comma, rest = ctx.after.partition(",")
    if not comma or "\n" in phrase or "?" in ctx.after:
        return None  # a question may invert ("; still, is it worth it?")
    if ")" in phrase and "(" not in phrase:
        return None  # "(Harbour Press, 2021; illustrated by Ana Reyes), is": a parenthesis closes first
    aside = g.words(phrase)
    if not aside or len(aside) > 12:
        return None
    head, lower = aside[0], aside[0].lower()
    if lower in en.RELATIVES or (len(aside) == 1 and lower in en.CONJUNCTIVE_ADVERBS):
        pass  # a relative clause holds a verb of its own; "The lawmakers; however, failed to"
    elif g.has_finite_verb(aside) or not (lower in en.DETERMINERS or en.is_participle(head)
                                          or head[:1].isdigit() or head[:1].isupper()) \
            or lower in en.CONJUNCTIVE_ADVERBS or lower in en.SUBJECT_PRONOUNS and lower not in en.DETERMINERS:
        return None
    if lower not in en.RELATIVES and any(en.is_listed_finite_verb(w)
                                         for w in g.words(ctx.text[ctx.clause_start:ctx.pos])):
        # A clause before ("One problem is a matter of dates; the other, is how to pay") makes
        # the aside a subject of its own, whatever its comma.
        return None
    resumed = g.words(rest[:40])
    if len(resumed) < 2 or not resumed[0].islower() or not en.is_listed_finite_verb(resumed[0]) \
            or (resumed[1].lower() == "to" and lower not in en.CONJUNCTIVE_ADVERBS):
        return None  # "the old man, said to be ninety, walked": a participle, not the verb
    return Verdict.COMMA, Cue.ASIDE_CLOSED_BY_COMMA


def subject_before_its_verb(ctx: Context) -> Answer:
    """ "The Heron, a hybrid boat on the estuary; returned to service on Monday", "The roof
    spoiler, too; is functional": the sentence so far is a subject with no verb, and the word
    after the semicolon is a tensed verb with no subject of its own. A semicolon never stands
    between a subject and its verb."""
    first = ctx.first
    if not ctx.opens_sentence or not first.islower() or not en.is_finite_verb(first) \
            or g.is_pronoun_subject(first) or "?" in ctx.after:
        return None  # "The others in the boat; were they safe?": a question puts its verb first
    following = ctx.following
    if len(following) > 1 and following[1].lower() in en.AUXILIARIES and first.lower() not in en.AUXILIARIES:
        return None  # "Keep your receipt; returns are accepted": a plural noun, the subject of its own clause
    before = ctx.before
    # An apostrophe inside a word ("the ferry's captain") is no quotation mark.
    plain = without_apostrophes(before)
    if any(mark in plain for mark in OPENING_QUOTES + CLOSING_QUOTES + ":—–"):
        return None
    subject = g.words(before)
    head = subject[0].lower() if subject else ""
    if len(subject) < 2 or not g.opens_subject(subject[0]) or g.is_introductory_head(head) \
            or head in INTRODUCING_SUBORDINATORS or en.is_verb(head) or en.is_participle(head) \
            or g.is_pronoun_subject(head) or head in en.IMPERATIVES:
        # "Came home at six; ate alone" (fiction's subjectless sentences), "He rode on to
        # Cheyenne; threw a party" (a pronoun's verb the lists do not know), "Open Monday to
        # Friday; closed on weekends" (a command's or a notice's word first): two predicates.
        return None
    if _subject_and_its_relative_clause(before):
        # "Kidd, who did it against 28 teams; has served as a model": the relative clause's
        # verb is not the sentence's; its closing comma became the semicolon.
        return Verdict.COMMA, Cue.VERB_AFTER_VERBLESS_SUBJECT
    if g.has_verb(subject, strict=True) or g.has_finite_verb(subject, strict=True):
        return None  # a clause before: "The ferry left at six; returned at ten" joins two predicates
    # Read strictly, "-ed" adjectives ("a London-based think tank") are no verbs; read so, the
    # reading is a judgment.
    adjectives = g.has_verb(subject) or g.has_finite_verb(subject)
    if first.lower() not in en.AUXILIARIES and not any(_ends_like_a_verb(w) for w in subject[1:]) \
            and plain == before and not adjectives:
        return Verdict.COMMA, Cue.SUBJECT_BEFORE_VERB
    # "The roof spoiler, too; is", "Seventeen makers, by the report's count; had": an auxiliary
    # may open an elliptical clause, a word ending like a verb was read as a noun, and "Kent's"
    # may be "Kent is". Read so only where the subject shows itself one: a determiner, a
    # number, an aside or a name; and where no word stands after a plural as its verb would
    # ("His hands shook; came the voice": "shook" is a verb the lists do not know).
    if (head in en.DETERMINERS or head[:1].isdigit() or "," in before or subject[1][:1].isupper()) \
            and not _word_after_a_plural(g.words(before.rpartition(",")[2])):
        return Verdict.COMMA, Cue.VERB_AFTER_VERBLESS_SUBJECT
    return None  # "Woke late; was sorry": a capital alone may open a verb the lists do not know


def _subject_and_its_relative_clause(before: str) -> bool:
    """Whether the words are a noun phrase with no verb, a comma, and one relative clause on it
    ("who", "which", "whose") running to the end, with no comma of its own."""
    noun_phrase, comma, relative = before.partition(",")
    if not comma or "," in relative:
        return False
    phrase, clause = g.words(noun_phrase), g.words(relative)
    return bool(phrase) and len(clause) >= 2 and clause[0] in ("who", "which", "whose") \
        and not (g.has_verb(phrase) or g.has_finite_verb(phrase))


def _word_after_a_plural(words: list[str]) -> bool:
    """Whether the words end in a lower-case plural and a word that is no function word (with an
    adverb in "-ly" after it at most): a noun phrase does not end with a word after a plural
    ("hands shook", "men wept bitterly"), a clause with a verb the lists do not know does."""
    if len(words) >= 3 and words[-1].endswith("ly"):
        words = words[:-1]
    if len(words) < 2:
        return False
    prev, word = words[-2], words[-1]
    return (prev.islower() and len(prev) > 3 and prev.endswith("s") and not prev.endswith(("ss", "us", "is"))
            and "'" not in prev and "’" not in prev  # a possessive: "the ferry's captain"
            and word.islower() and word not in en.FUNCTION_WORDS and not word.endswith(("ly", "ing")))


def _ends_like_a_verb(word: str) -> bool:
    return word.islower() and word.endswith(("ed", "s")) and not word.endswith("ss")
