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


def _add_to_lane(view, role: str, names: list[str]) -> None:
    """New instruments of `role`, each on the first stage alone (so each takes a row of its own)."""
    from db import operations as ops
    from ui.commands import StoreCommand
    from workbench.spheres.items import Instrument, Item

    items = [Item.create(name=name) for name in names]
    span = {"stage_from_id": view.scene.order[0], "stage_to_id": view.scene.order[0], "value_role": role}
    instruments = [Instrument.create(id=item.id, **span) for item in items]
    assert view.doc.run(StoreCommand(ops.create([*items, *instruments]), "Add", origin="value-chain"))


def test_a_lane_that_grows_moves_only_the_bands_below_it_with_their_bars(chain, monkeypatch):  # noqa: F811
    """The 'both' lane outgrows its rows: the band above it is left alone (re-placing a band costs Qt a
    walk of every bar on it), the bands below move down by exactly its growth and carry their bars.

    The patches are undone by pytest after the test, never here: `monkeypatch.undo()` would also undo the
    dialogs the window fixture answers, and closing the edited window would wait for a real 'Unsaved
    changes' question nobody answers."""
    from ui.views.value_chain import items as items_module

    scene = chain.scene
    taken = scene.lanes["both"].taken
    free = sum(1 for row in taken if not row & 1) + scene.grid.rows["both"] - len(taken)  # at the first stage
    grows = free + 1  # one bar more than the lane has room for at the first stage
    tops, heights = dict(scene.grid.tops), dict(scene.grid.heights)
    where = {id_: bar.scenePos() for id_, bar in scene.bars.items()}
    placed: list[str] = []
    real_place = items_module.BandTitle.prepareGeometryChange

    def counted(title):
        placed.append(title.key)
        real_place(title)

    monkeypatch.setattr(items_module.BandTitle, "prepareGeometryChange", counted)
    _add_to_lane(chain, "both", [f"Both {n}" for n in range(grows)])
    grown = scene.grid.heights["both"] - heights["both"]
    assert grown > 0
    assert "creation" not in placed and scene.grid.tops["creation"] == tops["creation"]  # above: left alone
    below = [key for key in ("capability", "capture", "unplaced") if key in tops]
    for key in below:
        assert scene.grid.tops[key] == tops[key] + grown
        assert scene.titles[key].y() == scene.grid.tops[key]
    for id_, before in where.items():
        band = scene.where[id_][0] if id_ in scene.where else "unplaced"
        assert scene.bars[id_].scenePos().y() == before.y() + (grown if band in below else 0)
    for id_, bar in scene.bars.items():  # every bar, old and new, inside the band of its role
        band = scene.where[id_][0] if id_ in scene.where else "unplaced"
        top = scene.grid.tops[band]
        assert top <= bar.sceneBoundingRect().center().y() < top + scene.grid.heights[band]
    assert_mirrors(chain)
