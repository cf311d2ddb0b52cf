"""The report page: self-contained, every section there, and it renders in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("run")
    source = root / "in"
    source.mkdir()
    for i in range(5):
        (source / f"t{i}.txt").write_text(f"Advertisement\n\nGoogle Ads | Google Ads\n\nStory {i}; which ran.\n"
                                          "[mystery_box colour='red']\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(source), "--out", str(root / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return root / "out" / ".cleaner" / "report.json"


def test_report_json_has_the_sections_the_page_shows(report_file: Path) -> None:
    summary = json.loads(report_file.read_text(encoding="utf-8"))
    assert summary["documents"]["written"] == 5
    assert summary["top_removed_lines"][0] == {"line": "Advertisement", "count": 5}
    assert summary["kept_share_histogram"] and summary["sample_changes"]
    assert "mystery_box" in summary["unknown_shortcodes"]


def test_page_is_self_contained_with_charts(report_file: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(report_file), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 3 and "ads.label" in text and "Advertisement" in text and "mystery_box" in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text
    assert "<script" not in text


def test_a_file_that_is_no_report_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "x.json"
    bogus.write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(bogus), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "not a cleaner report" in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (Debian package 'chromium')")
def test_page_renders_in_headless_chromium(report_file: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    CliRunner().invoke(app, ["report", str(report_file), "--html", str(page)])
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                    "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=60)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000  # a real, non-blank page
