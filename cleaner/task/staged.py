"""A task whose input or output is a URL (:mod:`cleaner.storage`): the input copied to a
temporary folder, cleaned there as a local file (named by its URL), the output uploaded whole."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import archive_kind, describe_size
from cleaner.storage import is_url
from cleaner.task.settings import Settings
from cleaner.task.stats import RunStats

if TYPE_CHECKING:
    from cleaner.task.run import Task


def run_staged(cleaner: Cleaner, task: Task, settings: Settings, on_documents: Callable[[int], None] | None,
               run_local: Callable[..., RunStats]) -> RunStats:
    """``run_local`` cleans the staged copy as any local task is cleaned."""
    from cleaner import storage

    name = task.name
    with tempfile.TemporaryDirectory(prefix="cleaner-stage-") as folder:
        staged = Path(folder)
        local_in = Path(task.path)
        if is_url(task.path):
            local_in = staged / "in" / storage.url_name(task.path).name
            try:
                if not archive_kind(local_in) and storage.size(task.path) > settings.max_document_bytes:
                    return _rejected(name, f"{name}: over the {describe_size(settings.max_document_bytes)} limit "
                                           "per document; skipped (raise --max-document-mb to take it)")
                storage.download(task.path, local_in)
            except (OSError, CleanerError) as exc:
                return _rejected(name, f"{name}: cannot download it ({exc})")
        remote_out = is_url(task.target)
        local_out = staged / "out" / storage.url_name(task.target).name if remote_out else Path(task.target)
        local_task = replace(task, path=str(local_in), target=str(local_out), source=name, checkpoints="")
        stats = run_local(cleaner, local_task, settings, on_documents)
        if remote_out and not settings.dry_run and local_out.exists() \
                and not any(r["source"] == name for r in stats.rejects):
            try:
                storage.upload(local_out, task.target)
            except (OSError, CleanerError) as exc:
                stats.reject(name, f"{name}: cannot upload {task.target} ({exc})")
        return stats


def _rejected(name: str, reason: str) -> RunStats:
    stats = RunStats()
    stats.reject(name, reason)
    return stats.file_done()
