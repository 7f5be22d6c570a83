"""Imports flow one way: story -> geo -> render -> app, export, handout, the command line.

Read from the source (every import statement, at any depth, including those inside functions),
so an import hidden in a function or a late branch counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each package may import only the ones listed (and itself).
ALLOWED = {
    "story": set(),
    "geo": {"story"},
    "render": {"story", "geo"},
    "ui": {"story", "geo", "render"},
    "export": {"story", "geo", "render"},
    "handout": {"story", "geo", "render"},
    "storymap": {"story", "geo", "render", "export", "handout"},
}
PROJECT = set(ALLOWED) | {"app", "bench", "tests"}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & PROJECT


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_ones_below_it(package):
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for other in imported_packages(path) - ALLOWED[package] - {package}
    }
    assert not wrong, sorted(wrong)


def test_no_python_code_hides_in_strings():
    # A `python -c "..."` string would import whatever it likes, unseen by the check above.
    offenders = [
        str(path.relative_to(ROOT))
        for package in ALLOWED
        for path in (ROOT / package).rglob("*.py")
        if '"-c"' in path.read_text(encoding="utf-8") or "'-c'" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from export.site import export_site\n    import geo.places\n", encoding="utf-8")
    assert imported_packages(module) == {"export", "geo"}
