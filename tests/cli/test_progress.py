"""The progress bar of a batch on a terminal: the walk's count of files seen, then the run's bar."""

from __future__ import annotations

import io

from rich.console import Console

from cleaner.cli.progress import ProgressBar
from cleaner.task.stats import RunStats


def test_the_walk_is_shown_as_files_seen_then_the_run_as_files_done() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120, record=True)
    bar = ProgressBar(console=console)
    bar.finding(1000)
    bar.finding(1234)
    walking = bar._progress
    assert walking.tasks[0].fields["found"] == 1234
    bar.start(2)
    assert not walking.live.is_started  # the walk's line went when the run's bar came
    bar.file_done(RunStats(documents=3, bytes_in=2_000_000))
    assert bar._progress.tasks[0].completed == 1 and bar._progress.tasks[0].total == 2
    bar.stop()
    shown = console.export_text()
    assert "finding inputs: 1,234 files seen" in shown and "1/2 files" in shown


def test_a_walk_that_goes_on_during_the_run_is_shown_beside_the_bar_until_its_total_is_known() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120, record=True)
    bar = ProgressBar(console=console)
    bar.start(None)
    bar.file_done(RunStats(documents=1, bytes_in=1000))
    bar.finding(1000)
    assert bar._progress.tasks[0].total is None and "1,000 seen so far" in bar._progress.tasks[0].fields["walk"]
    bar._progress.refresh()
    bar.walked(1500)
    bar.file_done(RunStats(documents=1, bytes_in=1000))
    assert bar._progress.tasks[0].total == 1500 and bar._progress.tasks[0].completed == 2
    bar._progress.refresh()
    bar.stop()
    shown = console.export_text()
    assert "1 files (1,000 seen so far)" in shown and "2/1500 files" in shown
