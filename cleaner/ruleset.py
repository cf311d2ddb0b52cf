"""Rule sets: TOML files that pick rule kinds, order them, set their parameters, and extend
other sets.

Resolution of a set, in order:

1. each set named in ``extends`` is resolved first and its rules laid down in order;
2. then the set's own ``[[rules]]``: a new id is appended (or placed with ``before``/``after``;
   appended rules go before the rules marked ``last = true``, the final tidy-up such as
   collapsing blank lines, so that a user's removals are tidied too),
   an id already present is overridden in place: with a ``kind`` the rule is replaced, without
   one the given fields are merged into it (so ``{id = "x", enabled = false}`` switches a rule off;
   a table parameter such as ``tags`` is merged key by key, at every depth).

Later sets passed on the command line override earlier ones by id in the same way.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner.errors import RuleSetError

_RESERVED = {"id", "kind", "enabled", "before", "after", "description", "last"}
_TOP_LEVEL = {"name", "description", "extends", "rules"}


def bundled_rules_dir() -> Path:
    """Where the bundled ``*.toml`` sets are: inside an installed wheel, or the checkout."""
    packaged = resources.files("cleaner") / "_bundled_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


def bundled_rule_sets() -> dict[str, Path]:
    directory = bundled_rules_dir()
    return {p.stem: p for p in sorted(directory.glob("*.toml"))}


@dataclass
class RuleSpec:
    """One rule as a rule set describes it, before it is built into a kind instance."""

    id: str
    kind: str
    enabled: bool = True
    params: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    last: bool = False

    def to_toml_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "enabled": self.enabled}
        if self.last:
            data["last"] = True
        if self.description:
            data["description"] = self.description
        data.update(self.params)
        return data


@dataclass
class RuleSet:
    name: str
    description: str
    rules: list[RuleSpec]
    sources: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A stable hash of the resolved rules, for manifests and caches."""
        payload = json.dumps([r.to_toml_dict() for r in self.rules], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def get(self, rule_id: str) -> RuleSpec | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def set_enabled(self, rule_id: str, enabled: bool) -> None:
        rule = self.get(rule_id)
        if rule is None:
            raise RuleSetError(
                f"no rule with id {rule_id!r} to {'enable' if enabled else 'disable'}",
                hint="known ids: " + ", ".join(r.id for r in self.rules),
            )
        rule.enabled = enabled

    def to_toml(self) -> str:
        lines = [f"name = {json.dumps(self.name)}"]
        if self.description:
            lines.append(f"description = {json.dumps(self.description)}")
        for rule in self.rules:
            lines.append("")
            lines.append("[[rules]]")
            for key, value in rule.to_toml_dict().items():
                lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


# A rule set is a few KB; a bound keeps a wrong path (a dump, a device) from taking the memory.
_MAX_RULE_FILE = 64 << 20


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        if path.exists() and not path.is_file():
            # A FIFO or a device (/dev/zero) never ends: refused before it is opened.
            raise RuleSetError("not a regular file (a folder, FIFO or device); a rule set is a .toml file",
                               source=str(path))
        with path.open("rb") as fh:
            data = fh.read(_MAX_RULE_FILE + 1)
        if len(data) > _MAX_RULE_FILE:
            raise RuleSetError(f"larger than {_MAX_RULE_FILE >> 20} MB; not a rule set", source=str(path))
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=str(path)) from None
    except FileNotFoundError:
        raise RuleSetError("rule-set file not found", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"not valid TOML: {exc}", source=str(path),
                           hint="see the rule-set format in the README") from None
    except OSError as exc:
        raise RuleSetError(f"cannot read: {exc.strerror}", source=str(path)) from None


def locate(ref: str, *, relative_to: Path | None = None) -> Path:
    """Turn a rule-set reference (a bundled name or a path) into a file path."""
    candidate = Path(ref)
    if candidate.suffix == ".toml" or "/" in ref or "\\" in ref:
        if not candidate.is_absolute() and relative_to is not None:
            sibling = relative_to / candidate
            if sibling.exists():
                return sibling
        return candidate
    if relative_to is not None and (relative_to / f"{ref}.toml").exists():
        return relative_to / f"{ref}.toml"
    bundled = bundled_rule_sets()
    if ref in bundled:
        return bundled[ref]
    raise RuleSetError(
        f"no bundled rule set named {ref!r}",
        hint="bundled sets: " + ", ".join(bundled) + "; or pass a path to a .toml file",
    )


class _Known:
    """The ids of a list of rules and how many are marked last, kept beside it while rules are
    added, so that a rule set of thousands of rules loads in linear time."""

    def __init__(self, ids: set[str], lasts: int) -> None:
        self.ids, self.lasts = ids, lasts

    @classmethod
    def of(cls, rules: list[RuleSpec]) -> _Known:
        return cls({rule.id for rule in rules}, sum(1 for rule in rules if rule.last))


def _merge_into(rules: list[RuleSpec], raw: dict[str, Any], *, source: str, index: int, known: _Known) -> None:
    """Add a rule to ``rules`` or override the one of its id."""
    rule_id = raw.get("id")
    where = f"rules[{index}]"
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleSetError(f"{where} has no 'id' (a unique string such as 'my-site.footer')",
                           source=source, field="id")
    # Only an override needs the position, and overrides are few.
    positions = {rule_id: next(i for i, r in enumerate(rules) if r.id == rule_id)} if rule_id in known.ids else {}
    kind = raw.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise RuleSetError(f"'kind' must be a string, got {kind!r}", source=source, rule_id=rule_id,
                           field="kind")
    enabled = raw.get("enabled", None)
    if enabled is not None and not isinstance(enabled, bool):
        raise RuleSetError(f"'enabled' must be true or false, got {enabled!r}", source=source,
                           rule_id=rule_id, field="enabled")
    params = {k: v for k, v in raw.items() if k not in _RESERVED}
    description = raw.get("description", "")
    last = raw.get("last")
    if last is not None and not isinstance(last, bool):
        raise RuleSetError(f"'last' must be true or false, got {last!r}", source=source,
                           rule_id=rule_id, field="last")

    if rule_id in positions:
        existing = rules[positions[rule_id]]
        if kind is not None and kind != existing.kind:
            replacement = RuleSpec(rule_id, kind, True if enabled is None else enabled, params,
                                   description, source, bool(last))
            known.lasts += int(replacement.last) - int(existing.last)
            rules[positions[rule_id]] = replacement
        else:
            for key, value in params.items():
                existing.params[key] = _merged(existing.params.get(key), value)
            if enabled is not None:
                existing.enabled = enabled
            if description:
                existing.description = description
            if last is not None:
                known.lasts += int(last) - int(existing.last)
                existing.last = last
            existing.source = source
        spec = rules[positions[rule_id]]
        if "before" in raw or "after" in raw:
            rules.pop(positions[rule_id])
            _place(rules, spec, raw, source=source, lasts=known.lasts - int(spec.last))
        return

    if kind is None:
        raise RuleSetError(
            "a new rule needs a 'kind' (only rules already defined by an extended set can be "
            "overridden without one)",
            source=source, rule_id=rule_id, field="kind",
        )
    spec = RuleSpec(rule_id, kind, True if enabled is None else enabled, params, description, source,
                    bool(last))
    _place(rules, spec, raw, source=source, lasts=known.lasts)
    known.ids.add(rule_id)
    known.lasts += int(spec.last)


def _merged(old: Any, new: Any) -> Any:
    """Tables merge key by key, at every depth, so a user can change one shortcode tag's
    action without restating the other tags, or that tag's other settings; anything else
    is replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = _merged(old.get(key), value)
        return merged
    return new


def _place(rules: list[RuleSpec], spec: RuleSpec, raw: dict[str, Any], *, source: str, lasts: int) -> None:
    """Insert ``spec`` where ``raw`` says (``before``/``after`` a rule), else before the rules
    marked last; ``lasts`` counts those in ``rules``."""
    for key in ("before", "after"):
        anchor = raw.get(key)
        if anchor is None:
            continue
        ids = [r.id for r in rules]
        if anchor not in ids:
            raise RuleSetError(f"{key} = {anchor!r} names no rule defined so far", source=source,
                               rule_id=spec.id, field=key, hint="known ids: " + ", ".join(ids))
        position = ids.index(anchor) + (1 if key == "after" else 0)
        rules.insert(position, spec)
        return
    if not spec.last:
        # Before the rules marked last, which stand at the end: found from the end, so that
        # appending thousands of rules costs each a look at the few last ones, not at all.
        position = len(rules)
        while position and rules[position - 1].last:
            position -= 1
        if len(rules) - position < lasts:  # a last rule placed earlier by before/after
            position = next(i for i, rule in enumerate(rules) if rule.last)
        rules.insert(position, spec)
        return
    rules.append(spec)


def _resolve(path: Path, rules: list[RuleSpec], stack: tuple[Path, ...]) -> dict[str, Any]:
    path = path.resolve()
    if path in stack:
        chain = " -> ".join(p.name for p in (*stack, path))
        raise RuleSetError(f"'extends' forms a cycle: {chain}", source=str(path), field="extends")
    data = _read_toml(path)
    source = str(path)
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise RuleSetError(f"unknown top-level key {unknown[0]!r}", source=source, field=unknown[0],
                           hint="allowed: " + ", ".join(sorted(_TOP_LEVEL)) +
                           "; rule parameters go inside [[rules]] tables")
    extends = data.get("extends", [])
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise RuleSetError("'extends' must be a list of rule-set names or paths", source=source,
                           field="extends")
    for parent in extends:
        try:
            parent_path = locate(parent, relative_to=path.parent)
        except RuleSetError as exc:
            raise RuleSetError(exc.message, source=source, field="extends", hint=exc.hint) from None
        _resolve(parent_path, rules, (*stack, path))
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise RuleSetError("'rules' must be an array of tables ([[rules]])", source=source, field="rules")
    known = _Known.of(rules)  # kept up to date below: built once, not once per rule
    for index, raw in enumerate(raw_rules):
        if not isinstance(raw, dict):
            raise RuleSetError(f"rules[{index}] must be a table", source=source, field="rules")
        _merge_into(rules, raw, source=source, index=index, known=known)
    return data


def load_rule_set(refs: str | Path | list[str | Path]) -> RuleSet:
    """Resolve one or more rule sets (names of bundled sets or paths) into one ordered list.

    Later references override earlier ones by rule id.
    """
    if isinstance(refs, (str, Path)):
        refs = [refs]
    if not refs:
        refs = ["default"]
    rules: list[RuleSpec] = []
    names: list[str] = []
    descriptions: list[str] = []
    sources: list[str] = []
    for ref in refs:
        path = ref if isinstance(ref, Path) else locate(ref)
        data = _resolve(path, rules, ())
        names.append(str(data.get("name", path.stem)))
        if data.get("description"):
            descriptions.append(str(data["description"]))
        sources.append(str(path))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:  # pragma: no cover - _merge_into keeps ids unique
            raise RuleSetError("duplicate rule id", rule_id=rule.id)
        seen.add(rule.id)
    return RuleSet("+".join(names), " / ".join(descriptions), rules, sources)
