"""The first pass of ``--learn-boilerplate``: per site, the number of documents and, for each
normalised line, in how many of them it stands. Each part of the inputs (a chunk of files, a
byte range of a dump) is counted on its own and the counts are added up, so any engine can
spread the pass; documents are read as the cleaning pass reads them
(:mod:`cleaner.task.documents`), so the lines counted are the lines it sees."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleaner.document import Document
from cleaner.errors import CleanerError, InputError
from cleaner.kinds.site_boilerplate import count_lines, site_of
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record, archive_kind
from cleaner.storage import is_url
from cleaner.task.documents import document_of_file, document_of_record, records_of
from cleaner.task.run import Task
from cleaner.task.settings import Settings

SiteLines = dict[str, dict[str, Any]]  # site -> {"documents": n, "lines": {line: documents}}


def learn_boilerplate(cleaner: Cleaner, tasks: list[Task], settings: Settings, *, min_length: int = 12,
                      on_warning: Callable[[str], None] | None = None) -> SiteLines:
    """The whole pass here, task after task. Lines seen once are dropped from the table: they
    cannot be boilerplate, and keeping them would make it as large as the archive. (An input
    that cannot be read is left out here and rejected by the cleaning pass; ``on_warning`` is
    for engines whose counting tasks can fail on their own.)"""
    return without_single_lines(count_site_lines(cleaner, ((task, None) for task in tasks), settings,
                                                 min_length=min_length))


def count_site_lines(cleaner: Cleaner, items: Iterable[tuple[Task, Iterator[Record] | None]], settings: Settings, *,
                     min_length: int = 12) -> SiteLines:
    """Per site, documents and line counts of the tasks' documents (``records``, when given,
    stand for an archive's: a byte range of it), lines seen once included, for merging."""
    sites: SiteLines = {}
    for task, records in items:
        try:
            for doc in _documents_of(cleaner, task, settings, records):
                doc.context["site"] = task.site
                entry = sites.setdefault(site_of(doc), {"documents": 0, "lines": {}})
                entry["documents"] += 1
                for key in count_lines(doc.text, min_length=min_length):
                    entry["lines"][key] = entry["lines"].get(key, 0) + 1
        except (InputError, OSError):
            continue  # the cleaning pass reports it
    return sites


def merge_site_lines(tables: Iterable[SiteLines]) -> SiteLines:
    """Counts of several parts of the inputs, added up."""
    merged: SiteLines = {}
    for table in tables:
        for site, entry in table.items():
            into = merged.setdefault(site, {"documents": 0, "lines": {}})
            into["documents"] += entry["documents"]
            lines = into["lines"]
            for key, count in entry["lines"].items():
                lines[key] = lines.get(key, 0) + count
    return merged


def without_single_lines(table: SiteLines) -> SiteLines:
    for entry in table.values():
        entry["lines"] = {k: n for k, n in entry["lines"].items() if n > 1}
    return table


def _documents_of(cleaner: Cleaner, task: Task, settings: Settings,
                  records: Iterator[Record] | None) -> Iterator[Document]:
    if is_url(task.path):
        from cleaner import storage

        with tempfile.TemporaryDirectory(prefix="cleaner-stage-") as folder:
            local = Path(folder) / storage.url_name(task.path).name
            try:
                storage.download(task.path, local)
            except CleanerError as exc:
                raise InputError(str(exc)) from None
            yield from _documents_of(cleaner, replace(task, path=str(local), source=task.name), settings, records)
        return
    path = Path(task.path)
    if records is None and not archive_kind(path):
        yield document_of_file(cleaner, path, settings, metadata=False, display=task.name)
        return
    for record in records if records is not None else records_of(path, settings, {}, display=task.name):
        try:
            yield document_of_record(cleaner, record, settings, metadata=False)
        except InputError:
            continue  # this record only: the cleaning pass rejects it
