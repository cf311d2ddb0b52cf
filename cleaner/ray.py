"""Cleaning on a Ray cluster from Python, for users who drive Ray themselves.

    import ray
    from cleaner.ray import clean_dataset

    ray.init(address="auto")                # or nothing: a local Ray instance is started
    report = clean_dataset(["crawl/"], "cleaned/", rules=["default", "my-site.toml"])
    print(report["documents"])

The same run as ``cleaner clean crawl/ --out cleaned/ --engine ray``: outputs, resume, the
rejects and warnings files and the report in ``cleaned/.cleaner/``. Needs ``pip install
'cleaner[ray]'``; this module imports Ray only when :func:`clean_dataset` runs.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cleaner.engine import Settings, build_cleaner, get_boilerplate_learner, get_engine
from cleaner.engine.options import check_settings
from cleaner.errors import CleanerError
from cleaner.planning import own_files, refuse_out_among_inputs
from cleaner.readers import discover
from cleaner.engine.address import check_reachable
from cleaner.runner import plan_run, run_plan, with_boilerplate
from cleaner.storage import discover_urls, is_url

_SETTINGS = {f.name for f in dataclasses.fields(Settings)} - {"rules", "enable", "disable", "context", "dry_run",
                                                                "as_records", "backup_suffix", "journal"}


def clean_dataset(paths: Iterable[str | Path], out: str | Path, rules: Iterable[str | Path] = ("default",), *,
                  address: str | None = None, jobs: int | None = None, enable: Iterable[str] = (),
                  disable: Iterable[str] = (), include: Iterable[str] = (), exclude: Iterable[str] = (),
                  follow_symlinks: bool = False, learn_boilerplate: bool = False,
                  boilerplate: str | Path | None = None, report: str | Path | None = None,
                  **options: Any) -> dict[str, Any]:
    """Clean text and HTML files, folders of them, and JSONL/WARC archives into ``out`` (a
    folder, or one ``.jsonl[.gz|.zst]`` file) with Ray tasks, and return the run's report.
    Paths and ``out`` may be URLs (``s3://``, ``gs://``: see :mod:`cleaner.storage`).

    ``rules``: bundled rule-set names or TOML files. ``address``: the cluster to join when Ray
    is not initialised yet (``"auto"``, ``"ray://host:10001"``); without it a local instance
    with ``jobs`` CPUs is started (and stopped at the end). ``options``: the CLI's settings by
    their field names in :class:`cleaner.engine.Settings`, e.g. ``fmt="json"``,
    ``extractor="trafilatura"``, ``timeout=30``, ``no_article="text"``, ``text_field="body"``,
    ``with_changes=True``, ``max_document_bytes=2**28``.

    Raises :class:`~cleaner.errors.CleanerError` for a bad rule set, option or input path;
    documents that fail are in ``OUT/.cleaner/rejects.jsonl`` and counted in the report.
    """
    names = [str(p) for p in paths]
    unknown = sorted(set(options) - _SETTINGS)
    if unknown:
        raise CleanerError(f"unknown option(s) {', '.join(unknown)}; choose from: {', '.join(sorted(_SETTINGS))}")
    settings = Settings(rules=tuple(str(r) for r in rules), enable=tuple(enable), disable=tuple(disable), **options)
    check_settings(settings)
    cleaner = build_cleaner(settings)
    engine = get_engine("ray")
    include, exclude = tuple(include), tuple(exclude)
    local = [Path(n) for n in names if not is_url(n)]
    own: frozenset[Path] = frozenset()
    if not is_url(str(out)):
        refuse_out_among_inputs(local, Path(out))
        own = own_files(Path(out))
    unreadable: list[dict[str, str]] = []
    inputs = list(discover(local, include=include, exclude=exclude, follow_symlinks=follow_symlinks, skip=own,
                           unreadable=unreadable))
    urls = [n for n in names if is_url(n)]
    if urls:
        inputs += list(discover_urls(urls, include=include, exclude=exclude))
    if not inputs:
        raise CleanerError(f"no text, HTML, JSONL or WARC files found under {', '.join(names)}")
    workers = jobs or (os.cpu_count() or 1)
    if address is not None:
        check_reachable(address)  # before anything is planned or written
    plan = plan_run(cleaner, inputs, str(out) if is_url(str(out)) else Path(out), settings)
    plan.unreadable = unreadable
    learner = get_boilerplate_learner("ray")
    plan = with_boilerplate(plan, cleaner, learn=learn_boilerplate,
                            saved=Path(boilerplate) if boilerplate is not None else None,
                            learner=lambda c, tasks, s: learner(c, tasks, s, jobs=workers, address=address))
    done = run_plan(plan, cleaner, lambda todo, s: engine(todo, s, workers, address=address),
                    report_path=Path(report) if report is not None else None)
    return done.summary(rules=plan.settings.rules)
