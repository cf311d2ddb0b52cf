"""What ``cleaner clean`` shows of a batch run: a progress bar on a terminal, the summary, the
changes a dry run would make, and unknown shortcode tags."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer

from cleaner.task.stats import RunStats


class ProgressBar:
    """Files done, documents so far (counted shard by shard inside archives), MB read,
    documents per second, time left; shards done on a cluster engine. Implements
    :class:`cleaner.dataset.Progress`."""

    def __init__(self, console: Any = None) -> None:
        self._console = console  # rich's, to draw on (default: the terminal's standard error)
        self._progress: Any = None
        self._bar: Any = None
        self._started = time.monotonic()
        self._done = self._size = self._inside = 0  # _inside: documents of the archive in hand
        self._running = False  # the run's bar is shown

    def finding(self, found: int) -> None:
        """Files seen while the inputs are walked: before the bar of the run starts, or beside
        it while a walk goes on during the run."""
        from rich.progress import Progress, SpinnerColumn, TextColumn

        if self._running:
            self._progress.update(self._bar, walk=f" ({found:,} seen so far)")
            return
        if self._progress is None:
            self._progress = Progress(SpinnerColumn(), TextColumn("finding inputs: {task.fields[found]:,} files seen"),
                                      transient=True, console=self._console)
            self._progress.start()
            self._bar = self._progress.add_task("finding", total=None, found=0)
        self._progress.update(self._bar, found=found)

    def start(self, files: int | None) -> None:
        """The run's bar; without a total (None) while the walk goes on."""
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        if self._progress is not None:  # the walk's line goes
            self._progress.stop()

        columns = (TextColumn("{task.description}"), BarColumn(),
                   TextColumn("{task.completed}{task.fields[of]} files{task.fields[walk]}"),
                   TextColumn("{task.fields[docs]} docs, {task.fields[mb]:.1f} MB, {task.fields[rate]:.0f} docs/s"
                              "{task.fields[shards]}"),
                   TimeRemainingColumn())
        self._progress = Progress(*columns, transient=True, console=self._console)
        self._progress.start()
        self._bar = self._progress.add_task("cleaning", total=files, docs=0, mb=0.0, rate=0.0, shards="",
                                            of="" if files is None else f"/{files}", walk="")
        self._started = time.monotonic()
        self._running = True

    def walked(self, files: int) -> None:
        """The walk that went on during the run has ended: the bar's total."""
        self._progress.update(self._bar, total=files, of=f"/{files}", walk="")

    def _show(self) -> None:
        docs = self._done + self._inside
        self._progress.update(self._bar, docs=docs, mb=self._size / 1e6,
                              rate=docs / max(1e-6, time.monotonic() - self._started))

    def documents(self, count: int) -> None:
        self._inside += count
        self._show()

    def shards(self, done: int, total: int) -> None:
        self._progress.update(self._bar, shards=f", shards {done}/{total}")

    def file_done(self, stats: RunStats) -> None:
        self._done += stats.documents
        self._size += stats.bytes_in
        self._inside = 0
        self._progress.advance(self._bar)
        self._show()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_summary(summary: dict[str, Any], out: Path | str, *, copied_to: str | None = None) -> None:
    docs = summary["documents"]
    resumed = summary["resumed"]
    earlier = f", {resumed['files']} of the files by an earlier run" if resumed["files"] else ""
    rejects = f"{summary['state']}/rejects.jsonl" + (f", copied to {copied_to}" if copied_to else "")
    typer.echo(f"cleaned {docs['written']} documents from {summary['files']} files into {out}{earlier} "
               f"in {summary['wall_seconds']:.1f} s ({summary['documents_per_second']:.0f} docs/s); "
               f"{docs['changed']} changed, {docs['failed']} failed"
               + (f" (see {rejects})" if docs["failed"] else ""), err=True)
    report_unknown_tags(summary["unknown_shortcodes"])


def print_dry_run(summary: dict[str, Any]) -> None:
    """Every file cleaned, nothing written: the changes per rule, and a few of them."""
    docs = summary["documents"]
    typer.echo(f"dry run: {docs['in']} documents in {summary['files']} files; {docs['changed']} would change, "
               f"{docs['failed']} would fail; nothing written")
    typer.echo(f"\n{'rule':<32} {'documents':>9} {'changes':>8} {'lines removed':>13} {'chars removed':>13}")
    for rule_id, hits in summary["rules_hit"].items():
        typer.echo(f"{rule_id:<32} {hits['documents']:>9} {hits['changes']:>8} {hits['lines_removed']:>13} "
                   f"{hits['characters_removed']:>13}")
    samples = summary["sample_changes"]
    if samples:
        typer.echo("\nsample changes:")
        for sample in samples[:12]:
            before = sample["before"].replace("\n", "⏎")
            after = sample["after"].replace("\n", "⏎")
            typer.echo(f"  {sample['rule']} in {sample['source']}: [-{before[:80]}-]{{+{after[:80]}+}}")


def report_unknown_tags(unknown_tags: dict[str, dict]) -> None:
    if not unknown_tags:
        return
    typer.echo("unknown shortcode tags (resolved by the defaults; add them to a rule set to choose):", err=True)
    for tag, entry in sorted(unknown_tags.items(), key=lambda kv: -kv[1]["count"])[:20]:
        typer.echo(f"  {tag:<24} {entry['count']:>6}  e.g. {entry['example'][:60]}  ({entry['file']})", err=True)
