"""Finding inputs: files named directly, and the text and HTML files under directories."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from cleaner.errors import InputError
from cleaner.readers.records import archive_kind_of_name

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    path: Path
    # The path relative to the directory it was found under, mirrored under --out.
    relative: Path


def matches_glob(relative: PurePosixPath | Path, pattern: str) -> bool:
    """Whether a path found under a directory matches a glob, as ``--include``/``--exclude``
    mean it: a pattern without ``/`` is tried on the file name and on every folder name
    (``*.htm``, ``drafts``); one with ``/`` on the whole relative path, where ``*`` and ``**``
    cross folders (``news/*/index.html``, ``**/amp/*``)."""
    relative = PurePosixPath(relative.as_posix())
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    if "/" not in pattern:
        return any(fnmatchcase(part, pattern) for part in relative.parts)
    text = relative.as_posix()
    while pattern.startswith("**/"):
        if fnmatchcase(text, pattern):
            return True
        pattern = pattern[3:]  # "**/x" also matches "x" at the top
    return fnmatchcase(text, pattern) or fnmatchcase(text, pattern + "/*")


def discover(paths: list[Path], *, suffixes: frozenset[str] = INPUT_SUFFIXES,
             include: Sequence[str] = (), exclude: Sequence[str] = (),
             follow_symlinks: bool = False, skip: Collection[Path] = (),
             unreadable: list[dict[str, str]] | None = None,
             on_found: Callable[[int], None] | None = None) -> Iterator[InputFile]:
    """Yield input files in a stable order: each path as given, directories walked sorted.

    Under a directory, a file is taken when it matches one of ``include`` (if any are given)
    and none of ``exclude``; a file named on its own is always taken, since the user chose it.
    A symbolic link under a directory is followed only while it stays inside that directory,
    so a link cannot pull files from elsewhere into the output; ``follow_symlinks`` follows
    every link. A folder reached twice (a link loop) is walked once. Files and folders in
    ``skip`` (resolved paths: the run's own outputs and state) are never walked into. A folder
    that cannot be listed (no permission) is added to ``unreadable`` as a reject with its
    reason, so the run reports it instead of passing over its files in silence. ``on_found``
    hears the number of files seen so far under the directories, as the walk goes.
    """
    counter = FoundCounter(on_found)
    taken = Chooser(suffixes, include, exclude)
    for path in paths:
        if path.is_dir():
            for found in walk(path, follow_symlinks=follow_symlinks, skip=skip, unreadable=unreadable):
                counter.saw()
                if taken(found.relative):
                    yield InputFile(Path(found.path), Path(found.relative))
        elif path.is_file():  # a regular file, or a link to one
            yield InputFile(path, Path(path.name))
        elif path.exists():
            # A FIFO or a device never ends, or ends when its writer says: reading one would hang
            # the run or fill the memory, whatever the size limit (its size reads as 0).
            raise InputError(f"{path}: not a regular file (a FIFO, socket or device); only files and folders are "
                             f"read: to clean a stream, pipe it in with 'cleaner clean -'")
        else:
            raise InputError(f"{path}: no such file or directory")


class FoundCounter:
    """Files seen by a walk, told to ``on_found`` as it goes."""

    def __init__(self, on_found: Callable[[int], None] | None) -> None:
        self.seen, self._on_found = 0, on_found

    def saw(self) -> None:
        self.seen += 1
        if self._on_found is not None:
            self._on_found(self.seen)


class Chooser:
    """Whether a file found under a folder (by its relative POSIX name) is an input: its
    suffix is one read, and the globs take it."""

    def __init__(self, suffixes: frozenset[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> None:
        self._suffixes, self._include, self._exclude = suffixes, tuple(include), tuple(exclude)

    def __call__(self, relative: str) -> bool:
        name = relative.rpartition("/")[2]
        dot = name.rfind(".")
        if not ((0 < dot < len(name) - 1 and name[dot:].lower() in self._suffixes) or archive_kind_of_name(name)):
            return False
        if self._include and not any(matches_glob(PurePosixPath(relative), g) for g in self._include):
            return False
        return not any(matches_glob(PurePosixPath(relative), g) for g in self._exclude)


@dataclass(frozen=True)
class Found:
    """A file found by :func:`walk`: its path and its name under the walked folder as text,
    and the names of the files of its folder (one tuple shared by them all)."""

    path: str
    relative: str
    siblings: tuple[str, ...]


def walk(root: Path, *, follow_symlinks: bool = False, skip: Collection[Path] = (),
         unreadable: list[dict[str, str]] | None = None) -> Iterator[Found]:
    """Files under ``root``, none in ``skip``, in the order of their relative paths: each
    folder's entries by name, a folder's files before the next entry. Depth first, so only the
    listings of the folders open on the way are held, never the tree; the entries' kinds come
    with the listing (no call per file but for links)."""
    skip = frozenset(skip)
    skip_names = {p.name for p in skip}  # only an entry of one of these names is resolved to compare
    top = root.resolve()
    seen = {str(top)}  # folders walked, resolved: one reached again through a link is passed over
    root_text = str(root)

    def opened(directory: str, relative: str) -> tuple[Iterator[tuple[str, str]], str, tuple[str, ...]] | None:
        entries = _listing(directory, unreadable)
        if entries is None:
            return None
        kinds = [(entry, _kind(entry, top, follow_symlinks, skip, skip_names)) for entry in entries]
        files = tuple(entry.name for entry, kind in kinds if kind == "file")
        return iter([(joined(directory, entry.name), entry.name, kind) for entry, kind in kinds if kind]), \
            relative, files

    first = opened(root_text, "")
    stack = [first] if first is not None else []
    while stack:
        entries, relative, files = stack[-1]
        step = next(entries, None)
        if step is None:
            stack.pop()
            continue
        path, name, kind = step
        inner_relative = f"{relative}/{name}" if relative else name
        if kind == "file":
            yield Found(path, inner_relative, files)
            continue
        target = os.path.realpath(path)
        if kind == "link-dir" and target in seen:
            continue
        seen.add(target)
        if not name.startswith("."):
            inner = opened(path, inner_relative)
            if inner is not None:
                stack.append(inner)


def joined(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` without the path object: under ``.``, the bare name."""
    return name if folder == "." else os.path.join(folder, name)


def _kind(entry: os.DirEntry, top: Path, follow_symlinks: bool, skip: frozenset[Path],
          skip_names: set[str]) -> str:
    """"file", "dir", "link-dir" (a link to a folder), or "" (passed over) for a listed entry."""
    try:
        if entry.name in skip_names and Path(entry.path).resolve() in skip:
            return ""
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve(strict=True)
            except (OSError, RuntimeError):
                return ""  # dangling, or a loop of links
            if not follow_symlinks and not target.is_relative_to(top):
                return ""
            return "link-dir" if target.is_dir() else "file" if target.is_file() else ""
        return "dir" if entry.is_dir() else "file" if entry.is_file() else ""
    except OSError:
        return ""


def _listing(directory: str, unreadable: list[dict[str, str]] | None) -> list[os.DirEntry] | None:
    """A folder's entries by name; None (and a reject in ``unreadable``) if it cannot be listed."""
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        if unreadable is not None:
            unreadable.append({"source": directory, "reason": f"{directory}: cannot read this folder "
                               f"({exc.strerror or exc}); its files were not cleaned. Give the run "
                               "permission to read it and run the same command again"})
        return None


class InputList(Sequence[InputFile]):
    """The inputs of a run held in a few bytes beyond each path's own text: a tree of a million
    files is planned without an object per file. An :class:`InputFile` is made when asked for;
    its relative name is the end of its path (as :func:`discover` and the URL walk give it)."""

    def __init__(self, items: Iterable[InputFile] = ()) -> None:
        self._paths: list[str] = []
        self._starts = array("I")  # where the relative name begins in the path's text
        self._urls = bytearray()  # 1 where the path is a URL (kept as text, not a Path)
        self._odd: dict[int, str] = {}  # a relative name that is not the end of its path
        for item in items:
            self.append(item)

    def append(self, item: InputFile) -> None:
        path, relative = str(item.path), PurePosixPath(Path(item.relative).as_posix()).as_posix()
        start = len(path) - len(relative)
        if start < 0 or not path.endswith(relative):
            self._odd[len(self._paths)] = relative
            start = 0
        self._paths.append(path)
        self._starts.append(start)
        self._urls.append(not isinstance(item.path, Path))

    def __len__(self) -> int:
        return len(self._paths)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - a Sequence's
        if isinstance(index, slice):
            return InputList(self[i] for i in range(*index.indices(len(self))))
        index = range(len(self))[index]
        path = self._paths[index]
        relative = Path(self.relative_text(index))
        return InputFile(path if self._urls[index] else Path(path), relative)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[InputFile]:
        return (self[i] for i in range(len(self)))

    def path_text(self, index: int) -> str:
        """The input's path as text, without making its :class:`InputFile`."""
        return self._paths[index]

    def relative_text(self, index: int) -> str:
        """The input's relative name as text (POSIX), without making its :class:`InputFile`."""
        return self._odd.get(index) or self._paths[index][self._starts[index]:]

    def is_url(self, index: int) -> bool:
        return bool(self._urls[index])
