"""The bundled rule sets travel inside the wheel: a non-editable install finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("build")
pytest.importorskip("hatchling")


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_lists_and_uses_bundled_rules(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, cwd=tmp_path)
    wheel = next(dist.glob("cleaner-*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # The dependencies come from this environment (no network in tests); the package itself
    # only from the wheel: .pth files of this environment are not processed from there, so
    # an editable checkout cannot leak in.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--quiet",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(python), "-c", "import cleaner; print(cleaner.__file__)"], check=True,
                           capture_output=True, text=True, cwd=outside, env=env).stdout
    assert where.startswith(str(site))

    listed = subprocess.run([str(python), "-m", "cleaner.cli", "rules", "list"], capture_output=True,
                            text=True, cwd=outside, env=env)
    assert listed.returncode == 0, listed.stderr
    for name in ("default", "ads", "punctuation", "whitespace"):
        assert f"  {name} " in listed.stdout

    sample = outside / "a.txt"
    sample.write_text("Advertisement\n\nThe ferry runs again.\n", encoding="utf-8")
    cleaned = subprocess.run([str(python), "-m", "cleaner.cli", "clean", str(sample)], capture_output=True,
                             text=True, cwd=outside, env=env)
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == "The ferry runs again.\n"
