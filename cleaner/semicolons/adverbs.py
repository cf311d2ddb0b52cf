"""The cue of the chain (:mod:`cleaner.semicolons.right`) for an adverb after a semicolon: one
that carries the sentence on ("; particularly while…", "; only to find…"), a conjunctive adverb
and its comma ("; however, the"), or an adverb opening a clause of its own ("; then she turned
back", "; never again would he", "; unfortunately, no one has kept")."""

from __future__ import annotations

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import Context
from cleaner.semicolons.verdicts import Cue, Verdict

Answer = tuple[Verdict, Cue] | None


def adverb(ctx: Context) -> Answer:
    first, lower = ctx.first, ctx.lower
    if lower in {"there", "here"} and _verb_after_adverbs(ctx.following[1:4]):
        return None  # "; there is only one", "; there never was": a clause, not an adverb
    if lower in en.PHRASE_ADVERBS and (_clause_opens(ctx.clause_after[1:]) or _inverted_clause(ctx.clause_after)
                                       or _determined_clause(ctx.clause_after[1:])):
        # "; then she turned back", "; never again would he trust them", "; still the rain
        # fell": an adverb opening a clause of its own.
        return None
    in_ly = first.islower() and lower.endswith("ly") and len(lower) > 4 and lower not in en.CONJUNCTIVE_ADVERBS
    sentence_adverb = in_ly and lower not in en.PHRASE_ADVERBS
    rest = ctx.after.lstrip()[len(first):].lstrip()  # what follows the adverb
    if sentence_adverb or lower in en.CONJUNCTIVE_ADVERBS:
        if (sentence_adverb and (_clause_opens(ctx.clause_after[1:]) or _inverted_clause(ctx.clause_after))) \
                or (rest[:1] == "," and subject_and_verb(g.clause_words(rest[1:]))):
            # "; apparently it is not", "; unfortunately, no one has kept", "; rather, most of
            # them found": an adverb that comments on the clause it opens. Without a comma, only
            # a pronoun is read as the subject: "; particularly our heavy bombers" has no verb.
            return Verdict.KEEP, Cue.ADVERB_OPENS_CLAUSE
    if in_ly or (first.islower() and lower in en.PHRASE_ADVERBS):
        return Verdict.COMMA, Cue.CONTINUING_ADVERB  # "; particularly while…", "; only to find…"
    if lower in en.CONJUNCTIVE_ADVERBS and rest[:1] == ",":
        return Verdict.KEEP, Cue.CONJUNCTIVE_ADVERB
    return None


# Words a capital may open (after a quote) that begin no subject; "that" opens an object clause
# as often as a subject ("; now, that she had been").
_NO_SUBJECT_HEADS = en.COORDINATORS_PHRASE | en.LEFT_SUBORDINATORS | {"that"}


# Words an inversion opens with before its auxiliary: a negative or a limit ("never again",
# "only later", "not once"); not "even had the watch been running", a condition.
_INVERTING_ADVERBS = frozenset({"never", "only", "not", "seldom", "rarely", "hardly", "scarcely", "nowhere",
                                "little"})
_INVERSION_ADVERBS = _INVERTING_ADVERBS | {"again", "later", "once", "then", "now", "before", "since"}
_SUBJECT_REACH = 4


# Adverbs of place and time a verb of being or motion may follow before its subject: "then came
# the storm", "here stood the mill".
_PLACE_OR_TIME = frozenset({"then", "here", "there", "now"})
# Verbs that take no object, so that the words after them are their subject.
_BEING_OR_MOTION = frozenset({"came", "comes", "went", "goes", "stood", "stands", "lay", "lies", "rose", "rises",
                              "was", "were", "is", "are", "sat", "sits"})


def _inverted_clause(words: list[str]) -> bool:
    """Adverbs, an auxiliary, then its subject: "never again would he", "only later did we",
    "rarely had the town"; or an adverb of place or time, a tensed verb, then its subject: "then
    came the storm"."""
    if len(words) > 2 and words[0].lower() in _PLACE_OR_TIME and words[1] in _BEING_OR_MOTION \
            and words[2].lower() in en.DETERMINERS:
        return True  # not "; then spent the day", a second verb of the subject before
    if not words or words[0].lower() not in _INVERTING_ADVERBS:
        return False
    i = 0
    while i < len(words) and words[i].lower() in _INVERSION_ADVERBS:
        i += 1
    return 0 < i < len(words) - 1 and words[i].lower() in en.AUXILIARIES \
        and (g.is_pronoun_subject(words[i + 1]) or words[i + 1].lower() in en.DETERMINERS)


def _determined_clause(words: list[str]) -> bool:
    """A subject the lists know (a pronoun, or a noun phrase opened by a determiner), then a
    tensed verb the lists know: "the rain fell", "nobody moved", "the snow would come"."""
    if not words:
        return False
    head = words[0].lower()
    if head in en.SUBJECT_PRONOUNS and head not in en.DETERMINERS:
        return len(words) > 1 and en.is_finite_verb(words[1])
    if head not in en.DETERMINERS:
        return False
    for word in words[1:_SUBJECT_REACH + 1]:
        if en.is_listed_finite_verb(word) and word.islower():
            return True
        lower = word.lower()
        if lower in g.RELATIVE_STOP or en.is_participle(word) or lower in en.BINDING_PREPOSITIONS:
            return False  # "not all of it paid by Thayer": a phrase, not a subject and its verb
    return False


def subject_and_verb(words: list[str]) -> bool:
    """A subject opens the words and a tensed verb of its own follows, before any relative
    clause ("his voice was", "no one has kept"; not "the corner with the toys", "the ones that
    count", "a confirmed distrust": a verb's form after an article is an adjective)."""
    if not words or not g.opens_subject(words[0]) or words[0].lower() in _NO_SUBJECT_HEADS:
        return False
    main = []
    for word in words:
        if main and (word.lower() in g.RELATIVE_STOP or word.lower() in g.OPENS_EMBEDDED_CLAUSE):
            break
        main.append(word)
    # After "this" or "all" opening the words, a verb ("this is"); after an article, an adjective.
    return any(en.is_finite_verb(word) and word.islower() and word not in g.NON_FINITE
               and (main[i - 1].lower() not in en.DETERMINERS or (i == 1 and main[0].lower() in en.SUBJECT_PRONOUNS))
               for i, word in enumerate(main[1:], 1)) or g.finite_by_shape(main, strict=True)



def _verb_after_adverbs(words: list[str]) -> bool:
    """A tensed verb first among the words, after adverbs at most ("never was", "still is")."""
    for word in words:
        if en.is_finite_verb(word):
            return True
        if not (word.islower() and (word in en.PHRASE_ADVERBS or word.endswith("ly"))):
            return False
    return False


def _clause_opens(words: list[str]) -> bool:
    """A subject pronoun and its tensed verb open the words ("she turned", "it was")."""
    return len(words) > 1 and g.is_pronoun_subject(words[0]) and words[0] != "there" \
        and _verb_after_adverbs(words[1:4])
