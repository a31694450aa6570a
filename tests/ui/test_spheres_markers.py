"""A crowded spheres canvas draws its compact markers as one layer: a repaint paints no item of its own,
and an edit draws its marker again where it went and nowhere else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.views.spheres.view import SpheresView
from workbench.spheres.items import Item


def corners(view: SpheresView) -> tuple[QPointF, QPointF]:
    """Two empty places: the top corners of the area outside the spheres (only a marker draws there)."""
    frame = view.scene.outside.rect
    return frame.topLeft() + QPointF(24, 24), frame.topRight() + QPointF(-24, 24)


@pytest.fixture
def crowded(window) -> SpheresView:
    window.new_document()
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    items = [Item.create(name=f"Item {n}", x=n % 40 * 5.0, y=n // 40 * 5.0) for n in range(320)]
    assert view.doc.run(StoreCommand(ops.create(items), "Add", origin="spheres"))
    view.zoom_fit()
    assert view.scene.compact
    return view


def _patch(view: SpheresView, at: QPointF):
    """The pixels of the window's picture around a scene point."""
    centre = view.canvas.mapFromScene(at)
    return view.canvas.viewport().grab(QRect(centre.x() - 8, centre.y() - 8, 16, 16)).toImage()


def test_a_crowded_canvas_draws_its_markers_in_one_go_and_an_edit_only_where_it_changed(crowded, monkeypatch):
    """Every drawing (an item's, the layer's) starts by looking up the canvas colours: counted, they tell
    how many drawings a repaint made."""
    drawings: list[object] = []
    real = theme.ink
    monkeypatch.setattr(theme, "ink", lambda where=None: (drawings.append(where), real(where))[1])
    crowded.zoom_in()  # every cached drawing is made again at the new size
    assert crowded.scene.compact
    crowded.canvas.viewport().grab()
    assert 0 < len(drawings) < 20  # the marker layer drew the 320 markers in one go
    crowded.zoom_fit()  # the corners in view
    here, there = corners(crowded)
    empty_here, empty_there = _patch(crowded, here), _patch(crowded, there)
    lone = Item.create(name="Lone", x=here.x(), y=here.y())
    assert crowded.doc.run(StoreCommand(ops.create([lone]), "Add", origin="spheres"))
    marker = crowded.scene.policy_items[lone.id]
    assert marker.compact
    assert _patch(crowded, here) != empty_here  # drawn
    move = ops.update([("item", lone.id, {"x": there.x(), "y": there.y()})])
    assert crowded.doc.run(StoreCommand(move, "Move", origin="spheres"))
    assert _patch(crowded, here) == empty_here  # gone from where it was
    unselected = _patch(crowded, there)
    assert unselected != empty_there  # drawn where it went
    marker.setSelected(True)
    assert _patch(crowded, there) not in (empty_there, unselected)  # drawn again, as selected
    crowded.doc.undo_stack.undo()
    assert _patch(crowded, there) == empty_there and _patch(crowded, here) != empty_here
