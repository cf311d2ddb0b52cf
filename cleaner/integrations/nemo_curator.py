"""cleaner as a NeMo Curator document modifier (``pip install 'cleaner[nemo-curator]'``)::

    from nemo_curator.pipeline import Pipeline
    from nemo_curator.stages.text.io.reader import JsonlReader
    from nemo_curator.stages.text.io.writer import JsonlWriter
    from nemo_curator.stages.text.modifiers import Modify
    from cleaner.integrations.nemo_curator import CleanerModifier

    pipeline = Pipeline(name="clean", stages=[
        JsonlReader("crawl/"),
        Modify(CleanerModifier(rules=("default", "my-site.toml")), input_fields="text"),
        JsonlWriter("cleaned/"),
    ])
    pipeline.run()

Each text is cleaned as the command cleans an archive's text record. Given two input fields,
``input_fields=[["text", "url"]]`` with ``output_fields="text"``, the second is the record's URL,
which rules may read. ``Modify`` maps a column, so a document cannot be dropped here: one whose
cleaning fails keeps its text as it was (``on_error="keep"``, the failure logged with its
reason) or stops the stage (``on_error="raise"``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

try:
    from nemo_curator.stages.text.modifiers import DocumentModifier
except ImportError as exc:  # pragma: no cover - the message is the point
    raise ImportError("cleaner.integrations.nemo_curator needs NeMo Curator: pip install "
                      "'cleaner[nemo-curator]'") from exc

from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.readers.records import Record
from cleaner.task.records import clean_record, failure_reason
from cleaner.task.settings import Settings

_ON_ERROR = ("keep", "raise")
_LOG = logging.getLogger(__name__)


class CleanerModifier(DocumentModifier):
    """Clean a document's text with a :class:`~cleaner.Cleaner`: the one given, or one built
    from ``rules`` (bundled set names and TOML paths) with ``enable``/``disable`` switches.
    It travels to NeMo Curator's workers by pickle, as the cleaner does: as its resolved rule
    set (see :meth:`cleaner.Cleaner.__getstate__`)."""

    def __init__(self, cleaner: Cleaner | None = None, *, rules: Iterable[str | Path] = ("default",),
                 enable: Iterable[str] = (), disable: Iterable[str] = (), on_error: str = "keep") -> None:
        super().__init__()
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error={on_error!r}: must be one of {', '.join(map(repr, _ON_ERROR))} (a "
                             "column map keeps every document; filter afterwards to drop some)")
        self.cleaner = cleaner if cleaner is not None else Cleaner.from_rules(*rules, enable=enable, disable=disable)
        self.on_error = on_error
        self.settings = Settings()  # the command's defaults for a text record
        self._name = "cleaner"

    def modify_document(self, text: object = None, url: object = None, **fields: object) -> object:
        """The cleaned text; given as the only input field or as ``text`` (or the first of
        several fields), with ``url`` beside it if the stage passes one."""
        if text is None and fields:
            text = next(iter(fields.values()))
        if not isinstance(text, str):
            return self._failed(text, f"the text is not a string but {type(text).__name__}")
        source = url if isinstance(url, str) else "<text>"
        try:
            return clean_record(self.cleaner, Record(source, text=text, url=url if isinstance(url, str) else None),
                                self.settings).text
        except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the stage
            return self._failed(text, f"{source}: {failure_reason(exc)}")

    def _failed(self, text: object, reason: str) -> object:
        if self.on_error == "raise":
            raise CleanerError(reason)
        _LOG.warning("cleaner: %s; the text was kept as it was", reason)
        return text
