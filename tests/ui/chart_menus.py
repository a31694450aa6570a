"""Counting the context menus pyqtgraph makes for a chart's view box (the charts of the program have none:
each one made is work thrown away as the chart is made)."""

from __future__ import annotations

import importlib

view_box = importlib.import_module("pyqtgraph.graphicsItems.ViewBox.ViewBox")  # the module, which the class hides


def count_menus(monkeypatch) -> list[object]:
    """The menus made from now on (the list grows as they are)."""
    made: list[object] = []
    real = view_box.ViewBoxMenu

    def counting(box):
        made.append(box)
        return real(box)

    monkeypatch.setattr(view_box, "ViewBoxMenu", counting)
    return made
