"""The documented recipe, run for real: ``Dataset.map(cleaner.clean_batch, batched=True,
num_proc=2)`` gives what one process gives and what ``clean_records`` gives, with columns
Arrow types the same in every batch, and a cache fingerprint that is the same in every process
and changes with the rule set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner

datasets = pytest.importorskip("datasets")

ROOT = Path(__file__).resolve().parent.parent

ROWS = [
    {"id": 0, "text": "Advertisement\nThe quay reopens on Monday.\n"},
    {"id": 1, "text": "Share this: Facebook Twitter\n\nThe fleet sails at dawn.\n"},
    {"id": 2, "text": None},  # fails: kept as it was, with its reason
    {"id": 3, "text": "Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nIt rained all week; which surprised nobody.\n"},
    {"id": 4, "text": None},
    {"id": 5, "text": None},  # with 4, a batch (batch_size=2) in which every row fails
    {"id": 6, "text": "Nothing here needs cleaning.\n"},
    {"id": 7, "text": "PROMO CODE: SAVE20\n\nThe harbour board met on Tuesday.\n"},
]
ADDED = {"cleaner_characters_in": "int64", "cleaner_characters_out": "int64", "cleaner_changes": "int64",
         "cleaner_error": "string"}


@pytest.fixture(scope="module")
def one_process(default_cleaner):
    dataset = datasets.Dataset.from_list(ROWS)
    return dataset.map(default_cleaner.clean_batch, batched=True, batch_size=2)


@pytest.mark.slow
def test_two_processes_give_what_one_gives(default_cleaner, one_process) -> None:
    dataset = datasets.Dataset.from_list(ROWS)
    mapped = dataset.map(default_cleaner.clean_batch, batched=True, batch_size=2, num_proc=2)
    assert mapped.to_list() == one_process.to_list()
    assert mapped.features == one_process.features


def test_the_added_columns_have_fixed_types_even_where_every_row_fails(one_process) -> None:
    assert {name: one_process.features[name].dtype for name in ADDED} == ADDED
    assert one_process.features["id"].dtype == "int64" and one_process.features["text"].dtype == "string"
    failed = [row for row in one_process if row["cleaner_error"]]
    assert [row["id"] for row in failed] == [2, 4, 5]
    assert all(row["text"] is None and row["cleaner_changes"] == 0 and row["cleaner_characters_out"] == 0
               for row in failed)


def test_the_mapped_dataset_agrees_with_clean_records(default_cleaner, one_process) -> None:
    records = list(default_cleaner.clean_records(ROWS))  # the failing rows are rejected there
    cleaned = [row for row in one_process if not row["cleaner_error"]]
    assert [row["id"] for row in cleaned] == [r["id"] for r in records] == [0, 1, 3, 6, 7]
    assert [row["text"] for row in cleaned] == [r["text"] for r in records]
    assert [row["cleaner_changes"] for row in cleaned] == \
        [sum(r["cleaner"]["stats"]["changes"].values()) for r in records]
    assert [row["cleaner_characters_in"] for row in cleaned] == \
        [r["cleaner"]["stats"]["characters_in"] for r in records]
    assert cleaned[0]["text"] == "The quay reopens on Monday.\n" and cleaned[3]["cleaner_changes"] == 0


def test_an_output_column_through_fn_kwargs(default_cleaner) -> None:
    dataset = datasets.Dataset.from_list(ROWS[:2])
    mapped = dataset.map(default_cleaner.clean_batch, batched=True, fn_kwargs={"output_field": "clean"})
    assert mapped["text"] == [row["text"] for row in ROWS[:2]]
    assert mapped["clean"][0] == "The quay reopens on Monday.\n"


def test_the_fingerprint_changes_with_the_rule_set(default_cleaner) -> None:
    from datasets.fingerprint import Hasher

    other = Cleaner.from_rules("default", disable=["ads.label"])
    assert Hasher.hash(default_cleaner.clean_batch) == Hasher.hash(Cleaner.from_rules("default").clean_batch)
    assert Hasher.hash(other.clean_batch) != Hasher.hash(default_cleaner.clean_batch)



def test_a_cached_map_is_reused_for_the_same_rule_set_only(tmp_path: Path) -> None:
    datasets.Dataset.from_list(ROWS[:2]).save_to_disk(tmp_path / "rows")
    dataset = datasets.load_from_disk(tmp_path / "rows")  # on disk: map caches its results beside it
    first = dataset.map(Cleaner.from_rules("default").clean_batch, batched=True)
    again = dataset.map(Cleaner.from_rules("default").clean_batch, batched=True)
    other = dataset.map(Cleaner.from_rules("default", disable=["ads.label"]).clean_batch, batched=True)
    assert first.cache_files and again.cache_files == first.cache_files
    assert other.cache_files != first.cache_files
    assert first["text"][0] == "The quay reopens on Monday.\n" and other["text"][0] == ROWS[0]["text"]

# Prints the fingerprint of the mapped dataset; run under two hash seeds.
_FINGERPRINT = textwrap.dedent("""\
    import json, sys
    from datasets import Dataset
    from cleaner import Cleaner

    cleaner = Cleaner.from_rules("default")
    dataset = Dataset.from_list(json.loads(sys.argv[1]))
    print(dataset.map(cleaner.clean_batch, batched=True)._fingerprint)
    """)


@pytest.mark.slow
def test_the_fingerprint_is_the_same_in_every_process() -> None:
    def fingerprint(seed: int) -> str:
        run = subprocess.run([sys.executable, "-c", _FINGERPRINT, json.dumps(ROWS)], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": str(seed)}, timeout=300)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    first, second = fingerprint(0), fingerprint(1)
    assert first and first == second
