"""The package's layering, read from the source with ast: MkDocs only in the adapter, no reaching into another
package's private names, and no import cycles (imports inside functions and under TYPE_CHECKING count too:
a cycle is a cycle to a reader)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "generator"
ADAPTER = "generator.mkdocs_plugin"
ENGINE_PACKAGES = {"mkdocs", "material", "pymdownx"}


@dataclass(frozen=True)
class Import:
    importer: str  # "generator.search.records"
    line: int
    module: str  # the module imported from, absolute: "generator.site.view"
    names: tuple[str, ...]  # names taken from it ("from m import a, b"); () for "import m"


def module_name(path: Path, root: Path = PACKAGE_ROOT) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def absolute(importer: str, importer_is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not importer_is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_in(path: Path, root: Path = PACKAGE_ROOT) -> list[Import]:
    importer = module_name(path, root)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(importer, node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(Import(importer, node.lineno, absolute(importer, is_package(path), node),
                                tuple(alias.name for alias in node.names)))
    return found


def package_modules(root: Path = PACKAGE_ROOT) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def all_imports(root: Path = PACKAGE_ROOT) -> list[Import]:
    return [imp for path in package_modules(root).values() for imp in imports_in(path, root)]


def package_of(module: str, modules: dict[str, Path]) -> str:
    path = modules.get(module)
    return module if path is not None and is_package(path) else module.rpartition(".")[0]


def private(name: str) -> bool:
    # `_` alone is gettext's conventional name (generator.i18n exports it), not a private one.
    return name.startswith("_") and not name.startswith("__") and name != "_"


# -- the rules, as functions a test can also run on a made-up package ----------------------------------------
def engine_imports_outside_adapter(imports: list[Import]) -> list[str]:
    return [f"{imp.importer}:{imp.line} imports {imp.module}" for imp in imports
            if imp.module.split(".")[0] in ENGINE_PACKAGES
            and not (imp.importer == ADAPTER or imp.importer.startswith(ADAPTER + "."))]


def private_imports_across_packages(imports: list[Import], modules: dict[str, Path]) -> list[str]:
    problems = []
    for imp in imports:
        if not imp.module.startswith("generator"):
            continue
        own = package_of(imp.importer, modules)
        target_package = package_of(imp.module, modules)
        if target_package == own:
            continue  # a package's modules may share its private names
        names = [part for part in imp.module.split(".") if private(part)] + [n for n in imp.names if private(n)]
        problems += [f"{imp.importer}:{imp.line} imports {name} from {imp.module}" for name in names]
    return problems


def import_graph(imports: list[Import], modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in imports:
        targets = [imp.module] if imp.module in modules else []
        # "from package import module" imports that module
        targets += [f"{imp.module}.{name}" for name in imp.names if f"{imp.module}.{name}" in modules]
        graph[imp.importer].update(t for t in targets if t != imp.importer)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# -- the package --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def modules() -> dict[str, Path]:
    return package_modules()


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return all_imports()


def test_only_the_adapter_imports_mkdocs(imports):
    assert engine_imports_outside_adapter(imports) == []
    assert any(imp.module.startswith("mkdocs") for imp in imports)  # the adapter does, so the scan sees imports


def test_no_module_imports_another_packages_private_names(imports, modules):
    assert private_imports_across_packages(imports, modules) == []


def test_the_import_graph_has_no_cycles(imports, modules):
    graph = import_graph(imports, modules)
    assert sum(len(targets) for targets in graph.values()) > 100  # the scan resolved the package's imports
    assert cycles(graph) == []


# -- the checks themselves, on a small made-up package --------------------------------------------------------
@pytest.fixture
def made_up(tmp_path: Path) -> Path:
    root = tmp_path / "generator"
    files = {
        "__init__.py": "",
        "core.py": "from .site import view\nfrom .site.view import _helper\n",
        "site/__init__.py": "",
        "site/view.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..core import X\n"
                        "def _helper(): ...\n",
        "site/pages.py": "from .view import _helper\n\ndef later():\n    import mkdocs.plugins\n",
        "mkdocs_plugin/__init__.py": "",
        "mkdocs_plugin/plugin.py": "from mkdocs.plugins import BasePlugin\nfrom ..site import pages\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_checks_find_each_kind_of_problem(made_up):
    mods, imps = package_modules(made_up), all_imports(made_up)
    assert engine_imports_outside_adapter(imps) == ["generator.site.pages:4 imports mkdocs.plugins"]
    # core reaches into site's private name; site/pages.py may use its own package's
    assert private_imports_across_packages(imps, mods) == ["generator.core:2 imports _helper from generator.site.view"]
    assert cycles(import_graph(imps, mods)) == [["generator.core", "generator.site.view"]]
