from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def default_cleaner() -> Cleaner:
    return Cleaner.from_rules("default")
