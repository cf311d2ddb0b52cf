"""cleaner as a NeMo Curator modifier: NeMo Curator's own ``Modify`` stage, given a
``CleanerModifier``, cleans a batch of documents as ``Cleaner.clean`` does; the modifier
pickles to workers as its rule set. Skipped without NeMo Curator (``cleaner[nemo-curator]``)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner import CleanerError

pytest.importorskip("nemo_curator.stages.text.modifiers")
pd = pytest.importorskip("pandas")

from nemo_curator.stages.text.modifiers import Modify  # noqa: E402
from nemo_curator.tasks import DocumentBatch  # noqa: E402

from cleaner.integrations.nemo_curator import CleanerModifier  # noqa: E402

from tests.integration_texts import TEXTS, BrokenCleaner  # noqa: E402


def _batch(frame: object) -> DocumentBatch:
    return DocumentBatch(dataset_name="quay", data=frame)


def test_the_modify_stage_cleans_each_text_as_cleaner_does_and_keeps_the_other_columns(default_cleaner) -> None:
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS, "lang": ["en"] * len(TEXTS)})
    stage = Modify(CleanerModifier(), input_fields="text")
    out = stage.process(_batch(frame)).to_pandas()
    assert list(out["text"]) == [default_cleaner.clean(t).text for t in TEXTS]
    assert out["text"][0] == "The quay reopens on Monday.\n"
    assert list(out["id"]) == list(frame["id"]) and list(out["lang"]) == ["en"] * len(TEXTS)


def test_with_a_url_field_the_rules_read_the_documents_url(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ["Advertisement\nThe quay reopens.\n"], "url": ["https://quay.example.org/a"]})
    stage = Modify(CleanerModifier(), input_fields=[["text", "url"]], output_fields="clean")
    out = stage.process(_batch(frame)).to_pandas()
    assert out["clean"][0] == "The quay reopens.\n" and out["text"][0].startswith("Advertisement")


def test_a_failing_document_keeps_its_text_or_stops_the_stage_naming_it(caplog: pytest.LogCaptureFixture) -> None:
    frame = pd.DataFrame({"text": [TEXTS[0], "BOOM goes the rule\n", None]})
    kept = Modify(CleanerModifier(BrokenCleaner.from_rules("default")), input_fields="text")
    out = kept.process(_batch(frame)).to_pandas()
    assert out["text"][0] == "The quay reopens on Monday.\n" and out["text"][1] == "BOOM goes the rule\n"
    assert pd.isna(out["text"][2])  # a missing text stays missing
    assert "ValueError: the rule broke" in caplog.text and "not a string" in caplog.text
    raising = Modify(CleanerModifier(BrokenCleaner.from_rules("default"), on_error="raise"), input_fields="text")
    with pytest.raises(CleanerError, match="the rule broke"):
        raising.process(_batch(frame))
    with pytest.raises(ValueError, match="filter afterwards"):
        CleanerModifier(on_error="reject")


def test_the_modifier_pickles_as_its_rule_set(promo_rules) -> None:
    rules, text = promo_rules
    modifier = CleanerModifier(rules=(rules,), disable=["ads.label"])
    cleaned = modifier.modify_document(text)
    assert "PROMO" not in cleaned and cleaned.startswith("Advertisement\n")
    rules.unlink()  # a worker has no copy of the rule file
    assert pickle.loads(pickle.dumps(modifier)).modify_document(text) == cleaned
