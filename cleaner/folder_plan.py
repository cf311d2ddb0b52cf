"""A run over one folder into an output folder, planned as the folder is walked: the first file
is cleaned while the walk goes on, and nothing is held per file but a few bytes.

Inside one folder tree two inputs can share an output name only when they are files of the same
folder (an output name changes only the file's own name), so names are decided folder by folder,
when a folder's listing is read, the way the whole-run planner (:mod:`cleaner.planning`) decides
them: files that would share an output keep their extension (``a.html.txt``). What is still not
apart after that is rejected, both files named, and never written; so is, where the output's file
system ignores case, a name met again in another case (the first is written by then). The
whole-run planner serves every other run: several inputs, one output file, in place, a remote
output, or rules that read the whole archive first.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cleaner.planning import name_keeping_extension, output_name_text
from cleaner.readers.files import INPUT_SUFFIXES, Chooser, Found, FoundCounter, joined, walk
from cleaner.task.run import Task

# Folders whose names are kept while the walk is inside them (a deeper tree recomputes a
# parent's names when it comes back to it: the same names, a little time).
_FOLDERS_KEPT = 64
NOTES_SHOWN = 10  # renamed groups said one by one; the rest counted


@dataclass
class FolderWalk:
    """What a walk of the inputs takes: the globs, the links it follows, what it skips."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    follow_symlinks: bool = False
    skip: frozenset[Path] = frozenset()
    on_found: Callable[[int], None] | None = None  # files seen so far, as the walk goes
    on_walked: Callable[[], None] | None = None  # the walk ended


@dataclass
class _Folder:
    """One folder's files and their outputs (names within the folder)."""

    files: tuple[str, ...]
    outputs: dict[str, str]
    refused: dict[str, str] = field(default_factory=dict)  # name -> why it is not written


class FolderTasks:
    """The tasks of a run over ``root`` into the folder ``out``, made as the walk reaches their
    files. Each iteration walks anew; ``unreadable`` (folders that could not be listed) and
    ``notes`` (renamed groups) are those of the last walk."""

    def __init__(self, root: Path, out: Path, fmt: str, walk_options: FolderWalk, *, case_blind: bool) -> None:
        self.root, self.out, self.fmt, self.options = root, out, fmt, walk_options
        self.case_blind = case_blind
        self.unreadable: list[dict[str, str]] = []
        self.notes: list[str] = []
        self._renamed = 0
        self._choose = Chooser(INPUT_SUFFIXES, walk_options.include, walk_options.exclude)

    def first(self) -> Task | None:
        """The first task a walk gives, found without telling anyone (None: no input)."""
        quiet = FolderTasks(self.root, self.out, self.fmt, FolderWalk(
            self.options.include, self.options.exclude, self.options.follow_symlinks, self.options.skip),
            case_blind=False)
        return next(iter(quiet), None)

    def __iter__(self) -> Iterator[Task]:
        self.unreadable.clear()  # cleared, not replaced: the plan holds these lists
        self.notes.clear()
        self._renamed = 0
        counter = FoundCounter(self.options.on_found)
        folders: dict[int, _Folder] = {}
        written_folded: set[int] = set()  # where case is ignored: outputs so far, by hash of the folded name
        for found in walk(self.root, follow_symlinks=self.options.follow_symlinks, skip=self.options.skip,
                          unreadable=self.unreadable):
            counter.saw()
            if not self._choose(found.relative):
                continue
            folder = folders.get(id(found.siblings))
            if folder is None or folder.files is not found.siblings:
                folder = self._named(found)
                folders[id(found.siblings)] = folder
                if len(folders) > _FOLDERS_KEPT:
                    del folders[next(iter(folders))]
            yield self._task(found, folder, written_folded)
        if self.options.on_walked is not None:
            self.options.on_walked()
        if self._renamed > NOTES_SHOWN:
            self.notes.append(f"{self._renamed - NOTES_SHOWN} more groups of inputs renamed the same way")

    def _task(self, found: Found, folder: _Folder, written_folded: set[int]) -> Task:
        head, _, name = found.relative.rpartition("/")
        output = folder.outputs[name]
        relative = f"{head}/{output}" if head else output
        target = joined(str(self.out), relative)
        site = head.split("/", 1)[0] if head else (os.path.basename(os.path.dirname(found.path))
                                                   or os.path.basename(found.path))
        refused = folder.refused.get(name, "")
        if not refused and self.case_blind:
            folded = hash(relative.casefold())
            if folded in written_folded:
                refused = (f"{found.path} would be written to {relative}, where {self.out} ignores case and an output "
                           "whose name differs only in case was written already; rename it, or clean it in a "
                           "separate run into a different --out folder")
            written_folded.add(folded)
        return Task(found.path, "" if refused else target, site, refused=refused)

    def _named(self, found: Found) -> _Folder:
        """The outputs of the files of ``found``'s folder that the run takes."""
        head = found.relative.rpartition("/")[0]
        prefix = f"{head}/" if head else ""
        names = [name for name in found.siblings if self._choose(prefix + name)]
        outputs = {name: output_name_text(name, self.fmt) for name in names}
        folder = _Folder(found.siblings, outputs)
        if len(set(outputs.values())) < len(outputs):
            self._rename_apart(folder, names, prefix)
        if self.case_blind:
            self._refuse_case_clashes(folder, names, prefix)
        return folder

    def _rename_apart(self, folder: _Folder, names: list[str], prefix: str) -> None:
        outputs = folder.outputs
        for members in _groups(names, outputs.__getitem__):
            shared = outputs[members[0]]
            for name in members:
                if outputs[name] != name:
                    outputs[name] = name_keeping_extension(PurePosixPath(name), self.fmt).as_posix()
            self._renamed += 1
            if self._renamed <= NOTES_SHOWN:
                paths = " and ".join(self._path(prefix + name) for name in members)
                self.notes.append(f"{paths} would all be written to {prefix}{shared}; each keeps its extension: "
                                  f"{', '.join(prefix + outputs[name] for name in members)}")
        for members in _groups(names, outputs.__getitem__):
            for name in members:
                other = next(m for m in members if m != name)
                folder.refused[name] = (
                    f"{self._path(prefix + name)} and {self._path(prefix + other)} would both be written to "
                    f"{prefix}{outputs[name]}, and no naming rule tells them apart; rename one, or clean them in "
                    "separate runs into different --out folders")

    def _refuse_case_clashes(self, folder: _Folder, names: list[str], prefix: str) -> None:
        outputs = folder.outputs
        for members in _groups(names, lambda name: outputs[name].casefold()):
            for name in members:
                other = next(m for m in members if m != name)
                folder.refused.setdefault(name, (
                    f"{self._path(prefix + name)} and {self._path(prefix + other)} would be written to "
                    f"{prefix}{outputs[name]} and {prefix}{outputs[other]}, one file where {self.out} ignores "
                    "case; rename one, or clean them in separate runs into different --out folders"))

    def _path(self, relative: str) -> str:
        return joined(str(self.root), relative)


def _groups(names: list[str], key: Callable[[str], str]) -> list[list[str]]:
    """Names sharing a key, in the folder's order; only groups of two or more."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[key(name)].append(name)
    return [members for members in by_key.values() if len(members) > 1]
