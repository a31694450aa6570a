"""The value-chain view: mirroring, span drags and keys as one command each, stage edits, live
charts and findings, inspector readiness lines, registers, exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from db import operations as ops
from templates_reports.figures.value_chain import save_drawing, value_chain_drawing
from ui.canvas.export import export_scene
from ui.commands import StoreCommand
from ui.views.value_chain.layout import COL_W
from ui.views.value_chain.view import ValueChainView
from workbench.value_chain.analysis import analyse_value_chain

GIGAFACTORY = "item-gigafactory-loan"  # stage-3..stage-4 (Production to Scale-up), capture
GRID = "item-grid-fast-track"  # stage-4 only


@pytest.fixture
def chain(window, qtbot) -> ValueChainView:
    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    assert isinstance(view, ValueChainView)
    qtbot.waitUntil(lambda: view.charts is not None)
    return view


def model_spans(view: ValueChainView) -> dict[str, tuple[int, int]]:
    return analyse_value_chain(view.doc.store.load()).spans


def stages_of(view: ValueChainView, id_: str) -> tuple[str | None, str | None]:
    inst = view.doc.get("instrument", id_)
    return inst.stage_from_id, inst.stage_to_id


def assert_mirrors(view: ValueChainView) -> None:
    """Bars, headers and links are exactly the model's, and every bar spans what coverage says."""
    doc = view.doc.store.load()
    analysis = analyse_value_chain(doc)
    assert set(view.scene.bars) == set(doc.entities["instrument"])
    assert set(view.scene.links) == set(doc.entities["capability"])
    assert view.scene.order == [s.stage.id for s in analysis.stages]
    for id_, bar in view.scene.bars.items():
        assert bar.span == analysis.spans.get(id_)
        if bar.span is not None:
            x, _y, width = view.scene.grid.bar("creation", 0, *bar.span)
            assert (bar.x(), bar.width) == (x, width)
    for id_, header in view.scene.headers.items():
        assert header.stage.name == doc.entities["stage"][id_].name


def drag(view: ValueChainView, start: QPointF, end: QPointF) -> None:
    viewport = view.canvas.viewport()
    a, b = view.canvas.mapFromScene(start), view.canvas.mapFromScene(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for step in range(1, 6):
        QTest.mouseMove(viewport, a + (b - a) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def budgets(view: ValueChainView) -> list[float]:
    """Each stage's bar length: the three value-role segments together."""
    parts = [bars.opts["width"] for bars in view.charts.budget_bars.values()]
    return [round(float(sum(ws)), 6) for ws in zip(*parts, strict=True)]


# ----- what the view shows -------------------------------------------------------------------------


def test_the_sample_is_mirrored_with_the_valley_of_death_named(chain):
    assert_mirrors(chain)
    assert chain.scene.bars[GIGAFACTORY].span == (3, 4)
    production = chain.scene.cells[3]
    assert production.lines[0] == ("⚠ Only one", True)
    assert chain.scene.callout.isVisible() and "Valley of death" in chain.scene.callout.text
    texts = chain.findings.texts()
    assert "valley of death" in texts[0] and "Production has only 'Gigafactory first-of-a-kind loan'" in texts[0]
    assert any("At Research, 4 instruments create value but none captures it." in t for t in texts)
    assert budgets(chain) == [round(s.budget, 6) for s in chain.scene.analysis.stages]


def test_bars_sit_in_the_lane_of_their_value_role(chain):
    grid = chain.scene.grid
    for id_, bar in chain.scene.bars.items():
        role = chain.doc.get("instrument", id_).value_role
        assert grid.tops[role] <= bar.scenePos().y() < grid.tops[role] + grid.heights[role]


# ----- span gestures: one command each ------------------------------------------------------------


def test_dragging_a_bar_moves_its_span_in_one_command(chain):
    stack = chain.doc.undo_stack
    count = stack.count()
    centre = chain.scene.bars[GRID].sceneBoundingRect().center()
    drag(chain, centre, centre + QPointF(COL_W, 0))
    assert stack.count() == count + 1
    assert stack.undoText() == "Move 'Grid connection fast-track for battery plants' to Market"
    assert stages_of(chain, GRID) == ("stage-5", "stage-5")
    assert_mirrors(chain)
    stack.undo()
    assert stages_of(chain, GRID) == ("stage-4", "stage-4")
    assert_mirrors(chain)


def test_dragging_an_end_resizes_the_span_in_one_command(chain):
    stack = chain.doc.undo_stack
    count = stack.count()
    rect = chain.scene.bars[GIGAFACTORY].sceneBoundingRect()
    right_end = QPointF(rect.right() - 4, rect.center().y())
    drag(chain, right_end, right_end + QPointF(COL_W * 2, 0))
    assert stack.count() == count + 1
    assert stack.undoText() == "Resize 'Gigafactory first-of-a-kind loan' to Production – Further innovation"
    assert stages_of(chain, GIGAFACTORY) == ("stage-3", "stage-6")
    rect = chain.scene.bars[GIGAFACTORY].sceneBoundingRect()  # its row may have changed
    left_end = QPointF(rect.left() + 4, rect.center().y())
    drag(chain, left_end, left_end - QPointF(COL_W, 0))
    assert stack.count() == count + 2
    assert stages_of(chain, GIGAFACTORY) == ("stage-2", "stage-6")
    stack.undo()
    stack.undo()
    assert stages_of(chain, GIGAFACTORY) == ("stage-3", "stage-4")
    assert_mirrors(chain)


def test_a_click_without_moving_changes_nothing(chain):
    count = chain.doc.undo_stack.count()
    centre = chain.scene.bars[GRID].sceneBoundingRect().center()
    drag(chain, centre, centre + QPointF(COL_W * 0.3, 0))  # less than half a stage: snaps back
    assert chain.doc.undo_stack.count() == count
    assert chain.doc.selection == [("item", GRID)]
    assert_mirrors(chain)


def test_arrow_keys_shift_and_shift_arrows_resize_one_command_each(chain):
    chain.scene.bars[GRID].setSelected(True)
    chain.canvas.setFocus()
    stack = chain.doc.undo_stack
    count = stack.count()
    QTest.keyClick(chain.canvas, Qt.Key.Key_Left)
    assert stages_of(chain, GRID) == ("stage-3", "stage-3")
    QTest.keyClick(chain.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert stages_of(chain, GRID) == ("stage-3", "stage-4")
    assert stack.count() == count + 2
    assert chain.scene.bars[GRID].isSelected()  # the selection survives the relayout
    for _ in range(10):  # clamped at the last stage: no empty commands
        QTest.keyClick(chain.canvas, Qt.Key.Key_Right)
    assert stages_of(chain, GRID) == ("stage-5", "stage-6")
    assert stack.count() == count + 4
    assert_mirrors(chain)


def test_an_unplaced_instrument_is_placed_by_dragging_it_onto_a_column(chain):
    unplace = [("instrument", GRID, {"stage_from_id": None, "stage_to_id": None})]
    chain.doc.run(StoreCommand(ops.update(unplace), "Unplace"))
    assert chain.scene.bars[GRID].span is None
    assert "unplaced" in chain.scene.grid.tops
    assert any("not placed on the value chain" in t for t in chain.findings.texts())
    chip = chain.scene.bars[GRID].sceneBoundingRect().center()
    target = QPointF(chain.scene.grid.column_x(1) + COL_W / 2, chain.scene.grid.tops["creation"] + 20)
    drag(chain, chip, target)
    assert stages_of(chain, GRID) == ("stage-1", "stage-1")
    assert chain.doc.undo_stack.undoText().startswith("Place 'Grid connection")
    assert "unplaced" not in chain.scene.grid.tops
    assert_mirrors(chain)


# ----- stages --------------------------------------------------------------------------------------


def select_stage(view: ValueChainView, stage_id: str) -> None:
    view.scene.clearSelection()
    view.scene.headers[stage_id].setSelected(True)


def test_reordering_a_stage_is_one_command_and_spans_stay_between_their_ends(chain):
    select_stage(chain, "stage-3")
    assert chain.doc.selection == [("stage", "stage-3")]
    stack = chain.doc.undo_stack
    count = stack.count()
    chain.move_stage(-1)  # Production before Prototype / demonstration
    assert stack.count() == count + 1
    assert stack.undoText() == "Move stage 'Production' earlier"
    assert chain.scene.order[2:4] == ["stage-3", "stage-2"]
    assert stages_of(chain, GIGAFACTORY) == ("stage-3", "stage-4")  # the references never change
    assert chain.scene.bars[GIGAFACTORY].span == (2, 4)  # ...and still bound the span
    assert chain.scene.bars["item-scaleup-centre-programme"].span == (3, 3)
    assert_mirrors(chain)
    stack.undo()
    assert chain.scene.order[2:4] == ["stage-2", "stage-3"]
    assert_mirrors(chain)


def test_reorder_keys_follow_the_toolbar_actions(chain, qtbot):
    select_stage(chain, "stage-0")
    chain.canvas.setFocus()
    QTest.keyClick(
        chain.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert chain.scene.order[:2] == ["stage-1", "stage-0"]


def test_renaming_a_stage_inline_is_one_command(chain):
    select_stage(chain, "stage-3")
    chain.canvas.setFocus()
    QTest.keyClick(chain.canvas, Qt.Key.Key_F2)
    editor = chain.canvas.editor
    assert editor is not None and editor.text() == "Production"
    editor.setText("Manufacturing")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert chain.doc.get("stage", "stage-3").name == "Manufacturing"
    assert chain.doc.undo_stack.undoText() == "Rename stage 'Production' to 'Manufacturing'"
    assert chain.scene.headers["stage-3"].stage.name == "Manufacturing"
    assert "Manufacturing has only" in chain.findings.texts()[0]  # the default id keeps the stage's role
    chain.doc.undo_stack.undo()
    assert chain.scene.headers["stage-3"].stage.name == "Production"


def test_escape_cancels_an_inline_rename(chain):
    chain.rename_stage("stage-0")
    editor = chain.canvas.editor
    editor.setText("Basic science")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert chain.canvas.editor is None
    assert chain.doc.get("stage", "stage-0").name == "Research"


def test_adding_a_stage_in_the_middle_is_one_undo_step(chain):
    select_stage(chain, "stage-2")
    stack = chain.doc.undo_stack
    count = stack.count()
    new_id = chain.add_stage()
    chain.canvas.close_editor()
    assert stack.count() == count + 1
    assert chain.scene.order.index(new_id) == 3
    assert chain.scene.order[4] == "stage-3"
    assert chain.scene.bars[GIGAFACTORY].span == (4, 5)
    assert any("No instrument acts at New stage." in t for t in chain.findings.texts())
    stack.undo()
    assert new_id not in chain.scene.order and len(chain.scene.order) == 7
    assert_mirrors(chain)


def test_removing_a_stage_keeps_the_rest_of_each_span(chain):
    select_stage(chain, "stage-4")
    chain.delete()
    assert chain.doc.undo_stack.undoText() == "Remove stage 'Scale-up'"
    assert stages_of(chain, GIGAFACTORY) == ("stage-3", "stage-3")  # lost its last stage, kept Production
    assert stages_of(chain, "item-process-tax-credit") == ("stage-5", "stage-6")  # lost its first stage
    assert stages_of(chain, GRID) == (None, None)  # it acted only there
    assert chain.scene.bars[GRID].span is None
    assert_mirrors(chain)
    chain.doc.undo_stack.undo()
    assert stages_of(chain, GIGAFACTORY) == ("stage-3", "stage-4")
    assert stages_of(chain, GRID) == ("stage-4", "stage-4")
    assert_mirrors(chain)


# ----- live charts and inspector ---------------------------------------------------------------------


def test_charts_update_after_an_edit_and_after_undo(chain):
    before_budget, before_trl = budgets(chain), list(chain.charts.trl_bars.opts["height"])
    redraws = chain.charts.redraws
    chain.set_span(GIGAFACTORY, 3, 3)  # the whole €420m loan now at Production, counted at its 15% expected loss
    assert budgets(chain)[3] == pytest.approx(before_budget[3] + 210e6 * 0.15)
    assert budgets(chain)[4] == pytest.approx(before_budget[4] - 210e6 * 0.15)
    assert chain.charts.redraws == redraws + 1
    edit = [("instrument", GRID, {"trl_min": 1, "trl_max": 1})]
    chain.doc.run(StoreCommand(ops.update(edit), "Set TRL"))
    assert list(chain.charts.trl_bars.opts["height"]) == [before_trl[0] + 1, *before_trl[1:]]
    chain.doc.undo_stack.undo()
    chain.doc.undo_stack.undo()
    assert budgets(chain) == before_budget
    assert list(chain.charts.trl_bars.opts["height"]) == before_trl


def test_inspector_shows_the_definitions_of_the_chosen_levels(chain, window):
    chain.scene.bars[GIGAFACTORY].setSelected(True)
    facts = window.inspector.facts.text()
    assert "TRL 7: System prototype demonstrated in an operational environment." in facts
    assert "TRL 9: Actual system proven in an operational environment." in facts
    assert "MRL 6:" in facts and "MRL 5:" not in facts
    assert "Deskbook" in facts and "NASA" in facts
    edit = [("instrument", GIGAFACTORY, {"trl_min": 8})]
    chain.doc.run(StoreCommand(ops.update(edit), "Set TRL from"))
    assert "TRL 7:" not in window.inspector.facts.text()


def test_inspector_shows_a_capabilitys_gap(chain, window):
    chain.scene.links["cap-volume-manufacturing"].setSelected(True)
    assert "3 levels short (current 1, required 4; potential 3)" in window.inspector.facts.text()
    assert chain.scene.bars[GIGAFACTORY].related and not chain.scene.bars[GRID].related


def test_inspector_shows_each_capability_level_beside_its_anchor(chain, window):
    chain.scene.links["cap-volume-manufacturing"].setSelected(True)
    facts = window.inspector.facts.text()
    assert "Current 1: <b>Emerging</b>. A few people" in facts
    assert "Required 4: <b>Competitive</b>." in facts and "Potential 3: <b>Established</b>." in facts
    assert "The potential level (3) is below the required one (4)." in facts


def test_clicking_a_finding_selects_what_it_is_about(chain):
    first = chain.findings.list.item(0)
    chain.findings.list.itemClicked.emit(first)
    selected = {b.instrument_id for b in chain.selected_bars()}
    assert GIGAFACTORY in selected and "item-scaleup-centre-programme" in selected


# ----- registers --------------------------------------------------------------------------------------


def test_capability_register_shows_the_gap_and_adds_in_one_command(chain):
    register = chain.capabilities
    columns = register.model.columns
    row = register.model.row_of("cap-volume-manufacturing")
    gap = register.model.index(row, columns.index("gap"))
    assert register.model.data(gap) == "3"
    assert register.model.data(register.model.index(row, columns.index("confidence"))) == "Medium"
    assert register.model.headerData(columns.index("gap"), Qt.Orientation.Horizontal) == "Gap (required − current)"
    count = chain.doc.undo_stack.count()
    chain.tabs.setCurrentWidget(register)
    register.add()
    assert chain.doc.undo_stack.count() == count + 1
    assert len(chain.scene.links) == 7  # the canvas follows the register


def test_scale_up_register_lists_the_three_dimensions(chain):
    model = chain.scale_ups.model
    assert model.columns[:4] == ["subject", "production", "supply_chain", "finance"]
    assert model.rowCount() == 2


# ----- exports ---------------------------------------------------------------------------------------


def test_exports_are_not_empty(chain, tmp_path):
    png = export_scene(chain.scene, tmp_path / "chain.png")
    image = QImage(str(png))
    assert image.width() > 1000 and not image.isNull()
    charts = chain.charts.export_png(tmp_path / "charts.png")
    assert (
        QImage(str(charts)).width() == 2 * chain.charts.sheet.width()
    )  # at twice the pixels of the charts themselves (a scroll bar beside them is not drawn)
    drawing = value_chain_drawing(chain.scene.analysis, "EUR")
    pdf = save_drawing(drawing, tmp_path / "figure.pdf")
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "Valley of death" in text and "Production" in text and "only one" in text
    svg = save_drawing(drawing, tmp_path / "figure.svg")
    assert ET.parse(svg).getroot().tag.endswith("svg")


def test_export_actions_ask_for_a_path(chain, tmp_path, monkeypatch):
    from ui import dialogs

    paths = iter([tmp_path / "a.svg", tmp_path / "b.png", tmp_path / "c.pdf"])
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *args: next(paths))
    chain.export()
    chain.export_charts()
    chain.export_figure()
    assert all((tmp_path / name).stat().st_size > 1000 for name in ("a.svg", "b.png", "c.pdf"))


def test_read_only_view_offers_no_edits(window, tmp_path, answers, qtbot):
    from db.session import DocumentSession
    from ui.document import OpenDocument
    from workbench.sample import sample_entities

    session = DocumentSession.new(sample_entities())
    path = session.save_as(tmp_path / "ro.iipw")
    session.close()
    window.set_document(OpenDocument(DocumentSession.open(path, read_only=True), window))
    window.show_section("value-chain")
    view = window.current_view()
    assert not any(a.isEnabled() for a in view.stage_actions)
    view.scene.bars[GRID].setSelected(True)
    view.step(1, False)
    assert view.doc.get("instrument", GRID).stage_from_id == "stage-4"
    assert view.scene.bars[GRID].span == (4, 4)


def test_drag_pixels_follow_the_zoom(chain):
    chain.zoom_in()
    centre = chain.scene.bars[GRID].sceneBoundingRect().center()
    drag(chain, centre, centre - QPointF(COL_W, 0))
    assert stages_of(chain, GRID) == ("stage-3", "stage-3")


def test_stage_headers_stay_in_view_while_the_lanes_scroll(chain, tmp_path, monkeypatch):
    from ui import dialogs

    chain.zoom_in()
    chain.zoom_in()
    bar = chain.canvas.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    pinned = chain.scene.header.y()
    assert pinned > 0 and pinned == pytest.approx(chain.canvas.top(), abs=1)
    seen = []
    monkeypatch.setattr("ui.canvas.section.export_scene", lambda scene, *a, **k: seen.append(scene.header.y()))
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *args: tmp_path / "x.png")
    chain.export()
    assert seen == [0]  # the picture has the headers above the lanes...
    assert chain.scene.header.y() == pinned  # ...and the view keeps them where the user scrolled


def test_an_empty_document_says_where_instruments_come_from(window):
    window.new_document()
    window.show_section("value-chain")
    view = window.current_view()
    assert view.empty_hint.isVisibleTo(view)
    assert "Spheres canvas" in view.empty_hint.text()
    assert view.scene.analysis.valley.status == "gap"


def test_moving_one_bar_rolls_up_the_money_of_that_bar_alone(chain, monkeypatch):
    """An edit costs what it changed: the bar's words need its own spend lines, not every instrument's."""
    from ui.views.value_chain import scene as scene_module

    asked: list[set[str]] = []
    roll_up = scene_module.instrument_budgets
    monkeypatch.setattr(
        scene_module, "instrument_budgets", lambda lines, types: asked.append(set(types)) or roll_up(lines, types)
    )
    shown = chain.scene.bars[GRID].budget_text
    chain.set_span(GRID, 5, 5)
    assert asked == [{GRID}]
    assert chain.scene.bars[GRID].budget_text == shown
    assert_mirrors(chain)
