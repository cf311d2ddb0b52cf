"""Reading the inside of a tag: its attributes, up to the ``]`` or ``/]`` that ends it.

What WordPress does (described in our own terms, from its documented behaviour and tests):

- attributes are separated by white space; a no-break or zero-width space counts as one;
- ``name=value`` needs a name of ASCII letters, digits, ``_`` and ``-`` only (lower-cased), with
  optional white space around ``=``; the value is double-quoted, single-quoted or bare;
- anything else is a positional value: a quoted string, or a run of non-space characters, so
  ``https://example.org/?id=7`` and ``=John`` (in ``[quote=John]``) are positional;
- an empty quoted positional value (``""``) adds nothing;
- a ``/`` right before the closing ``]`` marks the tag self-closing, even after a bare value.

Where we depart, on purpose (each listed in the README):

- the typographic quotes a prettifier leaves on leaked tags count as quotes (``” ″ „ ’ ′``…),
  after HTML entities are decoded, and a quoted value closes only at a quote followed by a
  space, ``/`` or ``]`` (so ``’Editor’s pick’`` is one value);
- a ``]`` inside a quoted value does not end the tag; a quote that never closes means the
  bracket is not a tag at all;
- a ``[`` outside quotes means the bracket is prose: ``[see a [gallery]`` is two brackets;
- every Unicode space, zero-width ones included, separates attributes (WordPress: the no-break
  and zero-width space); inside values only those two become a plain space, as in WordPress;
- a quoted value right after the name (``[quote="John Smith"]``) is one positional value
  ``=John Smith``; WordPress splits it at the space.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z0-9_\-]+")
DOUBLE_QUOTES = '"“”″„‟'
SINGLE_QUOTES = "'‘’′"
QUOTES = DOUBLE_QUOTES + SINGLE_QUOTES
# Not white space to str.isspace(), but separating words all the same in scraped text.
_INVISIBLE_SPACES = "\u200b\u2060\ufeff"
# WordPress turns these two into a plain space before reading attributes, values included.
_SPACE_IN_VALUES = {"\u00a0": " ", "\u200b": " "}
# Runs of ordinary characters are copied in one step; the reader stops at these. (Python's \s
# is str.isspace(); "&" may start an entity that decodes to one of the others.)
_SPACES = re.compile(r"[\s\u200b\u2060\ufeff]*")
_BARE_STOP = re.compile(r"[\s\u200b\u2060\ufeff\]\[/&]")
_QUOTED_STOP = {family: re.compile(f"[{family}&\u00a0\u200b]") for family in (DOUBLE_QUOTES, SINGLE_QUOTES)}


def is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE_SPACES


def decode_char(text: str, i: int) -> tuple[str, int]:
    """The character at ``i`` with an HTML entity there decoded, and where the next one starts."""
    ch = text[i]
    if ch == "&":
        m = _ENTITY.match(text, i)
        if m:
            decoded = html.unescape(m.group())
            if decoded != m.group() and len(decoded) == 1:
                return decoded, m.end()
    return ch, i + 1


@dataclass(slots=True)
class Attributes:
    """What a tag's inside holds, and where the tag ends."""

    end: int
    named: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)
    # The positional values written without quotes, as typed: the words a prose test reads.
    bare: list[str] = field(default_factory=list)
    # The names whose values were written without quotes.
    bare_named: set[str] = field(default_factory=set)
    self_closing: bool = False


def read_attributes(text: str, i: int, limit: int) -> Attributes | None:
    """Read attributes from ``i`` (just after the tag name) to the tag's ``]``.

    ``None`` when the bracket is not a tag: no ``]`` before ``limit``, a quote that never
    closes, or a ``[`` outside quotes.
    """
    out = Attributes(end=-1)
    if i < limit and decode_char(text, i)[0] == "=":
        # "[quote=John]": the value right after the name is a positional attribute.
        i = _read_value_after_name(text, i, limit, out)
        if i < 0:
            return None
    while i < limit:
        i = _SPACES.match(text, i, limit).end()
        if i >= limit:
            break
        ch, nxt = decode_char(text, i)
        if is_space(ch):
            i = nxt
            continue
        if ch == "]":
            out.end = nxt
            return out
        if ch == "/":
            after, after_nxt = decode_char(text, nxt) if nxt < limit else ("", nxt)
            if after == "]":
                out.self_closing = True
                out.end = after_nxt
                return out
        if ch == "[":
            return None  # a new bracket opens before this one closed: prose, not a tag
        i = _read_attribute(text, i, limit, out)
        if i < 0:
            return None
    return None


def _read_value_after_name(text: str, i: int, limit: int, out: Attributes) -> int:
    _, i = decode_char(text, i)  # the "="
    if i < limit and decode_char(text, i)[0] in QUOTES:
        value, i = _read_quoted(text, i, limit)
        if value is None:
            return -1
        out.positional.append("=" + value)
        return i
    value, i = _read_bare(text, i, limit)
    out.positional.append("=" + value)
    out.bare.append("=" + value)
    return i


def _read_attribute(text: str, i: int, limit: int, out: Attributes) -> int:
    """One attribute starting at a non-space character; returns where the next one may start,
    or -1 when the bracket cannot be a tag."""
    if decode_char(text, i)[0] in QUOTES:
        value, i = _read_quoted(text, i, limit)
        if value is None:
            return -1
        if value:
            out.positional.append(value)
        return i
    name = _ATTRIBUTE_NAME.match(text, i, limit)
    if name:
        j = name.end()
        while j < limit and is_space(text[j]):
            j += 1
        if j < limit and text[j] == "=":
            j += 1
            while j < limit and is_space(text[j]):
                j += 1
            if j < limit and decode_char(text, j)[0] in QUOTES:
                value, j = _read_quoted(text, j, limit)
                if value is None:
                    return -1
                out.named[name.group().lower()] = value
                return j
            value, after = _read_bare(text, j, limit)
            if value:
                out.named[name.group().lower()] = value
                out.bare_named.add(name.group().lower())
                return after
            # "name=" with nothing after it: WordPress reads the whole word as positional.
    word, i = _read_bare(text, i, limit)
    if not word:
        return -1  # only "[" can stop a word before its first character
    out.positional.append(word)
    out.bare.append(word)
    return i


def _read_bare(text: str, i: int, limit: int) -> tuple[str, int]:
    """A run of characters up to white space, ``]``, ``/]`` or ``[``."""
    chars = []
    while i < limit:
        stop = _BARE_STOP.search(text, i, limit)
        end = stop.start() if stop else limit
        chars.append(text[i:end])
        i = end
        if stop is None:
            break
        ch, nxt = decode_char(text, i)
        if is_space(ch) or ch in "][" or (ch == "/" and text.startswith("]", nxt)):
            break
        chars.append(ch)
        i = nxt
    return "".join(chars), i


def _read_quoted(text: str, i: int, limit: int) -> tuple[str | None, int]:
    """A quoted value; it closes at a quote of the same family followed by a space, ``/`` or
    ``]``, so an apostrophe inside (``’Editor’s pick’``) does not end it."""
    opening, i = decode_char(text, i)
    family = DOUBLE_QUOTES if opening in DOUBLE_QUOTES else SINGLE_QUOTES
    special = _QUOTED_STOP[family]
    chars = []
    while i < limit:
        stop = special.search(text, i, limit)
        if stop is None:
            break
        chars.append(text[i:stop.start()])
        i = stop.start()
        ch, nxt = decode_char(text, i)
        if ch in family:
            follow, _ = decode_char(text, nxt) if nxt < limit else ("]", nxt)
            if is_space(follow) or follow in "]/":
                return "".join(chars), nxt
        chars.append(_SPACE_IN_VALUES.get(ch, ch))
        i = nxt
    return None, i
