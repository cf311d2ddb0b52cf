"""A folder that cannot be listed, for the tests of the walk and of a run over it: permissions
do not bind the root user the tests may run as, so the refusal is simulated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def refuse_listing(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Listing ``locked`` fails as a folder without read permission does."""
    scandir = os.scandir

    def guarded(path):  # noqa: ANN001, ANN202 - os.scandir's
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
