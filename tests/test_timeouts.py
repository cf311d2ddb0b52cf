"""The per-page time limit: work past it is interrupted, work within it is not."""

from __future__ import annotations

import time

import pytest

from cleaner.timeouts import ExtractionTimeout, time_limit


@pytest.mark.bad_input
def test_work_past_the_limit_is_interrupted() -> None:
    started = time.monotonic()
    with pytest.raises(ExtractionTimeout):
        with time_limit(0.2):
            while True:
                time.sleep(0.01)
    assert time.monotonic() - started < 2


def test_work_within_the_limit_finishes_and_the_timer_is_cleared() -> None:
    with time_limit(5):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(0.05)  # a left-over timer would fire here


def test_zero_means_no_limit() -> None:
    with time_limit(0):
        time.sleep(0.01)
