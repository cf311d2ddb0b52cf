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

import re
from dataclasses import dataclass

from cleaner.document import Document, Edit
from cleaner.kinds import _english as en
from cleaner.kinds.base import Param, Rule, register

_WINDOW_BEFORE = 400
_WINDOW_AFTER = 300
_SPACE_AFTER = " \t\u00a0\u2009\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
_CLOSING_QUOTES = "”\"’'»"
_OPENING_QUOTES = "“\"‘«„"
_WORD = re.compile(r"[^\W_](?:[\w’'.\-]*\w)?")
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n")
_ENTITY_TAIL = re.compile(r"&#?[0-9A-Za-z]{1,10}$")
_CODE_LINE = re.compile(
    r"[{}]|\bfor\s*\(|\)\s*;|==|!=|\+\+|:=|;\s*$|\b(?:var|let|const|int|return)\s+\w+\s*[=;]", re.MULTILINE)
_URLISH = re.compile(r"(?:://|^www\.|\.(?:com|org|net|gov|edu|io|co)\b)", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[,;:.!?()\n—–]")
_RELATIVE_STOP = en.RELATIVES | {"that", "where", "when", "during", "whose"}


@dataclass(frozen=True, slots=True)
class Site:
    """One semicolon in prose and what it should become."""

    pos: int
    verdict: str  # "keep" | "comma" | "drop"
    reason: str
    strong: bool = False


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clause_words(text: str) -> list[str]:
    """The words up to the first punctuation that ends a phrase."""
    stop = _CLAUSE_STOP.search(text)
    return _words(text[: stop.start()] if stop else text)


LIST_WITH_COMMAS = "separates list items that hold commas"
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


def _has_verb(words: list[str]) -> bool:
    return any(en.is_verb(w) for w in words)


class SemicolonReader:
    """Reads every semicolon of a text and proposes a verdict for each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fences = self._fenced_ranges(text)

    @staticmethod
    def _fenced_ranges(text: str) -> list[tuple[int, int]]:
        if "```" not in text and "~~~" not in text:
            return []
        ranges, start = [], None
        for m in re.finditer(r"^[ \t]*(?:```|~~~)", text, re.MULTILINE):
            if start is None:
                start = m.start()
            else:
                ranges.append((start, m.end()))
                start = None
        if start is not None:
            ranges.append((start, len(text)))
        return ranges

    def _in_fence(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.fences)

    def is_prose_semicolon(self, pos: int) -> bool:
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
        line_start = text.rfind("\n", 0, pos) + 1
        head = text[max(line_start, pos - 12):pos]
        if _ENTITY_TAIL.search(head):
            return False
        token_start = max(text.rfind(" ", line_start, pos), text.rfind("\t", line_start, pos)) + 1
        if _URLISH.search(text[max(token_start, line_start):pos]):
            return False
        line_end = text.find("\n", pos)
        line = text[line_start: len(text) if line_end == -1 else line_end]
        if _CODE_LINE.search(line) or line.count("`", 0, pos - line_start) % 2:
            return False
        nxt = _words(text[pos + 1: pos + 40])
        if nxt and _URLISH.search(nxt[0]):
            return False
        # A citation such as "2015; 28: 685-690": numbers on both sides.
        if before.isdigit() and nxt and nxt[0][:1].isdigit():
            return False
        return not self._in_fence(pos)

    def sentence_start(self, pos: int) -> int:
        lo = max(0, pos - _WINDOW_BEFORE)
        start = lo
        for m in _SENTENCE_END.finditer(self.text, lo, pos):
            start = m.end()
        return start

    def read(self) -> list[tuple[int, list[int]]]:
        """The prose semicolons grouped by sentence: ``[(sentence_start, [pos, ...]), ...]``."""
        groups: list[tuple[int, list[int]]] = []
        text = self.text
        pos = text.find(";")
        while pos != -1:
            if self.is_prose_semicolon(pos):
                start = self.sentence_start(pos)
                if groups and groups[-1][0] == start:
                    groups[-1][1].append(pos)
                else:
                    groups.append((start, [pos]))
            pos = text.find(";", pos + 1)
        return groups

    def judge_sentence(self, start: int, positions: list[int]) -> list[Site]:
        sites = []
        clause_start = start
        for pos in positions:
            sites.append(self.judge(pos, start, clause_start))
            clause_start = pos + 1
        if len(positions) >= 2:
            kind = self._list_kind(start, positions, sites)
            if kind:
                return [Site(p, "keep", kind) for p in positions]
        return sites

    def _list_kind(self, start: int, positions: list[int], sites: list[Site]) -> str | None:
        """Whether the semicolons separate the items of one list, and of which kind.

        "Lyon, France; Porto, Portugal; and Graz, Austria": items holding commas. "from a blog
        post; an email inbox; a webinar; and a stage": parallel items, closed by "and"/"or".
        """
        text = self.text
        segments = [text[a + 1:b] for a, b in zip([start - 1, *positions], positions)]
        if all("," in s for s in segments):
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
        if quote_closes:
            # “We will win;” she said: the quotation's own comma.
            return Site(pos, "comma", "before a closing quote", strong=True)

        # The fragment since the sentence or quotation began: "However;", "In 2020;", a
        # vocative “Vladimir Vladimirovich;”. No clause fits there, so no semicolon does.
        if clause_start == sentence_start:
            before = text[sentence_start:pos]
            opening = max((before.rfind(q) for q in _OPENING_QUOTES), default=-1)
            fragment_words = _words(before[opening + 1:])
            if fragment_words and len(fragment_words) <= 3 and not _has_verb(fragment_words) \
                    and _introduces(fragment_words, quoted=opening >= 0):
                return Site(pos, "comma", "after an introductory fragment", strong=True)
            sentence_words = _words(before[:40])
            if sentence_words and sentence_words[0].lower() in en.IMPERATIVES and lower in en.IMPERATIVES:
                return Site(pos, "keep", "joins two commands")

        if lower in en.RELATIVES or lower == "where" or (
                len(following) > 2 and following[1].lower() == "of" and following[2].lower() in en.RELATIVES):
            # "; which", "; where", "; none of which": a relative clause hangs on what precedes.
            return Site(pos, "comma", "before a relative pronoun", strong=True)
        if lower == "when":
            return Site(pos, "comma", "before a relative 'when'")
        if lower == "rather" and len(following) > 1 and following[1].lower() == "than":
            return Site(pos, "drop", "'rather than' continues the phrase")
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
        """ "the company said", "its board confirmed on Thursday": a short attribution."""
        for i, word in enumerate(following[:4]):
            if word.lower() in en.REPORTING_VERBS and i >= 1:
                return len(following) - i - 1 <= 3
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
    }

    def judge(self, text: str) -> tuple[bool, list[Site]]:
        """Verdicts for every prose semicolon and whether the document is to be fixed."""
        reader = SemicolonReader(text)
        sites: list[Site] = []
        for start, positions in reader.read():
            sites.extend(reader.judge_sentence(start, positions))
        stray = [s for s in sites if s.verdict != "keep"]
        strong = sum(1 for s in stray if s.strong)
        share = len(stray) / len(sites) if sites else 0.0
        mill = share >= self.min_share and strong >= 1 and \
            (strong >= self.min_strong or len(stray) >= self.min_stray)
        return mill, sites

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if ";" not in text:
            return []
        mill, sites = self.judge(text)
        if not mill:
            return []
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
