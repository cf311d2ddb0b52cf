"""cleaner.ray.clean_dataset: the library's way onto a Ray cluster, for users who drive Ray
themselves. Skipped when Ray is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ray = pytest.importorskip("ray")

from cleaner.cli import app  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.ray import clean_dataset  # noqa: E402

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def users_ray():
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _inputs(root: Path) -> Path:
    (root / "blog").mkdir(parents=True)
    for i in range(5):
        (root / "blog" / f"post-{i}.txt").write_text(
            f"Advertisement\n\nPost {i}: Ana Ruiz; the new harbour master, said the quay reopens; which "
            "pleased the fishermen; who had waited all winter.\n", encoding="utf-8")
    with (root / "dump.jsonl").open("w", encoding="utf-8") as out:
        for i in range(40):
            out.write(json.dumps({"id": i, "text": f"Google Ads | Google Ads | Google Ads\n\nRecord {i}.\n"}) + "\n")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.parts}


def test_clean_dataset_runs_on_the_users_ray_and_writes_what_the_cli_writes(users_ray, tmp_path: Path) -> None:
    source = _inputs(tmp_path / "in")
    report = clean_dataset([source], tmp_path / "ray", rules=["default"], fmt="json", report=tmp_path / "r.json")
    assert ray.is_initialized()  # the user's instance is left running
    assert report["documents"]["written"] == 45 and report["documents"]["failed"] == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"] == report["documents"]
    cli = CliRunner().invoke(app, ["clean", str(source), "--out", str(tmp_path / "cli"), "--format", "json", "-q"])
    assert cli.exit_code == 0
    assert _files(tmp_path / "ray") == _files(tmp_path / "cli")
    post = json.loads((tmp_path / "ray" / "blog" / "post-2.json").read_text(encoding="utf-8"))
    assert post["text"].startswith("Post 2: Ana Ruiz, the new harbour master, said")


def test_clean_dataset_refuses_unknown_options_and_missing_inputs(tmp_path: Path) -> None:
    with pytest.raises(CleanerError, match="unknown option.*formatt"):
        clean_dataset([tmp_path], tmp_path / "out", formatt="json")
    with pytest.raises(CleanerError, match="no text, HTML, JSONL or WARC files"):
        clean_dataset([tmp_path], tmp_path / "out")


def test_clean_dataset_takes_urls(users_ray, tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    source = _inputs(tmp_path / "in")
    report = clean_dataset([source.as_uri()], (tmp_path / "out").as_uri())
    assert report["documents"]["written"] == 45
    assert (tmp_path / "out" / "blog" / "post-0.txt").read_text(encoding="utf-8").startswith("Post 0: Ana Ruiz,")
    assert (tmp_path / "out" / ".cleaner" / "report.json").exists()
