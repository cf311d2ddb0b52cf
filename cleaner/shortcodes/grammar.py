"""The shortcode grammar, read in one left-to-right pass.

What WordPress accepts (described here in our own terms):

- a tag is ``[name attributes]``; enclosing tags pair with ``[/name]`` and hold content;
  ``[name /]`` is self-closing; ``[[name …]]`` is escaped and stands for the literal ``[name …]``;
- the name is followed by white space, ``]``, ``/`` or ``=`` (``[quote=John]``);
- attributes: see :mod:`cleaner.shortcodes.attributes`.

Where we depart from it, on purpose:

- a name followed by anything else (``[gallery:``, ``[video,``) is not a tag: WordPress reads
  the rest as a positional attribute, but in text that is a bracket of prose (``[Photo: …]``);
- a tag is paired only with a closer of its own name, and the nearest one that leaves the
  nesting balanced (WordPress pairs an opener with the first closer after it, so
  ``[tag] a [tag]b[/tag]`` encloses ``a [tag]b`` there); a tag declared self-closing is never
  paired with a stray closer later on.

Linear time: the scanner visits each character a bounded number of times (a tag is at most
``MAX_TAG_LENGTH`` characters), and closers are matched with a stack and a count per name, so
no search runs from every ``[`` to the end of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner.code_regions import code_spans, fenced_blocks
from cleaner.shortcodes.attributes import decode_char, is_space, read_attributes

MAX_TAG_LENGTH = 4000
# Deeper nesting than this is not real page-builder markup; deeper openers stand alone, which
# keeps the tree (and the recursion that renders it) shallow on hostile input.
MAX_DEPTH = 64
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")


@dataclass(slots=True)
class Shortcode:
    """One tag token: an opener (possibly self-closing) or a closer."""

    name: str
    start: int
    end: int
    # Held in containers the garbage collector need not walk (a dict of strings, tuples of
    # strings), so that a document of half a million tags does not make each of its full passes
    # longer: those passes had made the time per MB double from 1 to 10 MB.
    attrs: dict[str, str] = field(default_factory=dict)
    positional: tuple[str, ...] = ()
    closing: bool = False
    self_closing: bool = False
    escaped: bool = False
    raw: str = ""
    # The positional values written without quotes: the words a prose test reads.
    bare: tuple[str, ...] = ()
    # The names of attributes whose values were written without quotes.
    bare_named: tuple[str, ...] = ()

    @property
    def has_named_attributes(self) -> bool:
        return bool(self.attrs)


@dataclass(slots=True)
class Node:
    """A shortcode in the tree: its opening tag, its content span and children, its closer."""

    tag: Shortcode
    # A leaf (most tags) shares the empty tuple; a list is made for the first child.
    children: list[Node] | tuple[()] = ()
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
    if i >= limit:
        return None
    follow, _ = decode_char(text, i)
    if not (is_space(follow) or follow in "]/" or (follow == "=" and not closing)):
        return None  # "[name(", "[name:" or "[name," is not a tag
    end_limit = min(limit, start + MAX_TAG_LENGTH)
    if closing:
        while i < end_limit:
            ch, nxt = decode_char(text, i)
            if ch == "]":
                return Shortcode(name, start, nxt, closing=True, raw=text[start:nxt])
            if not is_space(ch):
                return None
            i = nxt
        return None
    inside = read_attributes(text, i, end_limit)
    if inside is None:
        return None
    return Shortcode(name, start, inside.end, inside.named, tuple(inside.positional),
                     self_closing=inside.self_closing, raw=text[start:inside.end], bare=tuple(inside.bare),
                     bare_named=tuple(sorted(inside.bare_named)))


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
    # An opener that is no shortcode even with a closer (a bracket of prose starting with a
    # tag's name) takes no part in pairing, so it never claims a closer from a real opener.
    tokens = [t for t in tokenize(text) if t.closing or t.escaped or is_shortcode(t, True)]
    encloses = _openers_with_closers(tokens, is_self_closing)
    # Pair closers with openers: a stack of open nodes and a count of open ones per name,
    # so "is there an opener for this closer?" is answered without searching.
    roots: list[Node] = []
    orphans: list[Shortcode] = []
    stack: list[Node] = []
    open_count: dict[str, int] = {}

    def attach(node: Node) -> None:
        if not stack:
            roots.append(node)
        elif stack[-1].children:
            stack[-1].children.append(node)
        else:
            stack[-1].children = [node]

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
    node.children = ()


def _keep_shortcodes(nodes: list[Node], is_shortcode: Callable[[Shortcode, bool], bool]) -> list[Node]:
    """Drop tag-shaped tokens that are not shortcodes, lifting their children."""
    kept: list[Node] = []
    work = list(reversed(nodes))
    while work:
        node = work.pop()
        if is_shortcode(node.tag, node.closer is not None):
            if node.children:
                node.children = _keep_shortcodes(node.children, is_shortcode)
            kept.append(node)
        else:
            work.extend(reversed(node.children))
    return kept
