"""After a semicolon, a preposition's short phrase and then a clause of its own, with no comma
between: "; in the next town it is less", "; by autumn the village had moved". Without the
clause, the phrase continues the sentence before and the semicolon goes."""

from __future__ import annotations

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.verb_shapes import is_s_form

# How many words after its preposition a phrase may run before the subject of a new clause.
_PHRASE_REACH = 6


def pronoun_clause_after_phrase(words: list[str]) -> bool:
    """A preposition, a short phrase, then a subject pronoun and its tensed verb. A pronoun after
    a verb, a relative or wh-word, a subordinator or a coordinator is no subject of a new clause
    ("; to make it look", "; with whom she", "; at church and everybody")."""
    if not words or words[0].lower() in _NO_PHRASE_HEADS:
        return False
    reach = words[1:_PHRASE_REACH + 1]
    if "I" not in reach and CLAUSE_SUBJECTS.isdisjoint(map(str.lower, reach)):
        return False  # no subject pronoun to look for (most phrases): one C-level test
    for i in range(1, min(len(words) - 1, _PHRASE_REACH + 1)):
        word = words[i]
        lower = word.lower()
        if lower in g.RELATIVE_STOP or lower in en.SUBORDINATORS or lower in en.LEFT_SUBORDINATORS \
                or lower in _WH_WORDS or lower in en.COORDINATORS_PHRASE or lower in en.COORDINATORS_CLAUSE \
                or en.is_verb(word) or en.is_participle(word):
            return False
        if lower in CLAUSE_SUBJECTS and word[:1].islower() or word == "I":
            # Right after the preposition, a pronoun is its object ("; after it was built").
            verb = words[i + 1]
            return i >= 2 and (en.is_finite_verb(verb) and verb.lower() not in g.NON_FINITE
                               or lower in _SINGULAR_PERSONS and is_s_form(verb))
    return False


_SINGULAR_PERSONS = frozenset({"he", "she", "it"})


def noun_clause_after_phrase(words: list[str]) -> bool:
    """A preposition, a word or two holding no noun phrase, verb or adverb of its own ("by
    autumn", "in 2020"), then a noun's subject (a determiner and up to two words, or one bare
    word) and an auxiliary: "; by autumn the village had moved", "; in winter crossings are
    rough". After a phrase that holds a noun phrase, the words may be a clause telling which
    ("; on the books the library had ordered"); a participle after the subject may open a
    phrase ("; with every scene built around me"): neither is read as a clause."""
    if en.AUXILIARIES.isdisjoint(words[3:7]) or words[0].lower() in _NO_PHRASE_HEADS or words[0].lower() == "to":
        return False  # (no auxiliary where the clause's verb would stand: most phrases, one C-level test)
    for start in (2, 3):
        if len(words) <= start + 1 or not all(map(_plain_phrase_word, words[1:start])):
            return False
        head = words[start]
        if head.lower() in en.DETERMINERS and head.lower() != "that":
            reach = words[start + 1:start + 4]
        elif _plain_phrase_word(head) and head.islower():
            reach = words[start + 1:start + 2]
        else:
            continue
        for i, word in enumerate(reach):
            if word in en.AUXILIARIES:
                return i > 0 or head.lower() not in en.DETERMINERS
            if not word.islower() or not _plain_phrase_word(word):
                break
    return False


def _plain_phrase_word(word: str) -> bool:
    """A noun, adjective or number, as far as the lists tell: no function word, preposition,
    verb, participle or "-ly" adverb."""
    lower = word.lower()
    return word.isalnum() and lower not in _NOUN_PHRASE_OPENERS and lower not in en.FUNCTION_WORDS \
        and lower not in en.BINDING_PREPOSITIONS and lower not in en.ADVERBIAL_PREPOSITIONS \
        and not en.is_verb(word) and not en.is_participle(lower) and not lower.endswith("ly")


# Words that open a noun phrase inside the phrase after the preposition.
_NOUN_PHRASE_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my", "your",
                                  "this", "that", "these", "those"})


# Pronouns that can only be subjects here (not "this", "all": determiners as often).
CLAUSE_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "you", "there", "nobody", "everybody",
                               "somebody", "everyone", "someone", "anyone", "nothing", "everything",
                               "something"})
_WH_WORDS = frozenset({"what", "whence", "whatever", "whichever", "whoever", "how", "why"})
# Prepositions that are conjunctions too ("; for like cats they are"), or open no phrase a
# clause could follow.
_NO_PHRASE_HEADS = en.LEFT_SUBORDINATORS | {"like", "for"}
