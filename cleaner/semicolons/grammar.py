"""Small tests of English grammar without a tagger: words, clauses, phrases, introductions.

Verbs are known from closed lists and from their shape (``-ed``, an ``-s`` word after a short
noun phrase); every test looks at a bounded number of words.
"""

from __future__ import annotations

import re

from cleaner.semicolons import english as en
from cleaner.semicolons.verb_shapes import plural_subject_and_base

# A letter or digit, then letters, digits and underscores, with inner apostrophes, dots and
# hyphens ("don’t", "U.S.-made"). Runs of marks and of word characters alternate, so the engine
# never backs up over a word (a seventh faster than "[\w’'.\-]*\w", the same words: test).
WORD = re.compile(r"[^\W_]\w*(?:[’'.\-]+\w+)*")
# Marks that end a phrase. Not a comma or colon between digits ("12,500", "10:30"), nor a full
# stop inside a number or a name ("3.5", "Example.org"), after a single letter ("U.S.", "J. R.
# Hale") or after a title ("Mr. Okafor"): the clause goes on past them (:func:`clause_end`). A
# full stop before a capital with no space ("on Wednesday.The") is a sentence's end a scraper
# glued on.
_CLAUSE_MARK = re.compile(r"[,;:.!?()\n—–]")
_TITLES_BEFORE_STOP = frozenset({"Mr", "Ms", "Dr", "St", "Jr", "Sr", "Mrs", "Gen", "Gov", "Sen", "Rep", "Prof", "Rev"})
_TITLE_SIZES = sorted({len(title) for title in _TITLES_BEFORE_STOP})
_ASIDE = re.compile(r"^[^,;.!?\n]*,\s*(?P<aside>[^,;.!?\n]{1,40}),\s*(?P<next>[\w’']+)")
# Openings of a subordinate clause longer than one word.
SUBORDINATING_PHRASES = ("now that", "by the time", "the moment", "every time", "each time", "any time",
                         "the minute", "as soon as", "as long as", "so long as", "in case", "not only",
                         "no matter")
RELATIVE_STOP = en.RELATIVES | {"that", "where", "when", "during", "whose"}
# Inside a phrase, words that open a clause of their own, whose verb is not the phrase's:
# "; last month as it faced a cash crunch", "; a 2-liter engine that's lighter".
# Not "as", "once", "while": "such factors as", "once again", "a while" are no clause.
OPENS_EMBEDDED_CLAUSE = frozenset({"although", "though", "whereas", "because", "unless", "if", "that's", "that’s"})
_PLURAL_PERSONS = frozenset({"i", "we", "you", "they"})
# Forms of "be" that never carry a clause's tense.
NON_FINITE = frozenset({"being", "been"})
# Not "that": "…said that if he…" opens a subordinate clause.
_ARTICLES = frozenset({"a", "an", "the"})


def words(text: str) -> list[str]:
    return WORD.findall(text)


def clause_words(text: str) -> list[str]:
    """The words up to the first punctuation that ends a phrase."""
    end = clause_end(text)
    return words(text[:end] if end != -1 else text)


def clause_end(text: str) -> int:
    """Where the first mark that ends a phrase stands in ``text``, or -1. The marks are found
    by one C-level search; the few that may not end one are looked at here."""
    m = _CLAUSE_MARK.search(text)
    while m is not None:
        i = m.start()
        mark = text[i]
        if mark == "," or mark == ":":
            if not (i and text[i - 1].isdecimal() and text[i + 1:i + 2].isdecimal()):
                return i
        elif mark == ".":
            after = text[i + 1:i + 2]
            if not (after.isdecimal() or "a" <= after <= "z" or _abbreviation_before(text, i)):
                return i
        else:
            return i
        m = _CLAUSE_MARK.search(text, i + 1)  # "12,500", "10:30", "3.5", "Example.org", "U.S.", "Mr."
    return -1


def _abbreviation_before(text: str, i: int) -> bool:
    """Whether the full stop at ``i`` closes a single letter ("U.", "J.") or a title ("Mr.")."""
    before = text[i - 1] if i else ""
    if not before.isalnum() or before.isdecimal():
        return False  # not a letter (a number's sign like "½" reads as one, as the pattern's \w does)
    if i == 1 or not _is_word_char(text[i - 2]):
        return True
    for size in _TITLE_SIZES:
        if size <= i and text[i - size:i] in _TITLES_BEFORE_STOP:
            return i == size or not _is_word_char(text[i - size - 1])
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def head_class(item: list[str]) -> str:
    """The grammatical shape of an item's first word, for telling parallel list items."""
    if not item:
        return "none"
    first = item[0]
    lower = first.lower()
    if lower in en.RELATIVES:
        return "relative"
    if en.is_participle(first):
        return "participle"
    if lower in en.DETERMINERS:
        return "determiner"
    if lower in en.BINDING_PREPOSITIONS or lower in en.ADVERBIAL_PREPOSITIONS:
        return "preposition"
    if lower in en.SUBORDINATORS or lower in {"when", "where", "if", "how", "why", "what"}:
        return "subordinate"
    if first[:1].isupper():
        return "capitalised"
    return "word"


def is_introductory_head(head: str) -> bool:
    return head in en.CONJUNCTIVE_ADVERBS or head in en.BINDING_PREPOSITIONS or \
        head in en.ADVERBIAL_PREPOSITIONS or head in en.SUBORDINATORS


def addresses(fragment: list[str]) -> bool:
    """Capitalised words only: a name, or a title, spoken to ("Vladimir Vladimirovich", "Sir")."""
    return all(w[:1].isupper() for w in fragment)


def is_pronoun_subject(word: str) -> bool:
    """A subject pronoun, alone or contracted with its verb ("it'll", "they're", "there's")."""
    lower = word.lower().replace("’", "'")
    base = lower.split("'", 1)[0] if "'" in lower else lower
    return (lower in en.PERSONAL_PRONOUNS or lower == "i") or (base != lower and base in en.SUBJECT_PRONOUNS | {"i"})


def opens_subject(word: str) -> bool:
    """Whether a word can begin the subject of a new clause."""
    lower = word.lower()
    return (lower in en.DETERMINERS or lower in en.SUBJECT_PRONOUNS or word == "I"
            or (word[:1].isupper() and lower not in en.COORDINATORS_PHRASE) or word[:1].isdigit())


def verb_after_aside(after: str) -> bool:
    """Whether the phrase, an aside set off by commas, then an auxiliary or a tensed verb the lists
    know make one clause ("; profits, by contrast, held steady").

    Without the aside ("; a glacial lake in the Cascades, has given"), the phrase is an
    appositive whose closing comma hands back to the main clause's verb.
    """
    m = _ASIDE.match(after)
    if not m:
        return False
    verb = m.group("next")
    if verb.lower() in en.AUXILIARIES:
        return True
    # Not a verb of saying ("; Germany, and co-author of the study, said": the appositive of a
    # speaker), nor after a coordinator, which joins rather than sets aside.
    aside = m.group("aside").split()
    if after.lstrip()[:1] in "“\"‘'«„":
        return False  # a quotation's commas set off a name spoken to ("“Sommers, you fool, you're")
    return verb.islower() and en.is_listed_finite_verb(verb) and verb.lower() not in en.QUOTING_VERBS \
        and bool(aside) and aside[0].lower() not in en.COORDINATORS_PHRASE | en.COORDINATORS_CLAUSE


def has_finite_verb(phrase: list[str], *, strict: bool = False) -> bool:
    """A tensed verb among the words, by the lists or by shape: a lowercase "-s" word right after
    a short noun phrase that opens like a subject ("The company employs", "this weakens"; not
    "fabric houses", "other crops", whose "-s" words are plural nouns of a list).

    ``strict``, for whether a clause follows a semicolon: an "-ed" word read as an adjective
    (:func:`_reads_as_adjective`), "being" and "been" ("those of the ensemble being generally
    satisfying") and an "-s" word after a count ("11 rebounds") are no tensed verb."""
    # "In May" is a month: a capitalised word past the first is a name, not a verb.
    for i, word in enumerate(phrase):
        if (i == 0 or not word[:1].isupper()) and en.is_finite_verb(word) \
                and not (strict and _not_a_tense(phrase, i)) and not _in_infinitive(phrase, i) \
                and not _passive_participle(phrase, i):
            return True
    return finite_by_shape(phrase, strict=strict) or plural_subject_and_base(phrase)


def finite_by_shape(phrase: list[str], *, strict: bool = False) -> bool:
    """The part of :func:`has_finite_verb` that knows a verb by its shape and place: a base form
    after a plural person ("we fund"), an "-s" word after a short subject ("this weakens").
    Adverbs that open the words are passed over; a participle or preposition after them opens
    a phrase, not a subject ("Again omitting recent developments", "Then in later years")."""
    skipped = 0
    while skipped < len(phrase) - 1 and _is_opening_adverb(phrase[skipped]):
        skipped += 1
    if skipped:
        head = phrase[skipped].lower()
        if en.is_participle(head) or head in en.BINDING_PREPOSITIONS or head in en.ADVERBIAL_PREPOSITIONS:
            return False
        phrase = phrase[skipped:]
    if not phrase or not opens_subject(phrase[0]):
        return False
    for i in range(1, min(len(phrase), 4)):
        word, before = phrase[i], phrase[i - 1].lower()
        if before in _PLURAL_PERSONS and word.islower() and word not in en.FUNCTION_WORDS \
                and not word.endswith("ly"):
            return True  # "we fund", "they need": after a plural person, the verb's base form

        if word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) \
                and (before not in en.DETERMINERS or before in en.SINGULAR_DEMONSTRATIVES) \
                and before not in en.BINDING_PREPOSITIONS and not (strict and _is_count(before)) \
                and before not in _COUNT_WORDS:
            return True
    return False


def _is_opening_adverb(word: str) -> bool:
    lower = word.lower()
    return lower in en.CONJUNCTIVE_ADVERBS or lower in en.PHRASE_ADVERBS


# What an infinitive holds after its "to" before the verb it carries ("to be mended", "to
# have gone").
_INFINITIVE_AUXILIARIES = frozenset({"be", "have", "been"})


def _passive_participle(phrase: list[str], i: int) -> bool:
    """Whether the "-ed" word at ``i`` is a participle with its agent ("a writ issued by the
    justice"): no auxiliary before it, "by" after. A listed verb ("told by") reads as it always
    has; "with" after it may follow a verb as well ("an increase occurred with …")."""
    word = phrase[i]
    if en.is_listed_finite_verb(word) or i + 1 >= len(phrase) or phrase[i + 1].lower() != "by":
        return False
    return i == 0 or phrase[i - 1].lower() not in en.AUXILIARIES


def _in_infinitive(phrase: list[str], i: int) -> bool:
    """Whether the verb at ``i`` belongs to an infinitive ("to be mended", "to have gone"):
    it carries no tense."""
    j = i - 1
    while j >= 0 and j >= i - 2 and phrase[j].lower() in _INFINITIVE_AUXILIARIES:
        j -= 1
    return j >= 0 and phrase[j].lower() == "to"


def _reads_as_adjective(word: str, before: str) -> bool:
    """An "-ed" word the lists do not know as a verb, read as an adjective: after an article
    or a possessive ("an owned exchange", "their radiated power"), after an adverb in "-ly"
    ("a terribly overcrowded prison"), or in a compound ("a trade-focused firm")."""
    if en.is_listed_finite_verb(word):
        return False
    return "-" in word or before.lower() in en.DETERMINERS or (before.islower() and before.endswith("ly"))


# Numbers written out, before a plural noun ("twenty minutes", "a dozen eggs"), not a subject
# and its verb.
_COUNT_WORDS = frozenset("""eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen""".split())


def _is_count(word: str) -> bool:
    """A number that counts ("11", "2,500"), not a year that may be a subject ("2019 marks")."""
    return word[:1].isdigit() and not (len(word) == 4 and word.isdigit())


def has_verb(phrase: list[str], *, strict: bool = False) -> bool:
    """A verb of any form among the words; ``strict`` as in :func:`has_finite_verb`."""
    return any(en.is_verb(w) and not (strict and _not_a_tense(phrase, i)) for i, w in enumerate(phrase))


def _not_a_tense(phrase: list[str], i: int) -> bool:
    """Whether the verb-like word at ``i`` carries no tense, read strictly: "being", "been", an
    "-ed" adjective."""
    word = phrase[i]
    return word.lower() in NON_FINITE or (i > 0 and _reads_as_adjective(word, phrase[i - 1]))


def is_introduction(phrase: list[str]) -> bool:
    """Whether the words open with what introduces a main clause: a subordinator, "to", a
    participle, a preposition ("Instead of reaching for a snack")."""
    head = phrase[0].lower()
    second = phrase[1].lower() if len(phrase) > 1 else ""
    return head in en.LEFT_SUBORDINATORS or head == "to" or en.is_participle(head) \
        or head in en.BINDING_PREPOSITIONS or head in en.ADVERBIAL_PREPOSITIONS or head in en.INTRO_HEADS \
        or (head.endswith("ly") or head in {"long", "once", "newly", "recently"}) and en.is_participle(second)


def main_clause_after_comma(left: str) -> bool:
    """Whether the words after the last comma (or, in a mill's text, semicolon) are a main
    clause: a subject, then a tensed verb; not a subordinate clause, a relative clause or a
    phrase ("…, shortly before voting began", "…, which holds", "…; took a look")."""
    comma = max(left.rfind(", "), left.rfind("; "))
    if comma == -1:
        return False
    tail = words(left[comma:])
    while tail and tail[0].lower().endswith("ly"):
        tail = tail[1:]
    if not tail:
        return False
    first = tail[0].lower()
    if first in en.LEFT_SUBORDINATORS or first in en.BINDING_PREPOSITIONS or first in en.COORDINATORS_PHRASE \
            or first in RELATIVE_STOP or not opens_subject(tail[0]):
        return False
    return any(en.is_finite_verb(w) for w in tail[1:])


def subordinate_tail(phrase: list[str]) -> bool:
    """Whether the words end in a subordinate clause with nothing of the main clause after it:
    "but if you wish to conceal your identity", "when pollution gets high enough"."""
    for i in range(len(phrase) - 1, -1, -1):
        lower = phrase[i].lower()
        opening = _subordinating_phrase_at(phrase, i) if lower in _SUBORDINATING_BY_HEAD else 0
        if opening:
            # "but by the time the board voted": a subject and its verb must follow the phrase
            # ("the moment" alone is a noun).
            rest = phrase[i + opening:]
            if len(rest) >= 2 and has_finite_verb(rest):
                before = phrase[i - 1].lower() if i else ""
                return i == 0 or before in en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE \
                    or before in en.LEFT_SUBORDINATORS or len(phrase) - i <= 12
        if lower in en.LEFT_SUBORDINATORS and lower not in {"as", "since", "after", "before", "once"}:
            before = phrase[i - 1].lower() if i else ""
            if before in _ARTICLES:
                continue  # "for a while": a noun after its article, no subordinate clause
            return i == 0 or before in en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE \
                or before in en.LEFT_SUBORDINATORS or len(phrase) - i <= 12
    return False


# The subordinating phrases, by their first word, as word tuples.
_SUBORDINATING_BY_HEAD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in SUBORDINATING_PHRASES:
    _SUBORDINATING_BY_HEAD.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))


def _subordinating_phrase_at(phrase: list[str], i: int) -> int:
    """The length of a subordinating phrase ("by the time") that starts at word ``i``, or 0."""
    for candidate in _SUBORDINATING_BY_HEAD.get(phrase[i].lower(), ()):
        if tuple(w.lower() for w in phrase[i:i + len(candidate)]) == candidate:
            return len(candidate)
    return 0


def says_no_attribution(before_verb: list[str], verb: str) -> bool:
    """Whether the words before a verb of saying make it negated or passive ("he never said",
    "the treasurer wouldn't say", "no complications were reported"): a clause of its own. A
    passive attribution names the hearer ("the court was told", "we are told") or nobody ("it
    was announced today")."""
    if any(w.lower() in en.NEGATIONS or w.lower() in _NEGATIVE_SUBJECTS or w.endswith(("n't", "n’t"))
           for w in before_verb):
        return True  # "; nobody told me.", "; no official said.": a statement, not a source
    return bool(before_verb) and before_verb[-1].lower() in en.PASSIVE_AUXILIARIES \
        and verb.lower() != "told" and before_verb[0].lower() != "it"


# Subjects that deny: a verb of saying after them says that nothing was said.
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "nothing", "neither", "no"})


def says_what(after_verb: list[str]) -> bool:
    """Whether the words after a verb of saying are what was said ("said no", "said nothing",
    "say it drags", "was told why"): the verb has its object, and the clause is one of its own.
    After an attribution's verb come only when, where, how or to whom it was said."""
    first = after_verb[0].lower()
    if first == "to" and len(after_verb) > 1:
        # "were told to stay indoors": what they were told; not "said to the court", "said to
        # me later".
        return after_verb[1].islower() and after_verb[1] not in en.FUNCTION_WORDS \
            and after_verb[1] not in en.DETERMINERS and after_verb[1] not in _HEARERS
    return first in _WHAT_WAS_SAID or (len(after_verb) > 1 and is_pronoun_subject(after_verb[0])
                                       and (after_verb[0][:1].islower() or after_verb[0] == "I"))


# Who is spoken to, after "to".
_HEARERS = en.OBJECT_PRONOUNS | {"it"}
# Words that are what was said, standing right after the verb of saying.
_WHAT_WAS_SAID = frozenset({"no", "yes", "nothing", "something", "everything", "anything", "so", "otherwise",
                            "why", "what", "how", "whether", "little"})


def reporting_clause(following: list[str], *, closes_sentence: bool = True) -> bool:
    """ "the company said", "its board confirmed on Thursday", "trade experts say", "the
    military said in a statement", "say officials": a short attribution closing the sentence.
    ``closes_sentence``: the words run to the sentence's end (not to a comma or semicolon
    inside it, where "I regret to say" may be a parenthesis)."""
    if following and following[0].lower() in en.REPORTING_VERBS and len(following) <= 5:
        return True
    if len(following) == 2 and following[0].lower() in en.PARENTHETICAL_SUBJECTS \
            and following[1].lower() in en.PARENTHETICAL_VERBS:
        return True  # "; we believe; prove", "; you know.": a parenthesis, with nothing after its verb
    if 2 <= len(following) <= 3 and following[-1].islower() and following[-1].endswith("ed") \
            and following[0][:1].isupper():
        return True  # "Dempsey stressed."
    for i, word in enumerate(following[:7]):
        if word.lower() in en.REPORTING_VERBS and i >= 1:
            if says_no_attribution(following[:i], word) or (closes_sentence and following[i - 1].lower() == "to"):
                return False  # "; there was little more to say.": an infinitive, in a clause of its own
            rest = following[i + 1:]
            if rest and says_what(rest):
                return False
            # "said in a statement on Sunday", but not "continued to minimise its role".
            return len(rest) <= 3 or (len(rest) <= 7 and rest[0].lower() in en.BINDING_PREPOSITIONS
                                      and rest[0].lower() != "to")
    return False
