"""The extractors' libraries are imported when a page is first extracted, not when cleaner is:
a run of text files, and every rerun, would otherwise pay a third of a second of start-up for
nothing."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_command_leaves_the_extraction_libraries_unloaded() -> None:
    code = ("import sys, cleaner, cleaner.cli; "
            "print(sorted(m for m in ('trafilatura', 'readability', 'courlan') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"


def test_a_page_still_extracts_with_them_imported_on_first_use(default_cleaner) -> None:
    page = ("<html><head><title>Quay</title></head><body><article><h1>Quay</h1>" + "".join(
        f"<p>Paragraph {i}: the harbour board moved the fleet to the outer quay for the winter works.</p>"
        for i in range(4)) + "</article></body></html>")
    assert "the outer quay" in default_cleaner.clean_html(page, extractor="trafilatura").text
    assert "the outer quay" in default_cleaner.clean_html(page, extractor="readability").text
