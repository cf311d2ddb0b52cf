"""The HTML path: read → prune ads → extract → clean, for one page.

The page is parsed once; the rule set's page rules (``html_ads``) prune the tree; the
extractor (trafilatura, with readability-lxml as the second opinion) takes the article's text
and metadata from it; the rule set's text rules then clean that text like any other document.
Each page rule's removals are recorded as changes on the document, like the text rules' ones.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.extractors import extract
from cleaner.extractors.base import Extraction
from cleaner.extractors.readability_extractor import blocks_to_text
from cleaner.extractors.metadata import read_headline, read_metadata
from cleaner.extractors.recipes import restore_recipe
from cleaner.pipeline import apply_findings
from cleaner.readers.html import decode_html
from cleaner.readers.text import looks_binary
from cleaner.timeouts import ExtractionTimeout, time_limit

if TYPE_CHECKING:
    from cleaner.pipeline import Cleaner

OUTPUTS = ("text", "markdown")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Bounded, so that a page of unclosed "<script" cannot make these scans quadratic.
_SCRIPT_TAG = re.compile(r"<(/?)(script|style|noscript|template)\b[^>]{0,2000}>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]{0,2000}>|&[#\w]{1,32};")
_SELF_CLOSED_SCRIPT = re.compile(r"<(script|style)(\s[^<>]{0,2000}?)?\s*/>", re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: a page's bytes are searched for them faster than its text.
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
# Something a reader can see: not a space, a byte-order mark, a zero-width or bidi mark.
_VISIBLE = re.compile("[^\\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# The parser never fetches anything and never expands entities into external resources;
# comments and processing instructions are not content.
# huge_tree: libxml2 would otherwise cut a text node at 10 MB and a tree at 256 levels, losing
# article text without a word; the size of a document is capped before parsing instead
# (--max-document-mb).
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, collect_ids=False,
                               default_doctype=False, huge_tree=True)
# Every element object lxml makes for the page rules, trafilatura, restoration and readability
# asks lxml.html's element-class lookup, written in Python (a form is a FormElement, an input an
# InputElement: their form-filling methods, which no extractor calls). The same classes from
# lxml's own lookup, in C, with HtmlElement for every element: the same text, 5 % less time.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


class NoArticle(InputError):
    """No extractor found an article in the page. ``reason`` says so in words of no interface;
    :meth:`worded` adds the setting that keeps the page's visible text, as the caller spells it:
    ``str()`` names this module's keyword, the command its ``--no-article text``."""

    def __init__(self, source: str, reason: str = "no article found (the extractors found no text)") -> None:
        self.source, self.reason = source, reason
        super().__init__(self.worded('no_article="text"'))

    def worded(self, setting: str) -> str:
        return f"{self.source}: {self.reason}; {setting} keeps the page's visible text instead"

    def __reduce__(self):  # pickled (to a parent process, a Ray driver) by its fields, not its message
        return type(self), (self.source, self.reason)


class ExtractionTooSlow(InputError):
    """The page took longer than ``seconds`` to extract; ``str()`` names this module's keyword,
    :meth:`worded` the setting as the caller spells it (the command's ``--timeout``)."""

    def __init__(self, source: str, seconds: float) -> None:
        self.source, self.seconds = source, seconds
        super().__init__(self.worded("timeout=", "timeout=None"))

    def worded(self, setting: str, no_limit: str | None = None) -> str:
        unlimited = f", or {no_limit} for no limit" if no_limit else ""
        return (f"{self.source}: extraction took longer than {self.seconds:g} s; skipped (raise {setting} for very "
                f"large pages{unlimited})")

    def __reduce__(self):
        return type(self), (self.source, self.seconds)


@lru_cache(maxsize=64)
def _controls_are_their_bytes(encoding: str) -> bool:
    """Whether the encoding writes each control character as the byte of the same value (UTF-8,
    the single-byte code pages, the ASCII-based East Asian ones; not UTF-16, UTF-7 or EBCDIC):
    then bytes without one decode to a text without one."""
    try:
        return _CONTROL_BYTES.decode("ascii").encode(encoding) == _CONTROL_BYTES
    except (LookupError, UnicodeError, ValueError):
        return False


def parse_html(text: str, *, source: str | None = None):
    """The page's element tree; an :class:`InputError` if there is no HTML to speak of."""
    if not text or text.isspace():  # (not a stripped copy of the whole page to ask)
        raise InputError(f"{source or '<html>'}: empty page")
    # lxml refuses a str that carries an XML encoding declaration; the text is decoded already.
    text = _XML_DECLARATION.sub("", text, count=1)
    # "<script/>" opens a script in HTML, as browsers read it, up to its "</script>"; libxml2
    # reads it as empty, and the code after it became text of the page ("(function() {…").
    text = _SELF_CLOSED_SCRIPT.sub(r"<\1\2>", text)
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source or '<html>'}: not parseable as HTML ({exc})") from None
    if tree is None:
        raise InputError(f"{source or '<html>'}: not parseable as HTML")
    return tree


def extract_page(data: bytes | str, *, cleaner: Cleaner, url: str | None = None, extractor: str = "auto",
                 output: str = "text", source: str | None = None, http_charset: str | None = None,
                 title: bool = True, metadata: bool = True, no_article: str = "reject",
                 timeout: float | None = None) -> Document:
    """The article of one HTML page, extracted after the page rules ran; text rules not yet.

    When no extractor finds an article (a page of scripts, a tree too deep for them),
    ``no_article="reject"`` raises :class:`NoArticle` (an :class:`InputError`), and ``"text"``
    keeps the page's visible text instead: never an empty output that looks like a cleaned page.

    ``timeout``: seconds the page may take (extractors can take minutes on a pathological
    page), past which :class:`ExtractionTooSlow` (an :class:`InputError`) is raised; ``None``
    for no limit. The limit is a ``SIGALRM`` timer, which only the main thread can set: in
    other threads the page runs without one (run pages in processes to bound each).

    ``output``: ``"text"`` (paragraphs) or ``"markdown"`` (headings, lists, emphasis kept).
    The document's metadata holds what the extractor found (title, author, date, url,
    sitename), the encoding read, and which extractor's text was kept. With ``title`` the text
    starts with the headline (extractors leave it out of the body). ``metadata=False`` reads
    only the title and description (what the text needs), not author, date and site name.
    """
    if output not in OUTPUTS:
        raise ValueError(f"unknown output {output!r}; choose one of: {', '.join(OUTPUTS)}")
    if no_article not in ("reject", "text"):
        raise ValueError(f'unknown no_article {no_article!r}; choose "reject" or "text"')
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be a number of seconds above 0, or None for no limit (got {timeout!r})")
    try:
        with time_limit(timeout) if timeout is not None else nullcontext():
            return _extract_page(data, cleaner=cleaner, url=url, extractor=extractor, output=output, source=source,
                                 http_charset=http_charset, title=title, metadata=metadata, no_article=no_article)
    except ExtractionTimeout:
        raise ExtractionTooSlow(source or "<html>", timeout or 0) from None


def _extract_page(data: bytes | str, *, cleaner: Cleaner, url: str | None, extractor: str, output: str,
                  source: str | None, http_charset: str | None, title: bool, metadata: bool,
                  no_article: str) -> Document:
    if isinstance(data, bytes):
        if looks_binary(data):
            raise InputError(f"{source or '<html>'}: looks like a binary file (NUL bytes), not a web page")
        text, encoding = decode_html(data, http_charset=http_charset)
    else:
        text, encoding = data, "str"
    # Control characters are not text, and lxml refuses them in the trees the extractors build.
    # (Looked for in the page's bytes where the encoding writes each as its own byte: a regular
    # expression over the text cost 2 % of an extraction's time, for the few pages that hold one.)
    if not isinstance(data, bytes) or not _controls_are_their_bytes(encoding.split(" (")[0]) \
            or len(data.translate(None, _CONTROL_BYTES)) != len(data):
        text = _CONTROL.sub("", text)
    tree = parse_html(text, source=source)
    doc = Document("", {"encoding": encoding}, source=source)
    if url:
        doc.metadata["url"] = url
    for rule in cleaner.html_rules:
        apply_findings(doc, rule.id, rule.prune(tree, doc))
    found = read_metadata(tree, url=url) if metadata else read_headline(tree)
    for key, value in found.items():
        doc.metadata.setdefault(key, value)
    extraction = extract(tree, extractor=extractor, url=url, output=output, headline=doc.metadata.get("title"))
    if _VISIBLE.search(extraction.text):
        extraction = restore_recipe(tree, extraction, markdown=output == "markdown")
    else:
        extraction = _page_text(text, source=source, no_article=no_article, markdown=output == "markdown")
    # trafilatura's extract() composes text to NFC; its bare_extraction, which cleaner calls, and
    # readability do not. A page that spells "ü" as "u" + U+0308 would come out decomposed,
    # and search would not find its words.
    doc.text = unicodedata.normalize("NFC", extraction.text)
    for key, value in doc.metadata.items():
        if isinstance(value, str):
            doc.metadata[key] = unicodedata.normalize("NFC", value)
    headline = doc.metadata.get("title")
    if title and headline and doc.text and not doc.text.lstrip().startswith(headline):
        doc.text = ("# " if output == "markdown" else "") + headline + "\n\n" + doc.text
    elif not title:
        doc.text = _without_headline(doc.text, headline)
    doc.metadata["extractor"] = extraction.extractor
    if extraction.warning:
        doc.warnings.append(extraction.warning)
    if doc.text and not doc.text.endswith("\n"):
        doc.text += "\n"  # a new text, written as a file: it ends its last line
    return doc


def _page_text(page: str, *, source: str | None, no_article: str, markdown: bool) -> Extraction:
    if no_article != "text":
        raise NoArticle(source or "<html>")
    tree = parse_html(page, source=source)  # afresh: the extractors may have pruned the first tree
    body = tree.find("body")
    root = body if body is not None else tree
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    text = blocks_to_text(root, markdown=markdown)
    if not _VISIBLE.search(text):
        lines = (" ".join(line.split()) for line in root.text_content().splitlines())
        text = "\n\n".join(line for line in lines if line)
    if not _VISIBLE.search(text):
        if _VISIBLE.search(_TAGS.sub(" ", _without_scripts(page))):
            raise InputError(f"{source or '<html>'}: the page has text the HTML parser could not reach "
                             "(elements nested over 2,000 deep?); skipped")
        raise InputError(f"{source or '<html>'}: no text in the page at all (scripts and markup only)")
    return Extraction(text, "page-text")


def _without_scripts(page: str) -> str:
    """The page without the content of its script, style, noscript and template elements."""
    kept: list[str] = []
    inside: str | None = None
    start = 0
    for match in _SCRIPT_TAG.finditer(page):
        closing, name = match.group(1), match.group(2).lower()
        if inside is None and not closing:
            kept.append(page[start:match.start()])
            inside = name
        elif inside == name and closing:
            inside, start = None, match.end()
    if inside is None:
        kept.append(page[start:])
    return " ".join(kept)


def _without_headline(text: str, headline: str | None) -> str:
    """The text without the headline an extractor kept at its top: asked for no title, a reader
    wants the body to start with the body. The paragraph after it stays, even when it is the
    page's description too: most sites describe a page by its lede, which is article text."""
    if not headline:
        return text
    key = " ".join(headline.lstrip("# ").split()).casefold()
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1 and " ".join(paragraphs[0].lstrip("# ").split()).casefold() == key:
        return "\n\n".join(paragraphs[1:])
    return text


def extract_article(data: bytes | str, *, cleaner: Cleaner, url: str | None = None, extractor: str = "auto",
                    output: str = "text", source: str | None = None, http_charset: str | None = None,
                    title: bool = True, metadata: bool = True, no_article: str = "reject",
                    timeout: float | None = None) -> Document:
    """The cleaned article of one HTML page: :func:`extract_page` (``no_article`` and
    ``timeout`` as there: the time limit bounds the extraction), then the rule set's text rules."""
    doc = extract_page(data, cleaner=cleaner, url=url, extractor=extractor, output=output, source=source,
                       http_charset=http_charset, title=title, metadata=metadata, no_article=no_article,
                       timeout=timeout)
    return cleaner.clean_document(doc)
