"""Putting back what trafilatura's precision mode dropped from beside the article's kept text.

Precision mode drops, by design, a short last block holding a link (its guess at a "Read more"
line). In markup where the article's paragraphs are ``<div>`` s, that is the article's own last
paragraph. So a prose paragraph (sentence-final, mostly not link text) that stands beside
paragraphs trafilatura kept, in the same parent, but is missing from its text, is put back in its
place: see :func:`restore_lost_paragraphs`.
"""

from __future__ import annotations

import difflib
import re

from cleaner.extractors.base import INLINE_TAGS, Extraction, hidden_from_readers
from cleaner.kinds.html_ads import name_words

# A lost block is put back only when it reads as a paragraph of the article: this long, ending
# a sentence, and with at most this share of its text inside links.
RESTORE_MIN_CHARS = 50
RESTORE_MAX_LINK_SHARE = 0.4
# Past this many lost paragraphs on one page, trafilatura's choice was no accident.
RESTORE_MAX = 20
# A lost part after the article's last kept part comes back only with this many paragraphs, and
# with at least 1/_TAIL_PART_SHARE as much prose as was kept in its chain of containers.
_TAIL_PART_PARAGRAPHS = 2
_TAIL_PART_SHARE = 2
_LINEAGE_DEPTH = 64
# A block holding anything but INLINE_TAGS (a list, a custom element of a teaser widget) is a
# container, not a paragraph.
_WRAPPERS = frozenset({"div", "section", "span", "figure"})
# What a lost block must not be inside, or stand beside, to come back (see _hidden_or_furniture).
_FORM_TAGS = frozenset({"form", "input", "button", "select", "textarea"})
_FURNITURE_WORDS = frozenset({"newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
                              "promo", "cta", "share", "sharing", "social", "comment", "comments", "cookie",
                              "cookies", "consent", "gdpr", "paywall", "modal", "popup", "overlay", "related",
                              "recommended", "breadcrumb", "breadcrumbs", "toolbar", "offscreen", "sr",
                              "visually", "meta", "metadata", "postmetadata"})
# The site speaking, not the article: a newsletter or subscription prompt. Precision mode dropped
# the block; it stays dropped. (Not a copyright line: that is as often the article's own, "©
# 2031 Harbour Times. All rights reserved.", which comes back.)
_SITE_NOTICE = re.compile(r"newsletter|nieuwsbrief|\bsubscrib(?:e|ing)\b|\babonn(?:ier|ez)", re.IGNORECASE)
_FURNITURE_DEPTH = 8
_SENTENCE_FINAL = re.compile(r"[.!?…][\"”’')\]]*$")
# A paragraph longer than this (letters and digits) is not compared word by word for dropped
# links (the comparison can grow with the square of its length), nor more of them on one page
# than _MEND_COMPARISONS: the work stays bounded whatever the page.
_MEND_MAX_CHARS = 5000
_MEND_COMPARISONS = 200
# How many letters and digits from each end of a block identify it.
ENDS = 40
# Fewer, to find a short paragraph whose dropped link stood near both its ends.
_NEAR = 16
_NOT_WORD = re.compile(r"[\W_]+")
WORD = re.compile(r"[^\W_]+")
# Markdown's inline marks, removed to compare a markdown line with a block's text.
_MARKDOWN_MARKS = re.compile(r"\]\([^)\s]*\)|[*_`\[\]]|^(?:#{1,6}|[-+>]|\d+\.)\s+")


def restore_lost_paragraphs(tree, extraction: Extraction, *, markdown: bool) -> Extraction:
    """``extraction`` with the prose paragraphs it dropped from beside the ones it kept put back,
    each after the kept (or restored) sibling before it."""
    paragraphs = extraction.text.split("\n\n")
    # A block is matched to a paragraph by the start and the end of its words: an extractor may
    # drop or change something in the middle (a link's text, an inline widget).
    heads: dict[str, int] = {}
    tails: dict[str, int] = {}
    keys = [paragraph_key(paragraph, markdown) for paragraph in paragraphs]
    for index, key in enumerate(keys):
        if key:
            for size in (ENDS, _NEAR):
                heads.setdefault(key[:size], index)
                tails.setdefault(key[-size:], index)
    mended: dict[int, str] = {}  # kept paragraphs whose linked words the extractor dropped
    budget = [_MEND_COMPARISONS]  # word-by-word comparisons left for this page
    # Leaf blocks (no block children) grouped by parent, in document order: one pass.
    families: dict[object, list[object]] = {}
    for element in tree.iter("p", "div"):
        if len(element) and not _holds_only_inline(element):
            continue
        # A paragraph wrapped alone (a CMS "card" per paragraph) stands beside the other
        # paragraphs' wrappers: its family is where the chain of lone wrappers meets them.
        parent = element.getparent()
        while parent is not None and parent.tag in _WRAPPERS and _only_child(parent):
            parent = parent.getparent()
        if parent is not None:
            families.setdefault(parent, []).append(element)
    inserts: list[tuple[int, str, str]] = []  # (after paragraph index, -1 for first; text; key)
    # Families none of whose blocks was kept, and the last kept paragraph before each, for the
    # article a CMS splits into several text blocks of one template between embeds.
    orphans: list[tuple[tuple[str, str], int, list[tuple[str, str]], object]] = []
    # The characters of prose kept in each chain of containers (a part's lineage, see _lineage).
    kept_by_lineage: dict[tuple, int] = {}
    last_kept = -1
    for parent, members in families.items():
        if len(members) < 2:
            continue
        family = [(element, element.text_content()) for element in members]
        # Only a run of lost prose touching a kept paragraph comes back: a notice after the
        # article's tail of links and tags ("Comments are moderated") is not the article.
        anchor: int | None = None  # the kept paragraph the current run follows
        waiting: list[tuple[str, str]] = []  # a run not yet touching a kept paragraph
        prose: list[tuple[str, str]] = []  # the family's lost prose, if none of it was kept
        any_kept = False
        kept_chars = 0
        keyed = 0  # the family's blocks with words
        for element, text in family:
            key = paragraph_key(text)
            if not key:
                continue
            keyed += 1
            kept, links_dropped = _counterpart(element, text, key, paragraphs, keys, heads, tails, markdown, budget)
            if kept is not None:
                any_kept = True
                kept_chars += len(key)
                last_kept = max(last_kept, kept)
                if links_dropped:
                    mended[kept] = " ".join(text.split())
                inserts.extend((kept - 1, lost, lost_key) for lost, lost_key in waiting)
                anchor, waiting = kept, []
            elif len(inserts) + len(waiting) < RESTORE_MAX and _reads_as_prose(element, text) \
                    and not _hidden_or_furniture(element) and not _SITE_NOTICE.search(text):
                lost = (" ".join(text.split()), key)
                prose.append(lost)
                if anchor is None:
                    waiting.append(lost)
                else:
                    inserts.append((anchor, *lost))
            else:
                anchor, waiting = None, []
        template = _template_of(parent)
        if any_kept and template:
            # A part of the article lost before a kept part of the same template comes back.
            for orphan_template, anchor_index, lost, _ in orphans:
                if orphan_template == template:
                    inserts.extend((anchor_index, text, key) for text, key in lost)
            orphans = [orphan for orphan in orphans if orphan[0] != template]
            lineage = _lineage(parent)
            kept_by_lineage[lineage] = kept_by_lineage.get(lineage, 0) + kept_chars
        elif template and prose and len(prose) == keyed:
            orphans.append((template, last_kept, prose, parent))
    # After the last kept part the page's tail begins (an "about us" box, a promotion, an
    # author's note, often in the article's own template): a lost part comes back from there only
    # as a part of the article reads, in the very chain of containers of a kept part and the size
    # of one, several paragraphs and at least half as much prose as was kept there.
    for _, anchor_index, lost, parent in orphans:
        kept_chars = kept_by_lineage.get(_lineage(parent), 0)
        if kept_chars and len(lost) >= _TAIL_PART_PARAGRAPHS \
                and sum(len(key) for _, key in lost) * _TAIL_PART_SHARE >= kept_chars:
            inserts.extend((anchor_index, text, key) for text, key in lost)
    restored: list[tuple[int, str]] = []
    if inserts and len(inserts) < RESTORE_MAX:
        whole = paragraph_key(extraction.text, markdown)
        # Already there, perhaps behind a prefix the extractor left out ("© Provided by …"): the
        # block's last two thirds stand in the text, and putting it back would double them.
        restored = [(anchor, text) for anchor, text, key in inserts
                    if not stands_in(whole, key) and not stands_in(whole, key[len(key) // 3:])]
    if not restored and not mended:
        return extraction
    after: dict[int, list[str]] = {}
    for anchor, text in restored:
        after.setdefault(anchor, []).append(text)
    out: list[str] = list(after.get(-1, ()))
    for index, paragraph in enumerate(paragraphs):
        out.append(mended.get(index, paragraph))
        out.extend(after.get(index, ()))
    told = [f"+{len(restored)} restored"] * bool(restored) + [f"{len(mended)} mended"] * bool(mended)
    return Extraction("\n\n".join(out), f"{extraction.extractor} ({', '.join(told)})")


def _lineage(element) -> tuple[tuple[str, str], ...]:
    """The tag and class of an element and of the containers above it (up to _LINEAGE_DEPTH:
    the work stays bounded on a page nested thousands deep): two parts of one article hang from
    the same chain; a box in the footer or a sidebar that reuses the article's text class does
    not."""
    chain = []
    while element is not None and len(chain) < _LINEAGE_DEPTH:
        chain.append((element.tag, (element.get("class") or "").strip()))
        element = element.getparent()
    return tuple(chain)


def _template_of(parent) -> tuple[str, str] | None:
    """The tag and class of a block's container: the template a CMS repeats for each part of an
    article it splits between embeds. None for a container without a class (too common a shape)."""
    classes = (parent.get("class") or "").strip()
    return (parent.tag, classes) if classes else None


def _counterpart(element, text: str, key: str, paragraphs: list[str], keys: list[str], heads: dict[str, int],
                 tails: dict[str, int], markdown: bool, budget: list[int]) -> tuple[int | None, bool]:
    """The extracted paragraph that is this block's, and whether the extractor dropped words of
    its links (a linked phrase inside a sentence: the sentence's). The same start and end of
    words; else, near either end, a shorter copy that lacks only link words."""
    head = heads.get(key[:ENDS])
    if head is not None and keys[head][-ENDS:] == key[-ENDS:]:
        return head, not markdown and len(key) > len(keys[head]) and _dropped_only_links(
            element, paragraphs[head], text, keys[head], key, budget)
    if markdown:
        return None, False
    for index in (head, tails.get(key[-ENDS:]), heads.get(key[:_NEAR]), tails.get(key[-_NEAR:])):
        if index is not None and len(keys[index]) < len(key) and _dropped_only_links(
                element, paragraphs[index], text, keys[index], key, budget):
            return index, True
    return None, False


def _dropped_only_links(element, kept: str, whole: str, kept_key: str, whole_key: str, budget: list[int]) -> bool:
    """Whether the extractor's paragraph (``kept``) is the block's text (``whole``) with only
    the words of some of its links left out: a linked phrase inside a sentence ("reported that
    <a>the league will fine him</a> for his role") is the sentence's, whatever its class.
    Compared word by word (a tenth of the work of comparing letters)."""
    if len(whole_key) > _MEND_MAX_CHARS or 2 * len(kept_key) < len(whole_key) or budget[0] <= 0:
        return False  # too long to compare word by word, more than half lost, or the page's budget spent
    budget[0] -= 1
    links = [" " + " ".join(WORD.findall(link.text_content().casefold())) + " " for link in element.iter("a")]
    if not links:
        return False
    kept_words, whole_words = WORD.findall(kept.casefold()), WORD.findall(whole.casefold())
    matcher = difflib.SequenceMatcher(None, kept_words, whole_words, autojunk=False)
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag == "equal":
            continue
        run = " " + " ".join(whole_words[start:end]) + " "
        if tag != "insert" or not any(run in link for link in links):
            return False
    return True


def stands_in(whole: str, key: str) -> bool:
    """Whether the block's words stand in the extracted text, perhaps split over paragraphs or
    with a little changed inside: its start, then its end, about its length further on."""
    head, tail = key[:ENDS], key[-ENDS:]
    start = whole.find(head)
    for _ in range(10):  # a few occurrences of the start: a repeated sentence, not a pattern
        if start < 0:
            return False
        end = whole.find(tail, start + max(0, len(key) * 4 // 5 - len(tail)))
        if end >= 0 and end + len(tail) - start <= len(key) * 5 // 4:
            return True
        start = whole.find(head, start + 1)
    return False


def paragraph_key(paragraph: str, markdown: bool = False) -> str:
    """The paragraph's letters and digits, lower case: extractors differ in spaces, soft hyphens,
    invisible characters and punctuation around inline elements, not in words."""
    if markdown:
        paragraph = _MARKDOWN_MARKS.sub("", paragraph)
    return _NOT_WORD.sub("", paragraph).casefold()


def _only_child(parent) -> bool:
    # Stops at the second element: a parent of a thousand paragraphs is asked once per paragraph.
    elements = (child for child in parent if isinstance(child.tag, str))
    return next(elements, None) is not None and next(elements, None) is None


def _holds_only_inline(element) -> bool:
    # Comments and processing instructions (tags that are not strings) are not content. Only
    # inline children are looked into: a block child answers at once, so each element is read
    # once for the block it stands in, not once for every block above it.
    for child in element:
        if isinstance(child.tag, str) and (child.tag not in INLINE_TAGS
                                           or (len(child) and not _holds_only_inline(child))):
            return False
    return True


def _hidden_or_furniture(element) -> bool:
    """Whether a block is hidden from readers (``hidden``, ``aria-hidden``, ``display: none``) or
    belongs to page furniture by its markup, in any language: inside a form, beside a form's
    input or button (a newsletter's "Bleiben Sie auf dem Laufenden"), or in an element whose
    class or id names a newsletter, a subscription, a share bar, comments, a cookie notice."""
    for sibling in (element.getprevious(), element.getnext()):
        if sibling is not None and sibling.tag in _FORM_TAGS:
            return True
    node, depth = element, 0
    while node is not None and depth < _FURNITURE_DEPTH:
        if node.tag in _FORM_TAGS or hidden_from_readers(node):
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if names.strip() and _FURNITURE_WORDS.intersection(name_words(names)):
            return True
        node, depth = node.getparent(), depth + 1
    return any(child.tag in _FORM_TAGS for child in element.iterdescendants())


def _reads_as_prose(element, text: str) -> bool:
    text = text.strip()
    if len(text) < RESTORE_MIN_CHARS or not _SENTENCE_FINAL.search(text):
        return False
    linked = sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))
    return linked <= RESTORE_MAX_LINK_SHARE * len(text)
