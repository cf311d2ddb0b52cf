"""A run's settings, the one object every pass and engine reads: plain data, so it pickles to
worker processes and Ray tasks, and every field of it is in the run's key (see
:func:`cleaner.manifest.run_key_of`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from cleaner.errors import CleanerError
from cleaner.extractors import EXTRACTORS
from cleaner.pipeline import Cleaner
from cleaner.readers.records import MAX_DOCUMENT_BYTES
from cleaner.ruleset import RuleSet, load_rule_set
from cleaner.writers import FORMATS


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ("default",)
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    filter_list: str | None = None
    fmt: str = "text"
    extractor: str = "auto"
    title: bool = True
    timeout: float | None = 60.0  # seconds a page may take to extract; None: no limit (library callers)
    with_changes: bool = False
    text_field: str | None = None
    html_field: str | None = None
    output_field: str | None = None  # where a record's cleaned text goes (default: the field it came from)
    context: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False  # clean and count, write nothing
    no_article: str = "reject"  # a page where no extractor finds text: "reject", or "text" (its visible text)
    max_document_bytes: int = MAX_DOCUMENT_BYTES  # larger documents are rejected unread
    as_records: bool = False  # text and HTML documents written as one JSONL record each
    backup_suffix: str | None = None  # set for --in-place: the original is kept beside as NAME+suffix
    journal: str | None = None  # set for --in-place: where a rewrite is recorded before it (cleaner.in_place)
    # Whose names a reason gives for a setting: the command's flags (--timeout), or the
    # library's keywords (timeout=) for a caller of Cleaner.clean_records.
    reasons_for: str = "command"

    @property
    def output(self) -> str:
        """How a page's article is extracted: "markdown" keeps headings and lists."""
        return "markdown" if self.fmt == "markdown" else "text"


def resolve_rule_set(settings: Settings) -> RuleSet:
    """The rule set of the settings, with switches and the user's filter list applied."""
    rule_set = load_rule_set(list(settings.rules))
    for rule_id in settings.enable:
        rule_set.set_enabled(rule_id, True)
    for rule_id in settings.disable:
        rule_set.set_enabled(rule_id, False)
    if settings.filter_list is not None:
        # The generic hiding rules of the user's EasyList-format file join every page ad rule.
        for spec in rule_set.rules:
            if spec.kind == "html_ads":
                spec.params["filter_list"] = settings.filter_list
    return rule_set


def build_cleaner(settings: Settings) -> Cleaner:
    return Cleaner(resolve_rule_set(settings))


_CHOICES: dict[str, tuple[str, ...]] = {"no_article": ("reject", "text"), "reasons_for": ("command", "library")}
_POSITIVE = ("timeout", "max_document_bytes")


def check_settings(settings: Settings) -> None:
    """Raise :class:`CleanerError` naming the first bad field, so a library caller's bad value
    is named before any work instead of failing inside every task."""
    choices = {**_CHOICES, "fmt": tuple(FORMATS), "extractor": tuple(EXTRACTORS)}
    for spec in dataclasses.fields(settings):
        value = getattr(settings, spec.name)
        default = spec.default
        if spec.name in choices and value not in choices[spec.name]:
            raise CleanerError(f"{spec.name}={value!r}: must be one of {', '.join(choices[spec.name])}")
        if isinstance(default, bool) and not isinstance(value, bool):
            raise CleanerError(f"{spec.name}={value!r}: must be True or False")
        if spec.name == "timeout" and value is None:
            continue  # no limit
        if spec.name in _POSITIVE and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise CleanerError(f"{spec.name}={value!r}: must be a number above 0")
        if isinstance(default, str) and spec.name not in choices and not isinstance(value, str):
            raise CleanerError(f"{spec.name}={value!r}: must be a string")
