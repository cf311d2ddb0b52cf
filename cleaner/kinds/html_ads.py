"""Ad markup, removed from the page before the main content is extracted.

Extractors keep the text of ``div.ad``, ``#div-gpt-ad-…`` and ``ins.adsbygoogle`` when those
sit inside the article, and can cut an article short at an inline ad slot. This pass removes:

- elements whose class or id names an ad, read word by word: names are split on ``-``, ``_``,
  digits, spaces and camelCase, and a word must be an ad word as a whole (``ad``, ``ads``,
  ``advert``, ``sponsored``, ``dfp``, ``gpt``, ``mpu``, ``leaderboard``, ``taboola``, …), or a
  banner size (``300x250``); so ``header``, ``shadow``, ``download``, ``read`` or ``loading``
  never match;
- vendor markup: ``amp-ad``, ``amp-embed``, ``data-ad-slot``, ``data-ad-client`` and the
  other ``data-ad…`` attributes, iframes and scripts served by ad hosts (``ins.adsbygoogle``,
  ``div-gpt-ad-…``, Taboola and Outbrain widgets are caught by their class and id words);
- elements whose whole text is only an ad label ("Advertisement", "Anzeige", "Реклама", …);
- CSS selectors of the rule set, and the generic element-hiding rules (``##.name``,
  ``###name``) of an EasyList-format file the user points at.

A guard keeps the article: an element holding more than ``guard_share`` of the page's text is
never removed, whatever its name; nor are the large elements of prose (over 200 characters,
under half of them link text) the rule would remove when together they hold more than that
share (an article split into sections
that are each named like an ad), nor an element holding an article's worth of prose (three
paragraphs that end sentences, little of them links), whatever its share of the page. Names that say an element holds or allows ads
(``section--has-ads``, ``with-ads``, ``ad-supported``, ``Report__Section--Ads``) do not name
an ad, and a machine-made hash in a name (``submit-36AD7RDgkLzF``) holds no words.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from cleaner.document import Document, Findings, PageRemoval
from cleaner.errors import RuleSetError
from cleaner.kinds.base import HtmlRule, Param, register, remove_element

_NAME_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_BANNER_SIZE = re.compile(r"(?<!\d)(?:120|160|250|300|320|336|468|728|970|980)x(?:50|60|90|100|250|280|600)(?!\d)")
_AD_COMPOUND_TAILS = ("slot", "unit", "box", "container", "wrapper", "wrap", "zone", "space", "block",
                      "banner", "holder", "frame", "area", "placement", "label", "region", "spot", "tag",
                      "sense", "choices", "server", "link", "links", "top", "bottom", "sidebar", "inline",
                      "sticky", "native", "text", "content", "widget")
_NEGATIONS = frozenset({"non", "no", "not", "without", "anti"})
# Words before an ad word that say the element holds or allows ads, not that it is one
# ("section--has-ads", "with-ads", "contains-ads"), and words after it that say the same
# ("ad-supported", "ads-enabled", "ad-free").
_HOLDERS = frozenset({"has", "have", "with", "contains", "containing", "allow", "allows", "show", "shows",
                      "enable", "can", "may"})
_HELD = frozenset({"free", "supported", "enabled", "allowed", "eligible", "friendly", "ready", "aware", "lite",
                   "light", "safe", "count", "density", "loaded", "refresh"})
# Blocks whose modifier ("--ads") describes a content container, not an ad: "Report__Section--Ads",
# "article-body--with-ads", "layout--ads".
_CONTENT_BLOCKS = frozenset({"section", "article", "content", "body", "main", "post", "story", "report", "page",
                             "layout", "text", "entry", "column", "columns", "grid", "copy", "prose", "rich"})
# A run of letters and digits alternating this often is a machine-made hash ("36AD7RDgkLzF" in
# "style--search-submit-36AD7RDgkLzF"), not words.
_HASH_MIN_LENGTH = 8
_HASH_MIN_SWITCHES = 2
# Verdicts kept per rule, each cache bounded (a crawl of a million sites names a million classes).
_CACHE_SIZE = 100_000
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_LABEL_DECORATION = re.compile(r"[\s\-–—_=*•·|:.()\[\]<>«»~]+")
_LABEL_KEY = str.maketrans("", "", " \t\r\n\u00a0-–—_=*•·|:.()[]<>«»~")
_SKIP_TAGS = {"html", "body", "head", "main", "article"}
# Elements holding more text than this are weighed by the guard; ad slots and labels hold less.
_GUARDED_CHARS = 200
_PROSE_MAX_LINK_SHARE = 0.5
# An article's worth of prose: this many paragraphs of at least this many characters.
_ARTICLE_PARAGRAPHS = 3
_PROSE_PARAGRAPH_CHARS = 80
_SENTENCE_ENDS = ".!?…\"”’»)"
_INLINE = frozenset({"a", "abbr", "b", "br", "cite", "code", "em", "i", "img", "mark", "q", "small", "span",
                     "strong", "sub", "sup", "time", "u", "wbr", "font", "s"})


def name_words(name: str) -> list[str]:
    """The words of a class or id: "adSlot-top_2" -> ["ad", "slot", "top"]. A machine-made hash
    inside the name ("submit-36AD7RDgkLzF") holds no words."""
    words = []
    for run in _ALNUM_RUN.findall(name):
        if len(run) >= _HASH_MIN_LENGTH and _switches(run) >= _HASH_MIN_SWITCHES:
            continue
        words.extend(part.lower() for part in _NAME_PARTS.findall(run))
    return words


def _switches(run: str) -> int:
    """How often a run changes between letters and digits: "a1b2" 3, "adSlot2" 1."""
    return sum(1 for a, b in zip(run, run[1:]) if a.isdigit() != b.isdigit())


def _modifies_content(token: str) -> bool:
    """Whether the ad words of a BEM-style name stand only in a modifier of a content block:
    "Report__Section--Ads", "article-body--ads"."""
    block, sep, _ = token.partition("--")
    return bool(sep) and any(word in _CONTENT_BLOCKS for word in name_words(block))


@register
class HtmlAds(HtmlRule):
    kind = "html_ads"
    summary = "Remove ad markup from a page before extraction (ad class/id words, vendor tags, label-only elements)."
    params = {
        "words": Param(list, help="class/id words that name an ad (matched as whole words)", item_type=str),
        "vendor_tags": Param(list, [], "tag names of ad elements (amp-ad)", item_type=str),
        "vendor_attributes": Param(list, [], "attribute names that mark an ad element (data-ad-slot)",
                                   item_type=str),
        "selectors": Param(list, [], "CSS selectors to remove (your site's own ad markup)", item_type=str),
        "ad_hosts": Param(list, [], "host names whose iframes and scripts are ads", item_type=str),
        "labels": Param(list, [], "texts that, alone in an element, mark it as an ad label", item_type=str),
        "filter_list": Param(str, "", "path to an EasyList-format file: its generic ##.class and ###id rules apply"),
        "guard_share": Param(float, 0.33, "never remove an element holding more than this share of the page's text",
                             minimum=0.0),
    }

    def setup(self) -> None:
        # What a word of a name must be to name an ad: a configured word, or "ad" + a part
        # ("adslot", "adbox").
        self._ad_words = frozenset({w.lower() for w in self.words} | {"ad" + tail for tail in _AD_COMPOUND_TAILS})
        self._cache: dict[str, bool] = {}  # by class or id value ("col-6 ad-slot")
        self._token_cache: dict[str, bool] = {}  # by one name of a value ("ad-slot")
        self._hosts = tuple(h.lower() for h in self.ad_hosts)
        self._labels = {_normalise_label(label) for label in self.labels if _normalise_label(label)}
        # The same labels with decoration and blanks deleted: a cheap first test for text nodes.
        self._label_keys = {label.translate(_LABEL_KEY).lower() for label in self._labels}
        classes: set[str] = set()
        ids: set[str] = set()
        if self.filter_list:
            classes, ids = _read_filter_list(Path(self.filter_list), rule_id=self.id)
        # Ids are cached apart from classes ("#" before them): a filter list names them apart.
        self._list_classes, self._list_ids_marked = classes, {"#" + i for i in ids}
        # Vendor markup by tag and attribute names, which the XPath engine matches without
        # building strings. (One path per name, joined: a walk each, yet faster than one walk
        # testing every name at every element, and a CSS selector per vendor cost more.)
        paths = []
        for tag in self.vendor_tags:
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", tag):
                raise RuleSetError(f"{tag!r} is not a tag name", rule_id=self.id, field="vendor_tags")
            paths.append(f"//{tag}")
        for name in self.vendor_attributes:
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
                raise RuleSetError(f"{name!r} is not an attribute name", rule_id=self.id, field="vendor_attributes")
            paths.append(f"//@{name}/..")
        if self.selectors:
            from lxml.cssselect import CSSSelector, SelectorError

            for selector in self.selectors:
                try:
                    paths.append(CSSSelector(selector).path)
                except SelectorError as exc:
                    raise RuleSetError(f"invalid CSS selector {selector!r}: {exc}", rule_id=self.id,
                                       field="selectors") from None
        self._markup = etree.XPath(" | ".join(paths)) if paths else None
        # Without selectors, vendor tags are found by lxml's tag filter (in C, a fraction of an
        # XPath walk each) and only the attributes by XPath; the whole union, whose document
        # order nested finds need, only when both kinds are on one page.
        attribute_paths = [p for p in paths if p.startswith("//@")]
        self._vendor_tag_set = frozenset(self.vendor_tags) if not self.selectors else frozenset()
        self._vendor_attributes = etree.XPath(" | ".join(attribute_paths)) \
            if attribute_paths and not self.selectors else None

    def _vendor_markup(self, root, tagged: list) -> list:
        """The page's vendor ad markup and selected elements, in document order (``tagged``: the
        elements of a vendor tag, found by the page's walk)."""
        if self.selectors:
            return self._markup(root)
        attributed = self._vendor_attributes(root) if self._vendor_attributes is not None else []
        return self._markup(root) if tagged and attributed else tagged or attributed

    def _walk(self, root) -> tuple[list, list, list, list]:
        """One walk of the whole page (as "//@class" reads it) for what is judged element by
        element: vendor tags, ad names in a class or id, iframes and scripts with a source, the
        short texts of leaf elements (where ad labels stand). One walk in Python costs less
        than an XPath walk for each and a walk to find the elements of the ad names after them
        (the rule 1.34 -> 1.16 s on the 625 pages of trafilatura's evaluation corpus)."""
        tags = self._vendor_tag_set
        hosts, labels = bool(self._hosts), bool(self._labels)
        cache, listed_classes, listed_ids = self._cache, self._list_classes, self._list_ids_marked
        tagged: list = []
        named: list[tuple[object, str]] = []
        sourced: list = []
        short: list[str] = []
        for element in root.getroottree().iter(etree.Element):
            tag = element.tag
            if tag in tags:
                tagged.append(element)
            value = element.get("class")
            # (The verdict's cache asked first: a call per element would cost more than the walk.)
            if value is not None and (cache.get(value)
                                      or (value not in cache and self.names_an_ad(value, listed_classes))):
                named.append((element, f'class="{value[:60]}"'))
            else:
                value = element.get("id")
                if value is not None and self.names_an_ad("#" + value, listed_ids):
                    named.append((element, f'id="{value[:60]}"'))
            if hosts and (tag == "iframe" or tag == "script") and element.get("src") is not None:
                sourced.append(element)
            if labels and not len(element):
                text = element.text
                if text and len(text) <= _LABEL_MAX_CHARS:
                    short.append(text)
        return tagged, named, sourced, short

    def names_an_ad(self, name: str, listed: frozenset[str] | set[str] = frozenset()) -> bool:
        """Whether a class or id value names an ad, word by word (or is in the filter list)."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        tokens = name.split()
        found = any(token in listed for token in tokens) or any(map(self._token_names_an_ad, tokens))
        if len(self._cache) < _CACHE_SIZE:
            self._cache[name] = found
        return found

    def _token_names_an_ad(self, token: str) -> bool:
        # Cached by name as well as by whole value: pages combine the same few thousand class
        # names ("col-md-6", "entry-content") into values of their own.
        cached = self._token_cache.get(token)
        if cached is not None:
            return cached
        found = _BANNER_SIZE.search(token) is not None
        # Most names hold no ad word at all, hash or not: told by one set test of their parts.
        if found or self._ad_words.isdisjoint(map(str.lower, _NAME_PARTS.findall(token))):
            words = []
        else:
            words = name_words(token)
        for i, word in enumerate(words):
            if word in self._ad_words:
                # "non-ad-column", "no-ads", "ad-free", "has-ads", "ad-supported" name what is
                # not an ad, or what holds one.
                if (i and words[i - 1] in _NEGATIONS | _HOLDERS) or \
                        (i + 1 < len(words) and words[i + 1] in _HELD) or _modifies_content(token):
                    continue
                found = True
                break
        if len(self._token_cache) < _CACHE_SIZE:
            self._token_cache[token] = found
        return found

    def prune(self, tree, doc: Document) -> Findings:
        root = _body_of(tree)
        doomed: list[tuple[object, str]] = []
        seen: set[int] = set()

        def mark(element, why: str) -> None:
            if element is not None and id(element) not in seen and element.tag not in _SKIP_TAGS:
                seen.add(id(element))
                doomed.append((element, why))

        tagged, named, sourced, short = self._walk(root)
        if self._markup is not None:
            for element in self._vendor_markup(root, tagged):
                mark(element, "ad markup")
        for element, why in named:
            mark(element, why)
        for element in sourced:
            src = element.get("src").lower()
            if any(host in src for host in self._hosts):
                mark(element, f"{element.tag} from an ad host")
        if self._labels:
            for text in dict.fromkeys(short):  # once each, in page order
                if text.translate(_LABEL_KEY).lower() not in self._label_keys:
                    continue
                for element in _PARENTS_OF_TEXT(root, value=text):
                    if element.tag in _LABEL_TAGS and len(element) <= 2:
                        whole = _text_of(element)
                        if len(whole) <= 60 and _normalise_label(whole) in self._labels:
                            mark(element, "an ad label")
        if not doomed:
            return []
        texts = [_text_of(element) for element, _ in doomed]
        # Large elements of prose are what the guard weighs; teaser widgets are mostly links and
        # go whatever their size.
        large_ids = {id(element) for (element, _), text in zip(doomed, texts, strict=True)
                     if len(text) > _GUARDED_CHARS and _link_chars(element) < _PROSE_MAX_LINK_SHARE * len(text)}
        # The guard weighs what the rule would remove together: an article split into several
        # sections, each named like an ad and each under the share, is still the article.
        # (Nested candidates are counted once, by the outermost.)
        large_total = sum(len(text) for (element, _), text in zip(doomed, texts, strict=True)
                          if id(element) in large_ids and not _inside(element, large_ids))
        page_text = len(_text_of(root)) if large_total else 0
        too_much = large_total > self.guard_share * page_text
        found = Findings()
        for (element, why), text in zip(doomed, texts, strict=True):
            if element.getparent() is None or _detached(element):
                continue  # inside an element already removed
            guarded = id(element) in large_ids and (too_much or len(text) > self.guard_share * page_text)
            # An element holding an article's worth of prose stays whatever else it holds: a
            # layout wrapper ("skyscraper-height-div") around the story and a column of teaser
            # links is half links, yet it is the article's.
            if guarded or (len(text) > _GUARDED_CHARS and _holds_an_article(element)):
                found.warnings.append(
                    f"rule {self.id!r} kept <{element.tag}> ({why}): it holds "
                    + (f"{len(text)} of the page's {page_text} characters of text" if guarded
                       else f"an article's worth of prose ({len(text)} characters of text)")
                    + (f"; the large elements it names together hold {large_total}" if guarded and too_much else ""))
                continue
            remove_element(element)
            found.removals.append(PageRemoval(self.id, f"{element.tag} ({why})", " ".join(text.split())[:120],
                                              len(text), why))
        return found


# Labels stand alone in an element of their own: the texts of short leaf elements only.
_LABEL_MAX_CHARS = 60
_PARENTS_OF_TEXT = etree.XPath("//text()[. = $value]/..")
_LABEL_TAGS = {"div", "p", "span", "aside", "section", "small", "em", "strong", "figure", "li", "h6", "h5", "h4"}


def _body_of(tree):
    """The page's body (or the tree, if it has none). The HTML parser puts it under the root:
    looked for there first, not by a search of the whole page."""
    for child in tree:
        if child.tag == "body":
            return child
    body = tree.find(".//body")
    return body if body is not None else tree


def _text_of(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _normalise_label(text: str) -> str:
    return _LABEL_DECORATION.sub(" ", text).strip().casefold()


def _holds_an_article(element) -> bool:
    """Whether an element holds an article's worth of prose, whatever its name ("body-ad", a
    "skyscraper" wrapper around the story): several paragraphs that end sentences, little of
    their text in links. An ad's text is a slogan or a row of teasers; losing an article to a
    class name is the worse mistake."""
    prose = 0
    for block in element.iter("p", "div", "li", "blockquote"):
        # Leaf blocks only, judged by their children (each element is a child once: linear).
        if any(isinstance(child.tag, str) and child.tag not in _INLINE for child in block):
            continue
        text = " ".join(_text_of(block).split())
        if len(text) >= _PROSE_PARAGRAPH_CHARS and text[-1:] in _SENTENCE_ENDS \
                and _link_chars(block) < _PROSE_MAX_LINK_SHARE * len(text):
            prose += 1
            if prose >= _ARTICLE_PARAGRAPHS:
                return True
    return False


def _link_chars(element) -> int:
    return sum(len(_text_of(link)) for link in element.iter("a"))


def _inside(element, ids: set[int]) -> bool:
    """Whether an ancestor of the element is one of ``ids``."""
    parent = element.getparent()
    while parent is not None:
        if id(parent) in ids:
            return True
        parent = parent.getparent()
    return False


def _detached(element) -> bool:
    """Whether an ancestor was removed already (its subtree no longer hangs from the page)."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag == "html":
            return False
        parent = parent.getparent()
    return True


def _read_filter_list(path: Path, *, rule_id: str) -> tuple[set[str], set[str]]:
    """The generic element-hiding rules of an EasyList-format file: ``##.class`` and ``###id``."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise RuleSetError(f"cannot read filter list {str(path)!r}: {exc.strerror or exc}", rule_id=rule_id,
                           field="filter_list", hint="pass a path to an EasyList-format text file") from None
    classes, ids = set(), set()
    for line in lines:
        if not line.startswith("##"):
            continue  # comments, network rules and site-specific hiding rules
        selector = line[2:].strip()
        if re.fullmatch(r"\.[A-Za-z0-9_-]+", selector):
            classes.add(selector[1:])
        elif re.fullmatch(r"#[A-Za-z0-9_-]+", selector):
            ids.add(selector[1:])
    return classes, ids
