"""No module of the domain, the store or the brief layout imports itself round a circle: each can be
read, tested and replaced from the bottom up. A cycle is named with the imports that close it."""

from __future__ import annotations

import grimp
import networkx as nx
import pytest


def cycles(package: str) -> list[list[str]]:
    """Every circle of direct imports (type-checking imports too), each starting at its first module by name."""
    graph = grimp.build_graph(package, cache_dir=None)
    imports = nx.DiGraph(
        (module, imported) for module in graph.modules for imported in graph.find_modules_directly_imported_by(module)
    )
    found = [cycle[cycle.index(min(cycle)) :] + cycle[: cycle.index(min(cycle))] for cycle in nx.simple_cycles(imports)]
    return sorted(found)


@pytest.mark.parametrize("package", ["workbench", "db", "templates_reports"])
def test_no_import_cycles(package):
    assert cycles(package) == []


def test_a_cycle_is_found_and_named(tmp_path, monkeypatch):
    folder = tmp_path / "circle"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "one.py").write_text("from circle import two\n")
    (folder / "two.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circle import one\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles("circle") == [["circle.one", "circle.two"]]
