"""The shortcode grammar, read in one left-to-right pass.

What WordPress accepts (described here in our own terms):

- a tag is ``[name attributes]``; enclosing tags pair with ``[/name]`` and hold content;
  ``[name /]`` is self-closing; ``[[name …]]`` is escaped and stands for the literal ``[name …]``;
- attributes are ``name="value"``, ``name='value'``, ``name=value`` or positional ``"value"`` /
  ``value``, separated by white space.

Where we depart from it, on purpose:

- the quotes WordPress's prettifier leaves on leaked tags count as quotes: ``" “ ” ″ „ ‟`` and
  ``' ‘ ’ ′``, after HTML entities (``&quot;``, ``&#8221;``, ``&#038;``) are decoded;
- a ``]`` inside a quoted value does not end the tag;
- a tag is paired only with a closer of its own name, and the nearest one that leaves the
  nesting balanced; a tag declared self-closing is never paired with a stray closer later on.

Linear time: the scanner visits each character a bounded number of times (a tag is at most
``MAX_TAG_LENGTH`` characters), and closers are matched with a stack and a count per name, so
no search runs from every ``[`` to the end of the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from cleaner.code_regions import code_spans, fenced_blocks
from dataclasses import dataclass, field

MAX_TAG_LENGTH = 4000
# Deeper nesting than this is not real page-builder markup; deeper openers stand alone, which
# keeps the tree (and the recursion that renders it) shallow on hostile input.
MAX_DEPTH = 64
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
DOUBLE_QUOTES = '"“”″„‟'
SINGLE_QUOTES = "'‘’′"
_SPACE = " \t\n\r\u00a0"


@dataclass(slots=True)
class Shortcode:
    """One tag token: an opener (possibly self-closing) or a closer."""

    name: str
    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)
    closing: bool = False
    self_closing: bool = False
    escaped: bool = False
    raw: str = ""

    @property
    def has_named_attributes(self) -> bool:
        return bool(self.attrs)


@dataclass(slots=True)
class Node:
    """A shortcode in the tree: its opening tag, its content span and children, its closer."""

    tag: Shortcode
    children: list[Node] = field(default_factory=list)
    closer: Shortcode | None = None

    @property
    def start(self) -> int:
        return self.tag.start

    @property
    def end(self) -> int:
        return self.closer.end if self.closer else self.tag.end

    @property
    def content_start(self) -> int:
        return self.tag.end

    @property
    def content_end(self) -> int:
        return self.closer.start if self.closer else self.tag.end


def _decode_char(text: str, i: int) -> tuple[str, int]:
    """The character at ``i`` with an HTML entity there decoded, and where the next one starts."""
    ch = text[i]
    if ch == "&":
        m = _ENTITY.match(text, i)
        if m:
            decoded = html.unescape(m.group())
            if decoded != m.group() and len(decoded) == 1:
                return decoded, m.end()
    return ch, i + 1


def scan_tag(text: str, start: int, limit: int) -> Shortcode | None:
    """Read one tag starting at ``text[start] == '['``; ``None`` if it is not tag-shaped."""
    i = start + 1
    closing = False
    if i < limit and text[i] == "/":
        closing = True
        i += 1
    m = _NAME.match(text, i, limit)
    if not m:
        return None
    name = m.group()
    i = m.end()
    if i >= limit or (text[i] not in "]/" and text[i] not in _SPACE):
        return None  # "[name(" or "[name:" is not a tag
    end_limit = min(limit, start + MAX_TAG_LENGTH)
    if closing:
        while i < end_limit and text[i] in _SPACE:
            i += 1
        if i < end_limit and text[i] == "]":
            return Shortcode(name, start, i + 1, closing=True, raw=text[start:i + 1])
        return None

    attrs: dict[str, str] = {}
    positional: list[str] = []
    self_closing = False
    while i < end_limit:
        ch, nxt = _decode_char(text, i)
        if ch in _SPACE:
            i = nxt
            continue
        if ch == "]":
            return Shortcode(name, start, nxt, attrs, positional, self_closing=self_closing,
                             raw=text[start:nxt])
        if ch == "/":
            after, after_nxt = _decode_char(text, nxt) if nxt < end_limit else ("", nxt)
            if after == "]":
                return Shortcode(name, start, after_nxt, attrs, positional, self_closing=True,
                                 raw=text[start:after_nxt])
        if ch == "[":
            return None  # a new bracket opens before this one closed: prose, not a tag
        # An attribute name, or a positional value.
        key, i = _read_word(text, i, end_limit)
        if key is None:
            return None
        j = i
        while j < end_limit and text[j] in " \t":
            j += 1
        if j < end_limit and text[j] == "=" and key[1] is False:
            j += 1
            while j < end_limit and text[j] in " \t":
                j += 1
            value, i = _read_value(text, j, end_limit)
            if value is None:
                return None
            attrs[key[0].lower()] = value
        else:
            positional.append(key[0])
    return None


def _read_word(text: str, i: int, limit: int) -> tuple[tuple[str, bool] | None, int]:
    """A bare word or a quoted value; returns ``((value, was_quoted), next)``."""
    ch, nxt = _decode_char(text, i)
    if ch in DOUBLE_QUOTES or ch in SINGLE_QUOTES:
        value, end = _read_quoted(text, i, limit)
        return (None, i) if value is None else ((value, True), end)
    out = []
    while i < limit:
        ch, nxt = _decode_char(text, i)
        if ch in _SPACE or ch in "]=[" or (ch == "/" and text.startswith("]", nxt)):
            break
        out.append(ch)
        i = nxt
    return (("".join(out), False), i) if out else (None, i)


def _read_value(text: str, i: int, limit: int) -> tuple[str | None, int]:
    if i >= limit:
        return None, i
    ch, _ = _decode_char(text, i)
    if ch in DOUBLE_QUOTES or ch in SINGLE_QUOTES:
        return _read_quoted(text, i, limit)
    out = []
    while i < limit:
        ch, nxt = _decode_char(text, i)
        if ch in _SPACE or ch == "]" or (ch == "/" and text.startswith("]", nxt)):
            break
        out.append(ch)
        i = nxt
    return "".join(out), i


def _read_quoted(text: str, i: int, limit: int) -> tuple[str | None, int]:
    """A quoted value; it closes at a quote of the same family followed by a space, ``/`` or ``]``,
    so an apostrophe inside (``’Editor’s pick’``) does not end it."""
    opening, i = _decode_char(text, i)
    family = DOUBLE_QUOTES if opening in DOUBLE_QUOTES else SINGLE_QUOTES
    out = []
    while i < limit:
        ch, nxt = _decode_char(text, i)
        if ch in family:
            follow, _ = _decode_char(text, nxt) if nxt < limit else ("]", nxt)
            if follow in _SPACE or follow in "]/":
                return "".join(out), nxt
        out.append(ch)
        i = nxt
    return None, i


def _skipped_regions(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks and inline code spans: brackets there are code, not shortcodes."""
    return sorted(fenced_blocks(text) + code_spans(text))


def _escaped_end(text: str, inner: Shortcode) -> int:
    """Where an escaped tag starting one bracket before ``inner`` ends, or -1.

    The enclosing form ``[[tag]…[/tag]]`` is looked for within ``MAX_TAG_LENGTH`` characters
    only, so this search stays bounded.
    """
    n = len(text)
    if inner.end < n and text[inner.end] == "]":
        return inner.end + 1
    if inner.self_closing:
        return -1
    closer = f"[/{inner.name}]]"
    found = text.find(closer, inner.end, min(n, inner.end + MAX_TAG_LENGTH))
    return -1 if found == -1 else found + len(closer)


def tokenize(text: str) -> list[Shortcode]:
    """Every tag-shaped token in order, escaped ``[[…]]`` ones marked."""
    tokens: list[Shortcode] = []
    skipped = _skipped_regions(text)
    region = 0
    n = len(text)
    pos = text.find("[")
    while pos != -1:
        while region < len(skipped) and skipped[region][1] <= pos:
            region += 1
        if region < len(skipped) and skipped[region][0] <= pos:
            pos = text.find("[", skipped[region][1])
            continue
        if pos + 1 < n and text[pos + 1] == "[":
            inner = scan_tag(text, pos + 1, n)
            if inner is not None and not inner.closing:
                end = _escaped_end(text, inner)
                if end != -1:
                    # [[tag]] or [[tag]…[/tag]]: WordPress prints it without the outer brackets.
                    inner.escaped = True
                    inner.start, inner.end = pos, end
                    tokens.append(inner)
                    pos = text.find("[", end)
                    continue
            pos += 1
            continue
        tag = scan_tag(text, pos, n)
        if tag is None:
            pos = text.find("[", pos + 1)
            continue
        if tag.end < n and text[tag.end] == "(" and not tag.attrs and not tag.closing:
            # A Markdown link: [text](url).
            pos = text.find("[", tag.end)
            continue
        tokens.append(tag)
        pos = text.find("[", tag.end)
    return tokens


def parse(text: str, *, is_shortcode: Callable[[Shortcode, bool], bool],
          is_self_closing: Callable[[str], bool]) -> tuple[list[Node], list[Shortcode]]:
    """Build the shortcode forest of ``text``.

    ``is_shortcode(tag, paired)`` decides whether a tag-shaped token is a shortcode at all
    (``[sic]`` and ``[1]`` are not); ``is_self_closing(name)`` names tags that never enclose.
    Returns the top-level nodes and the orphan closers that are shortcodes, in order.
    """
    return _parse(text, is_shortcode, is_self_closing)


def _parse(text: str, is_shortcode: Callable[[Shortcode, bool], bool],
           is_self_closing: Callable[[str], bool]) -> tuple[list[Node], list[Shortcode]]:
    tokens = tokenize(text)
    encloses = _openers_with_closers(tokens, is_self_closing)
    # Pair closers with openers: a stack of open nodes and a count of open ones per name,
    # so "is there an opener for this closer?" is answered without searching.
    roots: list[Node] = []
    orphans: list[Shortcode] = []
    stack: list[Node] = []
    open_count: dict[str, int] = {}

    def attach(node: Node) -> None:
        (stack[-1].children if stack else roots).append(node)

    for tok in tokens:
        if tok.escaped:
            continue
        if tok.closing:
            if open_count.get(tok.name):
                # Openers above the matching one never got their closer: they stand alone.
                while stack[-1].tag.name != tok.name:
                    unclosed = stack.pop()
                    open_count[unclosed.tag.name] -= 1
                    _flatten_into_parent(unclosed, stack, roots)
                node = stack.pop()
                open_count[tok.name] -= 1
                node.closer = tok
            elif is_shortcode(tok, False):
                orphans.append(tok)
            continue
        node = Node(tok)
        attach(node)
        if encloses[id(tok)] and len(stack) < MAX_DEPTH:
            stack.append(node)
            open_count[tok.name] = open_count.get(tok.name, 0) + 1
    while stack:
        unclosed = stack.pop()
        _flatten_into_parent(unclosed, stack, roots)

    roots = _keep_shortcodes(roots, is_shortcode)
    return roots, orphans


def _openers_with_closers(tokens: list[Shortcode], is_self_closing: Callable[[str], bool]) -> dict[int, bool]:
    """Which openers have a closer of their name after them, paired innermost first.

    One pass from the right, counting closers not yet claimed per name. An opener without one
    encloses nothing, so it never swallows the rest of the text as its content.
    """
    pending: dict[str, int] = {}
    encloses: dict[int, bool] = {}
    for tok in reversed(tokens):
        if tok.escaped:
            continue
        if tok.closing:
            pending[tok.name] = pending.get(tok.name, 0) + 1
        elif tok.self_closing or is_self_closing(tok.name) or not pending.get(tok.name):
            encloses[id(tok)] = False
        else:
            pending[tok.name] -= 1
            encloses[id(tok)] = True
    return encloses


def _flatten_into_parent(node: Node, stack: list[Node], roots: list[Node]) -> None:
    """An opener without closer encloses nothing: its would-be children move up beside it."""
    siblings = stack[-1].children if stack else roots
    index = next(i for i in range(len(siblings) - 1, -1, -1) if siblings[i] is node)
    siblings[index + 1:index + 1] = node.children
    node.children = []


def _keep_shortcodes(nodes: list[Node], is_shortcode: Callable[[Shortcode, bool], bool]) -> list[Node]:
    """Drop tag-shaped tokens that are not shortcodes, lifting their children."""
    kept: list[Node] = []
    work = list(reversed(nodes))
    while work:
        node = work.pop()
        if is_shortcode(node.tag, node.closer is not None):
            node.children = _keep_shortcodes(node.children, is_shortcode)
            kept.append(node)
        else:
            work.extend(reversed(node.children))
    return kept
