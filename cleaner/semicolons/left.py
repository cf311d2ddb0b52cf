"""What precedes a semicolon: in a content mill's document a semicolon is kept only when a
clause stands on both sides of it, so the words before it are read too ("To limit drag; the
car has" is an introduction, not a clause)."""

from __future__ import annotations

import re

from cleaner.semicolons import english as en
from cleaner.semicolons import grammar as g
from cleaner.semicolons.reading import WINDOW_BEFORE, sentence_ends
from cleaner.semicolons.verdicts import Cue, Site, Verdict

# Verdicts that keep a semicolon on the strength of what follows it alone.
_CLAUSE_KEEPS = frozenset({Cue.INDEPENDENT_CLAUSE, Cue.PRONOUN_OPENS_CLAUSE, Cue.PREPOSITION_OPENS_CLAUSE,
                           Cue.PREPOSITION_THEN_CLAUSE, Cue.ADVERB_OPENS_CLAUSE})
# A coordinator after a comma or semicolon opens a clause of its own inside the sentence.
_COORDINATED_CLAUSE = re.compile(r"[,;] (?:and|but|so|yet|or)\b(?!.*[,;] (?:and|but|so|yet|or)\b)")
# Last words that leave a clause unfinished: an infinitive's "to", an article, a filler.
_UNFINISHED_ENDS = frozenset({"to", "the", "a", "an", "of", "and", "or", "but", "with", "from", "by",
                              "which", "who", "whose", "like", "well", "guess", "mean"})


def recheck_left(text: str, site: Site) -> Site:
    """In a mill's document, keep a semicolon only if a clause stands on both sides of it."""
    if site.verdict is not Verdict.KEEP or site.cue not in _CLAUSE_KEEPS:
        return site
    pos = site.pos
    left = _without_parentheses(clause_before(text, pos))
    left_words = g.words(left)
    if not left_words:
        before = g.words(text[max(0, pos - 12):pos])
        if before and before[-1].lower() in _UNFINISHED_ENDS:
            return Site(pos, Verdict.COMMA, Cue.LEFT_UNFINISHED)  # "…promises; but; as a safeguard, each"
        return site
    right = text[pos + 1:pos + 200]
    following = g.words(right[:40])
    if following and following[0] in en.IMPERATIVES | en.BASE_VERBS and not g.is_introduction(left_words):
        return site  # "Arrive early; take the train": two commands, no subject needed
    cue = _right_is_no_clause(site.cue, right)
    if cue is None and ";" not in left and _is_command(text, pos, left_words) \
            and len(g.clause_words(right)) >= _COMMAND_REACH:
        return site  # "Ask the porter at the desk; he keeps the keys": a command is a clause
    cue = cue or left_is_no_clause(left, left_words)
    return Site(pos, Verdict.COMMA, cue) if cue else site


# The fewest words a command and the clause after it each have to be read as such ("Make slight;
# smooth grooves" is no command, "Leave me alone; Gun thought." a thought's tag).
_COMMAND_REACH = 3


def _is_command(text: str, pos: int, left_words: list[str]) -> bool:
    """Whether the words before the semicolon open a sentence of narration with a command (in
    dialogue, "“Come on; there's chicken" may be the spinner's; its speaker's words follow)."""
    head = left_words[0] if left_words else ""
    if len(left_words) < _COMMAND_REACH or head.lower() not in en.IMPERATIVES or not head[:1].isupper() \
            or not left_words[1].islower():
        return False
    line = text[max(text.rfind("\n", 0, pos) + 1, pos - WINDOW_BEFORE):pos]
    return not any(q in line for q in "“”\"«»„")


# A parenthesis that opens and closes within the words before the semicolon (none nested).
_PARENTHESIS = re.compile(r"\([^()]*\)")


def _without_parentheses(left: str) -> str:
    """The words before the semicolon without their parentheses: an aside ("(and there are
    many)") lends its verb to no clause around it. Words that close a parenthesis opened before
    them ("there are plenty), schedules to be made") are the aside's end."""
    if ")" in left:
        opened = left.find("(")
        closed = left.find(")")
        if opened == -1 or closed < opened:
            left = left[left.rfind(")", 0, opened if opened != -1 else len(left)) + 1:]
    return _PARENTHESIS.sub(" ", left) if "(" in left else left


def clause_before(text: str, pos: int) -> str:
    """The text of the clause that ends at ``pos``: from the sentence start, or from a colon,
    a dash, a quotation still open, or a coordinator after a comma ("…; but at this time")."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - WINDOW_BEFORE)
    ends = sentence_ends(text, start, pos)
    if ends:
        start = ends[-1].end()
    left = text[start:pos]
    cut = max(left.rfind(": "), left.rfind(" — "), left.rfind(" – "))
    quote = max(left.rfind(q) for q in "“«„")
    if quote > cut and not any(q in left[quote:] for q in "”»"):
        cut = quote
    coordinated = _COORDINATED_CLAUSE.search(left, max(0, len(left) - 120))
    if coordinated and not _closes_a_series(left, coordinated):
        cut = max(cut, coordinated.end())
    return left[cut + 1:] if cut != -1 else left


def _closes_a_series(left: str, coordinated: re.Match) -> bool:
    """Whether "and"/"or" after a comma closes a series ("…met on Tuesday, Thursday, and
    Friday"): the last item, like the one before it, a short phrase with no verb, opening with no
    preposition or subordinator (", and by October" introduces what follows). The series
    belongs to the clause before it; a coordinated clause starts one of its own."""
    if coordinated.group()[0] != "," or coordinated.group()[2:] not in ("and", "or"):
        return False
    last = g.words(left[coordinated.end():])
    before = left[:coordinated.start()]
    comma = before.rfind(", ")
    item = g.words(before[comma + 2:]) if comma != -1 else []
    return all(_series_item(words) for words in (last, item))


def _series_item(words: list[str]) -> bool:
    if not 1 <= len(words) <= 4 or g.has_verb(words):
        return False
    head = words[0].lower()
    return head not in en.BINDING_PREPOSITIONS and head not in en.ADVERBIAL_PREPOSITIONS \
        and head not in en.LEFT_SUBORDINATORS and head not in en.SUBORDINATORS and not head.endswith("ly")


def _that_awaits_its_clause(left_words: list[str]) -> bool:
    """Whether the words end in a verb's "that" and a phrase opening what it introduces, with no
    verb yet ("suggest that at some point in history"): the clause is still to come. After a
    verb that takes no such clause, "that" is a pronoun ("Give that to me; you can keep…")."""
    lowered = [w.lower() for w in left_words]
    if "that" not in lowered[1:-1]:
        return False
    at = len(lowered) - 1 - lowered[::-1].index("that")
    verb, rest = left_words[at - 1], left_words[at + 1:]
    return verb.lower() in en.THAT_CLAUSE_VERBS and bool(rest) \
        and (lowered[at + 1] in en.BINDING_PREPOSITIONS or lowered[at + 1] in en.ADVERBIAL_PREPOSITIONS) \
        and not g.has_finite_verb(rest)


def _ends_with_introduction(left: str) -> bool:
    """Whether the words after the clause's last comma are a short phrase introducing what
    follows the semicolon ("VW says that, in such a configuration; 0-60 mph could arrive"): a
    preposition or subordinator and no tensed verb, so the semicolon stands where its comma was."""
    comma = left.rfind(", ")
    if comma < 0:
        return False
    tail = g.words(left[comma:])
    if not tail or len(tail) > 6:
        return False
    head = tail[0].lower()
    return (head in en.BINDING_PREPOSITIONS or head in en.ADVERBIAL_PREPOSITIONS or head in en.LEFT_SUBORDINATORS) \
        and not g.has_finite_verb(tail)


def _right_is_no_clause(cue: Cue, right: str) -> Cue | None:
    if cue is Cue.INDEPENDENT_CLAUSE and not g.has_finite_verb(g.clause_words(right)[:7]) \
            and not g.verb_after_aside(right):
        # Read alone, any verb made a clause; in a mill's text a tensed one must come early.
        return Cue.NO_TENSED_VERB_AFTER
    if cue is Cue.PREPOSITION_OPENS_CLAUSE:
        after_comma = right.partition(",")[2]
        if not g.has_finite_verb(g.clause_words(after_comma)[:6]):
            return Cue.PREPOSITIONAL_PHRASE_AFTER  # "; along with A, B and C"
    return None


def left_is_no_clause(left: str, left_words: list[str]) -> Cue | None:
    """Why the words before a semicolon are no independent clause, or None if they are one."""
    # "However, with three diagnoses", "Fortunately, although": the adverb and its comma stand
    # outside the clause (in a mill's text the comma may have become a semicolon).
    if (left_words[0].lower() in en.CONJUNCTIVE_ADVERBS or en.is_sentence_adverb(left_words[0])) \
            and len(left_words) > 1:
        opening = left.lstrip()
        mark = opening[len(left_words[0]):len(left_words[0]) + 1]
        if mark and mark in ",;" and opening[:len(left_words[0])].lower() == left_words[0].lower():
            left = opening[len(left_words[0]) + 1:]
            left_words = left_words[1:]
    head = left_words[0].lower()
    second = left_words[1].lower() if len(left_words) > 1 else ""
    if head in {"even", "only", "just", "and", "but", "so"} and second in en.LEFT_SUBORDINATORS:
        head = second  # "Even if Ford had found an audience"
    opening = " ".join(w.lower() for w in left_words[:3])
    if opening.startswith(g.SUBORDINATING_PHRASES):
        return Cue.LEFT_SUBORDINATE  # "By the time he learned", "Now that you know"
    last = left_words[-1].lower()
    if last in _UNFINISHED_ENDS or (last == "that" and len(left_words) > 1
                                    and en.is_finite_verb(left_words[-2])):
        # "But I was able to; I guess", "…, like; I just", "VW says that; in such a case"
        return Cue.LEFT_UNFINISHED
    if _that_awaits_its_clause(left_words):
        return Cue.LEFT_UNFINISHED  # "Studies suggest that at some point in history; the…"
    if last in {"is", "was"} and len(left_words) <= 4:
        return Cue.LEFT_WAITS_FOR_COMPLEMENT  # "The problem is;"
    if head in {"should", "had", "were"} and (second in en.DETERMINERS or second in en.PERSONAL_PRONOUNS):
        return Cue.LEFT_CONDITION  # "Should the weather turn"
    if last == "though" and left.rstrip().endswith((", though", ",though")):
        return Cue.LEFT_ENDS_WITH_THOUGH
    if _ends_with_introduction(left):
        return Cue.LEFT_ENDS_WITH_INTRODUCTION
    introduced = head in en.LEFT_SUBORDINATORS or g.is_introduction(left_words)
    if len(left_words) <= 5 and not g.has_finite_verb(left_words):
        return Cue.LEFT_SHORT_PHRASE
    if not g.has_finite_verb(left_words):
        return Cue.LEFT_NO_CLAUSE
    if " ".join(left_words).lower() in en.INTRO_IDIOMS:
        return Cue.LEFT_INTRO_IDIOM
    if not introduced:
        if g.subordinate_tail(left_words[-16:]) and not g.main_clause_after_comma(left):
            return Cue.LEFT_ENDS_SUBORDINATE
        return None
    if g.main_clause_after_comma(left):
        return None  # "If you want one, the Slate is the best buy; I expect…"
    if head in en.LEFT_SUBORDINATORS:
        return Cue.LEFT_SUBORDINATE
    if head == "to":
        return Cue.LEFT_INFINITIVE
    # Verbs of an embedded clause do not make the phrase a clause ("Featuring a design that is
    # new"), and after a preposition an "-ed" word is a participle ("In his physical conducted
    # in 2018"): only a verb the lists know, before any such clause, makes it one.
    main = []
    for word in left_words:
        if main and (word.lower() in g.RELATIVE_STOP or word.lower() in en.LEFT_SUBORDINATORS):
            break
        main.append(word)
    if not any(en.is_listed_finite_verb(w) for w in main[1:]):
        return Cue.LEFT_INTRODUCTORY_PHRASE
    return None
