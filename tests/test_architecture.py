"""The code holds its own shape: the layered import contract (import-linter) and the lint rules (ruff)
of pyproject.toml pass, and each fails when broken (checked on a scratch copy, not on the tree)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(tool: str, *args, cwd=ROOT):
    return subprocess.run([str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_import_layers_hold():
    r = run("lint-imports")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_finds_nothing():
    r = run("ruff", "check", "kg", "tests", "bench")
    assert r.returncode == 0, r.stdout + r.stderr


def _scratch(tmp_path) -> Path:
    dst = tmp_path / "tree"
    shutil.copytree(ROOT / "kg", dst / "kg", ignore=shutil.ignore_patterns("__pycache__", "static", "data"))
    shutil.copy(ROOT / "pyproject.toml", dst / "pyproject.toml")
    return dst


def test_an_upward_import_breaks_the_contract(tmp_path):
    tree = _scratch(tmp_path)
    model = tree / "kg" / "model" / "keys.py"
    model.write_text(model.read_text() + "\nfrom kg.rdf import mapping  # noqa: E402,F401\n")
    r = subprocess.run([str(BIN / "lint-imports")], cwd=tree, capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": str(tree), "PATH": str(BIN)})
    assert r.returncode != 0 and "kg.model.keys" in r.stdout, r.stdout + r.stderr


def test_a_lint_error_fails_ruff(tmp_path):
    tree = _scratch(tmp_path)
    (tree / "kg" / "model" / "keys.py").write_text("import os\n")
    r = run("ruff", "check", "kg", cwd=tree)
    assert r.returncode != 0 and "F401" in r.stdout


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: offenders still being split (issue 11); the set only shrinks
KNOWN_LONG: set[str] = set()


def long_code() -> set[str]:
    """Modules over MAX_MODULE_LINES lines and functions over MAX_FUNCTION_LINES, as 'path' / 'path:name'."""
    import ast
    out = set()
    for p in sorted((ROOT / "kg").rglob("*.py")):
        rel = p.relative_to(ROOT).as_posix()
        src = p.read_text(encoding="utf-8")
        if len(src.splitlines()) > MAX_MODULE_LINES:
            out.add(rel)
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    out.add(f"{rel}:{node.name}")
    return out


def test_modules_and_functions_stay_short():
    assert long_code() <= KNOWN_LONG, sorted(long_code() - KNOWN_LONG)
