"""A recipe's ingredient lists and method, put back when the extractor dropped them.

Extractors set for precision read an ingredient list as a list of short, link-free fragments
("125 g Mehl") and leave it out; the recipe then comes out as its method alone. Or they keep the
ingredients and lose the method, when its steps stand in a slider or a widget of numbered cards.
A recipe page says which are which: its schema.org data (JSON-LD) lists the ingredients under
``recipeIngredient`` and the steps under ``recipeInstructions``. Where the page declares them
and the extracted text holds under half of them, the page's own text of them is put back: the
ingredient lists (tables or lists whose rows are mostly those ingredients) before the method, as
the page shows them; the steps after the text, in their order, each as the page words it.
Nothing is read from the JSON-LD into the text; it only says which of the page's text is the
recipe. Pages without that declaration are not touched.
"""

from __future__ import annotations

import html
import json
import re

from cleaner.extractors.base import INLINE_TAGS, Extraction, hidden_from_readers
from cleaner.extractors.page_types import ld_json_texts
_NOT_WORD = re.compile(r"[\W_]+")
# A list is the ingredients' when this share of its letters and digits are ingredients' and it
# holds at least two of them; the text holds them already when it holds this share of them.
_INGREDIENT_SHARE = 0.5
_ALREADY_KEPT = 0.5
# JSON-LD of a page can be large (a site's whole catalogue): read at most this much of it.
_MAX_JSON_CHARS = 2_000_000
_LIST_TAGS = ("table", "ul", "ol", "div", "section")
_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})
_HIDING_DEPTH = 8
# A container of more text than this many times the ingredients' (plus the slack, for the
# indentation of the page's markup) is not a list of them.
_SIZE_FACTOR = 10
_SIZE_SLACK = 5000
# A page with more visible text than this is no recipe page (the steps are found through a
# position for each letter: memory grows with the page).
_MAX_PAGE_CHARS = 2_000_000
# A step this short ("Enjoy!") says too little to be found in the page by its letters alone.
_MIN_STEP_KEY = 20
_MARKUP = re.compile(r"<[^<>]{0,200}>")
_WORD_CHAR = re.compile(r"[^\W_]")
# Around a step's words in the page's text: its closing punctuation and quotes, its opening ones.
_CLOSING = re.compile(r"[.!?…:)\]\"“”‘’»']*")
_OPENING = "„“\"(«‘["


def restore_recipe(tree, extraction: Extraction, *, markdown: bool) -> Extraction:
    """``extraction`` with what it lacks of the recipe the page declares: its ingredient lists
    before it, its steps after it; ``extraction`` itself on a page that declares no recipe."""
    ingredients, steps = _declared(tree)
    if ingredients:
        extraction = _with_ingredients(tree, extraction, ingredients, markdown)
    if steps:
        extraction = _with_method(tree, extraction, steps, markdown)
    return extraction


def _with_ingredients(tree, extraction: Extraction, ingredients: list[str], markdown: bool) -> Extraction:
    """``extraction`` with the page's ingredient lists before it, when the text lacks most of
    the declared ``ingredients``; otherwise ``extraction`` itself."""
    if len(ingredients) < 2:
        return extraction
    whole = _key(extraction.text)
    if sum(1 for key in ingredients if key in whole) >= _ALREADY_KEPT * len(ingredients):
        return extraction
    # Only containers small enough to be a list of these ingredients are read (the rest are the
    # page around them): each is read once, and the page's size bounds the work.
    sizes = _text_sizes(tree)
    largest = _SIZE_FACTOR * sum(map(len, ingredients)) + _SIZE_SLACK
    qualified: list[tuple[object, list[str]]] = []
    for container in tree.iter(*_LIST_TAGS):
        if sizes.get(container, 0) > largest:
            continue
        rows = _rows(container)
        key = _key(" ".join(rows))
        held = [ingredient for ingredient in ingredients if ingredient in key]
        if len(held) >= 2 and sum(map(len, held)) >= _INGREDIENT_SHARE * len(key) and key not in whole \
                and not _hidden(container):
            qualified.append((container, rows))
    # The innermost lists only: a wrapper of two ingredient tables is no list of its own (and
    # may hold the method too). Elements, not their ids: an id of an element object that is
    # gone may come back as another's.
    holders = {ancestor for container, _ in qualified for ancestor in container.iterancestors()}
    lines: list[str] = []
    for container, rows in qualified:
        if container not in holders:
            lines.extend(f"- {row}" if markdown and container.tag != "table" else row for row in rows)
    if not lines:
        return extraction
    return Extraction("\n\n".join(lines + [extraction.text]), f"{extraction.extractor} (+ingredients)",
                      extraction.warning)


def _declared(tree) -> tuple[list[str], list[str]]:
    """The keys of the ingredients the page's JSON-LD declares (``recipeIngredient``), and the
    texts of its steps (``recipeInstructions``: a text, a list of texts or of ``HowToStep`` s,
    perhaps in ``HowToSection`` s), markup removed."""
    ingredients: list[str] = []
    steps: list[str] = []
    for script in ld_json_texts(tree):
        if ("recipeIngredient" not in script and "recipeInstructions" not in script) or len(script) > _MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(script)
        except ValueError:
            continue  # broken JSON-LD is common; the page's other scripts may still say it
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                listed = node.get("recipeIngredient")
                if isinstance(listed, list):
                    ingredients.extend(_key(item) for item in listed if isinstance(item, str))
                if "recipeInstructions" in node:
                    steps.extend(_step_texts(node["recipeInstructions"]))
                stack.extend(value for key, value in node.items()
                             if isinstance(value, (dict, list)) and key != "recipeInstructions")
            elif isinstance(node, list):
                stack.extend(node)
    return [key for key in dict.fromkeys(ingredients) if key], steps


def _step_texts(instructions) -> list[str]:
    """The steps' texts, in order: a text's lines, a ``HowToStep``'s text, a section's steps."""
    texts: list[str] = []
    stack = [instructions]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            texts.extend(line for line in html.unescape(_MARKUP.sub(" ", node)).splitlines() if line.strip())
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if isinstance(node.get("text"), str):
                stack.append(node["text"])
            elif isinstance(node.get("itemListElement"), list):
                stack.append(node["itemListElement"])
    return texts


def _with_method(tree, extraction: Extraction, steps: list[str], markdown: bool) -> Extraction:
    """``extraction`` with the page's own text of the declared ``steps`` after it, when the text
    lacks most of them; otherwise ``extraction`` itself."""
    keys = list(dict.fromkeys(key for key in map(_key, steps) if len(key) >= _MIN_STEP_KEY))
    whole = _key(extraction.text)
    if not keys or sum(1 for key in keys if key in whole) >= _ALREADY_KEPT * len(keys):
        return extraction
    body = tree.find("body")
    page = _text(body if body is not None else tree, as_read=True)
    if len(page) > _MAX_PAGE_CHARS:
        return extraction  # no recipe page: a dump that carries a recipe's JSON-LD
    page_key, positions = _keyed_positions(page)
    lines: list[str] = []
    for key in keys:
        start = page_key.find(key)
        if key in whole or start < 0:
            continue  # kept already, or not shown on the page (the JSON-LD alone says it)
        first, last = positions[start], positions[start + len(key) - 1] + 1
        while first and page[first - 1] in _OPENING:
            first -= 1
        last = _CLOSING.match(page, last).end()
        lines.append(" ".join(page[first:last].split()))
    if not lines:
        return extraction
    if markdown:
        lines = [f"{number}. {line}" for number, line in enumerate(lines, 1)]
    return Extraction("\n\n".join([extraction.text, *lines]), f"{extraction.extractor} (+method)",
                      extraction.warning)


def _keyed_positions(text: str) -> tuple[str, list[int]]:
    """The text's key (as :func:`_key` makes it) and, for each character of the key, where in
    the text it comes from."""
    key: list[str] = []
    positions: list[int] = []
    for match in _WORD_CHAR.finditer(text):
        folded = match.group().casefold()
        key.append(folded)
        positions.extend([match.start()] * len(folded))
    return "".join(key), positions


def _rows(container) -> list[str]:
    """The container's rows as the page shows them: a table's rows (cells joined), a list's
    items, a block's child elements (a row of amount and name each)."""
    if container.tag == "table":
        rows = (" ".join(_text(cell) for cell in row.iter("td", "th")) for row in container.iter("tr"))
    elif container.tag in ("ul", "ol"):
        rows = (_text(item) for item in container if item.tag == "li")
    else:
        rows = (_text(child) for child in container if isinstance(child.tag, str) and child.tag not in _NOT_TEXT)
    return [" ".join(row.split()) for row in rows if row.strip()]


def _text(element, *, as_read: bool = False) -> str:
    """The element's visible text: scripts and styles (an ad slot's code among the rows) left
    out. ``as_read``: hidden elements left out too, and a space around each element that is not
    inline (a block, a line break), as a reader sees the words apart. Walked without recursion:
    a page may nest thousands of elements."""
    parts: list[str] = [element.text or ""]
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)  # a tail, in its place after the element it follows
            continue
        apart = as_read and (node.tag not in INLINE_TAGS or node.tag == "br")
        if node.tail or apart:
            stack.append(" " + (node.tail or "") if apart else node.tail)
        if isinstance(node.tag, str) and node.tag not in _NOT_TEXT and not (as_read and hidden_from_readers(node)):
            parts.append(" " + (node.text or "") if apart else node.text or "")
            stack.extend(reversed(node))
    return " ".join("".join(parts).split())


def _text_sizes(tree) -> dict:
    """Each element's characters of visible text (markup indentation included), in one pass
    from the leaves up."""
    sizes: dict = {}
    for element in reversed(list(tree.iter())):
        size = len(element.text or "") if isinstance(element.tag, str) and element.tag not in _NOT_TEXT else 0
        if size or len(element):
            for child in element:
                size += len(child.tail or "") + (sizes.get(child, 0) if child.tag not in _NOT_TEXT else 0)
        sizes[element] = size
    return sizes


def _hidden(element) -> bool:
    """Whether the element is hidden from readers (a print copy of the list, say)."""
    node, depth = element, 0
    while node is not None and depth < _HIDING_DEPTH:
        if hidden_from_readers(node):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()
