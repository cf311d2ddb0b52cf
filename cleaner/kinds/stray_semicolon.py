"""Stray semicolons: content mills and spinners put ``;`` where a comma, or nothing, belongs.

Each semicolon in prose is read in its context (the words after it, the fragment before it)
and gets a verdict: keep it (two independent clauses, a list whose items hold commas), make it
a comma (conjunction, relative pronoun, participle, appositive, vocative, sentence-level
preposition), or drop it (a preposition that continues the phrase, unless an appositive before
it must close with a comma).

Single verdicts are not trusted alone: real, edited prose has the odd ``; which`` or ``; in``.
The rule acts on a document only when its semicolons, taken together, look like a mill's:
enough that stand where a semicolon cannot, and more of those than plausible ones. A
well-edited essay with a few correct semicolons is left exactly as it is.

Work is proportional to the text: each semicolon looks at a bounded window around itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from cleaner.code_regions import fenced_blocks
from cleaner.document import Document, Edit
from cleaner.kinds import _english as en
from cleaner.kinds.base import Param, Rule, register

_WINDOW_BEFORE = 400
_WINDOW_AFTER = 160
_SPACE_AFTER = " \t\u00a0\u2009\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
_CLOSING_QUOTES = "”\"’'»"
_OPENING_QUOTES = "“\"‘«„"
_WORD = re.compile(r"[^\W_](?:[\w’'.\-]*\w)?")
# A sentence ends at . ! ? … before a capital, but not after an initial ("Patrick W. Carlineo")
# or a title ("Dr. Reyes").
_SENTENCE_END = re.compile(
    # The lookahead first: at most positions it fails at once, before any lookbehind runs.
    r"(?=[.!?…])(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)(?<!\bGen)(?<!\bGov)"
    r"(?<!\bSen)(?<!\bRep)(?<!\bProf)(?<!\bRev)(?<!\bNo)(?<!\bvs)"
    r"[.!?…][”\"’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n")
_ENTITY_TAIL = re.compile(r"&#?[0-9A-Za-z]{1,10}$")
# A line of code: braces, a C-style for, comparison or increment operators, a statement ending
# the line with ";", or a declaration. A ")" before a semicolon in prose is not enough.
_CODE_LINE = re.compile(
    r"[{}]|\bfor\s*\(|==|!=|\+\+|:=|;\s*$|\b(?:var|let|const|int|return)\s+\w+\s*[=;]", re.MULTILINE)
_URLISH = re.compile(r"(?:://|^www\.|\.(?:com|org|net|gov|edu|io|co)\b)", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[,;:.!?()\n—–]")
# A coordinator after a comma or semicolon opens a clause of its own inside the sentence.
_COORDINATED_CLAUSE = re.compile(r"[,;] (?:and|but|so|yet|or)\b(?!.*[,;] (?:and|but|so|yet|or)\b)")
# Openings of a subordinate clause longer than one word.
_SUBORDINATING_PHRASES = ("now that", "by the time", "the moment", "every time", "each time", "any time",
                          "the minute", "as soon as", "as long as", "so long as", "in case", "not only",
                          "no matter")
# Last words that leave a clause unfinished: an infinitive's "to", an article, a filler.
_UNFINISHED_ENDS = frozenset({"to", "the", "a", "an", "of", "and", "or", "but", "with", "from", "by",
                              "which", "who", "whose", "like", "well", "guess", "mean"})
_CITATION_TAIL = re.compile(r"\s*\d+\s*(?:\(\d+\)\s*)?:")
# The longest introductory idiom ("having said that") fits well inside this many characters.
_IDIOM_REACH = 40
_RELATIVE_STOP = en.RELATIVES | {"that", "where", "when", "during", "whose"}


@dataclass(frozen=True, slots=True)
class Site:
    """One semicolon in prose and what it should become."""

    pos: int
    verdict: str  # "keep" | "comma" | "drop"
    reason: str
    strong: bool = False
    # For a list separator: the verdict read alone, used when a mill's document makes the
    # list itself doubtful (its commas may be survivors of the spinner, not item structure).
    alone: Site | None = None


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clause_words(text: str) -> list[str]:
    """The words up to the first punctuation that ends a phrase."""
    stop = _CLAUSE_STOP.search(text)
    return _words(text[: stop.start()] if stop else text)


LIST_WITH_COMMAS = "separates list items that hold commas"
# Verdicts that keep a semicolon on the strength of what follows it alone.
_CLAUSE_KEEPS = frozenset({"an independent clause follows", "a pronoun opens a clause",
                           "a preposition opening a new clause"})
LIST_PLAIN = "separates parallel list items"


def _head_class(words: list[str]) -> str:
    """The grammatical shape of an item's first word, for telling parallel list items."""
    if not words:
        return "none"
    first = words[0]
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


def _introduces(words: list[str], *, quoted: bool) -> bool:
    """Whether a verbless fragment opening a sentence is an introduction or an address.

    "However", "In 2019", "Yesterday", a name spoken to ("Vladimir Vladimirovich") or a name
    at the head of a quotation; not a note-style fragment such as "No swallows yet".
    """
    head = words[0].lower()
    if head in en.CONJUNCTIVE_ADVERBS or head in en.BINDING_PREPOSITIONS or \
            head in en.ADVERBIAL_PREPOSITIONS or head in en.SUBORDINATORS:
        return True
    return all(w[:1].isupper() for w in words) and (quoted or len(words) >= 2)


def _opens_subject(word: str) -> bool:
    """Whether a word can begin the subject of a new clause."""
    lower = word.lower()
    return (lower in en.DETERMINERS or lower in en.SUBJECT_PRONOUNS or word == "I"
            or (word[:1].isupper() and lower not in en.COORDINATORS_PHRASE) or word[:1].isdigit())


_ASIDE = re.compile(r"^[^,;.!?\n]*,\s*[^,;.!?\n]{1,40},\s*(?P<next>[\w’']+)")


def _verb_after_aside(after: str) -> bool:
    """Whether the phrase, an aside set off by commas, then an auxiliary make one clause.

    Without the aside ("; a glacial lake in the Cascades, has given"), the phrase is an
    appositive whose closing comma hands back to the main clause's verb.
    """
    m = _ASIDE.match(after)
    return bool(m) and m.group("next").lower() in en.AUXILIARIES


def _has_finite_verb(words: list[str]) -> bool:
    """A tensed verb among the words, by the lists or by shape: a lowercase "-s" word right after
    a short noun phrase ("The company employs", "rye feeds")."""
    # "In May" is a month: a capitalised word past the first is a name, not a verb.
    if any(en.is_finite_verb(w) for i, w in enumerate(words) if i == 0 or not w[:1].isupper()):
        return True
    for i in range(1, min(len(words), 4)):
        word, before = words[i], words[i - 1].lower()
        if word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) \
                and before not in en.DETERMINERS and before not in en.BINDING_PREPOSITIONS:
            return True
    return False


def _has_verb(words: list[str]) -> bool:
    return any(en.is_verb(w) for w in words)


def _is_introduction(words: list[str]) -> bool:
    """Whether the words open with what introduces a main clause: a subordinator, "to", a
    participle, a preposition ("Instead of reaching for a snack")."""
    head = words[0].lower()
    second = words[1].lower() if len(words) > 1 else ""
    return head in en.LEFT_SUBORDINATORS or head == "to" or en.is_participle(head) \
        or head in en.BINDING_PREPOSITIONS or head in en.ADVERBIAL_PREPOSITIONS or head in en.INTRO_HEADS \
        or (head.endswith("ly") or head in {"long", "once", "newly", "recently"}) and en.is_participle(second)


def _left_is_no_clause(left: str, words: list[str]) -> str | None:
    """Why the words before a semicolon are no independent clause, or None if they are one."""
    # "However, with three diagnoses": the adverb and its comma stand outside the clause.
    if words[0].lower() in en.CONJUNCTIVE_ADVERBS and len(words) > 1 and \
            left.lstrip().lower().startswith(words[0].lower() + ","):
        left = left.split(",", 1)[1]
        words = words[1:]
    head = words[0].lower()
    second = words[1].lower() if len(words) > 1 else ""
    if head in {"even", "only", "just", "and", "but", "so"} and second in en.LEFT_SUBORDINATORS:
        head = second  # "Even if Ford had found an audience"
    opening = " ".join(w.lower() for w in words[:3])
    if opening.startswith(_SUBORDINATING_PHRASES):
        return "the clause before is subordinate"  # "By the time he learned", "Now that you know"
    last = words[-1].lower()
    if last in _UNFINISHED_ENDS:
        return "the clause before is unfinished"  # "But I was able to; I guess", "…, like; I just"
    if words[-1].lower() in {"is", "was"} and len(words) <= 4:
        return "the clause before waits for its complement"  # "The problem is;"
    if head in {"should", "had", "were"} and (second in en.DETERMINERS or second in en.PERSONAL_PRONOUNS):
        return "the clause before is a condition"  # "Should the weather turn"
    if words[-1].lower() == "though" and left.rstrip().endswith((", though", ",though")):
        return "the clause before ends with 'though'"
    introduced = head in en.LEFT_SUBORDINATORS or _is_introduction(words)
    if len(words) <= 5 and not _has_finite_verb(words):
        return "a short phrase, not a clause, comes before"
    if not _has_finite_verb(words):
        return "no clause comes before"
    if " ".join(words).lower() in en.INTRO_IDIOMS:
        return "after an introductory phrase"
    if not introduced:
        if SemicolonReader._subordinate_tail(words[-16:]) and not _main_clause_after_comma(left):
            return "the clause before ends subordinate"
        return None
    if _main_clause_after_comma(left):
        return None  # "If you want one, the Slate is the best buy; I expect…"
    if head in en.LEFT_SUBORDINATORS:
        return "the clause before is subordinate"
    if head == "to":
        return "an infinitive phrase, not a clause, comes before"
    # Verbs of an embedded clause do not make the phrase a clause ("Featuring a design that is
    # new"), and after a preposition an "-ed" word is a participle ("In his physical conducted
    # in 2018"): only a verb the lists know, before any such clause, makes it one.
    main = []
    for word in words:
        if main and (word.lower() in _RELATIVE_STOP or word.lower() in en.LEFT_SUBORDINATORS):
            break
        main.append(word)
    if not any(en.is_listed_finite_verb(w) for w in main[1:]):
        return "an introductory phrase, not a clause, comes before"
    return None


def _main_clause_after_comma(left: str) -> bool:
    """Whether the words after the last comma (or, in a mill's text, semicolon) are a main
    clause: a subject, then a tensed verb; not a subordinate clause, a relative clause or a
    phrase ("…, shortly before voting began", "…, which holds", "…; took a look")."""
    comma = max(left.rfind(", "), left.rfind("; "))
    if comma == -1:
        return False
    words = _words(left[comma:])
    while words and words[0].lower().endswith("ly"):
        words = words[1:]
    if not words:
        return False
    first = words[0].lower()
    if first in en.LEFT_SUBORDINATORS or first in en.BINDING_PREPOSITIONS or first in en.COORDINATORS_PHRASE \
            or first in _RELATIVE_STOP or not _opens_subject(words[0]):
        return False
    return any(en.is_finite_verb(w) for w in words[1:])


class SemicolonReader:
    """Reads every semicolon of a text and proposes a verdict for each.

    One pass from left to right: the current line's facts (is it code, where are its
    backticks) and the current sentence's start are carried forward, so a long line or
    sentence full of semicolons is read once, not once per semicolon.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.fences = fenced_blocks(text)

    def read(self) -> list[tuple[int, list[int]]]:
        """The prose semicolons grouped by sentence: ``[(sentence_start, [pos, ...]), ...]``."""
        text = self.text
        groups: list[tuple[int, list[int]]] = []
        line_end = -1
        line_start = 0
        code_line = False
        backticks: list[int] = []
        fence_index = 0
        sentence_start, scanned = 0, 0
        pos = text.find(";")
        while pos != -1:
            if pos > line_end:
                line_start = text.rfind("\n", 0, pos) + 1
                line_end = text.find("\n", pos)
                line_end = len(text) if line_end == -1 else line_end
                line = text[line_start:line_end]
                code_line = bool(_CODE_LINE.search(line))
                backticks = [i for i, ch in enumerate(line) if ch == "`"] if "`" in line else []
            while fence_index < len(self.fences) and self.fences[fence_index][1] <= pos:
                fence_index += 1
            in_fence = fence_index < len(self.fences) and self.fences[fence_index][0] <= pos
            in_code_span = bool(backticks) and bisect.bisect_left(backticks, pos - line_start) % 2 == 1
            if not (code_line or in_fence or in_code_span) and self.is_prose_semicolon(pos, line_start):
                for m in _SENTENCE_END.finditer(text, scanned, pos):
                    sentence_start = m.end()
                scanned = pos
                if groups and groups[-1][0] == sentence_start:
                    groups[-1][1].append(pos)
                else:
                    groups.append((sentence_start, [pos]))
            pos = text.find(";", pos + 1)
        return groups

    def is_prose_semicolon(self, pos: int, line_start: int) -> bool:
        """Whether the semicolon at ``pos`` (not in code) is punctuation of prose."""
        text = self.text
        if pos == 0 or pos + 1 >= len(text):
            return False
        after = text[pos + 1]
        if after in _CLOSING_QUOTES:
            if pos + 2 >= len(text) or text[pos + 2] not in _SPACE_AFTER:
                return False
        elif after not in _SPACE_AFTER:
            # TL;DR, a;b, ;) and entities all have no space after the semicolon.
            return False
        before = text[pos - 1]
        if before.isspace():
            return False
        if _ENTITY_TAIL.search(text, max(line_start, pos - 12), pos):
            return False
        # A semicolon followed by a space is outside any URL (URLs hold no spaces), but one
        # before a web address introduces it: "Limited seating; www.example.org".
        nxt = _words(text[pos + 1: pos + 40])
        return not (nxt and _URLISH.search(nxt[0]))

    def recheck_left(self, site: Site) -> Site:
        """In a mill's document, keep a semicolon only if a clause stands on both sides of it."""
        if site.verdict != "keep" or site.reason not in _CLAUSE_KEEPS:
            return site
        pos = site.pos
        left = self._clause_before(pos)
        words = _words(left)
        if not words:
            return site
        right = self.text[pos + 1:pos + 200]
        following = _words(right[:40])
        if following and following[0] in en.IMPERATIVES | en.BASE_VERBS and not _is_introduction(words):
            return site  # "Arrive early; take the train": two commands, no subject needed
        reason = self._right_is_no_clause(site, right) or _left_is_no_clause(left, words)
        return Site(pos, "comma", reason) if reason else site

    def _clause_before(self, pos: int) -> str:
        """The text of the clause that ends at ``pos``: from the sentence start, or from a colon,
        a dash, a quotation still open, or a coordinator after a comma ("…; but at this time")."""
        start = max(self.text.rfind("\n", 0, pos) + 1, pos - _WINDOW_BEFORE)
        for m in _SENTENCE_END.finditer(self.text, start, pos):
            start = m.end()
        left = self.text[start:pos]
        cut = max(left.rfind(": "), left.rfind(" — "), left.rfind(" – "))
        quote = max(left.rfind(q) for q in "“«„")
        if quote > cut and not any(q in left[quote:] for q in "”»"):
            cut = quote
        tail_start = max(0, len(left) - 120)
        coordinated = _COORDINATED_CLAUSE.search(left, tail_start)
        if coordinated:
            cut = max(cut, coordinated.end())
        return left[cut + 1:] if cut != -1 else left

    @staticmethod
    def _right_is_no_clause(site: Site, right: str) -> str | None:
        if site.reason == "an independent clause follows" and not _has_finite_verb(
                _clause_words(right)[:7]) and not _verb_after_aside(right):
            # Read alone, any verb made a clause; in a mill's text a tensed one must come early.
            return "no tensed verb opens a clause after it"
        if site.reason == "a preposition opening a new clause":
            after_comma = right.partition(",")[2]
            if not _has_finite_verb(_clause_words(after_comma)[:6]):
                return "a prepositional phrase continues the sentence"  # "; along with A, B and C"
        return None

    @staticmethod
    def _subordinate_tail(words: list[str]) -> bool:
        """Whether the words end in a subordinate clause with nothing of the main clause after it:
        "but if you wish to conceal your identity", "when pollution gets high enough"."""
        for i in range(len(words) - 1, -1, -1):
            lower = words[i].lower()
            if lower in en.LEFT_SUBORDINATORS and lower not in {"as", "since", "after", "before", "once"}:
                before = words[i - 1].lower() if i else ""
                return i == 0 or before in en.COORDINATORS_CLAUSE | en.COORDINATORS_PHRASE \
                    or before in en.LEFT_SUBORDINATORS or len(words) - i <= 12
        return False

    def judge_sentence(self, start: int, positions: list[int]) -> list[Site]:
        sites = []
        clause_start = start
        for pos in positions:
            # Windows are bounded, so a sentence that runs for pages costs no more per semicolon.
            window_start = max(start, pos - _WINDOW_BEFORE)
            sites.append(self.judge(pos, window_start, max(clause_start, window_start)))
            clause_start = pos + 1
        if len(positions) >= 2:
            kind = self._list_kind(start, positions, sites)
            if kind:
                serial = _words(self.text[positions[-1] + 1: positions[-1] + 20])[:1]
                if kind == LIST_WITH_COMMAS and not (serial and serial[0].lower() in en.COORDINATORS_PHRASE):
                    return [Site(site.pos, "keep", kind, alone=site) for site in sites]
                return [Site(p, "keep", kind) for p in positions]
        return sites

    def _list_kind(self, start: int, positions: list[int], sites: list[Site]) -> str | None:
        """Whether the semicolons separate the items of one list, and of which kind.

        "Lyon, France; Porto, Portugal; and Graz, Austria": items holding commas. "from a blog
        post; an email inbox; a webinar; and a stage": parallel items, closed by "and"/"or".
        """
        text = self.text
        bounds = [max(start - 1, positions[0] - _WINDOW_BEFORE), *positions[:-1]]
        if all("," in text[a + 1:b] for a, b in zip(bounds, positions, strict=True)):
            return LIST_WITH_COMMAS
        heads = []
        for pos in positions:
            words = _words(text[pos + 1: pos + 80])
            if words and words[0].lower() in en.COORDINATORS_PHRASE:
                words = words[1:]
            heads.append(_head_class(words))
        closes_with_and = _words(text[positions[-1] + 1: positions[-1] + 20])[:1]
        closes_with_and = bool(closes_with_and) and closes_with_and[0].lower() in en.COORDINATORS_PHRASE
        # The last item, after "and", may take another shape: "a podcast; a stage; and inside a book".
        compared = heads[:-1] if closes_with_and and len(heads) > 2 else heads
        parallel = len(set(compared)) == 1 and compared[0] not in {"relative", "none"}
        # Two semicolons before "and" are a list only if neither is impossible as a separator;
        # "Calder's group; working with ...; and checked" is a mill's sentence, not a list.
        if parallel and (len(positions) >= 3 or (closes_with_and and not any(s.strong for s in sites))):
            return LIST_PLAIN
        return None

    def judge(self, pos: int, sentence_start: int, clause_start: int) -> Site:
        text = self.text
        after = text[pos + 1: pos + 1 + _WINDOW_AFTER]
        quote_closes = after[:1] in _CLOSING_QUOTES
        if quote_closes:
            after = after[1:]
        end = _SENTENCE_END.search(after)
        if end:
            after = after[: end.start() + 1]
        following = _words(after)
        if not following:
            return Site(pos, "keep", "no words follow")
        first, lower = following[0], following[0].lower()
        if text[pos - 1].isdigit() and first[:1].isdigit():
            if _CITATION_TAIL.match(after):
                return Site(pos, "keep", "a citation")  # "2015; 28: 685-690": year; volume: pages
            # In a mill's text, "November 18; 2019" and "6-4; 7-6" were commas.
            return Site(pos, "keep", "between numbers", alone=Site(pos, "comma", "between numbers"))
        if quote_closes:
            # “We will win;” she said: the quotation's own comma.
            return Site(pos, "comma", "before a closing quote", strong=True)
        if after.lstrip()[:1] in _OPENING_QUOTES:
            said = _words(text[max(clause_start, pos - 60):pos])[-6:]
            if any(w.lower() in en.REPORTING_VERBS for w in said):
                # She said; “We will win.”: the quotation is introduced with a comma.
                return Site(pos, "comma", "introduces a quotation", strong=True)

        # The fragment since the sentence or quotation began: "However;", "In 2020;", a
        # vocative “Vladimir Vladimirovich;”. No clause fits there, so no semicolon does.
        if clause_start == sentence_start:
            before = text[sentence_start:pos]
            opening = max((before.rfind(q) for q in _OPENING_QUOTES), default=-1)
            # Three words fit in 60 characters; a longer stretch is no fragment to read.
            fragment = before[opening + 1:]
            fragment_words = _words(fragment) if len(fragment) <= 60 else []
            if fragment_words and len(fragment_words) <= 3 and not _has_verb(fragment_words) \
                    and _introduces(fragment_words, quoted=opening >= 0):
                return Site(pos, "comma", "after an introductory fragment", strong=True)
            sentence_words = _words(before[:40])
            if sentence_words and sentence_words[0].lower() in en.IMPERATIVES and lower in en.IMPERATIVES:
                return Site(pos, "keep", "joins two commands")

        if _opens_with_idiom(after):
            # "; as a result, the plant closed": a many-word conjunctive adverb, then the clause.
            return Site(pos, "keep", "before a conjunctive phrase")
        if lower in en.RELATIVES or lower == "where" or (
                len(following) > 2 and following[1].lower() == "of" and following[2].lower() in en.RELATIVES):
            # "; which", "; where", "; none of which": a relative clause hangs on what precedes.
            return Site(pos, "comma", "before a relative pronoun", strong=True)
        if lower == "when":
            return Site(pos, "comma", "before a relative 'when'")
        if lower == "that" and len(following) > 1 and en.is_finite_verb(following[1]):
            # "gadgets from tech companies; that made a splash": a relative "that".
            return Site(pos, "comma", "before a relative 'that'", strong=True)
        if lower == "such" and len(following) > 1 and following[1].lower() == "as":
            return Site(pos, "comma", "before 'such as'")
        if lower == "rather" and len(following) > 1 and following[1].lower() == "than":
            return Site(pos, "drop", "'rather than' continues the phrase")
        if first.islower() and (lower in en.PHRASE_ADVERBS or (lower.endswith("ly") and len(lower) > 4
                                                              and lower not in en.CONJUNCTIVE_ADVERBS)):
            # "; particularly while…", "; only to find…": an adverb carrying the sentence on.
            return Site(pos, "comma", "before an adverb that continues the sentence")
        if lower in en.CONJUNCTIVE_ADVERBS and after.lstrip()[len(first):].lstrip()[:1] == ",":
            return Site(pos, "keep", "before a conjunctive adverb")
        if lower in en.COORDINATORS_CLAUSE:
            return Site(pos, "comma", f"before '{lower}'", strong=True)
        if lower in en.COORDINATORS_PHRASE:
            second = following[1] if len(following) > 1 else ""
            if second and _opens_subject(second):
                return Site(pos, "comma", f"'{lower}' joins two clauses")
            # "checking the data; and publishing it": two predicates of one subject.
            return Site(pos, "drop", f"'{lower}' joins two phrases")
        if lower in en.SUBORDINATORS:
            return Site(pos, "comma", "before a subordinating conjunction")
        if lower in en.ADVERBIAL_PREPOSITIONS:
            return Site(pos, "comma", "before a sentence-level preposition", strong=en.is_participle(first))
        if en.is_participle(first):
            return Site(pos, "comma", "before a participle", strong=True)
        if first.islower() and en.is_finite_verb(first) and lower not in en.SUBJECT_PRONOUNS:
            # "Estuary Lines; said the delay ...": a verb with no subject of its own belongs to
            # the clause before, whose appositive the semicolon should have closed.
            return Site(pos, "comma", "before the verb of the clause", strong=True)
        if lower in en.BINDING_PREPOSITIONS:
            if self._appositive_open(sentence_start, pos):
                return Site(pos, "comma", "closes an appositive before a preposition")
            phrase, comma, rest = after.partition(",")
            rest_words = _words(rest)
            if comma and rest_words and len(_words(phrase)) <= 6 and "\n" not in phrase and ";" not in phrase:
                if _opens_subject(rest_words[0]):
                    # "; in Mississippi, voters ...": an introductory phrase, then a clause of its own.
                    return Site(pos, "keep", "a preposition opening a new clause")
                following_word = rest_words[0].lower()
                if following_word in en.BINDING_PREPOSITIONS or following_word in en.ADVERBIAL_PREPOSITIONS:
                    # "complained; with good reason, about the noise": an aside needs both commas.
                    return Site(pos, "comma", "opens an aside closed by a comma")
            return Site(pos, "drop", "a preposition continues the phrase")
        if self._reporting_clause(_clause_words(after)):
            # "...above the minimum; the company said." The report's attribution, set off by a comma.
            return Site(pos, "comma", "before a reporting clause")
        if lower in en.PERSONAL_PRONOUNS and (first[:1].islower() or first == "I"):
            return Site(pos, "keep", "a pronoun opens a clause")
        # A noun phrase: with a verb it is a clause; without one, an appositive.
        phrase = []
        stopped_at_relative = False
        for word in _clause_words(after):
            if word.lower() in _RELATIVE_STOP and phrase:
                stopped_at_relative = True
                break
            phrase.append(word)
        if _has_verb(phrase):
            return Site(pos, "keep", "an independent clause follows")
        if not stopped_at_relative and _verb_after_aside(after):
            # "; the first team, she joked, would settle": the subject's verb comes after an aside.
            return Site(pos, "keep", "an independent clause follows")
        if lower in en.DETERMINERS or first[:1].isupper() or first[:1].isdigit():
            return Site(pos, "comma", "before an appositive")
        return Site(pos, "comma", "no clause follows")

    @staticmethod
    def _reporting_clause(following: list[str]) -> bool:
        """ "the company said", "its board confirmed on Thursday", "trade experts say", "the
        military said in a statement", "say officials": a short attribution closing the sentence."""
        if following and following[0].lower() in en.REPORTING_VERBS and len(following) <= 5:
            return True
        if 2 <= len(following) <= 3 and following[-1].islower() and following[-1].endswith("ed") \
                and following[0][:1].isupper():
            return True  # "Dempsey stressed."
        for i, word in enumerate(following[:7]):
            if word.lower() in en.REPORTING_VERBS and i >= 1:
                rest = following[i + 1:]
                # "said in a statement on Sunday", but not "continued to minimise its role".
                return len(rest) <= 3 or (len(rest) <= 7 and rest[0].lower() in en.BINDING_PREPOSITIONS
                                          and rest[0].lower() != "to")
        return False

    def _appositive_open(self, sentence_start: int, pos: int) -> bool:
        """Whether the words before ``pos`` are an appositive opened by a comma: "in Austin, Texas"."""
        before = self.text[sentence_start:pos]
        comma = before.rfind(",")
        if comma < 0:
            return False
        words = _words(before[comma + 1:])
        if not words or len(words) > 6 or _has_verb(words):
            return False
        head = words[0]
        return head[:1].isupper() or head[:1].isdigit() or head.lower() in en.DETERMINERS


@register
class StraySemicolon(Rule):
    kind = "stray_semicolon"
    summary = "Turn semicolons a content mill put in place of commas into commas (or nothing)."
    params = {
        "min_strong": Param(int, 2, "semicolons in impossible places (before 'which', a participle, "
                            "after 'However') a document needs before the rule acts", minimum=0),
        "min_share": Param(float, 0.5, "share of the document's prose semicolons that must look stray",
                           minimum=0.0),
        "min_stray": Param(int, 3, "alternatively, this many stray-looking semicolons of any kind, "
                           "together with min_share", minimum=1),
        "min_unread": Param(int, 8, "in a language the rule cannot read: semicolons needed", minimum=1),
        "min_unread_density": Param(float, 0.35, "in a language the rule cannot read: the density needed",
                                    minimum=0.0),
        "min_dense": Param(int, 6, "semicolons a document needs before its density counts as evidence",
                           minimum=1),
        "min_density": Param(float, 0.3, "share of semicolons among semicolons and commas that marks a "
                             "spinner's text on its own (with at least min_stray semicolons)", minimum=0.0),
    }

    def judge(self, text: str) -> tuple[str, list[Site]]:
        """Verdicts for every prose semicolon, and how the document is to be treated:
        ``"clean"`` (left alone), ``"mill"`` (English, fixed by verdict) or ``"mill-unread"``
        (a mill's semicolon density in a language the word lists cannot read: all become commas).
        """
        reader = SemicolonReader(text)
        sites: list[Site] = []
        for start, positions in reader.read():
            sites.extend(reader.judge_sentence(start, positions))
        if not sites:
            return "clean", sites
        # Semicolons among the clause marks: edited prose has a few per hundred commas; a
        # spinner that swapped commas leaves a third or more.
        density = len(sites) / (len(sites) + text.count(", "))
        dense = len(sites) >= self.min_dense and density >= self.min_density
        unread_mill = len(sites) >= self.min_unread and density >= self.min_unread_density
        stray = [s for s in sites if s.verdict != "keep"]
        strong = sum(1 for s in stray if s.strong)
        share = len(stray) / len(sites)
        # Density is evidence for a document whose stray semicolons often read as clause joins
        # one at a time; it still needs a share of them, and some that cannot be joins at all.
        mill = (share >= self.min_share and strong >= 1 and
                (strong >= self.min_strong or len(stray) >= self.min_stray)) or \
            (dense and share >= self.min_share / 2 and strong >= self.min_strong) or \
            (len(sites) >= self.min_stray and density >= self.min_density and share >= 0.75)
        if not mill and not unread_mill:
            return "clean", sites  # the usual case, decided without asking what the language is
        if not _reads_as_english(text):
            # Without the word lists only the density speaks, so it must speak loudly.
            return ("mill-unread" if unread_mill else "clean"), sites
        if not mill:
            return "clean", sites
        # In a mill's document a semicolon needs a clause on both sides to stay: the words
        # before it are checked too ("To limit drag; the car has" is an introduction).
        # A list with commas in its items but no closing "and"/"or" is read item by item there.
        sites = [site.alone if site.alone is not None else site for site in sites]
        return "mill", [reader.recheck_left(site) for site in sites]

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if ";" not in text:
            return []
        mode, sites = self.judge(text)
        if mode == "clean":
            return []
        if mode == "mill-unread":
            return [Edit(site.pos, site.pos + 1, ",", "a mill's semicolon density; the language is not one "
                         "the rule reads") for site in sites if site.reason != "a citation"]
        edits = []
        for site in sites:
            if site.reason == LIST_PLAIN:
                # A mill's "A; B; and C" was "A, B, and C": its items hold no commas to separate.
                edits.append(Edit(site.pos, site.pos + 1, ",", "list items without commas of their own"))
            elif site.verdict == "comma":
                edits.append(Edit(site.pos, site.pos + 1, ",", site.reason))
            elif site.verdict == "drop":
                edits.append(Edit(site.pos, site.pos + 1, "", site.reason))
        return edits


def _opens_with_idiom(after: str) -> bool:
    """Whether the text opens with an introductory idiom closed by a comma ("as a result, ")."""
    head, comma, _ = after[:_IDIOM_REACH].partition(",")
    return bool(comma) and " ".join(head.split()).lower() in en.INTRO_IDIOMS


def _reads_as_english(text: str) -> bool:
    """Whether enough of the words are English function words for the word lists to apply."""
    words = _WORD.findall(text, 0, 3000)
    if len(words) < 20:
        return True  # too short to tell; the per-semicolon evidence decides
    hits = sum(1 for w in words if w.lower() in en.FUNCTION_WORDS)
    return hits / len(words) >= 0.1
