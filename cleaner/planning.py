"""Where each input's output goes, decided for the whole run before any work starts, so that
no output ever replaces another or an input.

- An input reached twice (a file named twice, a file or folder inside a folder also named)
  is one input: it is cleaned once, under the name its first mention gives it.
- Inputs with the same path under their folders (``s1/index.txt`` and ``s2/index.txt`` named
  on the command line, or two folders holding ``sub/x.txt``) are each named by their path from
  the folder the group has in common: ``OUT/s1/index.txt``, ``OUT/s2/index.txt``.
- Inputs whose outputs would share a name (``a.txt``, ``a.html`` and ``a.htm`` all becoming
  ``a.txt``) keep their extension before the output's: ``a.html.txt``, ``a.htm.txt``; one
  whose output name is its own name (``a.txt`` cleaned to text) keeps it.
- What is still not apart after that, or an output that is an input, is refused, naming both;
  so are names that differ only in case (``News.txt``, ``news.txt``) where the output's file
  system ignores case (macOS and Windows by default, many mounted shares).

Every other input is named as before: this only touches inputs that would collide. The checks
hold eight bytes an input (a hash of the name, sorted); names are made when asked for.
"""

from __future__ import annotations

import bisect
import itertools
import os
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from cleaner.errors import CleanerError
from cleaner.readers.files import InputFile, InputList
from cleaner.readers.records import archive_kind, archive_kind_of_name
from cleaner.storage import is_url
from cleaner.writers import output_suffix

STATE_DIR = ".cleaner"
# A WARC (or WET) file's output is JSONL, compressed as it was; longest endings first.
_ARCHIVE_OUTPUTS = ((".warc.wet.gz", ".jsonl.gz"), (".warc.wet", ".jsonl"), (".wet.gz", ".jsonl.gz"),
                    (".wet", ".jsonl"), (".warc.gz", ".jsonl.gz"), (".warc", ".jsonl"))
_KEEPING_EXTENSION = tuple((ending, ending.replace(".gz", "") + out) for ending, out in _ARCHIVE_OUTPUTS)  # under --out: the run's own files (rejects), never an output of a document
_NOTES_SHOWN = 10  # renamed groups said one by one; the rest counted


class OutputClash(CleanerError):
    """Two inputs would be written to one place, or an output would replace an input."""


def state_of(out: Path) -> Path:
    """Where a run into ``out`` keeps its own files: ``OUT/.cleaner/``, or ``all.jsonl.cleaner/``
    beside a one-file output."""
    return out.with_name(out.name + STATE_DIR) if archive_kind(out) == "jsonl" else out / STATE_DIR


def own_files(out: Path) -> frozenset[Path]:
    """What a run into ``out`` writes, resolved: never read as inputs, even when ``out`` lies
    inside a folder being cleaned. A one-file output counts only once a run has written its
    state beside it; before that a file of that name is the user's, and an input."""
    state = state_of(out)
    if archive_kind(out) != "jsonl":
        return frozenset({out.resolve()})
    return frozenset({state.resolve(), out.resolve()} if state.is_dir() else {state.resolve()})


def refuse_out_among_inputs(paths: Iterable[Path], out: Path) -> None:
    """``--out`` naming a folder being cleaned would mix outputs into the inputs (and replace
    those with the output's name); ``--out`` naming a file being cleaned would replace it."""
    target = out.resolve()
    for path in paths:
        if path.resolve() == target:
            kind = "folder" if path.is_dir() else "file"
            raise OutputClash(f"--out {out} is the input {kind} {path}: its outputs would replace or mix with "
                              "the inputs; write elsewhere (--out OTHER), or rewrite text files in place with "
                              "--in-place --backup-suffix .orig")


class Names(Sequence[PurePosixPath]):
    """Each input's name (or output name), made when asked for: the rule's own for most, and
    the few set apart by a collision held as exceptions, so a million names cost no memory.
    Kept as text (``text(i)``); indexing gives the name as a path."""

    def __init__(self, count: int, default: Callable[[int], str], apart: dict[int, str] | None = None) -> None:
        self._count, self._default, self.apart = count, default, apart or {}

    def __len__(self) -> int:
        return self._count

    def text(self, index: int) -> str:
        found = self.apart.get(index)
        return found if found is not None else self._default(index)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - a Sequence's
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        return PurePosixPath(self.text(range(self._count)[index]))


def distinct_inputs(inputs: Sequence[InputFile]) -> tuple[InputList, list[str]]:
    """The inputs with each file once (the first mention kept), and a note per file dropped."""
    repeated = _repeated(hash(_location_text(inputs, i)) for i in range(len(inputs)))
    if not repeated:
        return inputs if isinstance(inputs, InputList) else InputList(inputs), []
    seen: dict[str, InputFile] = {}
    kept, notes = InputList(), []
    for i, item in enumerate(inputs):
        key = _location_text(inputs, i)
        if hash(key) in repeated:
            first = seen.setdefault(key, item)
            if first is not item:
                notes.append(f"{item.path} is given more than once (also as {first.path}); it is cleaned once")
                continue
        kept.append(item)
    return kept, notes


def names_apart(inputs: Sequence[InputFile]) -> Names:
    """Each input's name under the output: its path under its folder, or, when two inputs have
    the same one, its path from the folder they have in common."""
    names = Names(len(inputs), lambda i: _relative_text(inputs, i))
    for members in _groups(len(inputs), names.text):
        locations = [PurePosixPath(_location(inputs[i])) for i in members]
        common = PurePosixPath(os.path.commonpath([str(loc.parent) for loc in locations]))
        for i, location in zip(members, locations, strict=True):
            names.apart[i] = location.relative_to(common).as_posix()
    return names


def output_names(inputs: Sequence[InputFile], names: Names, fmt: str, notes: list[str]) -> Names:
    """Each input's output under ``--out`` (archives to JSONL, documents by the format), with
    the extension kept where two would share a name; refuses what is still not apart."""
    outputs = Names(len(names), lambda i: output_name_text(names.text(i), fmt))
    renamed = 0
    for members in _groups(len(names), outputs.text):
        shared = outputs[members[0]]
        for i in members:
            if outputs.text(i) != names.text(i):
                outputs.apart[i] = name_keeping_extension(names[i], fmt).as_posix()
        renamed += 1
        if renamed <= _NOTES_SHOWN:
            notes.append(f"{' and '.join(str(inputs[i].path) for i in members)} would all be written to {shared}; "
                         f"each keeps its extension: {', '.join(outputs.text(i) for i in members)}")
    if renamed > _NOTES_SHOWN:
        notes.append(f"{renamed - _NOTES_SHOWN} more groups of inputs renamed the same way")
    refuse_clashes(inputs, outputs)
    return outputs


def refuse_clashes(inputs: Sequence[InputFile], names: Names) -> None:
    """Two inputs given one output name: refused, naming both."""
    for members in _groups(len(names), names.text):
        first, second = members[:2]
        raise OutputClash(f"{inputs[first].path} and {inputs[second].path} would both be written to {names[second]}, "
                          "and no naming rule tells them apart; rename one, or clean them in separate runs into "
                          "different --out folders")


def refuse_case_clashes(inputs: Sequence[InputFile], names: Names, folder: Path) -> None:
    """Names that differ only in case, refused when ``folder`` (where they would be written)
    ignores case: there one output would replace the other. The file system is asked only
    when such names are there."""
    groups = _groups(len(names), lambda i: names.text(i).casefold())
    if groups and ignores_case(folder):
        first, second = groups[0][:2]
        raise OutputClash(f"{inputs[first].path} and {inputs[second].path} would be written to {names[first]} and "
                          f"{names[second]}, one file where {folder} ignores case; rename one, or clean them in "
                          "separate runs into different --out folders")


def ignores_case(folder: Path) -> bool:
    """Whether the file system that ``folder`` is (or will be) on ignores case: a file made
    with a lower-case name in its nearest existing folder, looked up in upper case, removed."""
    existing = folder
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=".cleaner-case-probe-", dir=existing)
    except OSError:
        return False  # not writable: the run says so when it writes
    os.close(fd)
    try:
        name = os.path.basename(probe)
        return os.path.exists(os.path.join(existing, name.upper())) and name.upper() != name
    finally:
        os.unlink(probe)


def refuse_targets_that_are_inputs(inputs: Sequence[InputFile], targets: Iterable[str]) -> None:
    """An output written over an input loses it: refused before any work, naming it."""
    locations = sorted(hash(_location_text(inputs, i)) for i in range(len(inputs)))
    for target in targets:
        where = _absolute(target)
        at = bisect.bisect_left(locations, hash(where))
        if at == len(locations) or locations[at] != hash(where):
            continue
        for i in range(len(inputs)):  # a hash met: which input it is (the run stops here anyway)
            if _location_text(inputs, i) == where:
                raise OutputClash(f"the output {target} would replace the input {inputs[i].path}; choose an --out "
                                  "that is not the inputs' folder")


def output_name(relative: PurePosixPath | Path, fmt: str) -> PurePosixPath:
    """Where an input's output goes under --out: archives become JSONL, documents keep their
    name with the format's suffix."""
    relative = PurePosixPath(relative.as_posix()) if isinstance(relative, Path) else relative
    if archive_kind(Path(relative.name)):
        return archive_output_name(relative)
    return relative.with_suffix(output_suffix(fmt, relative.suffix))


def output_name_text(relative: str, fmt: str) -> str:
    """:func:`output_name` on a name's text, as pathlib would make it (one name each of a
    million inputs: no path objects)."""
    head, _, name = relative.rpartition("/")
    if archive_kind_of_name(name):
        lower = name.lower()
        for ending, replacement in _ARCHIVE_OUTPUTS:
            if lower.endswith(ending):
                name = name[: -len(ending)] + replacement
                break
    else:
        dot = name.rfind(".")
        suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
        name = name[: len(name) - len(suffix)] + output_suffix(fmt, suffix)
    return f"{head}/{name}" if head else name


def name_keeping_extension(relative: PurePosixPath, fmt: str) -> PurePosixPath:
    """``a.html`` -> ``a.html.txt``; ``crawl.warc.gz`` -> ``crawl.warc.jsonl.gz``."""
    if archive_kind(Path(relative.name)):
        lower = relative.name.lower()
        for ending, replacement in _KEEPING_EXTENSION:
            if lower.endswith(ending):
                return relative.with_name(relative.name[: -len(ending)] + replacement)
        return relative  # a JSONL dump's output is its own name
    return relative.with_name(relative.name + output_suffix(fmt, relative.suffix))


def archive_output_name(relative: PurePosixPath) -> PurePosixPath:
    """``a/crawl.warc.gz`` -> ``a/crawl.jsonl.gz``; a JSONL dump keeps its name and compression."""
    name = relative.name
    lower = name.lower()
    for ending, replacement in _ARCHIVE_OUTPUTS:
        if lower.endswith(ending):
            return relative.with_name(name[: -len(ending)] + replacement)
    return relative


def _groups(count: int, key: Callable[[int], str]) -> list[list[int]]:
    """Indices sharing a key, in input order of their first member; only groups of two or more.
    Keys are hashed first (eight bytes an input, sorted): only those met twice are compared."""
    repeated = _repeated(hash(key(i)) for i in range(count))
    if not repeated:
        return []
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in range(count):
        text = key(i)
        if hash(text) in repeated:
            by_key[text].append(i)
    return [members for members in by_key.values() if len(members) > 1]


def _repeated(hashes: Iterable[int]) -> set[int]:
    ordered = sorted(array("q", hashes))
    return {a for a, b in itertools.pairwise(ordered) if a == b}


def _relative_text(inputs: Sequence[InputFile], index: int) -> str:
    return inputs.relative_text(index) if isinstance(inputs, InputList) else inputs[index].relative.as_posix()


def _location_text(inputs: Sequence[InputFile], index: int) -> str:
    path = inputs.path_text(index) if isinstance(inputs, InputList) else str(inputs[index].path)
    return _absolute(path)


def _location(item: InputFile) -> str:
    return _absolute(item.path)


def _absolute(path: Path | str) -> str:
    """A path made absolute and normal by its text alone (no file system calls): a URL as
    ``/scheme:/bucket/key``, so URLs and local paths never meet."""
    if is_url(path):
        scheme, rest = str(path).split("://", 1)
        return "/" + scheme + ":/" + rest.lstrip("/")
    return os.path.abspath(path)
