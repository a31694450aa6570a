"""A value-chain bar dropped in another lane takes that lane's value role, in one undo step."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from tests.ui.test_value_chain import GRID, assert_mirrors, chain, drag, stages_of  # noqa: F401 (chain: fixture)
from ui.views.value_chain.layout import COL_W


def test_a_bar_dropped_in_another_lane_changes_its_value_role_in_one_step(chain):  # noqa: F811
    stack = chain.doc.undo_stack
    count = stack.count()
    assert chain.doc.get("instrument", GRID).value_role == "capture"
    centre = chain.scene.bars[GRID].sceneBoundingRect().center()
    lane = chain.scene.grid
    target = QPointF(centre.x() + COL_W, lane.tops["creation"] + lane.heights["creation"] / 2)
    drag(chain, centre, target)
    assert stack.count() == count + 1
    assert chain.doc.get("instrument", GRID).value_role == "creation"
    assert stages_of(chain, GRID) == ("stage-5", "stage-5")
    assert stack.undoText().startswith("Move 'Grid connection fast-track for battery plants' to Innovation system")
    assert_mirrors(chain)
    assert chain.scene.grid.band_at(chain.scene.bars[GRID].sceneBoundingRect().center().y()) == "creation"
    stack.undo()
    assert chain.doc.get("instrument", GRID).value_role == "capture"
    assert stages_of(chain, GRID) == ("stage-4", "stage-4")


def test_a_bar_dropped_in_its_own_lane_keeps_its_role(chain):  # noqa: F811
    centre = chain.scene.bars[GRID].sceneBoundingRect().center()
    drag(chain, centre, centre + QPointF(COL_W, 6))
    assert chain.doc.get("instrument", GRID).value_role == "capture"
    assert chain.doc.undo_stack.undoText() == "Move 'Grid connection fast-track for battery plants' to Market"
