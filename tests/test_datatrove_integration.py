"""cleaner as a datatrove step: a real pipeline (reader, CleanerFormatter, writer) on
datatrove's local executor, two tasks in two worker processes, cleans each Document as
``Cleaner.clean`` does and reports its counts in datatrove's stats."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from cleaner import CleanerError

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.integrations.datatrove import CleanerFormatter  # noqa: E402

from tests.integration_texts import TEXTS, BrokenCleaner  # noqa: E402


@pytest.mark.slow
def test_a_local_pipeline_cleans_every_document_and_counts_it(tmp_path: Path, default_cleaner) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for shard in range(2):  # one file per task
        with (inputs / f"{shard}.jsonl").open("w", encoding="utf-8") as f:
            for n, text in enumerate(TEXTS):
                f.write(json.dumps({"id": f"{shard}-{n}", "text": text}) + "\n")
    pipeline = [JsonlReader(str(inputs)), CleanerFormatter(rules=("default",)),
                JsonlWriter(str(tmp_path / "out"), compression=None)]
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()

    written = {}
    for path in sorted((tmp_path / "out").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            written[record["id"]] = record["text"]
    expected = {f"{shard}-{n}": default_cleaner.clean(text).text for shard in range(2) for n, text in enumerate(TEXTS)}
    assert written == expected
    assert written["0-0"] == "The quay reopens on Monday.\n"

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    [ours] = [step["stats"] for step in stats if "cleaner" in step["name"]]
    changes = {}
    for text in TEXTS:
        for change in default_cleaner.clean(text).changes:
            changes[change.rule_id] = changes.get(change.rule_id, 0) + 2  # each text is in both files
    assert ours["total"] == 8
    assert ours["changed"] == 2 * sum(bool(default_cleaner.clean(t).changes) for t in TEXTS) == 6
    assert {k.removeprefix("changes/"): (v["total"] if isinstance(v, dict) else v)
            for k, v in ours.items() if k.startswith("changes/")} == changes
    removed = 2 * sum(len(t) - len(default_cleaner.clean(t).text) for t in TEXTS)
    assert ours["characters_removed"]["total"] == removed and ours["characters_removed"]["n"] == 8


def _run(formatter: CleanerFormatter, documents: list[Document]) -> list[Document]:
    return list(formatter.run(iter(documents)))


def _documents() -> list[Document]:
    return [Document(text=TEXTS[0], id="a"), Document(text="BOOM goes the rule\n", id="b"),
            Document(text=TEXTS[0], id="c", metadata={"url": "https://example.org/c"})]


def test_reject_drops_a_document_that_fails_and_counts_it() -> None:
    formatter = CleanerFormatter(BrokenCleaner.from_rules("default"))
    out = _run(formatter, _documents())
    assert [d.id for d in out] == ["a", "c"] and out[0].text == "The quay reopens on Monday.\n"
    assert formatter.stats["dropped"].total == 1 and formatter.stats["total"].total == 3
    assert formatter.stats["changes/ads.label"].total == 2


def test_keep_passes_a_failing_document_on_with_its_reason() -> None:
    formatter = CleanerFormatter(BrokenCleaner.from_rules("default"), on_error="keep")
    out = _run(formatter, _documents())
    assert [d.id for d in out] == ["a", "b", "c"]
    assert out[1].text == "BOOM goes the rule\n" and out[1].metadata["cleaner_error"] == "ValueError: the rule broke"
    assert "cleaner_error" not in out[0].metadata and formatter.stats["errors"].total == 1


def test_raise_stops_naming_the_document() -> None:
    formatter = CleanerFormatter(BrokenCleaner.from_rules("default"), on_error="raise")
    with pytest.raises(CleanerError, match=r"document 'b': ValueError: the rule broke"):
        _run(formatter, _documents())


def test_a_bad_on_error_is_refused() -> None:
    with pytest.raises(ValueError, match="must be one of 'reject', 'raise', 'keep'"):
        CleanerFormatter(on_error="ignore")


def test_format_cleans_one_text_and_the_step_pickles(promo_rules) -> None:
    rules, text = promo_rules
    formatter = CleanerFormatter(rules=(rules,), disable=["ads.label"])
    cleaned = formatter.format(text)
    assert "PROMO" not in cleaned and cleaned.startswith("Advertisement\n")  # the user's rule on, ads.label off
    rules.unlink()  # a worker has no copy of the rule file
    copied = pickle.loads(pickle.dumps(formatter))
    assert copied.format(text) == cleaned
