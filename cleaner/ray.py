"""Cleaning on a Ray cluster from Python, for users who drive Ray themselves.

    import ray
    from cleaner.ray import clean_dataset

    ray.init(address="auto")                # or nothing: a local Ray instance is started
    report = clean_dataset(["crawl/"], "cleaned/", rules=["default", "my-site.toml"])
    print(report["documents"])

:func:`cleaner.clean_dataset` with ``engine="ray"``: the same run as ``cleaner clean crawl/
--out cleaned/ --engine ray`` (outputs, resume, the rejects and warnings files and the report
in ``cleaned/.cleaner/``). Needs ``pip install 'cleaner[ray]'``; Ray is imported only when a
run starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.dataset import clean_dataset as _clean_dataset


def clean_dataset(paths: Any, out: str | Path | None = None, rules: Any = ("default",), **options: Any) -> dict[str, Any]:
    """:func:`cleaner.clean_dataset` on the Ray engine; every other option as there."""
    return _clean_dataset(paths, out, rules, engine="ray", **options)
