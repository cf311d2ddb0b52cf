"""Errors a user can act on: each names the file, the rule and the field at fault."""

from __future__ import annotations

import errno


class CleanerError(Exception):
    """Base class for errors the CLI reports without a traceback."""


class RuleSetError(CleanerError):
    """A rule set cannot be loaded: bad TOML, unknown kind, bad parameter, bad pattern."""

    def __init__(self, message: str, *, source: str | None = None, rule_id: str | None = None,
                 field: str | None = None, hint: str | None = None) -> None:
        self.source = source
        self.rule_id = rule_id
        self.field = field
        self.hint = hint
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.rule_id:
            where.append(f"rule {self.rule_id!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        text = (": ".join([", ".join(where), self.message]) if where else self.message)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(CleanerError):
    """An input file cannot be read or decoded."""


class OutputFull(CleanerError):
    """The output's file system is full (or over quota): every further write would fail too,
    so the run stops instead of rejecting every remaining document."""



def is_out_of_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
