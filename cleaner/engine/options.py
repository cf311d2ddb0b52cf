"""Checking a run's settings as the command checks its options, for callers that build
:class:`Settings` themselves (:func:`cleaner.ray.clean_dataset`): a bad value is named before
any work, instead of failing inside every task as "a failure inside cleaner"."""

from __future__ import annotations

import dataclasses
from typing import Any

from cleaner.errors import CleanerError
from cleaner.extractors import EXTRACTORS
from cleaner.writers import FORMATS

_CHOICES: dict[str, tuple[str, ...]] = {"fmt": tuple(FORMATS), "extractor": tuple(EXTRACTORS),
                                        "no_article": ("reject", "text")}
_POSITIVE = ("timeout", "max_document_bytes")


def check_settings(settings: Any) -> None:
    """Raise :class:`CleanerError` naming the first bad field of ``settings``."""
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        default = field.default
        if field.name in _CHOICES and value not in _CHOICES[field.name]:
            raise CleanerError(f"{field.name}={value!r}: must be one of {', '.join(_CHOICES[field.name])}")
        if isinstance(default, bool) and not isinstance(value, bool):
            raise CleanerError(f"{field.name}={value!r}: must be True or False")
        if field.name in _POSITIVE and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise CleanerError(f"{field.name}={value!r}: must be a number above 0")
        if isinstance(default, str) and field.name not in _CHOICES and not isinstance(value, str):
            raise CleanerError(f"{field.name}={value!r}: must be a string")
