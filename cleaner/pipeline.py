"""The one flow every entry point uses: a built rule set applied, rule by rule, to a Document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.document import Change, Document, Edit, Findings
from cleaner.errors import RuleSetError
from cleaner.kinds import KINDS, Rule, validate_params
from cleaner.ruleset import RuleSet, load_rule_set

if TYPE_CHECKING:
    from cleaner.task.stats import RunStats


@dataclass(frozen=True)
class CleanResult:
    text: str
    changes: list[Change]
    metadata: dict[str, Any]
    warnings: list[str]


def build_rules(rule_set: RuleSet) -> list[Rule]:
    built: list[Rule] = []
    for spec in rule_set.rules:
        kind_cls = KINDS.get(spec.kind)
        if kind_cls is None:
            raise RuleSetError(
                f"unknown kind {spec.kind!r}", source=spec.source or None, rule_id=spec.id, field="kind",
                hint="known kinds: " + ", ".join(sorted(KINDS)),
            )
        params = validate_params(kind_cls, spec.params, source=spec.source or None, rule_id=spec.id)
        try:
            rule = kind_cls(spec.id, **params)
        except RuleSetError as exc:
            if exc.source is None:
                exc.source = spec.source or None
            if exc.rule_id is None:
                exc.rule_id = spec.id
            raise RuleSetError(exc.message, source=exc.source, rule_id=exc.rule_id, field=exc.field,
                               hint=exc.hint) from None
        if spec.enabled:
            built.append(rule)
    return built


def apply_edits(text: str, edits: Iterable[Edit], rule_id: str) -> tuple[str, list[Change]]:
    """Apply non-overlapping edits in one pass; overlapping ones after the first are dropped."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    if not ordered:
        return text, []
    pieces: list[str] = []
    changes: list[Change] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            continue
        before = text[edit.start:edit.end]
        if before == edit.replacement:
            continue
        pieces.append(text[cursor:edit.start])
        pieces.append(edit.replacement)
        changes.append(Change(rule_id, edit.start, edit.end, before, edit.replacement, edit.note))
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), changes


@dataclass(frozen=True)
class Stage:
    """One rule's step in cleaning a document (:meth:`Cleaner.stages`)."""

    rule_id: str
    before: str
    after: str
    changes: list[Change]  # indexed against ``before``
    warnings: list[str]
    metadata: dict[str, Any]  # what the rule found (the document keeps a fact it had already)


def apply_findings(doc: Document, rule_id: str, found: list[Edit] | Findings) -> list[Edit] | Findings:
    """What a rule's ``find`` returned, applied to the document: its edits to the text (each
    recorded as a change), its metadata, warnings, removals and stats added. Returns ``found``."""
    edits = found
    if isinstance(found, Findings):
        for key, value in found.metadata.items():
            doc.metadata.setdefault(key, value)
        doc.warnings.extend(found.warnings)
        doc.removals.extend(found.removals)
        if found.stats:
            _add_stats(doc.stats, found.stats)
        edits = found.edits
    if edits:  # most rules return a plain list, mostly empty: no object is made for it
        doc.text, changes = apply_edits(doc.text, edits, rule_id)
        doc.changes.extend(changes)
    return found


def _add_stats(into: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if isinstance(value, dict):
            _add_stats(into.setdefault(key, {}), value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            into[key] = into.get(key, 0) + value
        elif not into.get(key):
            into[key] = value


class Cleaner:
    """A rule set, built and ready to clean documents.

    >>> cleaner = Cleaner.from_rules("default")
    >>> result = cleaner.clean("Advertisement\\n\\nIt rained; which surprised nobody.\\n")
    """

    # What __init__ builds from the rule set; a pickle or a copy leaves it out (compiled
    # patterns, lxml XPath objects and lambdas do not pickle) and the copy builds it again.
    _BUILT = ("rules", "html_rules")

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set
        self._build()

    def _build(self) -> None:
        built = build_rules(self.rule_set)
        # Text rules run on every document; page rules only on HTML, before extraction.
        self.rules = [rule for rule in built if rule.stage == "text"]
        self.html_rules = [rule for rule in built if rule.stage == "html"]

    def __getstate__(self) -> dict[str, Any]:
        """A cleaner travels (pickle for process pools, Ray, Spark, Dask, ``datasets.map``;
        ``copy.deepcopy`` for datatrove) as the resolved rule set, switches applied: the
        worker needs none of the rule files (only a page ad rule's ``filter_list``, which the
        rule reads as it is built, must be readable there too). Its bytes depend on the rule
        set alone, not on the hash seed, because ``datasets`` hashes them for its cache
        fingerprint."""
        return {key: value for key, value in self.__dict__.items() if key not in self._BUILT}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build()

    @classmethod
    def from_rules(cls, *refs: str | Path, enable: Iterable[str] = (),
                   disable: Iterable[str] = ()) -> Cleaner:
        """Build from bundled set names and/or TOML paths; later ones override earlier by id."""
        rule_set = load_rule_set(list(refs) or ["default"])
        for rule_id in enable:
            rule_set.set_enabled(rule_id, True)
        for rule_id in disable:
            rule_set.set_enabled(rule_id, False)
        return cls(rule_set)

    @property
    def uses_archive(self) -> bool:
        """Whether a rule needs facts about the whole archive (a first pass over it)."""
        return any(getattr(rule, "uses_archive", False) for rule in self.rules)

    def clean_document(self, doc: Document) -> Document:
        """Apply every enabled rule in order; the document's text and changes are updated."""
        return self.clean_document_with(self.rules, doc)

    @staticmethod
    def clean_document_with(rules: Iterable[Rule], doc: Document) -> Document:
        for rule in rules:
            apply_findings(doc, rule.id, rule.find(doc))
        return doc

    def stages(self, doc: Document) -> Iterator[Stage]:
        """The document cleaned rule by rule, each step told as it is taken (in the spirit of
        ftfy's ``fix_and_explain``): the text before and after each rule, with what the rule
        changed and found. ``doc`` is cleaned in place, as :meth:`clean_document` cleans it."""
        for rule in self.rules:
            before, changes, warnings = doc.text, len(doc.changes), len(doc.warnings)
            found = apply_findings(doc, rule.id, rule.find(doc))
            yield Stage(rule.id, before, doc.text, doc.changes[changes:], doc.warnings[warnings:],
                        found.metadata if isinstance(found, Findings) else {})

    def clean_html(self, data: bytes | str, *, url: str | None = None, extractor: str = "auto",
                   output: str = "text", source: str | None = None, title: bool = True, no_article: str = "reject",
                   timeout: float | None = None) -> Document:
        """Extract the article of an HTML page and clean it: see :func:`cleaner.html.extract_article`.
        A page with no article raises :class:`~cleaner.html.NoArticle` (``no_article="text"``
        keeps its visible text instead); one whose extraction runs past ``timeout`` seconds
        raises :class:`~cleaner.html.ExtractionTooSlow` (``None``: no limit)."""
        from cleaner.html import extract_article

        return extract_article(data, cleaner=self, url=url, extractor=extractor, output=output, source=source,
                               title=title, no_article=no_article, timeout=timeout)

    def clean(self, text: str, metadata: dict[str, Any] | None = None,
              context: dict[str, Any] | None = None) -> CleanResult:
        """Clean one text. ``context`` carries run-wide facts, e.g. ``{"archive_titles": {...}}``
        from :func:`cleaner.slug_titles.index_titles`."""
        doc = self.clean_document(Document(text, dict(metadata or {}), context=dict(context or {})))
        return CleanResult(doc.text, doc.changes, doc.metadata, doc.warnings)

    # Many records: the batch code lives in cleaner.record_batches (imported when first used: it reads
    # the command's settings and archive code, which import this module).

    def clean_records(self, records: Iterable[Mapping[str, Any]], *, text_field: str | None = None,
                      html_field: str | None = None, output_field: str | None = None, with_changes: bool = False,
                      on_error: str = "reject", stats: RunStats | None = None, extractor: str = "auto",
                      no_article: str = "reject", timeout: float | None = 60.0) -> Iterator[dict[str, Any]]:
        """Clean many records (dicts), yielding the output records in input order, each exactly
        as ``cleaner clean`` writes a JSONL archive's record: every field kept; the cleaned
        text back in the field it was read from (a page's in ``text``, its HTML kept), or in
        ``output_field`` with the original kept; and what cleaner adds under ``cleaner``:
        ``source``, ``id``, ``url``, ``metadata``, ``stats`` (``characters_in``,
        ``characters_out``, ``changes`` per rule) and, with ``with_changes``, ``changes``.

        A record's document is ``text_field`` or ``html_field`` when given, else ``html`` or
        ``text``, whichever it has; HTML is extracted as the command extracts it, with
        ``extractor``, ``no_article`` and ``timeout`` as :meth:`clean_html` takes them (but a
        limit of 60 s by default; the limit holds in the main thread only). A record's
        ``source`` is its position, counted from 0: ``"record 0"`` is the first.

        ``on_error`` says what becomes of a record that fails (no such field, not a mapping,
        a page with no article, a page that takes too long): ``"reject"`` drops it,
        ``"raise"`` raises :class:`CleanerError` naming it, ``"keep"`` yields it unchanged
        with ``cleaner: {"source": ..., "error": reason}``. Any other value raises
        ``ValueError``. Pass ``stats=RunStats()`` (:class:`cleaner.task.stats.RunStats`) to
        see what happened: every failure is in ``stats.rejects`` (``{"source", "reason"}``),
        and the documents written, changed and each rule's hits are counted as the command's
        report counts them. Options are checked at the call; records are cleaned as the
        result is iterated."""
        from cleaner.record_batches import clean_records

        return clean_records(self, records, text_field=text_field, html_field=html_field, output_field=output_field,
                             with_changes=with_changes, on_error=on_error, stats=stats, extractor=extractor,
                             no_article=no_article, timeout=timeout)

    def clean_batch(self, batch: Mapping[str, Any], *, text_field: str = "text",
                    output_field: str | None = None) -> dict[str, list[Any]]:
        """Clean a batch of columns, for ``datasets.Dataset.map(cleaner.clean_batch,
        batched=True)`` (``num_proc=`` too: the cleaner pickles, with a stable fingerprint).
        Every input column is kept; ``text_field`` (or ``output_field``, the original kept)
        holds the cleaned text; four columns of fixed types are added: ``cleaner_characters_in``
        and ``cleaner_characters_out`` (ints), ``cleaner_changes`` (int, how many changes) and
        ``cleaner_error`` (str, ``""`` when the row is clean). A failing row (its text is not a
        string) is kept as it was, with its reason. A batch without ``text_field`` raises
        :class:`CleanerError`. Options go in ``fn_kwargs``."""
        from cleaner.record_batches import clean_batch

        return clean_batch(self, batch, text_field=text_field, output_field=output_field)
