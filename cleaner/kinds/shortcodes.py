"""Leaked WordPress shortcodes, resolved per tag: dropped, unwrapped, or rendered.

Which brackets are shortcodes (everything else, ``[sic]``, ``[1]``, ``[Photo: Reuters]``,
``[…]``, Markdown links, code, is never touched): a tag named in ``tags`` or starting with one
of ``prefixes`` (names match exactly, case and all, as WordPress matches registered names), a
tag with ``name=value`` attributes, or a tag with a matching closing tag; but never a bracket
whose attributes read as a sentence (:mod:`cleaner.shortcodes.prose`). Unknown shortcodes are
dropped when self-closing and unwrapped when enclosing, so text we cannot classify is never
deleted; they are counted for the run's report.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from cleaner.document import Document, Edit, Findings
from cleaner.errors import RuleSetError
from cleaner.kinds.base import Param, Rule, drop_emptied_lines, register
from cleaner.shortcodes.grammar import Node, Shortcode, parse, tokenize
from cleaner.shortcodes.prose import attributes_look_like_markup, reads_as_prose
from cleaner.shortcodes.render import Action, Unresolved, caption_text, decode_builder_escapes

UNKNOWN_STAT = "unknown_shortcodes"
# Document.context key: {slug: title} of every document in the archive being cleaned.
ARCHIVE_TITLES = "archive_titles"


@register
class Shortcodes(Rule):
    kind = "shortcodes"
    summary = "Resolve leaked WordPress shortcodes per tag: drop, unwrap, keep an attribute, render a template."
    params = {
        "tags": Param(dict, {}, "tag name -> action name or {action, block, attribute, template, required, "
                      "fallback, self_closing}"),
        "prefixes": Param(dict, {}, "tag-name prefix (e.g. 'vc_') -> action, as for tags"),
        "unknown_self_closing": Param(str, "drop", "what an unknown self-closing shortcode becomes",
                                      choices=("drop", "keep")),
        "unknown_enclosing": Param(str, "unwrap", "what an unknown enclosing shortcode becomes",
                                   choices=("unwrap", "keep")),
        "vars": Param(dict, {}, "extra fields for templates, e.g. {base_url = 'https://example.org'}"),
    }

    def setup(self) -> None:
        # Names are kept as written: WordPress matches registered names case and all, and a
        # capitalised "[Video call from …]" or "[Gallery notice: …]" is prose, not "video".
        self._tags = {name: Action.from_config(spec, rule_id=self.id, where=f"tags.{name}")
                      for name, spec in self.tags.items()}
        self._prefixes = sorted(
            ((prefix, Action.from_config(spec, rule_id=self.id, where=f"prefixes.{prefix}"))
             for prefix, spec in self.prefixes.items()),
            key=lambda item: len(item[0]), reverse=True)
        for key, value in self.vars.items():
            if not isinstance(value, str):
                raise RuleSetError(f"vars.{key} must be a string, got {value!r}", rule_id=self.id, field="vars")
        # Each tag is looked up several times (pairing, classifying, rendering): remember
        # answers, a bounded number of names so hostile input cannot grow it without end.
        self._action_by_name: dict[str, Action | None] = {}
        self._unknown_enclosing = Action(self.unknown_enclosing)
        self._unknown_self_closing = Action(self.unknown_self_closing)

    @property
    def uses_archive(self) -> bool:
        """Whether a template needs the archive's titles (so a folder run indexes them first)."""
        actions = [*self._tags.values(), *(a for _, a in self._prefixes)]
        return any(a.template is not None and a.template.uses_archive for a in actions)

    def action_for(self, name: str) -> Action | None:
        try:
            return self._action_by_name[name]
        except KeyError:
            pass
        action = self._tags.get(name)
        if action is None:
            action = next((a for prefix, a in self._prefixes if name.startswith(prefix)), None)
        if len(self._action_by_name) < 4096:
            self._action_by_name[name] = action
        return action

    def is_shortcode(self, tag: Shortcode, paired: bool) -> bool:
        """A registered name, ``name=value`` attributes that look like markup, or a closer of
        its own make a bracket a shortcode, unless its attributes read as a sentence: deleting
        prose loses words, while keeping a shortcode that reads like prose loses nothing."""
        if self.action_for(tag.name) is not None:
            return not reads_as_prose(tag, paired=paired)
        if attributes_look_like_markup(tag) and not reads_as_prose(tag, paired=paired, named_count=False):
            return True
        return paired and not reads_as_prose(tag, paired=True, named_count=False)

    def _is_self_closing(self, name: str) -> bool:
        action = self.action_for(name)
        return action is not None and action.self_closing

    def find(self, doc: Document) -> list[Edit] | Findings:
        text = doc.text
        if "[" not in text:
            return []
        roots, orphans = parse(text, is_shortcode=self.is_shortcode, is_self_closing=self._is_self_closing)
        escaped = [t for t in tokenize(text) if t.escaped and self.is_shortcode(t, False)] if "[[" in text else []
        if not roots and not orphans and not escaped:
            return []
        unknown: Counter[str] = Counter()
        archive_titles = doc.context.get(ARCHIVE_TITLES)
        edits: list[Edit] = []
        # Block results separated only by white space form one run of paragraphs, joined by
        # one blank line (two columns: "Left." and "Right.", never stacked blank lines).
        run: list[tuple[Node, str]] = []

        def flush() -> None:
            if run:
                bodies = [body for _, body in run if body.strip()]
                edit = _block_edit(text, run[0][0].start, run[-1][0].end, "\n\n".join(bodies))
                names = ", ".join(f"[{node.tag.name}]" for node, _ in run)
                edits.append(Edit(edit.start, edit.end, edit.replacement, names))
                run.clear()

        for node in roots:
            rendered = self._render(text, node, unknown, archive_titles)
            if rendered == text[node.start:node.end]:
                flush()
                continue
            if rendered.startswith("\n\n") or rendered.endswith("\n\n"):
                if run and text[run[-1][0].end:node.start].strip():
                    flush()
                run.append((node, rendered))
                continue
            flush()
            edit = _inline_edit(text, node.start, node.end, rendered)
            edits.append(Edit(edit.start, edit.end, edit.replacement, f"[{node.tag.name}]"))
        flush()
        for closer in orphans:
            edit = _inline_edit(text, closer.start, closer.end, "")
            edits.append(Edit(edit.start, edit.end, "", f"orphan [/{closer.name}]"))
        for token in escaped:
            # "[[tag]]" is WordPress's way to print a literal "[tag]".
            edits.append(Edit(token.start, token.end, text[token.start + 1:token.end - 1], "escaped shortcode"))
        edits.sort(key=lambda e: e.start)
        # Unknown tags are counted for the run's report, with an example of each.
        stats = {UNKNOWN_STAT: {name: {"count": count, "example": _example(text, roots, name)}
                                for name, count in unknown.items()}} if unknown else {}
        return Findings(drop_emptied_lines(text, edits), stats=stats)

    def _render(self, text: str, node: Node, unknown: Counter[str], archive_titles: Any) -> str:
        tag = node.tag
        action = self.action_for(tag.name)
        enclosing = node.closer is not None
        if action is None:
            unknown[tag.name] += 1
            action = self._unknown_enclosing if enclosing else self._unknown_self_closing
        kind = action.action
        if kind == "keep":
            return text[node.start:node.end]
        if kind == "drop":
            return ""
        values = {k: decode_builder_escapes(v) for k, v in tag.attrs.items()}
        if kind == "attribute":
            out = values.get(action.attribute.lower(), "")
        elif kind == "text":
            out = caption_text(self._content(text, node, unknown, archive_titles), values.get("caption", ""))
        elif kind == "template":
            values.setdefault("content", self._content(text, node, unknown, archive_titles).strip())
            values.setdefault("tag", tag.name)
            for key, value in self.vars.items():
                values.setdefault(key, value)
            try:
                if any(not values.get(name) for name in action.required):
                    raise Unresolved("")
                out = action.template.render(values, archive_titles)
            except Unresolved:
                out = action.fallback.render(values, None) if action.fallback else ""
        else:  # unwrap
            out = self._content(text, node, unknown, archive_titles)
        if action.block and out.strip():
            return "\n\n" + out.strip() + "\n\n"
        return out

    def _content(self, text: str, node: Node, unknown: Counter[str], archive_titles: Any) -> str:
        pieces, cursor = [], node.content_start
        for child in node.children:
            pieces.append(text[cursor:child.start])
            pieces.append(self._render(text, child, unknown, archive_titles))
            cursor = child.end
        pieces.append(text[cursor:node.content_end])
        return "".join(pieces)


def _block_edit(text: str, start: int, end: int, rendered: str) -> Edit:
    """A block result as its own paragraph: one blank line before and after it, whatever stood
    around the shortcode (the middle of a line, the start of the text, another block)."""
    body = _BLOCK_BREAKS.sub("\n\n", rendered).strip()
    if not body:
        return _inline_edit(text, start, end, "")
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    if start == 0:
        before = ""
    elif text[start - 1] == "\n":
        before = "" if start < 2 or text[start - 2] == "\n" else "\n"
    else:
        before = "\n\n"
    if end >= len(text):
        after = ""
    elif text[end] == "\n":
        after = "" if end + 1 >= len(text) or text[end + 1] == "\n" else "\n"
    else:
        after = "\n\n"
    return Edit(start, end, before + body + after)


def _inline_edit(text: str, start: int, end: int, rendered: str) -> Edit:
    """An inline result; a removal also takes the blanks it would leave doubled or trailing."""
    if rendered:
        return Edit(start, end, rendered)
    right = end
    while right < len(text) and text[right] in " \t":
        right += 1
    left = start
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    if right >= len(text) or text[right] == "\n":
        return Edit(left, right, "")  # nothing follows on the line: no trailing blank either
    if left == 0 or text[left - 1] == "\n" or left < start:
        return Edit(start, right, "")  # keep the indentation or the one blank before it
    return Edit(start, end, "")


_BLOCK_BREAKS = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")


def _example(text: str, roots: list[Node], name: str) -> str:
    """The first occurrence of a tag, in document order."""
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node.tag.name == name:
            return node.tag.raw[:200]
        stack.extend(reversed(node.children))
    return ""
