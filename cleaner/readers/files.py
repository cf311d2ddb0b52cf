"""Finding inputs: files named directly, and the text and HTML files under directories."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.errors import InputError
from cleaner.readers.records import archive_kind

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    path: Path
    # The path relative to the directory it was found under, mirrored under --out.
    relative: Path


def discover(paths: list[Path], *, suffixes: frozenset[str] = INPUT_SUFFIXES) -> Iterator[InputFile]:
    """Yield input files in a stable order: each path as given, directories walked sorted.

    Symbolic links under a directory are not followed, so a link cannot pull files from
    outside the tree being cleaned into the output.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(_walk(path)):
                if found.suffix.lower() in suffixes or archive_kind(found):
                    yield InputFile(found, found.relative_to(path))
        elif path.exists():
            yield InputFile(path, Path(path.name))
        else:
            raise InputError(f"{path}: no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            entries = list(directory.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                if not entry.name.startswith("."):
                    stack.append(entry)
            elif entry.is_file():
                yield entry
