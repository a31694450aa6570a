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


def _greys(view, role: str, stage: int) -> set[int]:
    """The grey levels inside the middle of one role's bar of one stage, as the screen shows the budget chart."""
    from PySide6.QtCore import QPointF as Point

    plot = view.charts.budget
    bars = view.charts.budget_bars[role].opts
    x0, width = bars["x0"][stage], bars["width"][stage]
    assert width > 0
    image = plot.grab().toImage()
    view_box = plot.getPlotItem().vb
    greys = set()
    for fx in (0.3, 0.4, 0.5, 0.6, 0.7):
        for fy in (-0.15, -0.05, 0.05, 0.15):
            point = plot.mapFromScene(view_box.mapViewToScene(Point(x0 + width * fx, stage + fy)))
            greys.add(image.pixelColor(point).lightness() // 8)
    return greys


def test_the_budget_chart_tells_creates_from_captures_without_colour(chain, qtbot):  # noqa: F811
    chain.tabs.setCurrentWidget(chain.tabs.widget(0))
    qtbot.waitUntil(lambda: chain.charts.redraws > 0)
    chain.charts.resize(900, 300)
    production = next(s.index for s in chain.scene.analysis.stages if s.stage.name == "Production")
    research = next(s.index for s in chain.scene.analysis.stages if s.stage.name == "Research")
    assert len(_greys(chain, "creation", research)) == 1  # plain
    assert len(_greys(chain, "capture", production)) > 1  # hatched: lines of ink over the colour
    key = chain.charts.budget_key.text
    assert "■</span>&nbsp;creates" in key and "▧</span>&nbsp;captures" in key  # the key draws each hatching
