"""Joining a Ray cluster (or starting an instance here), and what every Ray task of a run
shares: the job (settings and rule set, sent once through the object store) and the pipeline
each worker builds from it once."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from dataclasses import dataclass
from typing import Any

import ray

from cleaner.engine.address import check_reachable
from cleaner.errors import CleanerError
from cleaner.pipeline import Cleaner
from cleaner.ruleset import RuleSet
from cleaner.task.settings import Settings


def connect(address: str | None, jobs: int) -> bool:
    """Join the cluster at ``address`` (``auto``, ``ray://host:10001``), or start a local Ray
    instance with ``jobs`` CPUs. True when this call started (and so should stop) it."""
    if ray.is_initialized():
        return False
    # Ray reports usage statistics over the network unless told not to; a batch job on an
    # air-gapped cluster must not try.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # Ray's own log lines (start-up notices) would fall into the user's stderr between ours.
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    if address:
        check_reachable(address)
        try:
            ray.init(address=address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise CleanerError(f"--address {address}: cannot join the Ray cluster ({_first_line(exc)}). Start it "
                               "with 'ray start --head' on its head node, or leave --address out to run on a Ray "
                               "instance started here") from None
    else:
        # "local": a new instance of our own, even where another runs on this machine.
        ray.init(address="local", num_cpus=jobs, **options)
    return True


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@dataclass(frozen=True)
class Job:
    """What every task of a run needs, sent once through the object store: the settings, and
    the rule set as the driver read it (switches applied), so workers need no rule files."""

    settings: Settings
    rule_set: RuleSet


# In a Ray worker process: the pipeline of the job last seen, rebuilt only when it changes.
_LAST: tuple[str, Cleaner] | None = None


def cleaner_for(key: str, job: Job) -> Cleaner:
    global _LAST
    if _LAST is None or _LAST[0] != key:
        _LAST = (key, Cleaner(job.rule_set))
    return _LAST[1]


def job_key(job: Job) -> str:
    """What identifies a run's pipeline between driver and workers, which keep the last one
    built (a job can be large: a boilerplate table travels once, through the object store)."""
    return hashlib.sha256(pickle.dumps(job)).hexdigest()[:16]
