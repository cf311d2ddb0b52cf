"""Cues of the chain (:mod:`cleaner.semicolons.right`) that read what opens the sentence
before a semicolon: an introduction ("However;", "In 2020;", a vocative) or an introductory
clause ("When the rain stopped;"). No clause stands there, so no semicolon belongs there,
unless the fragment is the first item of a series."""

from __future__ import annotations

import itertools
import re

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import CLOSING_QUOTES, OPENING_QUOTES, Context, without_apostrophes
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None

# Three words of an introduction or an address fit in 60 characters; a longer stretch is no fragment.
_FRAGMENT_REACH = 60
INTRODUCING_SUBORDINATORS = frozenset({"if", "when", "whenever", "because", "although", "though", "while",
                                        "unless", "until", "once", "since", "after", "before", "wherever"})
# “No; I won't.” “Yes; he is gone.”: an answer, which older fiction may close with a semicolon.
_INTERJECTIONS = frozenset({"yes", "no", "oh", "ah", "well", "okay", "ok", "sure", "alas", "aye", "nay",
                            "please", "thanks", "right", "quite", "perhaps", "maybe", "indeed", "why"})
# Subjects only: a second one on the left means a main clause already stands there.
_NOMINATIVE = frozenset({"i", "he", "she", "we", "they", "there"})
# A subject between the subordinator and its verb other than the first word.
_SUBJECTS = _NOMINATIVE | {"it", "this", "that"}
# Words after the introductory clause's verb that may open another clause inside it.
_JOINERS = en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE | en.RELATIVES | {"that"}
# Words of an introductory clause ("When the last of the ferries had left the harbour") and of
# an introductory participle phrase ("Worried about the cost"): a longer stretch may hold a
# main clause the word lists cannot see.
_LONGEST_CLAUSE = 12
_LONGEST_PHRASE = 6
# Coordinators that may open a sentence; alone before a semicolon they introduce nothing yet.
_SENTENCE_COORDINATORS = frozenset({"and", "but", "or", "nor", "yet"})
# Words that may stand before a subordinator opening a sentence.
_INTENSIFIERS = frozenset({"even", "only", "just"})
# What may stand in a verb group after its first word: "had left", "is not yet produced".
_VERB_GROUP_WORDS = frozenset({"not", "never", "yet", "been", "being", "be"})


def _past_verb_group(words: list[str], verb_at: int) -> int:
    """The index of the first word after the verb group that starts at ``verb_at``."""
    i = verb_at + 1
    while i < len(words):
        # Contractions with either apostrophe ("didn't", "didn’t").
        word, lower, before = words[i], words[i].lower().replace("’", "'"), words[i - 1].lower().replace("’", "'")
        if lower in en.AUXILIARIES or lower in _VERB_GROUP_WORDS or (word.islower() and lower.endswith("ly")):
            i += 1
        elif (en.is_participle(word) or en.is_verb(word) or word in en.BASE_VERBS) and word.islower() \
                and (before in en.AUXILIARIES or before in _VERB_GROUP_WORDS):
            i += 1  # "had left", "is not produced", "didn't go"
        else:
            break
    return i


# Words after which a noun phrase goes on rather than a new one starting: "of the town",
# "than a third", "almost a decade", "the New York Times".
_PHRASE_GOES_ON = (en.BINDING_PREPOSITIONS | en.ADVERBIAL_PREPOSITIONS | en.COORDINATORS_PHRASE
                   | (en.DETERMINERS - {"then", "now"})
                   | {"of", "to", "than", "half", "only", "just", "even", "nearly", "almost", "about", "around",
                      "roughly", "some", "over", "under"})
# Words that open a subject: a determiner, a number, a capitalised name ("that" may open a
# clause inside the phrase instead).
_OPENS_A_SUBJECT = en.DETERMINERS - {"then", "now", "that", "current", "former"}


def _subject_after_a_phrase(left: list[str], verb_at: int) -> bool:
    """Whether, before the first verb, a new noun phrase starts after a word that ends a phrase:
    the word that opened the sentence ("after", "since", "before", "until", "when", "if") opened
    a phrase ("after the vote", "since then", "before long", "when in doubt", "if nothing else"),
    and the subject of the main clause follows it without a comma. A subordinate clause's
    subject comes right after its subordinator ("After the council voted")."""
    for j in range(2, verb_at):
        word, before = left[j], left[j - 1]
        opens = word.lower() in _OPENS_A_SUBJECT or word[:1].isdigit() or (word[:1].isupper() and word != "I")
        if not opens or before.lower() in _PHRASE_GOES_ON or before[:1].isdigit():
            continue
        if before.islower() and (before.endswith("ing") or en.is_verb(before)):
            continue  # the object of a verb or gerund: "After questioning the patient"
        if word[:1].isupper() and before[:1].isupper():
            continue  # one name of several words ("New York")
        if before.islower() and before.endswith("s") and not before.endswith("ss") \
                and left[j - 2].lower() not in _PHRASE_GOES_ON:
            continue  # "When the husband drops the case": a verb the lists do not know, maybe
        return True
    return False


# "Earlier this month", "Last week", "Late on Friday": a time phrase opening a sentence.
_TIME_HEADS = frozenset({"earlier", "later", "last", "next", "this", "early", "late"})
_TIME_NOUNS = frozenset("""
day days week weeks weekend month months year years morning afternoon evening night season spring
summer autumn fall winter decade century hour hours
""".split()) | en.WEEKDAYS | en.MONTHS


def _is_time_phrase(words: list[str]) -> bool:
    return words[0].lower() in _TIME_HEADS and any(w.lower() in _TIME_NOUNS for w in words[1:])


# How far around a quotation's first word the text is searched for it inside a sentence: a
# name spoken to is used in the narration near by ("“Laura; what…” Laura did not answer").
_NAME_REACH = 3000
_NAME_TRIES = 20


def _addresses_someone(ctx: Context, word: str) -> bool:
    """Whether one capitalised word opening a quotation is said to someone: a title or a word of
    address ("Sir;", "Darling;"), a plural ("Friends;", "Gentlemen;" is listed), or a name, which
    the text near by capitalises inside a sentence too ("Marta;" beside "…called to Marta").
    Any other word a speaker may start with ("Good; then we agree.", "Nonsense; he was here")."""
    lower = word.lower()
    return lower in en.TITLES or lower in _ADDRESS_WORDS or (lower.endswith("s") and not lower.endswith("ss")
                                                              and len(lower) > 3) \
        or _a_name_nearby(ctx, word)


# Words of address that are no title (plurals in "-s" are read by their ending).
_ADDRESS_WORDS = frozenset({"darling", "sweetheart", "honey", "son", "boy", "girl", "lad", "buddy", "gentlemen",
                            "children", "men", "women", "people", "everyone", "everybody"})


def _a_name_nearby(ctx: Context, word: str) -> bool:
    """Whether ``word`` stands capitalised after a lower-case word or a comma near the semicolon,
    as a name does wherever it stands; "Good", "Nonsense" are capitalised only to open a
    sentence. The search is bounded, so a text full of quotations is still read in linear time."""
    # The word first, so the engine looks for its letters; what stands before it is checked after,
    # for its first few occurrences only (a text repeating one word need not be read further).
    text, offset = ctx.text, max(0, ctx.pos - _NAME_REACH)
    for m in itertools.islice(re.finditer(re.escape(word) + r"\b", text[offset:ctx.pos + _NAME_REACH]), _NAME_TRIES):
        start = m.start() + offset
        if start >= 2 and text[start - 1] == " " and (text[start - 2] in ",;" or text[start - 2].islower()):
            return True
    return False


def _holds_a_verb(words: list[str]) -> bool:
    """Whether a verb stands among the words; a past form right after an article or a possessive
    is an adjective ("At the reported price", "After the closed session"), whatever the lists say."""
    return any(en.is_verb(w) and not (i and w.endswith("ed") and words[i - 1].lower() in _BEFORE_ADJECTIVES)
               for i, w in enumerate(words))


# Words after which a past form is an adjective ("that" may be a relative pronoun: "that reported it").
_BEFORE_ADJECTIVES = en.DETERMINERS - {"that"}


def introductory_fragment(ctx: Context) -> Answer:
    """The fragment since the sentence or an open quotation began: "However;", "In 2020;", a
    vocative “Vladimir Vladimirovich;”. No clause fits there, so no semicolon does, unless the
    fragment is the first of a series ("Yesterday; today; tomorrow", "to the Pecks, ten
    thousand each; to Joan Sheldon …")."""
    if not ctx.opens_sentence:
        return None
    before = ctx.before
    opening = max(before.rfind(q) for q in OPENING_QUOTES)
    if opening >= 0 and any(q in before[opening:] for q in CLOSING_QUOTES):
        opening = -1  # a closed quotation ("called “Gossiping Women”;") is part of the sentence
    fragment = before[opening + 1:]
    fragment_words = g.words(fragment) if len(fragment) <= _FRAGMENT_REACH else []
    if not fragment_words or len(fragment_words) > 6 or _holds_a_verb(fragment_words) \
            or any(q in fragment for q in CLOSING_QUOTES + OPENING_QUOTES + ":"):
        return None  # "In: Science; Vol. 371": a reference's fields, not an introduction
    if len(ctx.clause_after) < 3:
        return None  # a clause must follow for the fragment to be its introduction
    if fragment_words[-1].lower() in en.NEGATIONS:
        return None  # "Of course not;", "Certainly not;": an elliptical answer, a sentence in itself
    head = fragment_words[0].lower()
    following = ctx.following
    if following[0].lower() in en.COORDINATORS_PHRASE | en.COORDINATORS_CLAUSE:
        return None  # "Of man's first disobedience; and the fruit": a verse, a series
    if len(fragment_words) <= 4 and _is_time_phrase(fragment_words) and g.opens_subject(following[0]) \
            and g.has_finite_verb(ctx.clause_after):
        return Verdict.COMMA, Cue.AFTER_TIME_PHRASE  # "Earlier this month; NASA announced"
    next_item = g.words(ctx.after.partition(";")[0])
    # The same opening word again is a series of two, however its class reads: "Hence the
    # confusion; hence the anger".
    if g.head_class(following) == g.head_class(fragment_words) or following[0].lower() == head or \
            (not ctx.last_in_sentence and not g.has_verb(next_item)):
        return None  # a series: the other cues read it
    # A past form read as an adjective by its place is a judgment: the reading stands alone but
    # is no evidence of a mill.
    introduction = Cue.AFTER_INTRODUCTION_WITH_AN_ADJECTIVE if g.has_verb(fragment_words) else Cue.AFTER_INTRODUCTION
    if len(fragment_words) > 3:
        # "After the vote in the council; the members adjourned": a longer phrase needs a clause after.
        if head in en.BINDING_PREPOSITIONS and g.opens_subject(following[0]) \
                and len(ctx.clause_after) >= 3:
            return Verdict.COMMA, introduction
        return None
    if g.is_introductory_head(head):
        return Verdict.COMMA, introduction  # "However;"
    if len(fragment_words) == 1 and head in _SENTENCE_COORDINATORS:
        # "But; as the weeks went by, …": no editor puts it there, but the comma after a
        # sentence's "But" is an edited text's common slip too, so it is no evidence of a mill.
        return Verdict.COMMA, Cue.AFTER_OPENING_COORDINATOR
    if len(fragment_words) == 1 and en.is_sentence_adverb(head):
        return Verdict.COMMA, Cue.AFTER_OPENING_ADVERB  # "Unfortunately;"
    if opening >= 0 and g.addresses(fragment_words) and head not in _INTERJECTIONS \
            and (len(fragment_words) > 1 or _addresses_someone(ctx, fragment_words[0])):
        return Verdict.COMMA, Cue.AFTER_VOCATIVE
    # Capitalised words opening a sentence outside a quotation may be a subject, a title or a
    # list's first item ("Wiley Online Library; 2007"): the other cues read them.
    return None


def introductory_clause(ctx: Context) -> Answer:
    """ "When the rain stopped; we went out", "Looking back; it was a mistake", "Worried about
    the cost; the council waited": a short subordinate clause or participle phrase opens the
    sentence, and the main clause follows the semicolon. A semicolon joins clauses of equal
    rank, never an introduction to its clause."""
    if not ctx.opens_sentence or not ctx.last_in_sentence:
        return None
    before = ctx.before
    plain = without_apostrophes(before)
    if any(mark in plain for mark in ",:—–()" + OPENING_QUOTES + CLOSING_QUOTES):
        return None
    # Read through a contraction ("When it’s cold", "didn’t go"), the reading is a judgment.
    alone = Cue.AFTER_INTRODUCTORY_CLAUSE if plain == before else Cue.AFTER_LONGER_INTRODUCTORY_CLAUSE
    left = g.words(before)
    if len(left) > 2 and left[0].lower() in _INTENSIFIERS and left[1].lower() in INTRODUCING_SUBORDINATORS:
        left = left[1:]  # "Even though it is a small car;", "Only if the bridge is open;"
    following = ctx.following
    head = left[0].lower() if left else ""
    longest = _LONGEST_CLAUSE if head in INTRODUCING_SUBORDINATORS else _LONGEST_PHRASE
    if not 2 <= len(left) <= longest or not g.opens_subject(following[0]) \
            or not g.has_finite_verb(ctx.clause_after):
        return None
    if head in INTRODUCING_SUBORDINATORS:
        verb_at = next((i for i, w in enumerate(left[1:], 1) if en.is_verb(w) or g.has_finite_verb(left[i - 1:i + 1])
                        or (w.islower() and w.endswith("ed"))), None)
        if verb_at is None or any(w.lower() in _SUBJECTS for w in left[2:verb_at]):
            return None  # "Although open to the public it is not crowded;": its own clause is elliptical
        if _subject_after_a_phrase(left, verb_at):
            return None  # "Since then the town has grown;", "After the vote the council adjourned;"
        past_verb = _past_verb_group(left, verb_at)
        rest = [w.lower() for w in left[past_verb:]]
        if any(w in _NOMINATIVE for w in rest) or any(en.is_verb(w) or en.is_finite_verb(w) for w in rest) \
                or any(w in _JOINERS for w in rest):
            return None  # "When he came home he was tired;": a main clause already stands before
        if len(left) > _LONGEST_PHRASE or past_verb > verb_at + 1:
            # "When the last of the ferries had left the harbour;", "If nothing is produced;":
            # read past a verb group, or over more words, where a main clause could hide.
            return Verdict.COMMA, Cue.AFTER_LONGER_INTRODUCTORY_CLAUSE
        return Verdict.COMMA, alone
    second = left[1]
    # A gerund may be the subject ("Decanting old wine aerates it;"): any word that could be a
    # tensed verb makes the phrase a clause.
    # A word after an article is a noun ("the cost").
    verb_like = any((en.is_finite_verb(w) or (w.islower() and w.endswith("s") and not w.endswith("ss")))
                    and left[i - 1].lower() not in en.DETERMINERS for i, w in enumerate(left[1:], 1))
    if second.islower() and not verb_like and (
            (head.endswith("ing") and en.is_participle(head))
            or (en.is_participle(head) and second in en.BINDING_PREPOSITIONS)):
        return Verdict.COMMA, alone
    return None
