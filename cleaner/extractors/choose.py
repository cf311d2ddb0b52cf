"""Which extractor's text to keep.

``auto`` (the default) runs trafilatura first. Only when its text is missing or suspiciously
short (under ``MIN_CHARS`` characters, or under ``MIN_SHARE`` of the text of the page's ``<p>``
elements, where an article's paragraphs live) does readability-lxml run too, and its text wins
if it is at least twice as long and the same article (failing that, below ``STANDARD_SHARE``,
trafilatura's standard mode is asked the same way): a short result is the usual sign that
trafilatura stopped at an inline element, or at one section of several, and kept only part of
the article. Running readability on every page
would double the time for the few pages where it helps (on the 181 benchmark pages it runs on
9 and wins on 2).

What trafilatura's precision mode drops from beside the article's kept text is put back first:
see :mod:`cleaner.extractors.restoration`.
"""

from __future__ import annotations

from lxml import etree

from cleaner.extractors.base import Extraction
from cleaner.extractors.readability_extractor import (
    blocks_to_text,
    extract_with_readability,
)
from cleaner.extractors.page_types import is_discussion_thread
from cleaner.extractors.restoration import ENDS, WORD, paragraph_key, restore_lost_paragraphs, stands_in
from cleaner.extractors.trafilatura_extractor import extract_with_trafilatura

EXTRACTORS = ("auto", "trafilatura", "readability")
MIN_CHARS = 250
MIN_SHARE = 0.5
# Under this share of the page's paragraph text, with readability no help, trafilatura's standard
# mode is asked too (about one page in fifty).
STANDARD_SHARE = 0.25
# libxml2 merges XPath node sets in quadratic time, and trafilatura asks for "//p//text()" of
# the whole page: 70,000 paragraphs cost seconds a query, 500,000 several minutes. A page with
# more <p> than this is no single article (a book, a forum dump, a minified archive page): its
# blocks are read as text in one linear pass instead, and the document says so.
MAX_PARAGRAPHS = 20_000
_COUNT_PARAGRAPHS = etree.XPath("count(//p)")  # no element object made for each
# Headline words this long carry its subject ("ferry", "Lyon"), and the article's opening, this
# many characters, names it.
_HEADLINE_WORD = 4
_PROSE_WORDS = 8
_OPENING_CHARS = 1500


def extract(tree, *, extractor: str = "auto", url: str | None = None, output: str = "text",
            headline: str | None = None) -> Extraction:
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; choose one of: {', '.join(EXTRACTORS)}")
    paragraphs = int(_COUNT_PARAGRAPHS(tree))
    if paragraphs > MAX_PARAGRAPHS:
        return Extraction(_page_blocks(tree, markdown=output == "markdown"), "page-text",
                          f"{paragraphs:,} paragraphs, over the {MAX_PARAGRAPHS:,} the extractors take in "
                          "reasonable time: the whole page was kept as text, boilerplate included")
    if extractor == "readability":
        return extract_with_readability(tree, url=url, output=output) or Extraction("", "readability")
    # trafilatura works on a copy of the tree it is given, so readability still sees it whole.
    # Its precision mode prunes comment containers, and on a forum thread the posts stand in
    # them: there its standard mode keeps the thread (precision mode kept the first post).
    precise = not is_discussion_thread(tree)
    first = extract_with_trafilatura(tree, url=url, output=output, precision=precise)
    # Whether trafilatura found too little is judged on what it found itself: paragraphs put
    # back beside its text do not make a half-found article whole.
    got = len(first.text) if first else 0
    if first is not None and first.text:
        first = restore_lost_paragraphs(tree, first, markdown=output == "markdown")
    if extractor == "trafilatura":
        return first or Extraction("", "trafilatura")
    paragraph_chars = _paragraph_chars(tree) if got >= MIN_CHARS else None  # not needed for less
    if paragraph_chars is not None and got >= MIN_SHARE * paragraph_chars:
        return first
    kept = first.text if first else ""
    second = extract_with_readability(tree, url=url, output=output)
    if second is not None and len(second.text) >= 2 * max(got, 1) and _same_article(kept, second.text, headline):
        second.extractor = "readability (trafilatura found too little)"
        return second
    # Precision mode kept under STANDARD_SHARE of the page's paragraph text, and readability has
    # no longer copy of the same article: on a page of several sections precision mode keeps
    # one, and trafilatura's standard mode, run only here, keeps them all.
    if paragraph_chars is None:
        paragraph_chars = _paragraph_chars(tree)
    if precise and got < STANDARD_SHARE * paragraph_chars:
        standard = extract_with_trafilatura(tree, url=url, output=output, precision=False)
        if standard is not None and len(standard.text) >= 2 * max(got, 1) \
                and _same_article(kept, standard.text, headline):
            standard.extractor = "trafilatura standard mode (precision mode found too little)"
            return standard
    return first or Extraction("", "trafilatura")


def _same_article(first: str, second: str, headline: str | None) -> bool:
    """Whether readability's longer text is the article trafilatura began, not another story
    of a section or infinite-scroll page: it holds most of trafilatura's paragraphs; or, when
    trafilatura kept none to compare, its opening shares a word with the page's headline."""
    # Paragraphs of prose only: a URL or a byline that trafilatura kept alone says nothing.
    paragraphs = [paragraph_key(p) for p in first.split("\n\n") if len(p.split()) >= _PROSE_WORDS]
    paragraphs = [key for key in paragraphs if len(key) >= ENDS]
    # Under MIN_CHARS of it is no article to compare (a reprint notice, a teaser): the headline
    # decides then.
    if sum(map(len, paragraphs)) >= MIN_CHARS:
        whole = paragraph_key(second)
        return 2 * sum(1 for key in paragraphs if stands_in(whole, key)) >= len(paragraphs)
    # A headline in a script written without spaces reads as one long "word": no evidence.
    words = {w for w in WORD.findall((headline or "").casefold()) if _HEADLINE_WORD <= len(w) <= 20}
    return len(words) < 2 or any(w in words for w in WORD.findall(second[:_OPENING_CHARS].casefold()))


def _paragraph_chars(tree) -> int:
    """Characters of text in the page's <p> elements, spaces collapsed."""
    return len(" ".join("".join(text for p in tree.iter("p") for text in p.itertext()).split()))


def _page_blocks(tree, *, markdown: bool) -> str:
    body = tree.find("body")
    root = body if body is not None else tree
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    return blocks_to_text(root, markdown=markdown)
