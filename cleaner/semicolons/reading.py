"""Finding the semicolons of prose in a text, sentence by sentence, and the window each is read in.

One pass from left to right: the current line's facts (is it code, where are its backticks)
and the current sentence's start are carried forward, so a long line or sentence full of
semicolons is read once, not once per semicolon. Each semicolon is then read in a bounded
window around it, so the work per semicolon does not grow with the document.
"""

from __future__ import annotations

import bisect
import re
from html.entities import html5
from dataclasses import dataclass

from cleaner.code_regions import fenced_blocks
from cleaner.semicolons.grammar import clause_words, words

WINDOW_BEFORE = 400
WINDOW_AFTER = 160
SPACE_AFTER = " \t\u00a0\u2009\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
CLOSING_QUOTES = "”\"’'»"
OPENING_QUOTES = "“\"‘«„"
# A sentence ends at . ! ? … before a capital, but not after an initial ("Patrick W. Carlineo")
# or a title ("Dr. Reyes").
SENTENCE_END = re.compile(
    # The lookahead first: at most positions it fails at once, before any lookbehind runs.
    r"(?=[.!?…])(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)(?<!\bGen)(?<!\bGov)"
    r"(?<!\bSen)(?<!\bRep)(?<!\bProf)(?<!\bRev)(?<!\bNo)(?<!\bvs)"
    r"[.!?…][”\"’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n")
# The start of an HTML entity that a semicolon would close: a number, or a name that HTML
# defines ("&amp", "&nbsp"); "AT&T; Comcast" and "B&H; shoppers" are prose.
_ENTITY_TAIL = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,6}|[0-9A-Za-z]{1,32})$")
_ENTITY_REACH = 34
# A line of code: braces, a C-style for, comparison or increment operators, a statement ending
# the line with ";" (an assignment, a call "f(x);", an import), or a declaration. A ")" before a
# semicolon in prose is not enough, and neither is a paragraph or list item ending in ";".
_CODE_MARKS = ("{", "}", "==", "!=", "++", ":=")
# Each pattern starts with literal letters the engine can look for fast; where it must stand
# (a word's start, a statement's) is checked on the rare match. (One alternation with word
# boundaries ran at 20 MB/s, a fifth of the rule's time on mill text.)
# A C-style for holds a semicolon in its parentheses, after a short first clause; prose "asks for
# (and accepts)" does not. The bound keeps each try short, so the test stays linear on any line.
_FOR_LOOP = re.compile(r"for\s*\([^);\n]{0,120};")
# A declaration or return opens a statement: at the line's start or after "{", "}", ";", "(",
# ")". After a word it is prose: "they let go;", "on a return trip;".
_DECLARATION = re.compile(r"(?:var|let|const|int|return)\s+\w+\s*[=;]")
_STATEMENT_OPENERS = "{};()"
_END_MARK = re.compile(r"[.!?…\n]")
# Asked only of a line that ends in ";" (one scan of the line, whatever its length).
_STATEMENT = re.compile(r"\w\(|=|^\s*(?:import|use|using|package|#include)\b")
# A line that opens with an assignment of a string, list or tuple ("AGENT = \"Mozilla/5.0 (X11;
# …)\""): the value's "=" and quote are looked for, the name before it checked on a match.
_ASSIGNED_VALUE = re.compile(r"=\s*[fbr]?[\"'\[(]")
_ASSIGNED_NAME = re.compile(r"\s*[A-Za-z_][\w.]*\s*")
_URLISH = re.compile(r"(?:://|^www\.|\.(?:com|org|net|gov|edu|io|co)\b)", re.IGNORECASE)


@dataclass(slots=True)
class Sentence:
    """The prose semicolons of one sentence."""

    start: int
    positions: list[int]


def read_sentences(text: str) -> list[Sentence]:
    """The prose semicolons of ``text``, grouped by sentence."""
    fences = fenced_blocks(text)
    sentences: list[Sentence] = []
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
            code_line = is_code_line(line)
            backticks = [i for i, ch in enumerate(line) if ch == "`"] if "`" in line else []
        while fence_index < len(fences) and fences[fence_index][1] <= pos:
            fence_index += 1
        in_fence = fence_index < len(fences) and fences[fence_index][0] <= pos
        in_code_span = bool(backticks) and bisect.bisect_left(backticks, pos - line_start) % 2 == 1
        if not (code_line or in_fence or in_code_span) and is_prose_semicolon(text, pos, line_start):
            # Sentence ends are looked for only where one can stand (one C-level scan for the
            # marks), not by running the end pattern at every character since the last semicolon.
            for candidate in _END_MARK.finditer(text, scanned, pos):
                if candidate.start() < sentence_start:
                    continue  # inside the end just found (its blanks may hold line breaks)
                m = SENTENCE_END.match(text, candidate.start(), pos)
                if m:
                    sentence_start = m.end()
            scanned = pos
            if sentences and sentences[-1].start == sentence_start:
                sentences[-1].positions.append(pos)
            else:
                sentences.append(Sentence(sentence_start, [pos]))
        pos = text.find(";", pos + 1)
    return sentences


def first_sentence_end(text: str) -> re.Match | None:
    """``SENTENCE_END.search(text)``, tried only where an end can start: the pattern opens with a
    lookahead, which the engine cannot skip ahead for, so a search tries every character."""
    for candidate in _END_MARK.finditer(text):
        m = SENTENCE_END.match(text, candidate.start())
        if m:
            return m
    return None


def sentence_ends(text: str, start: int, end: int) -> list[re.Match]:
    """``SENTENCE_END.finditer(text, start, end)`` as a list, tried only where an end can start."""
    found: list[re.Match] = []
    for candidate in _END_MARK.finditer(text, start, end):
        if found and candidate.start() < found[-1].end():
            continue  # inside the end just found (its blanks may hold line breaks)
        m = SENTENCE_END.match(text, candidate.start(), end)
        if m:
            found.append(m)
    return found


def is_code_line(line: str) -> bool:
    """A line of code: braces, a C-style for, comparison or increment operators, a declaration
    or return opening a statement, a statement ending the line with ";", or an assignment of a
    quoted or bracketed value opening the line."""
    return any(mark in line for mark in _CODE_MARKS) or _at_word_start(_FOR_LOOP, line) \
        or _opens_statement(_DECLARATION, line) or (line.rstrip().endswith(";") and bool(_STATEMENT.search(line))) \
        or _assigns_a_value(line)


def _assigns_a_value(line: str) -> bool:
    """Whether the line opens with a name and "=" and then a quoted or bracketed value (not "Let
    x = 5;", "E = mc squared;": prose with a formula)."""
    m = _ASSIGNED_VALUE.search(line)
    return m is not None and _ASSIGNED_NAME.fullmatch(line, 0, m.start()) is not None


def _at_word_start(pattern: re.Pattern, line: str) -> bool:
    """Whether the pattern matches the line where a word starts (as ``\\b`` before it would)."""
    for m in pattern.finditer(line):
        start = m.start()
        if start == 0 or not (line[start - 1].isalnum() or line[start - 1] == "_"):
            return True
    return False


def _opens_statement(pattern: re.Pattern, line: str) -> bool:
    """Whether the pattern matches where a statement opens: at the line's start or after one of
    ``{};()`` and blanks."""
    for m in pattern.finditer(line):
        i = m.start() - 1
        while i >= 0 and line[i].isspace():  # back over the blanks before it only: linear in all
            i -= 1
        if i < 0 or line[i] in _STATEMENT_OPENERS:
            return True
    return False


def is_prose_semicolon(text: str, pos: int, line_start: int) -> bool:
    """Whether the semicolon at ``pos`` (not in code) is punctuation of prose."""
    if pos == 0 or pos + 1 >= len(text):
        return False
    after = text[pos + 1]
    if after in CLOSING_QUOTES:
        if pos + 2 >= len(text) or text[pos + 2] not in SPACE_AFTER:
            return False
    elif after not in SPACE_AFTER:
        # TL;DR, a;b, ;) and entities all have no space after the semicolon.
        return False
    if text[pos - 1].isspace() and not (text[pos - 1] == " " and pos >= 2 and text[pos - 2].isalnum()):
        # A semicolon after a blank is no prose mark, unless it stands between words as a
        # scraper's spacing leaves one ("Yobe North ; Ahmad Lawan").
        return False
    if closes_an_entity(text, pos, line_start):
        return False
    # A semicolon followed by a space is outside any URL (URLs hold no spaces), but one
    # before a web address introduces it: "Limited seating; www.example.org".
    nxt = text[pos + 1: pos + 40].split(None, 1)
    return not (nxt and _URLISH.search(nxt[0].lstrip("(\"“‘'[<")))


_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def without_apostrophes(text: str) -> str:
    """The text without apostrophes inside words ("didn’t", "the ferry's"), which share their
    marks with closing quotes."""
    return _APOSTROPHE.sub("", text) if "'" in text or "’" in text else text


def closes_an_entity(text: str, pos: int, start: int = 0) -> bool:
    """Whether the semicolon at ``pos`` ends an HTML entity left in the text ("&amp;")."""
    m = _ENTITY_TAIL.search(text, max(start, pos - _ENTITY_REACH), pos)
    return bool(m) and (m.group(1)[0] == "#" or m.group(1) + ";" in html5)


class _once:
    """A property computed on first use and then stored on the instance, so later reads are a
    plain attribute lookup (functools.cached_property takes a lock on every read before 3.12,
    and a semicolon's context is read dozens of times)."""

    def __init__(self, compute) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


class Context:
    """One semicolon in its window: what follows it to the end of its sentence, and what
    precedes it since the sentence (or the previous semicolon) began."""

    __slots__ = ("text", "pos", "sentence_start", "clause_start", "last_in_sentence", "__dict__")

    def __init__(self, text: str, pos: int, sentence_start: int, clause_start: int,
                 last_in_sentence: bool) -> None:
        self.text = text
        self.pos = pos
        self.sentence_start = sentence_start
        self.clause_start = clause_start
        self.last_in_sentence = last_in_sentence

    @_once
    def raw_after(self) -> str:
        return self.text[self.pos + 1: self.pos + 1 + WINDOW_AFTER]

    @_once
    def quote_closes(self) -> bool:
        return self.raw_after[:1] in CLOSING_QUOTES

    @_once
    def after(self) -> str:
        """The text after the semicolon (past a closing quote) to the end of its sentence."""
        after = self.raw_after[1:] if self.quote_closes else self.raw_after
        end = first_sentence_end(after)
        if not self.quote_closes:
            # The same search answers ends_sentence_in_window: stored as that property would be.
            self.__dict__["ends_sentence_in_window"] = end is not None or len(after) < WINDOW_AFTER
        return after[: end.start() + 1] if end else after

    @_once
    def ends_sentence_in_window(self) -> bool:
        return first_sentence_end(self.raw_after) is not None or len(self.raw_after) < WINDOW_AFTER

    @_once
    def following(self) -> list[str]:
        return words(self.after)

    @_once
    def clause_after(self) -> list[str]:
        """The words after the semicolon up to the first mark that ends a phrase (many cues ask)."""
        return clause_words(self.after)

    @property
    def first(self) -> str:
        return self.following[0]

    @property
    def lower(self) -> str:
        return self.following[0].lower()

    @_once
    def before(self) -> str:
        """The text from the start of the sentence (or of the window) to the semicolon."""
        return self.text[self.sentence_start:self.pos]

    @property
    def opens_sentence(self) -> bool:
        """Whether this is the sentence's first semicolon."""
        return self.clause_start == self.sentence_start
