"""Verbs the word lists know only by their shape and place: an "-s" word, which plural nouns
share, and a base form after a plural noun ("skaters come")."""

from __future__ import annotations

from cleaner.semicolons import english as en


def is_s_form(word: str) -> bool:
    """Whether a lower-case word has the shape of a verb's "-s" form ("tires", "boils"), which
    plural nouns share: read as a verb only where a subject stands before it."""
    return word.islower() and len(word) > 2 and word.endswith("s") \
        and not word.endswith(("ss", "us", "is", "'s", "’s"))


def plural_subject_and_base(phrase: list[str]) -> bool:
    """A plural noun opening the words (after a determiner or an adjective or two), then a
    verb's base form the lists know: "skaters come from miles around", "late tenants lose",
    "the critics say". A plural noun before a noun ("sales tax", "sports cars") is passed
    over: the lists hold verbs, not nouns."""
    if BASE_FORMS.isdisjoint(phrase[1:4]):
        return False  # most phrases: one C-level test
    for i in range(1, min(len(phrase), 4)):
        word, before = phrase[i], phrase[i - 1]
        if word in BASE_FORMS and is_s_form(before) and before.lower() not in en.FUNCTION_WORDS:
            return all((w.islower() and w not in en.FUNCTION_WORDS and not en.is_verb(w))
                       or w.lower() in en.DETERMINERS for w in phrase[:i - 1])
    return False


def _base_form(s_form: str) -> str:
    if s_form.endswith("ies") and len(s_form) > 4:
        return s_form[:-3] + "y"
    if s_form.endswith(("ches", "shes", "sses", "xes", "oes")):
        return s_form[:-2]
    return s_form[:-1]


# Verbs' base forms, read off the "-s" forms the lists know ("comes" -> "come", "tries" ->
# "try"), and the base forms listed; not those that are as often nouns after a plural noun
# ("the jobs report", "a savings plan", "the sales figures show"), or past participles as well
# ("their instincts put at the service of").
BASE_FORMS = (frozenset(_base_form(w) for w in en.COMMON_VERBS if w.endswith("s")) | en.BASE_VERBS) - frozenset("""
aim break call catch change claim close cost cut drink drive end fall fight help hit hold hope lead look
need note offer pass plan play raise reach report return run set show sleep stand start turn use vote win
work put let read""".split())
