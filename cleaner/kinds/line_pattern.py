"""Page furniture: whole lines that match one of a list of patterns (share bars, like counters,
cookie and newsletter prompts). A pattern must match the entire line, so article prose that
merely contains the words is never removed."""

from __future__ import annotations

import re
from itertools import accumulate

import regex

from cleaner.document import Document, Findings
from cleaner.errors import RuleSetError
from cleaner.kinds.base import Param, Rule, compile_user_regex, line_removal, register
from cleaner.kinds.first_chars import first_chars, odd_folding_search, prefixes, required_text
from cleaner.kinds.regex_replace import TIMEOUT_WARNING, timeout_seconds

_ODD_FOLDING = odd_folding_search()
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_UNSEEN = object()
# A line is first sorted by this many of its first characters (see first_chars.prefixes).
_KEY_LENGTH = 2


@register
class LinePattern(Rule):
    kind = "line_pattern"
    summary = "Drop whole lines that fully match any of the given patterns (case-insensitive)."
    params = {
        "patterns": Param(list, help="regular expressions, each matched against a whole line", item_type=str),
        "max_length": Param(int, 200, "longer lines are prose and never matched", minimum=1),
        "case_sensitive": Param(bool, False),
        "timeout_ms": Param(int, 200, "time budget per document for all patterns", minimum=1),
        "engine": Param(str, "regex", "'regex': patterns run under the time budget (for patterns you have not "
                        "vetted); 're': Python's own engine, about twice as fast, with no time budget (for "
                        "patterns known to run in linear time, as the bundled ones are)", choices=("regex", "re")),
        "hints": Param(list, [], "strings one of which every matching line contains (case-insensitive); a "
                       "line with none is skipped without running the patterns. Empty: every line is tried.",
                       item_type=str),
        "unless": Param(list, [], "regular expressions searched in a line that matched: one found keeps the "
                        "line (a sentence that reports who said the notice's words is a story about it)",
                        item_type=str),
    }

    def setup(self) -> None:
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        self._pattern = self._alternation("patterns", flags)
        self._unless = self._alternation("unless", flags).search if self.unless else None
        combined = self._pattern.pattern
        if self.engine == "re":
            try:
                re.compile(combined, re.IGNORECASE if not self.case_sensitive else 0)
            except re.error as exc:
                raise RuleSetError(f"engine 're' cannot compile the patterns: {exc}", rule_id=self.id,
                                   field="engine", hint="use engine = 'regex' for this rule") from None
        # Which patterns can start a line beginning with a given character: a line is tried only
        # on those (see first_chars), through one regex per first character, made when first met.
        self._compiled: dict[tuple[int, ...], object] = {}
        flags_re = 0 if self.case_sensitive else re.IGNORECASE
        starts = [first_chars(p, flags_re) for p in self.patterns]
        self._by_first: dict[str, list[int]] = {}
        for index, chars in enumerate(starts):
            for char in chars or ():
                self._by_first.setdefault(char, []).append(index)
        anywhere = [index for index, chars in enumerate(starts) if chars is None]
        # Finer: the patterns whose first two characters are known, by those two. A line whose
        # first two characters are ASCII goes to the patterns of its two, and to the others by
        # its first character as above; most short lines of prose reach no pattern at all.
        self._by_key: dict[str, list[int]] = {}
        self._coarse_by_first: dict[str, list[int]] = {}
        for index, chars in enumerate(starts):
            keys = prefixes(self.patterns[index], flags_re, _KEY_LENGTH) if chars is not None else None
            if keys is not None and not self.case_sensitive and any(_ODD_FOLDING(key) for key in keys):
                keys = None  # "ſt" is "st" to the engine: this pattern goes by its first character
            # (Strings beyond ASCII otherwise never begin a line whose first two are ASCII.)
            for key in keys or ():
                if key.isascii():
                    self._by_key.setdefault(key, []).append(index)
            if keys is None:
                for char in chars or ():
                    self._coarse_by_first.setdefault(char, []).append(index)
        self._for_key: dict[str, object] = {}
        # Of the patterns that can begin anywhere, those a line must hold a run of text for
        # (".{0,80}by clicking here" needs "by clicking here"): each alone, tried on the lines
        # that hold it; the others with every first character's patterns.
        needs = {index: required_text(self.patterns[index], flags_re, shortest=2) for index in anywhere}
        self._anywhere = [index for index in anywhere if needs[index] is None]
        # (A run holding "ſ" or the like may stand in a line as "s": that pattern is tried on every line.)
        self._needs_text = [(needed, self._matcher((index,)),
                             not self.case_sensitive and bool(_ODD_FOLDING(needed)))
                            for index, needed in needs.items() if needed is not None]
        # Substring tests, one C call each: an alternation of the runs has no literal for the
        # engine to look for, and is tried at every character of the line.
        self._needed_runs = tuple(needed for needed, *_ in self._needs_text)
        self._always_tried = any(odd for *_, odd in self._needs_text)
        self._for_first: dict[str, object] = {}
        if self.engine != "re":
            self._compiled[tuple(range(len(self.patterns)))] = self._pattern.fullmatch
        self._everything = self._matcher(tuple(range(len(self.patterns))))
        # Plain substring tests, linear whatever the patterns are: they spare most lines the
        # patterns, which run under a timeout and cost several times more.
        self._hints = tuple(h.lower() for h in self.hints)
        # As written in a text: lower case, Capitalised, UPPER (no lowered copy of each text).
        self._hint_spellings = tuple({v for h in self._hints for v in (h, h.capitalize(), h.upper())})
        self._ascii_hints = tuple(h.encode() for h in self._hints) if all(h.isascii() for h in self._hints) else ()

    def _alternation(self, field: str, flags: int):
        """The patterns of ``field`` as one alternation, each compiled alone first so that a bad
        one is named by its index."""
        patterns = getattr(self, field)
        for i, pattern in enumerate(patterns):
            compile_user_regex(pattern, flags, source=None, rule_id=self.id, field=f"{field}[{i}]")
        combined = "|".join(f"(?:{p})" for p in patterns) or "(?!)"
        return compile_user_regex(combined, flags, source=None, rule_id=self.id, field=field)

    def find(self, doc: Document) -> Findings:
        text = doc.text
        edits = []
        budget = timeout_seconds(self.timeout_ms)
        try:
            max_length, fullmatch = self.max_length, self._fullmatch
            for line_start, line in self._candidate_lines(text):
                stripped = line.strip()
                if not stripped or len(stripped) > max_length:
                    continue
                if not stripped.isascii() and _ODD_SPACE.search(stripped):
                    # A pattern's space matches a no-break or thin space too: pages put them
                    # between the words of their furniture ("Lesen\u00a0Sie auch:").
                    stripped = _ODD_SPACE.sub(" ", stripped)
                if fullmatch(stripped, budget) and not (self._unless and self._unless(stripped, timeout=budget)):
                    edits.append(line_removal(line_start, min(line_start + len(line) + 1, len(text))))
        except TimeoutError:
            return Findings(warnings=[TIMEOUT_WARNING.format(rule=self.id, ms=self.timeout_ms)])
        return Findings(edits)

    def _fullmatch(self, line: str, budget) -> bool:
        key = line[:_KEY_LENGTH] if self.case_sensitive else line[:_KEY_LENGTH].lower()
        if key.isascii():
            matcher = self._for_key.get(key, _UNSEEN)
            if matcher is _UNSEEN:
                matcher = self._for_key[key] = self._matcher(tuple(sorted(
                    self._by_key.get(key, []) + self._coarse_by_first.get(key[0], []) + self._anywhere)))
            if matcher is not None and (matcher(line, timeout=budget) if self.engine != "re" else matcher(line)):
                return True
            return self._needed_text_matches(line, budget)
        first = line[0]
        if not first.isascii() and (first.isdecimal() or first.isspace()
                                    or (not self.case_sensitive and _ODD_FOLDING(first))):
            # A digit or space beyond ASCII (\d and \s take them; first_chars spells out ASCII
            # only), or "ſ", which is "s" to the engine and not to str.lower: every pattern.
            return self._tried(self._everything, line, budget)
        key = first if self.case_sensitive else first.lower()
        matcher = self._for_first.get(key, _UNSEEN)
        if matcher is _UNSEEN:
            matcher = self._for_first[key] = self._matcher(tuple(sorted(self._by_first.get(key, []) + self._anywhere)))
        if self._tried(matcher, line, budget):
            return True
        return self._needed_text_matches(line, budget)

    def _needed_text_matches(self, line: str, budget) -> bool:
        if self._needs_text:
            # Patterns that can begin anywhere, each tried only on a line holding its run of text
            # (a substring test for each run first: most lines hold none).
            held = line if self.case_sensitive else line.lower()
            folds = not self.case_sensitive and not line.isascii() and bool(_ODD_FOLDING(line))
            if folds or self._always_tried or any(map(held.__contains__, self._needed_runs)):
                return any((folds or odd or needed in held) and self._tried(match, line, budget)
                           for needed, match, odd in self._needs_text)
        return False

    def _tried(self, matcher, line: str, budget) -> bool:
        if matcher is None:
            return False
        return bool(matcher(line, timeout=budget) if self.engine != "re" else matcher(line))

    def _matcher(self, indices: tuple[int, ...]):
        """The ``fullmatch`` of the patterns at ``indices`` as one alternation (given a timeout
        under the ``regex`` engine), or None when there are none."""
        if not indices:
            return None
        matcher = self._compiled.get(indices)
        if matcher is None:
            combined = "|".join(f"(?:{self.patterns[i]})" for i in indices)
            if self.engine == "re":
                matcher = re.compile(combined, re.IGNORECASE if not self.case_sensitive else 0).fullmatch
            else:
                flags = 0 if self.case_sensitive else regex.IGNORECASE
                matcher = compile_user_regex(combined, flags, source=None, rule_id=self.id, field="patterns").fullmatch
            self._compiled[indices] = matcher
        return matcher

    def _candidate_lines(self, text: str) -> list[tuple[int, str]]:
        """``(start, line)`` of the lines worth trying: short enough and, with hints, holding one.

        Hints are found by substring search, one pass per hint in C over the text lower-cased
        once, rather than a test of every line in Python. Where lower-casing changes the text's
        length ("İ"), and so its offsets, and for a case-sensitive rule: one pass per spelling
        (lower case, Capitalised, UPPER) over the text as it is, which misses a hint in odd mixed
        case ("CoOkie")."""
        longest = self.max_length + 8  # room for indentation around a short line
        if self._hints and self._ascii_hints and not self.case_sensitive \
                and "\u212a" not in text and "\u0130" not in text:
            return self._hinted_lines_by_bytes(text, longest)
        if self._hints:
            starts = set()
            lowered = None if self.case_sensitive else text.lower()
            if lowered is not None and len(lowered) == len(text):
                haystack, needles = lowered, self._hints
            else:
                haystack, needles = text, self._hint_spellings
            for hint in needles:
                pos = haystack.find(hint)
                while pos != -1:
                    starts.add(text.rfind("\n", 0, pos) + 1)
                    pos = haystack.find(hint, pos + 1)
            found = []
            for start in sorted(starts):
                end = text.find("\n", start)
                end = len(text) if end == -1 else end
                if end - start <= longest:
                    found.append((start, text[start:end]))
            return found
        lines = text.split("\n")
        # Each line's start, summed in C (a line and its newline after the one before).
        starts = accumulate(map((1).__add__, map(len, lines)), initial=0)
        return [(start, line) for start, line in zip(starts, lines) if line and len(line) <= longest]

    def _hinted_lines_by_bytes(self, text: str, longest: int) -> list[tuple[int, str]]:
        """The lines holding an ASCII hint in any case, found in the text's UTF-8 bytes with
        their ASCII letters lower-cased: encoding and ``bytes.lower`` cost a third of
        ``str.lower`` on text beyond ASCII, and the searches run over bytes. The same lines as
        lower-casing the text: no character beyond ASCII lower-cases to an ASCII one but the
        Kelvin sign and "İ", which send a text the other way."""
        data = text.encode("utf-8", "surrogatepass")
        lowered = data.lower()
        starts = set()
        for hint in self._ascii_hints:
            pos = lowered.find(hint)
            while pos != -1:
                starts.add(lowered.rfind(b"\n", 0, pos) + 1)
                pos = lowered.find(hint, pos + 1)
        found = []
        offset, decoded_to = 0, 0  # the character offset of byte ``decoded_to``
        for start in sorted(starts):
            end = data.find(b"\n", start)
            end = len(data) if end == -1 else end
            if end - start > 4 * longest:
                continue  # longer in characters too (a character is at most four bytes)
            offset += len(data[decoded_to:start].decode("utf-8", "surrogatepass"))
            decoded_to = start
            line = data[start:end].decode("utf-8", "surrogatepass")
            if len(line) <= longest:
                found.append((offset, line))
        return found
