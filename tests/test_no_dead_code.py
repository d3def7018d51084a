"""No dead code in the modules a reviewer found it in: unused imports (they cost start-up
time and mislead readers) and leftover aliases of functions that live elsewhere."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "portwizard"
RULES = sorted(p for p in (ROOT / "domain" / "rules").glob("*.py") if p.name != "__init__.py")
CHECKED = [*sorted((ROOT / "endpoint").glob("sandbox*.py")), *RULES]


def unused_imports(path: Path) -> list[str]:
    """Names imported at module level that the module never mentions (as a name, or as a
    word in a string, e.g. a quoted annotation or __all__)."""
    tree = ast.parse(path.read_text("utf-8"))
    imported: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                name = (alias.asname or alias.name).split(".")[0]
                imported[name] = node.lineno
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            used.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", n.value))
    return [f"{path.name}:{line} {name}" for name, line in imported.items() if name not in used]


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: p.name)
def test_no_unused_imports(path):
    assert unused_imports(path) == []


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_rule_modules_keep_no_aliases_of_functions_elsewhere(path):
    # e.g. ``foc_place = dates.place_of``: call the one real function directly.
    tree = ast.parse(path.read_text("utf-8"))
    aliases = [t.id for node in tree.body if isinstance(node, ast.Assign)
               and isinstance(node.value, ast.Attribute) for t in node.targets
               if isinstance(t, ast.Name)]
    assert aliases == []
