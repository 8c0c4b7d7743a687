"""The docs name tests that exist: every `tests/...py::name` in docs/*.md is a test function of that file
(a renamed or moved test would otherwise leave a guarantee pointing at nothing)."""
import ast
import re

from tests.conftest import ROOT

NAMED = re.compile(r"`(tests/[\w/]+\.py)`|`(tests/[\w/]+\.py)::(\w+)|`::(\w+)")


def _functions(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_test_the_docs_name_exists():
    missing = []
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for line in doc.read_text(encoding="utf-8").splitlines():
            current = None
            for m in NAMED.finditer(line):
                file_only, file_named, name, bare = m.groups()
                path = file_only or file_named
                if path:
                    current = ROOT / path
                    if not current.exists():
                        missing.append(f"{doc.name}: {path}")
                        current = None
                        continue
                name = name or bare
                if name and current is not None and name not in _functions(current):
                    missing.append(f"{doc.name}: {current.relative_to(ROOT)}::{name}")
    assert missing == []
