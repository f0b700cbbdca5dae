"""`make lint` runs import-linter's layers contract (pyproject.toml); these prove it holds and that it bites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACT = """
[tool.importlinter]
root_package = "shop"

[[tool.importlinter.contracts]]
name = "shop layers"
type = "layers"
layers = ["shop.services", "shop.models"]
"""


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _package(root: Path, models_source: str) -> None:
    (root / "pyproject.toml").write_text(CONTRACT)
    package = root / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "services.py").write_text("from shop import models\n")
    (package / "models.py").write_text(models_source)


def test_the_project_keeps_its_import_contract() -> None:
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_backwards_import_breaks_the_contract(tmp_path: Path) -> None:
    # A lazy import inside a function is seen too: it cannot dodge the contract.
    _package(tmp_path, "def total():\n    from shop import services\n    return services\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1
    assert "shop layers BROKEN" in result.stdout
    assert "shop.models -> shop.services" in result.stdout


def test_imports_that_run_one_way_keep_it(tmp_path: Path) -> None:
    _package(tmp_path, "PRICE = 1\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "shop layers KEPT" in result.stdout
