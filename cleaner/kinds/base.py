"""What every rule kind shares: declared parameters, validation, and the registry.

A kind is a class with a ``kind`` name and a ``params`` schema. A rule set picks kinds by
name and sets their parameters; :func:`build_rule` checks those parameters against the
schema so that a typo in a user's TOML is reported with the rule id and field, not as a
Python traceback halfway through a batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from cleaner.document import Document, Edit, Findings
from cleaner.errors import RuleSetError

_REQUIRED = object()


@dataclass(frozen=True)
class Param:
    """One parameter a kind accepts from TOML."""

    type: type | tuple[type, ...]
    default: Any = _REQUIRED
    help: str = ""
    choices: tuple[Any, ...] | None = None
    item_type: type | None = None  # for list parameters
    minimum: float | None = None

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def describe(self) -> str:
        name = self.type.__name__ if isinstance(self.type, type) else "/".join(t.__name__ for t in self.type)
        if self.item_type is not None:
            name = f"{name} of {self.item_type.__name__}"
        if self.choices:
            name += " (one of: " + ", ".join(map(str, self.choices)) + ")"
        return name


class Rule:
    """Base class of all rule kinds.

    Subclasses set ``kind``, ``summary`` and ``params`` and implement :meth:`find`, which
    reads the document and returns everything the rule produces: edits against ``doc.text``
    (a list), or :class:`~cleaner.document.Findings` when it also found metadata, warnings or
    report counts. It changes nothing itself: the pipeline applies the edits, records each as a
    :class:`~cleaner.document.Change`, and adds the rest to the document.
    """

    kind: ClassVar[str]
    summary: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}
    # "text" rules edit the extracted text; "html" rules prune a page's tree before extraction.
    stage: ClassVar[str] = "text"

    def __init__(self, rule_id: str, **params: Any) -> None:
        self.id = rule_id
        for name, value in params.items():
            setattr(self, name, value)
        self.setup()

    def setup(self) -> None:
        """Precompute whatever the parameters allow (compile patterns, build sets)."""

    def find(self, doc: Document) -> list[Edit] | Findings:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class HtmlRule(Rule):
    """A rule that works on a page's element tree before the main text is extracted."""

    stage: ClassVar[str] = "html"

    def find(self, doc: Document) -> list[Edit]:
        return []  # nothing to do on text: the work happened in prune()

    def prune(self, tree, doc: Document) -> Findings:
        """Remove what the rule targets from ``tree`` (an lxml element) in place; return what
        went (``Findings.removals``, :class:`~cleaner.document.PageRemoval` records) and what
        it held back (warnings). The document is read, never written."""
        raise NotImplementedError


def remove_element(element) -> None:
    """Remove an element from its page; the text after it (its tail) belongs to the parent and
    stays, so the words around a removed ad do not run together or vanish."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


KINDS: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.kind in KINDS and KINDS[cls.kind] is not cls:
        raise ValueError(f"rule kind {cls.kind!r} registered twice")
    KINDS[cls.kind] = cls
    return cls


def validate_params(kind_cls: type[Rule], raw: dict[str, Any], *, source: str | None,
                    rule_id: str) -> dict[str, Any]:
    """Check ``raw`` against the kind's schema; return the parameters with defaults filled in."""
    unknown = sorted(set(raw) - set(kind_cls.params))
    if unknown:
        allowed = ", ".join(sorted(kind_cls.params)) or "(none)"
        raise RuleSetError(
            f"unknown parameter {unknown[0]!r} for kind {kind_cls.kind!r}",
            source=source, rule_id=rule_id, field=unknown[0],
            hint=f"parameters of {kind_cls.kind!r}: {allowed}",
        )
    values: dict[str, Any] = {}
    for name, spec in kind_cls.params.items():
        if name not in raw:
            if spec.required:
                raise RuleSetError(
                    f"missing required parameter {name!r} ({spec.describe()})",
                    source=source, rule_id=rule_id, field=name, hint=spec.help or None,
                )
            default = spec.default
            values[name] = list(default) if isinstance(default, (list, tuple)) else default
            continue
        value = raw[name]
        # TOML integers are acceptable where a float is asked for.
        if spec.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, spec.type) or (spec.type is int and isinstance(value, bool)):
            raise RuleSetError(
                f"{name!r} must be {spec.describe()}, got {value!r}",
                source=source, rule_id=rule_id, field=name,
            )
        if spec.item_type is not None:
            for item in value:
                if not isinstance(item, spec.item_type):
                    raise RuleSetError(
                        f"every item of {name!r} must be {spec.item_type.__name__}, got {item!r}",
                        source=source, rule_id=rule_id, field=name,
                    )
        if spec.choices is not None and value not in spec.choices:
            raise RuleSetError(
                f"{name!r} is {value!r}; allowed: " + ", ".join(map(repr, spec.choices)),
                source=source, rule_id=rule_id, field=name,
            )
        if spec.minimum is not None and value < spec.minimum:
            raise RuleSetError(
                f"{name!r} is {value!r}; it must be at least {spec.minimum}",
                source=source, rule_id=rule_id, field=name,
            )
        values[name] = value
    return values


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for each line; ``end`` includes the newline, if any."""
    start = 0
    n = len(text)
    find = text.find
    while start < n:
        nl = find("\n", start)
        if nl == -1:
            yield start, n, text[start:]
            return
        yield start, nl + 1, text[start:nl]
        start = nl + 1


def line_removal(start: int, end: int) -> Edit:
    """An edit that removes the line at ``[start, end)`` together with its newline.

    The last line of a text has no newline of its own; the newline before it stays (the
    blank-lines rule trims the end), so removals of neighbouring lines never overlap.
    """
    return Edit(start, end, "")



def compile_user_regex(pattern: str, flags: int, *, source: str | None, rule_id: str, field: str):
    """Compile a user pattern with the ``regex`` module, which supports match timeouts."""
    import regex

    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        pos = getattr(exc, "pos", None)
        pointer = ""
        if pos is not None:
            pointer = f"\n    {pattern}\n    {' ' * pos}^ here (position {pos})"
        raise RuleSetError(
            f"invalid regular expression: {exc.msg if hasattr(exc, 'msg') else exc}{pointer}",
            source=source, rule_id=rule_id, field=field,
        ) from None



def apply_to_line(line: str, edits: list[Edit], offset: int) -> str:
    """The line as it reads after ``edits`` (in document offsets, ``offset`` = line start)."""
    pieces, cursor = [], 0
    for e in edits:
        pieces.append(line[cursor:e.start - offset])
        pieces.append(e.replacement)
        cursor = e.end - offset
    pieces.append(line[cursor:])
    return "".join(pieces)


def drop_emptied_lines(text: str, edits: list[Edit]) -> list[Edit]:
    """Turn sorted edits that leave a non-empty line blank into the removal of that line."""
    out: list[Edit] = []
    i = 0
    while i < len(edits):
        edit = edits[i]
        line_start = text.rfind("\n", 0, edit.start) + 1
        j = i + 1
        line_end = text.find("\n", edit.end if edit.end > edit.start else edit.start)
        line_end = len(text) if line_end == -1 else line_end
        group = [edit]
        while j < len(edits) and edits[j].start < line_end:
            group.append(edits[j])
            end_nl = text.find("\n", edits[j].end)
            line_end = max(line_end, len(text) if end_nl == -1 else end_nl)
            j += 1
        line = text[line_start:line_end]
        if line.strip() and not apply_to_line(line, group, line_start).strip():
            out.append(line_removal(line_start, min(line_end + 1, len(text))))
        else:
            out.extend(group)
        i = j
    return out
