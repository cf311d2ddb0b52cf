"""A Cleaner travels to other processes: pickled (spawn-based pools, Ray, Spark, Dask,
``datasets.map(num_proc=...)``) and deep-copied (datatrove copies its pipeline), as the rule set
it was built from, its rules rebuilt on load. The bytes of its pickle depend on the rule set
only, not on the process's hash seed: ``datasets`` hashes them for its cache fingerprint."""

from __future__ import annotations

import copy
import hashlib
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent

TEXT = ("Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nAdvertisement\n\nShare this: Facebook Twitter\n\n"
        "It rained all week; which surprised nobody.\n\nPROMO CODE: SAVE20\n\n"
        "The harbour board met on Tuesday.\n")
PAGE = ("<html><head><title>The quay</title></head><body><article><h1>The quay</h1>"
        "<p>The harbour board moved the fleet to the outer quay for the winter, the clerk said on Tuesday.</p>"
        "<div class='ad-slot'>Buy a boat</div><div class='house-promo'>Subscribe to the Quay Gazette</div>"
        "<p>Boats will return in the spring, when the inner quay has been dredged and the lights mended.</p>"
        "<p>PROMO CODE: SAVE20</p><p>Fishermen said the move cost them an hour a day, and the board "
        "promised to review it in March.</p></article></body></html>")

# A user's set on top of the default one: a regex, a line pattern and a page ad rule of its own.
USER_RULES = textwrap.dedent("""\
    name = "quay"
    extends = ["default"]

    [[rules]]
    id = "quay.promo"
    kind = "regex"
    pattern = '^PROMO CODE: \\w+$'

    [[rules]]
    id = "quay.rain"
    kind = "line_pattern"
    patterns = ['It rained all week.*']
    engine = "re"

    [[rules]]
    id = "quay.house-ads"
    kind = "html_ads"
    words = ["promo"]
    selectors = ["div.house-promo"]
    """)


def _outcome(cleaner: Cleaner) -> tuple:
    """What a cleaner does to the text and the page: texts, changes, metadata."""
    text = cleaner.clean(TEXT)
    page = cleaner.clean_html(PAGE)
    return (text.text, [c.to_dict() for c in text.changes], text.metadata,
            page.text, [c.to_dict() for c in page.removals + page.changes], page.metadata)


def _user_cleaner(tmp_path: Path) -> Cleaner:
    path = tmp_path / "quay.toml"
    path.write_text(USER_RULES, encoding="utf-8")
    return Cleaner.from_rules(path, disable=["structure.header-date"])


def clean_in_worker(cleaner: Cleaner) -> tuple:
    """Run in a spawned process: module level, so the worker can import it."""
    return _outcome(cleaner)


@pytest.fixture(scope="module")
def default_outcome(default_cleaner) -> tuple:
    return _outcome(default_cleaner)


def test_the_user_rules_do_their_work(tmp_path) -> None:
    # So that the round trips below compare outcomes in which every user rule acts.
    text, text_changes, metadata, page, page_changes, _ = _outcome(_user_cleaner(tmp_path))
    rules = {c["rule"] for c in text_changes} | {c["rule"] for c in page_changes}
    assert {"quay.promo", "quay.rain", "quay.house-ads"} <= rules
    assert "PROMO" not in text and "rained" not in text and "Gazette" not in page and "Buy a boat" not in page
    assert "scraped_date" not in metadata  # the switch travels with the rule set


def test_default_cleaner_survives_a_pickle_round_trip(default_cleaner, default_outcome) -> None:
    data = pickle.dumps(default_cleaner)
    loaded = pickle.loads(data)
    assert loaded.rule_set == default_cleaner.rule_set
    assert pickle.dumps(loaded) == data  # a copy hashes as the original did
    assert _outcome(loaded) == default_outcome


def test_user_rule_file_cleaner_round_trips_without_its_file(tmp_path) -> None:
    cleaner = _user_cleaner(tmp_path)
    expected = _outcome(cleaner)
    data = pickle.dumps(cleaner)
    (tmp_path / "quay.toml").unlink()  # a worker elsewhere has no copy of the user's file
    loaded = pickle.loads(data)
    assert [r.id for r in loaded.rules] == [r.id for r in cleaner.rules]
    assert [r.id for r in loaded.html_rules] == [r.id for r in cleaner.html_rules]
    assert _outcome(loaded) == expected


def test_deepcopy_rebuilds_an_independent_cleaner(tmp_path, default_cleaner, default_outcome) -> None:
    copied = copy.deepcopy(default_cleaner)
    assert _outcome(copied) == default_outcome
    assert copied.rule_set == default_cleaner.rule_set and copied.rule_set is not default_cleaner.rule_set
    assert all(a is not b for a, b in zip(copied.rules, default_cleaner.rules))
    cleaner = _user_cleaner(tmp_path)
    assert _outcome(copy.deepcopy(cleaner)) == _outcome(cleaner)


@pytest.mark.slow
def test_a_spawned_worker_receives_the_cleaner_and_cleans(tmp_path, default_cleaner, default_outcome) -> None:
    cleaner = _user_cleaner(tmp_path)
    expected = _outcome(cleaner)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(clean_in_worker, cleaner).result(timeout=120) == expected
        assert pool.submit(clean_in_worker, default_cleaner).result(timeout=120) == default_outcome


# Prints the digest of each cleaner's pickle; run under two hash seeds.
_DIGESTS = textwrap.dedent("""\
    import hashlib, pickle, sys
    from cleaner import Cleaner
    for refs in (["default"], [sys.argv[1]]):
        cleaner = Cleaner.from_rules(*refs, disable=["structure.header-date"])
        cleaner.clean("Ads | Ads | Ads\\n\\nIt rained all week.\\n")  # using it changes nothing
        print(hashlib.sha256(pickle.dumps(cleaner)).hexdigest())
    """)


def _run_with_seed(script: str, seed: int, *args: str) -> str:
    run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONHASHSEED": str(seed)}, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.slow
def test_pickle_bytes_are_the_same_under_any_hash_seed(tmp_path) -> None:
    path = tmp_path / "quay.toml"
    path.write_text(USER_RULES, encoding="utf-8")
    first, second = (_run_with_seed(_DIGESTS, seed, str(path)) for seed in (0, 1))
    assert len(first.split()) == 2 and first == second
    # And here, in this process, as there.
    local = hashlib.sha256(pickle.dumps(Cleaner.from_rules(path, disable=["structure.header-date"]))).hexdigest()
    assert local == first.split()[1]


# datasets' cache fingerprint: the cleaner as an argument (fn_kwargs), and a global one that
# the mapped function uses (datasets hashes a function with the globals it reads).
_FINGERPRINTS = textwrap.dedent("""\
    import sys
    from datasets.fingerprint import Hasher
    from cleaner import Cleaner

    cleaner = Cleaner.from_rules(sys.argv[1])

    def clean_row(row):
        return {"text": cleaner.clean(row["text"]).text}

    print(Hasher.hash(cleaner), Hasher.hash({"cleaner": cleaner}), Hasher.hash(clean_row))
    """)


@pytest.mark.slow
def test_datasets_fingerprint_is_stable_across_processes(tmp_path) -> None:
    pytest.importorskip("datasets")
    path = tmp_path / "quay.toml"
    path.write_text(USER_RULES, encoding="utf-8")
    first, second = (_run_with_seed(_FINGERPRINTS, seed, str(path)) for seed in (0, 1))
    assert len(first.split()) == 3 and first == second
