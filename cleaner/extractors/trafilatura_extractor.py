"""trafilatura, set for precision (its favor_precision mode) unless told otherwise, comments
off, tables kept."""

from __future__ import annotations

from functools import cache

from cleaner.extractors.base import Extraction

_INLINE = frozenset({"b", "em", "i", "q", "span", "strong"})
# The blocks whose text is a paragraph, a heading, an item or a cell: the text after an empty
# element there is the block's own. Elsewhere (a button's label after its icon, inside a <span>
# of a widget) it is as often a control's words, which precision mode is right to drop.
_TEXT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "td", "th")


def extract_with_trafilatura(tree, *, url: str | None, output: str, precision: bool = True) -> Extraction | None:
    # Imported when a page is first extracted: trafilatura's import takes about a third of a
    # second, which every run of text files (and every rerun) would pay for nothing.
    from trafilatura import bare_extraction
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    if precision:
        keep_text_after_empty_elements(tree)
    options = Extractor(output_format="markdown" if output == "markdown" else "txt", comments=False,
                        tables=True, formatting=output == "markdown", url=url, precision=precision)
    document = bare_extraction(tree, options=options, as_dict=False)
    if document is None or document.body is None:
        return None
    text = xmltotxt(document.body, options.formatting) or ""
    if output == "text":
        # One paragraph a line from trafilatura; a blank line between them, as in text inputs.
        # A template's indentation inside a block comes through on its line: not text. A
        # table's rows ("| a | b |") stay together, one block, as a table reads.
        lines = [stripped for stripped in (line.strip() for line in text.split("\n")) if stripped]
        parts = lines[:1]
        for previous, line in zip(lines, lines[1:]):
            parts.append(("\n" if line[0] == "|" and previous[0] == "|" else "\n\n") + line)
        text = "".join(parts)
    return Extraction(text, "trafilatura" if precision else "trafilatura (standard mode)")


def keep_text_after_empty_elements(tree) -> None:
    """Delete from ``tree`` the elements trafilatura deletes as empty once it has cleaned the page,
    keeping the text that follows each in its block. Its precision mode deletes that text with
    them: a heading after a table of contents' anchor (``<h2><span id="…"></span>Who pays?</h2>``),
    a line after an icon (``<i class="icon"><svg>…</svg></i> 5 min``), the rest of a sentence
    after an empty ``<em></em>``. Nothing with text of its own is touched, so the other
    extractors read the same page."""
    cut_when_empty, cleaned, unwrapped = _trafilatura_cleaning()
    empty = [(block, child) for block in tree.iter(_TEXT_BLOCKS) for child in block
             if child.tail and child.text is None and child.tag in cut_when_empty
             # After a block only words count; after an inline element a space does too (it
             # keeps the words on either side apart).
             and (child.tag in _INLINE or not child.tail.isspace())
             and _empty_once_cleaned(child, cleaned, unwrapped)]
    for block, child in empty:
        _remove_keeping_tail(block, child)


@cache
def _trafilatura_cleaning() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What trafilatura deletes when empty once it has cleaned a page, and what its cleaning
    removes and unwraps before that: its own lists, as the installed version has them."""
    from trafilatura.settings import CUT_EMPTY_ELEMS, MANUALLY_CLEANED, MANUALLY_STRIPPED

    return frozenset(CUT_EMPTY_ELEMS), frozenset(MANUALLY_CLEANED), frozenset(MANUALLY_STRIPPED)


def _empty_once_cleaned(element, cleaned: frozenset[str], unwrapped: frozenset[str]) -> bool:
    """Whether nothing of ``element`` is left once trafilatura has removed its cleaned
    descendants (with their tails kept) and unwrapped its stripped ones: no text, not even a
    space, anywhere but inside removed ones. Without recursion: a page may nest thousands deep."""
    pending = [element]
    while pending:
        node = pending.pop()
        if node.text:
            return False
        for child in node:
            if child.tail or not isinstance(child.tag, str):
                return False
            if child.tag in unwrapped:
                pending.append(child)
            elif child.tag not in cleaned:
                return False
    return True


def _remove_keeping_tail(parent, element) -> None:
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + element.tail
    else:
        parent.text = (parent.text or "") + element.tail
    parent.remove(element)
