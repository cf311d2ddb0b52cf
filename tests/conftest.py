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
