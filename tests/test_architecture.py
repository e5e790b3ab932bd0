"""The core (ingest, store, analysis, export) never imports textual; only briefing/tui/ may."""

import ast
import subprocess
import sys
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent
UI_ONLY = {"textual"}


def core_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] != "tui":
            yield path, ".".join(("briefing",) + rel.with_suffix("").parts).removesuffix(".__init__")


def imported_roots(path):
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_core_source_never_imports_textual():
    offenders = [f"{path.relative_to(PACKAGE)} imports {root}"
                 for path, _ in core_modules() for root in imported_roots(path) if root in UI_ONLY]
    assert offenders == []


def test_importing_every_core_module_loads_no_textual():
    # Catches indirect imports too (a core module importing a helper that imports textual).
    names = [name for _, name in core_modules() if name not in ("briefing.__main__",)]
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(names) > 10  # the scan really saw the package
