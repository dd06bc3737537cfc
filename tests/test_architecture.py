"""The package graph stays a graph: portal → nlq, search → ledger → anonymize.

Every import (top-level or inside a function) of each package is read from the source with ``ast``;
a package may import only the packages the arrows allow, so the core can be reused and tested without
the web layer, and de-identification without anything of ours.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"portal", "ledger", "nlq", "search", "anonymize"}
ALLOWED = {
    "anonymize": set(),
    "ledger": {"anonymize"},
    "search": {"ledger", "anonymize"},
    "nlq": {"ledger", "anonymize"},
    "portal": {"ledger", "nlq", "search", "anonymize"},
}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value.split(".")[0], node.lineno


def violations():
    found = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for name, line in imported_packages(path):
                if name in OURS and name != package and name not in allowed:
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return found


def test_packages_import_only_along_the_arrows():
    assert violations() == []


def test_the_graph_is_checked_on_every_package():
    assert {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} >= OURS
