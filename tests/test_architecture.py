"""The layering rules, read from the imports themselves so the picture cannot drift."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Top-level import names of the project's own packages, and where each lives.
PACKAGES: dict[str, Path] = {
    "backend": ROOT / "backend",
    "sandbox": ROOT / "sandbox",
    "domain": ROOT / "src" / "domain",
    "EModal": ROOT / "src" / "EModal",
    "portal_service": ROOT / "src" / "portal_service",
    "Tools": ROOT / "src" / "Tools",
    "LLM": ROOT / "src" / "LLM",
    "Graph": ROOT / "src" / "Graph",
    "cluster": ROOT / "src" / "cluster",
}
# Which of the project's packages each package may import (besides itself). Lower layers first.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "EModal": {"domain"},
    "portal_service": {"domain", "EModal"},
    "LLM": {"domain"},
    "Tools": {"domain", "EModal", "portal_service"},
    "Graph": {"domain", "EModal", "portal_service", "Tools", "LLM"},
    # The Redis-coordinated implementations of a clustered deployment: nothing in src/ imports them, the
    # backend wires them in when the settings say so.
    "cluster": {"domain", "EModal", "Graph"},
    "backend": {"domain", "EModal", "portal_service", "Tools", "LLM", "Graph", "cluster"},
    "sandbox": set(),  # the look-alike stands for an outside system: it shares no code with the product
}
# The one product module that may start the look-alike: the demo (and the sandbox command it serves).
SANDBOX_DOOR = ROOT / "backend" / "demo.py"


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written."""

    path: Path
    line: int
    module: str
    names: tuple[str, ...]


def imports_of(path: Path) -> list[Import]:
    """Every absolute import in a file, including those inside functions."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend(Import(path, node.lineno, alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Import(path, node.lineno, node.module, tuple(alias.name for alias in node.names)))
    return found


def package_files(package: str) -> list[Path]:
    """The package's Python files (migrations scripts included: they run in the product)."""
    return sorted(PACKAGES[package].rglob("*.py"))


def top(module: str) -> str:
    """The top-level package of a dotted module name."""
    return module.split(".", 1)[0]


def where(item: Import) -> str:
    """file:line of an import, relative to the repository."""
    return f"{item.path.relative_to(ROOT)}:{item.line}"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_the_layers_below_it(package: str) -> None:
    """A package imports only the project packages its layer may use."""
    broken = []
    for path in package_files(package):
        for item in imports_of(path):
            target = top(item.module)
            if target == package or target not in PACKAGES:
                continue
            if target == "sandbox" and path == SANDBOX_DOOR:
                continue
            if target not in ALLOWED[package]:
                broken.append(f"{where(item)} imports {item.module}")
    assert broken == [], f"{package} may import only {sorted(ALLOWED[package]) or 'nothing of ours'}:\n" + "\n".join(
        broken
    )


def test_only_tests_benchmarks_and_the_demo_import_the_sandbox() -> None:
    """The look-alike portal never leaks into the product."""
    product = [p for name in PACKAGES if name != "sandbox" for p in package_files(name)]
    broken = [where(i) for p in product if p != SANDBOX_DOOR for i in imports_of(p) if top(i.module) == "sandbox"]
    assert broken == [], "only backend/demo.py may import sandbox:\n" + "\n".join(broken)


def test_no_import_reaches_around_a_package_to_a_private_name() -> None:
    """Private modules and names (leading underscore) are used only inside their own package."""
    broken = []
    for package in PACKAGES:
        for path in package_files(package):
            for item in imports_of(path):
                if top(item.module) not in PACKAGES or top(item.module) == package:
                    continue
                private_module = any(part.startswith("_") and part != "__init__" for part in item.module.split("."))
                private_names = [n for n in item.names if n.startswith("_")]
                if private_module or private_names:
                    broken.append(f"{where(item)} imports {item.module} {private_names or ''}".rstrip())
    assert broken == [], "\n".join(broken)


def test_no_import_of_a_private_name_from_a_sibling_module() -> None:
    """Inside a package too, `_helpers` stay in their module: share them by making them public."""
    broken = []
    for package in PACKAGES:
        for path in package_files(package):
            for item in imports_of(path):
                if top(item.module) == package and any(n.startswith("_") for n in item.names):
                    broken.append(f"{where(item)} imports {[n for n in item.names if n.startswith('_')]}")
    assert broken == [], "\n".join(broken)
