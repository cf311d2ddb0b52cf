"""cleaner as a datatrove pipeline step (``pip install 'cleaner[datatrove]'``)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFormatter

    LocalPipelineExecutor(pipeline=[JsonlReader("crawl/"), CleanerFormatter(rules=("default", "my-site.toml")),
                                    JsonlWriter("cleaned/")], tasks=4, logging_dir="logs/").run()

Each Document's text is cleaned as the command cleans an archive's text record (its
``metadata["url"]`` is the record's URL, which rules may read). The step's statistics, in
datatrove's ``stats.json``: ``total``, ``changed``, ``characters_removed``, one
``changes/RULE`` per rule that acted (its changes), and ``dropped`` or ``errors`` for
documents that failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

try:
    from datatrove.data import Document as DatatroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - the message is the point
    raise ImportError("cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'") from exc

from cleaner.record_batches import check_on_error
from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record
from cleaner.task.records import clean_record, failure_reason
from cleaner.task.settings import Settings


class CleanerFormatter(BaseFormatter):
    """Clean every Document's text with a :class:`~cleaner.Cleaner`: the one given, or one built
    from ``rules`` (bundled set names and TOML paths) with ``enable``/``disable`` switches.

    ``on_error`` says what becomes of a Document whose cleaning fails: ``"reject"`` drops it
    (counted as ``dropped``), ``"keep"`` passes it on unchanged with the reason in
    ``metadata["cleaner_error"]`` (counted as ``errors``), ``"raise"`` stops the task with
    :class:`CleanerError` naming the Document's id.

    The step travels to datatrove's workers by copy and pickle, as the cleaner does: as its
    resolved rule set (see :meth:`cleaner.Cleaner.__getstate__`)."""

    name = "🧹 cleaner"

    def __init__(self, cleaner: Cleaner | None = None, *, rules: Iterable[str | Path] = ("default",),
                 enable: Iterable[str] = (), disable: Iterable[str] = (), on_error: str = "reject") -> None:
        super().__init__()
        check_on_error(on_error)
        self.cleaner = cleaner if cleaner is not None else Cleaner.from_rules(*rules, enable=enable, disable=disable)
        self.on_error = on_error
        # The command's defaults: a text record is read as it is, with no run-wide context.
        self.settings = Settings()

    def clean(self, text: str, *, source: str = "<text>", url: str | None = None) -> Document:
        """The cleaned document of one text, by the path an archive's text record takes."""
        return clean_record(self.cleaner, Record(source, text=text, url=url), self.settings)

    def format(self, text: str) -> str:
        return self.clean(text).text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                kept = self._clean_document(document)
            if kept:
                yield document

    def _clean_document(self, document: DatatroveDocument) -> bool:
        """Clean one Document in place and count it; False when it is to be dropped."""
        url = document.metadata.get("url")
        try:
            doc = self.clean(document.text, source=str(document.id), url=url if isinstance(url, str) else None)
        except Exception as exc:  # noqa: BLE001 - one document's failure is counted, not fatal (but for "raise")
            reason = failure_reason(exc)
            if self.on_error == "raise":
                raise CleanerError(f"document {document.id!r}: {reason}") from exc
            if self.on_error == "keep":
                document.metadata["cleaner_error"] = reason
                self.stat_update("errors")
                return True
            self.stat_update(StatHints.dropped)
            return False
        per_rule: dict[str, int] = {}
        for change in doc.changes:
            per_rule[change.rule_id] = per_rule.get(change.rule_id, 0) + 1
        if per_rule:
            self.stat_update("changed")
        for rule_id, count in per_rule.items():
            self.stat_update(f"changes/{rule_id}", value=count)
        self.stat_update("characters_removed", value=max(0, doc.stats["characters_in"] - len(doc.text)))
        document.text = doc.text
        return True


__all__ = ["CleanerFormatter"]
