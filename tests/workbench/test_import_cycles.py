"""No module of the domain, the store or the brief layout imports itself round a circle, and no two
feature packages of the domain need each other: each can be read, tested and replaced from the bottom
up. A cycle is named with the modules (or packages) that close it."""

from __future__ import annotations

import grimp
import networkx as nx
import pytest


def cycles(package: str, depth: int | None = None) -> list[list[str]]:
    """Every circle of direct imports (type-checking imports too) between modules, or between the
    packages `depth` names deep; each starts at its first name in order."""
    graph = grimp.build_graph(package, cache_dir=None)

    def name(module: str) -> str:
        return module if depth is None else ".".join(module.split(".")[:depth])

    imports = nx.DiGraph(
        (name(module), name(imported))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if name(module) != name(imported)
    )
    found = [cycle[cycle.index(min(cycle)) :] + cycle[: cycle.index(min(cycle))] for cycle in nx.simple_cycles(imports)]
    return sorted(found)


@pytest.mark.parametrize("package", ["workbench", "db", "templates_reports"])
def test_no_import_cycles(package):
    assert cycles(package) == []


def test_the_domain_s_feature_packages_import_one_way_round():
    assert cycles("workbench", depth=2) == []


def write_package(root, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_a_cycle_is_found_and_named(tmp_path, monkeypatch):
    write_package(
        tmp_path,
        {
            "circle/__init__.py": "",
            "circle/one.py": "from circle import two\n",
            "circle/two.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circle import one\n",
            "circle/a/__init__.py": "",
            "circle/a/x.py": "from circle.b import y\n",
            "circle/b/__init__.py": "",
            "circle/b/y.py": "",
            "circle/b/z.py": "from circle.a import x\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles("circle") == [["circle.one", "circle.two"]]
    assert cycles("circle", depth=2) == [["circle.a", "circle.b"], ["circle.one", "circle.two"]]
