"""The library's options are checked as the command's are: a bad one is named before any work,
never turned into a rejection of every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import CleanerError


@pytest.mark.bad_input
@pytest.mark.parametrize(("options", "named"), [
    ({"fmt": "xml"}, "fmt"),
    ({"extractor": "lynx"}, "extractor"),
    ({"no_article": "keep"}, "no_article"),
    ({"timeout": 0}, "timeout"),
    ({"max_document_bytes": -1}, "max_document_bytes"),
    ({"title": "yes"}, "title"),
])
def test_clean_dataset_names_a_bad_option_before_any_work(tmp_path: Path, options: dict, named: str) -> None:
    from cleaner import clean_dataset

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Advertisement\nBody.\n", encoding="utf-8")
    with pytest.raises(CleanerError, match=named):
        clean_dataset([tmp_path / "in"], tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()
