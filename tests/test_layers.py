"""The apps' layers hold, and the check that keeps them fails when one is crossed."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is a development tool")


def lint(cwd):
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]


def test_a_foundation_module_importing_a_domain_app_breaks_them(tmp_path):
    # A copy of the code, with one foundation module that imports the directory.
    for name in ("pyproject.toml", *(p.name for p in ROOT.iterdir() if (p / "apps.py").exists())):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "liaison" / "crossing.py").write_text("from groups.models import SelfHelpGroup\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout and "liaison.crossing -> groups.models" in result.stdout
