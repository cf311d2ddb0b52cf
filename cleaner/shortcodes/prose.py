"""Whether a bracket that starts like a shortcode reads as prose instead.

WordPress decides by the name alone: a registered name makes a shortcode, whatever follows.
Leaked into scraped text, that deletes brackets of prose that start with a common word which
is also a tag name (``[video call from the harbour master, port ellis.]``, ``[gallery notice:
the east wing closes at five.]``, ``I love [video games]``). Dropping such a bracket loses its
words; keeping a real shortcode that looks like prose loses nothing (it stays as junk). So a
bracket whose attributes read as words of a sentence is prose.

What real shortcodes hold in positional attributes: URLs, numbers, ids, quoted strings, and at
most a flag word or two in enclosing tags (``[one_half last]…[/one_half]``). What prose holds:
several plain words, often with sentence punctuation. The test counts plain words: letters,
with inner apostrophes or hyphens, optionally in parentheses, optionally ending in ``.,;:!?…``;
and an unquoted value ending in ``,`` or ``;`` (``[STR=12, AGI=8]``, ``[x=5, y=3]``) is a list
in prose, never an attribute.

For a name no rule lists, a ``name=value`` attribute is the only evidence of markup, so it must
look like markup: a quoted value, or an unquoted one under a lower-case name, as shortcode
names are (``[table id=1 /]``); ``[Image credit=Reuters]`` and ``[Status hp=340]`` are prose.
"""

from __future__ import annotations

import re

from cleaner.shortcodes.grammar import Shortcode

_PLAIN_WORD = re.compile(r"\(?[^\W\d_]+(?:['’\-][^\W\d_]+)*\)?[.,;:!?…]*")
_SENTENCE_END = tuple(".,;:!?…")
_LIST_SEPARATORS = (",", ";")


def reads_as_prose(tag: Shortcode, *, paired: bool, named_count: bool = True) -> bool:
    """Whether ``tag``'s attributes read as a sentence rather than as shortcode attributes.

    ``paired``: the tag encloses content up to its own closer, which makes markup likelier, so
    one flag word is allowed there. ``named_count``: whether a ``name=value`` attribute proves
    markup (for a registered name it does; for an unregistered one a sentence still wins).
    """
    if tag.closing:
        return False
    if named_count and tag.attrs:
        return False
    words = [w for w in tag.bare if _PLAIN_WORD.fullmatch(w)]
    if any(w.endswith(_SENTENCE_END) for w in words):
        return True
    unquoted = [*tag.bare, *(tag.attrs[name] for name in tag.bare_named)]
    if any(v.endswith(_LIST_SEPARATORS) for v in unquoted):
        return True
    if paired or tag.attrs:
        return len(words) >= 2
    # Unpaired: a real self-closing shortcode's positionals are URLs, ids and numbers, so a
    # bracket made mostly of plain words is prose.
    return 2 * len(words) > len(tag.positional)


def attributes_look_like_markup(tag: Shortcode) -> bool:
    """Whether ``tag``'s ``name=value`` attributes are evidence of a shortcode on their own:
    one value is quoted, or the tag's name is in lower case, as shortcode names are."""
    if not tag.attrs:
        return False
    return len(tag.bare_named) < len(tag.attrs) or tag.name == tag.name.lower()
