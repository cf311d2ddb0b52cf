"""What a shortcode becomes: per-tag actions, and the small template language of ``template``.

Templates are format strings over the tag's attributes, e.g. ``Related: {slug|title}`` or
``[{title}]({base_url}/{slug}/)``. Fields: any attribute name, ``content`` (the enclosed text),
``tag``, and the rule's own ``vars``. Filters: ``title`` (a slug to words), ``lower``,
``upper``, ``strip``, ``default:TEXT``, and ``archive_title`` (the title of the archive's
document with that slug, when the run has an archive index). Nothing else is evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from cleaner.errors import RuleSetError

ACTIONS = ("drop", "unwrap", "attribute", "text", "template", "keep")
_FIELD = re.compile(r"\{([^{}]*)\}")
# An HTML tag (a letter right after "<", so "x < 5 and y > 3" is no tag) or a comment.
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:[\s/][^<>]{0,2000})?>|<!--[^<>]{0,2000}?-->")
# Elements a browser runs into the words around them; every other tag (blocks, line breaks,
# images) stands between words.
_INLINE_ELEMENTS = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span "
    "strike strong sub sup time tt u var".split())


def slug_to_title(value: str) -> str:
    words = re.split(r"[-_\s]+", value.strip("/ ").rsplit("/", 1)[-1])
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


FILTERS: dict[str, Callable[..., str]] = {
    "title": lambda v: slug_to_title(v),
    "lower": str.lower,
    "upper": str.upper,
    "strip": str.strip,
}


def decode_builder_escapes(value: str) -> str:
    """Undo the escapes page builders use inside attribute values: WPBakery writes two
    backticks for a double quote; Divi percent-encodes quotes and brackets (%22, %91, %93)."""
    if "``" in value:
        value = value.replace("``", '"')
    if "%" in value:
        value = value.replace("%91", "[").replace("%93", "]")
        value = unquote(value)
    return value


@dataclass(frozen=True)
class Template:
    source: str
    fields: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default=())

    @classmethod
    def compile(cls, source: str, *, rule_id: str, where: str) -> Template:
        fields = []
        for m in _FIELD.finditer(source):
            parts = [p.strip() for p in m.group(1).split("|")]
            name, filters = parts[0], []
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", name):
                raise RuleSetError(f"template field {{{m.group(1)}}} must start with an attribute name",
                                   rule_id=rule_id, field=where)
            for spec in parts[1:]:
                fname, _, arg = spec.partition(":")
                if fname not in FILTERS and fname not in ("default", "archive_title"):
                    raise RuleSetError(
                        f"unknown template filter {fname!r} in {{{m.group(1)}}}", rule_id=rule_id, field=where,
                        hint="filters: " + ", ".join([*FILTERS, "default:TEXT", "archive_title"]))
                filters.append((fname, arg))
            fields.append((name, tuple(filters)))
        stripped = _FIELD.sub("", source)
        if "{" in stripped or "}" in stripped:
            raise RuleSetError(f"unbalanced braces in template {source!r}", rule_id=rule_id, field=where)
        return cls(source, tuple(fields))

    @property
    def uses_archive(self) -> bool:
        return any(fname == "archive_title" for _, filters in self.fields for fname, _ in filters)

    def render(self, values: Mapping[str, str], archive_titles: Mapping[str, str] | None) -> str:
        """The rendered text; raises :class:`Unresolved` when a slug is not in the archive."""
        rendered = iter([self._field(name, filters, values, archive_titles) for name, filters in self.fields])
        return _FIELD.sub(lambda _m: next(rendered), self.source)

    @staticmethod
    def _field(name: str, filters, values: Mapping[str, str], archive_titles) -> str:
        value = values.get(name, "")
        for fname, arg in filters:
            if fname == "default":
                value = value or arg
            elif fname == "archive_title":
                slug = archive_slug(value)
                if not archive_titles or slug not in archive_titles:
                    raise Unresolved(slug)
                value = archive_titles[slug]
            else:
                value = FILTERS[fname](value)
        return value


class Unresolved(LookupError):
    """A template asked for the archive title of a slug the archive does not hold."""


def archive_slug(value: str) -> str:
    """The slug of a reference: the last path segment of a URL or path, without a suffix."""
    last = value.strip().strip("/").rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if "." in last else last


@dataclass(frozen=True)
class Action:
    """What to do with one tag (or every tag of a prefix)."""

    action: str
    block: bool = False
    attribute: str = ""
    template: Template | None = None
    required: tuple[str, ...] = ()
    # Rendered instead when a required attribute is missing or a slug is not in the archive.
    fallback: Template | None = None
    self_closing: bool = False

    @classmethod
    def from_config(cls, spec: object, *, rule_id: str, where: str) -> Action:
        if isinstance(spec, str):
            spec = {"action": spec}
        if not isinstance(spec, dict):
            raise RuleSetError(f"must be an action name or a table, got {spec!r}", rule_id=rule_id, field=where,
                               hint="actions: " + ", ".join(ACTIONS))
        allowed = {"action", "block", "attribute", "template", "required", "fallback", "self_closing"}
        unknown = sorted(set(spec) - allowed)
        if unknown:
            raise RuleSetError(f"unknown key {unknown[0]!r}", rule_id=rule_id, field=where,
                               hint="keys: " + ", ".join(sorted(allowed)))
        action = spec.get("action")
        if action not in ACTIONS:
            raise RuleSetError(f"action is {action!r}; allowed: " + ", ".join(ACTIONS), rule_id=rule_id,
                               field=where)
        attribute = spec.get("attribute", "")
        if action == "attribute" and not attribute:
            raise RuleSetError("action 'attribute' needs attribute = \"NAME\"", rule_id=rule_id, field=where)
        template = None
        if action == "template":
            if not isinstance(spec.get("template"), str):
                raise RuleSetError("action 'template' needs template = \"…\"", rule_id=rule_id, field=where)
            template = Template.compile(spec["template"], rule_id=rule_id, where=f"{where}.template")
        required = spec.get("required", [])
        if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
            raise RuleSetError("'required' must be a list of attribute names", rule_id=rule_id, field=where)
        fallback = spec.get("fallback")
        if fallback is not None:
            if not isinstance(fallback, str):
                raise RuleSetError("'fallback' must be a template string", rule_id=rule_id, field=where)
            fallback = Template.compile(fallback, rule_id=rule_id, where=f"{where}.fallback")
            if fallback.uses_archive:
                raise RuleSetError("a fallback cannot use archive_title (it is what runs when that fails)",
                                   rule_id=rule_id, field=f"{where}.fallback")
        for flag in ("block", "self_closing"):
            if not isinstance(spec.get(flag, False), bool):
                raise RuleSetError(f"'{flag}' must be true or false", rule_id=rule_id, field=where)
        return cls(action, bool(spec.get("block", False)), attribute, template, tuple(r.lower() for r in required),
                   fallback, bool(spec.get("self_closing", False)))


def html_text(markup: str) -> str:
    """The words of an HTML fragment as a browser shows them, on one line: inline tags go
    without a trace (``a <a href="#">link</a>.`` is ``a link.``), other tags separate words."""
    def replace(m: re.Match[str]) -> str:
        return "" if (m.group(2) or "").lower() in _INLINE_ELEMENTS else " "
    return " ".join(_HTML_TAG.sub(replace, markup).split())


def caption_text(content: str, caption: str = "") -> str:
    """What a reader saw of a caption: the words of its content without the image markup
    (the new format, ``[caption]<img …> A caption[/caption]``), then its ``caption`` attribute
    (the old format), on a line of its own, as WordPress prints it after the content."""
    return "\n".join(part for part in (html_text(content), html_text(caption)) if part)
