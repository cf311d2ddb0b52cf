from __future__ import annotations

import signal
from pathlib import Path

import pytest

from cleaner import Cleaner

FIXTURES = Path(__file__).parent / "fixtures"

# A shell runs a background job (`cmd &`, nohup, some CI runners) with SIGINT ignored, and an
# ignored signal stays ignored in every process started from it: the runs the fault tests
# start and then stop with Ctrl-C would never hear it. What the tests need is the disposition
# a terminal gives; an interactive run has it already.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def default_cleaner() -> Cleaner:
    return Cleaner.from_rules("default")


@pytest.fixture()
def promo_rules(tmp_path):  # noqa: ANN001, ANN201
    """A user's rule file (the default set and a rule of its own, "quay.promo", that drops a
    promo-code line) and a text it changes: for the integrations' tests that a step travels
    to its workers as its resolved rules, the file no longer needed."""
    rules = tmp_path / "quay.toml"
    rules.write_text('name = "quay"\nextends = ["default"]\n\n[[rules]]\nid = "quay.promo"\nkind = "regex"\n'
                     "pattern = '^PROMO CODE: \\w+$'\n", encoding="utf-8")
    return rules, "Advertisement\nPROMO CODE: SAVE20\nThe quay reopens.\n"
