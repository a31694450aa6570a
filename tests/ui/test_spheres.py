"""The spheres canvas: placement, drags, sphere edits, gap panel, clipboard, filter, exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from db import operations as ops
from tests.quick import share
from ui.canvas.export import export_scene
from ui.commands import StoreCommand
from ui.views.spheres.view import SpheresView
from workbench.arrange import align
from workbench.errors import WorkbenchError
from workbench.spheres.entities import Region, region_of
from workbench.spheres.items import Item


@pytest.fixture
def spheres(window) -> SpheresView:
    window.new_document()
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    return view


def _model_items(view):
    return {i.id: i for i in view.doc.all("item")}


def assert_mirrors(view: SpheresView) -> None:
    """The scene shows exactly the model: same ids, positions, names, regions."""
    model = _model_items(view)
    spheres = view.doc.all("sphere")
    assert set(view.scene.policy_items) == set(model)
    for id_, item in model.items():
        shown = view.scene.policy_items[id_]
        assert (shown.x(), shown.y()) == (item.x, item.y)
        assert shown.entity.name == item.name
        assert shown.region is region_of(item.x, item.y, spheres)
    for sphere in spheres:
        shown = view.scene.sphere_items[sphere.id]
        assert (shown.x(), shown.y(), shown.radius) == (sphere.cx, sphere.cy, sphere.r)


def test_empty_canvas_says_what_to_do(spheres):
    assert spheres.empty_hint.isVisibleTo(spheres)
    assert "Insert" in spheres.empty_hint.text()


def test_keyboard_only_placement(spheres, qtbot):
    spheres.canvas.setFocus()
    QTest.keyClick(spheres.canvas, Qt.Key.Key_Insert)
    assert len(spheres.scene.policy_items) == 1
    (id_,) = spheres.scene.policy_items
    assert spheres.doc.selection == [("item", id_)]
    assert spheres.doc.get("instrument", id_) is not None  # an instrument has an instrument profile
    before = spheres.doc.get("item", id_)
    QTest.keyClick(spheres.canvas, Qt.Key.Key_Right)
    QTest.keyClick(spheres.canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = spheres.doc.get("item", id_)
    assert (after.x, after.y) == (before.x + 10, before.y + 1)
    assert spheres.doc.undo_stack.count() == 3
    assert not spheres.empty_hint.isVisibleTo(spheres)
    assert_mirrors(spheres)


def test_palette_click_adds_each_kind(spheres):
    for button in spheres.palette_buttons:
        button.click()
    kinds = sorted(i.kind for i in spheres.doc.all("item"))
    assert kinds == ["institution", "instrument", "other", "programme"]
    assert len(spheres.doc.all("instrument")) == 2


def test_drop_from_palette_places_item_at_point(spheres):
    spheres.add_item("programme", QPointF(-250.0, -80.0))
    (item,) = spheres.doc.all("item")
    assert (item.x, item.y) == (-250.0, -80.0)
    assert spheres.scene.policy_items[item.id].region is Region.A


def test_mouse_drag_moves_item_and_pushes_one_command(spheres, qtbot):
    id_ = spheres.add_item("instrument", QPointF(0.0, 0.0))
    stack = spheres.doc.undo_stack
    count = stack.count()
    canvas = spheres.canvas
    start = canvas.mapFromScene(QPointF(0.0, 0.0))
    end = canvas.mapFromScene(QPointF(-250.0, -80.0))
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(canvas.viewport(), start + (end - start) * step / 5)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert stack.count() == count + 1
    assert stack.undoText().startswith("Move 'New instrument'")
    moved = spheres.doc.get("item", id_)
    assert abs(moved.x + 250) < 3 and abs(moved.y + 80) < 3
    assert spheres.scene.policy_items[id_].region is Region.A
    stack.undo()
    assert (spheres.doc.get("item", id_).x, spheres.doc.get("item", id_).y) == (0.0, 0.0)
    assert_mirrors(spheres)


def test_sphere_resize_recomputes_regions(spheres):
    id_ = spheres.add_item("instrument", QPointF(-250.0, -80.0))
    assert spheres.scene.policy_items[id_].region is Region.A
    sphere_a = next(s for s in spheres.doc.all("sphere") if s.key == "A")
    spheres._sphere_edited(sphere_a.id, {"r": 100.0})
    assert spheres.scene.policy_items[id_].region is Region.OUTSIDE
    assert spheres.doc.undo_stack.undoText() == "Resize sphere 'Science & research policy'"
    spheres.doc.undo_stack.undo()
    assert spheres.scene.policy_items[id_].region is Region.A
    assert_mirrors(spheres)


def test_sphere_handle_drag_resizes_in_one_command(spheres):
    sphere_a = next(s for s in spheres.doc.all("sphere") if s.key == "A")
    item = spheres.scene.sphere_items[sphere_a.id]
    canvas = spheres.canvas
    start = canvas.mapFromScene(item.mapToScene(item.handle_rect().center()))
    end = start + QPoint(40, 0)
    count = spheres.doc.undo_stack.count()
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas.viewport(), start + QPoint(20, 0))
    QTest.mouseMove(canvas.viewport(), end)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert spheres.doc.undo_stack.count() == count + 1
    assert spheres.doc.get("sphere", sphere_a.id).r > sphere_a.r + 10


def test_gap_panel_counts_and_click_selects_region(window):
    window.new_from_sample()
    window.show_section("spheres")
    view = window.current_view()
    analysis = view.scene.analysis
    table = view.gaps.table
    row = list(Region).index(Region.B)
    assert table.item(row, 1).text() == str(analysis.regions[Region.B].count)
    ac = list(Region).index(Region.AC)
    assert table.item(ac, 0).text().startswith("⚠")
    texts = [view.gaps.findings.item(i).text() for i in range(view.gaps.findings.count())]
    assert any("science & research policy and industrial policy overlap" in t for t in texts)
    table.cellClicked.emit(row, 0)
    selected = {i.item_id for i in view.scene.selected_policy_items()}
    assert selected == set(analysis.regions[Region.B].ids)
    assert {ref[1] for ref in window.doc.selection} == selected


def test_region_counts_sit_clear_of_the_item_cards_in_the_sample(window):
    window.new_from_sample()
    window.show_section("spheres")
    scene = window.current_view().scene
    cards = [item.sceneBoundingRect() for item in scene.policy_items.values()]
    for region, label in scene.region_labels.items():
        box = label.sceneBoundingRect()
        assert not any(box.intersects(card) for card in cards), region
        assert region_of(label.x(), label.y(), list(scene.spheres.values())) is region


def test_gap_panel_follows_edits_and_undo(spheres):
    row = list(Region).index(Region.AC)
    assert spheres.gaps.table.item(row, 1).text() == "0"
    assert spheres.gaps.table.item(row, 0).text().startswith("⚠")
    spheres.add_item("instrument", QPointF(-60.0, 60.0))  # inside A and C only
    assert spheres.gaps.table.item(row, 1).text() == "1"
    spheres.doc.undo_stack.undo()
    assert spheres.gaps.table.item(row, 1).text() == "0"


def test_crowded_view_switches_to_compact_markers(spheres):
    items = [Item.create(name=f"i{n}", x=n % 40 * 5.0, y=n // 40 * 5.0) for n in range(320)]
    assert spheres.doc.run(StoreCommand(ops.create(items), "Add", origin="spheres"))
    spheres.zoom_fit()
    assert spheres.scene.compact and all(i.compact for i in spheres.scene.policy_items.values())
    for _ in range(12):
        spheres.zoom_in()
    assert not spheres.scene.compact


def test_copy_paste_duplicate_delete_align_are_single_commands(spheres):
    a = spheres.add_item("instrument", QPointF(-50.0, 0.0))
    b = spheres.add_item("programme", QPointF(60.0, 40.0))
    spheres.select_ids([a, b])
    stack = spheres.doc.undo_stack
    n = stack.count()
    spheres.copy()
    spheres.paste()
    assert stack.count() == n + 1 and len(spheres.doc.all("item")) == 4
    assert len(spheres.doc.all("instrument")) == 4
    spheres.select_ids([a, b])
    spheres.arrange(align, "left")
    assert spheres.doc.get("item", b).x == -50.0 and stack.count() == n + 2
    spheres.select_ids([a])
    spheres.duplicate()
    assert len(spheres.doc.all("item")) == 5 and stack.count() == n + 3
    spheres.select_all()
    spheres.delete()
    assert spheres.doc.all("item") == [] and spheres.doc.all("instrument") == []
    stack.undo()
    assert len(spheres.doc.all("item")) == 5 and len(spheres.doc.all("instrument")) == 5
    assert_mirrors(spheres)


def test_name_edited_in_inspector_changes_canvas(window, spheres):
    id_ = spheres.add_item("instrument", QPointF(0.0, 0.0))
    editor = window.inspector.forms["item"].editors["name"]
    editor.setText("Gigafactory loan")
    editor.editingFinished.emit()
    assert spheres.scene.policy_items[id_].entity.name == "Gigafactory loan"
    assert "Region" in window.inspector.facts.text()


def test_filter_dims_non_matching_and_enter_selects(window):
    window.new_from_sample()
    window.show_section("spheres")
    view = window.current_view()
    view.search.setText("loan")
    matches = view.matches()
    assert matches and all(
        "loan" in view.scene.items_by_id[i].name.lower() or "loan" in view.scene.items_by_id[i].description.lower()
        for i in matches
    )
    dimmed = [i for i, item in view.scene.policy_items.items() if item.dimmed]
    assert set(dimmed) == set(view.scene.policy_items) - set(matches)
    assert view.shown_label.text().startswith(f"Showing {len(matches)} of")
    view._select_matches()
    assert {i.item_id for i in view.scene.selected_policy_items()} == set(matches)
    view.search.clear()
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("institution"))
    assert all(view.scene.items_by_id[i].kind == "institution" for i in view.matches())


def test_zoom_and_fit(spheres):
    before = spheres.canvas.transform().m11()
    spheres.zoom_in()
    assert spheres.canvas.transform().m11() == pytest.approx(before * 1.25)
    spheres.zoom_out()
    spheres.zoom_fit()
    assert spheres.canvas.auto_fit


def test_exports_png_svg_pdf(window, tmp_path):
    window.new_from_sample()
    window.show_section("spheres")
    view = window.current_view()
    png = export_scene(view.scene, tmp_path / "c.png")
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    rect = view.scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
    assert (image.width(), image.height()) == (round(rect.width() * 2), round(rect.height() * 2))
    svg = export_scene(view.scene, tmp_path / "c.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    pdf = export_scene(view.scene, tmp_path / "c.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    with pytest.raises(WorkbenchError, match=r"use \.png, \.svg or \.pdf"):
        export_scene(view.scene, tmp_path / "c.bmp")


def test_export_action_uses_dialog(window, answers, tmp_path, monkeypatch):
    from ui import dialogs

    window.new_document()
    window.show_section("spheres")
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "x.svg")
    window.actions_by_name["actionExport"].trigger()
    assert (tmp_path / "x.svg").exists()


COORD = st.floats(-400, 400).map(lambda v: round(v, 1))
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(["instrument", "programme", "institution", "other"]), COORD, COORD),
        st.tuples(st.just("move"), st.integers(0, 50), COORD, COORD),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("sphere"), st.integers(0, 2), st.floats(60, 320)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
    ),
    max_size=14,
)


@settings(max_examples=share(20, floor=5), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_scene_mirrors_model_after_random_edits_undo_redo(window, ops):
    if window.doc is None or window.current_view() is None or not isinstance(window.current_view(), SpheresView):
        window.new_document()
        window.show_section("spheres")
    view = window.current_view()
    stack = view.doc.undo_stack
    for op in ops:
        ids = sorted(view.scene.policy_items)
        if op[0] == "add":
            view.add_item(op[1], QPointF(op[2], op[3]))
        elif op[0] == "move" and ids:
            id_ = ids[op[1] % len(ids)]
            view.scene.policy_items[id_].setPos(op[2], op[3])
            view._items_moved([(id_, (0, 0), (op[2], op[3]))])
        elif op[0] == "delete" and ids:
            view.select_ids([ids[op[1] % len(ids)]])
            view.delete()
        elif op[0] == "sphere":
            sphere = sorted(view.doc.all("sphere"), key=lambda s: s.key)[op[1]]
            view._sphere_edited(sphere.id, {"r": round(op[2], 1)})
        elif op[0] == "undo" and stack.canUndo():
            stack.undo()
        elif op[0] == "redo" and stack.canRedo():
            stack.redo()
        assert_mirrors(view)


def test_palette_drop_event_creates_item_at_drop_point(spheres):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDropEvent

    from ui.canvas.view import PALETTE_MIME

    mime = QMimeData()
    mime.setData(PALETTE_MIME, b"institution")
    point = spheres.canvas.mapFromScene(QPointF(250.0, -80.0))
    event = QDropEvent(
        QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    spheres.canvas.dropEvent(event)
    (item,) = spheres.doc.all("item")
    assert item.kind == "institution" and abs(item.x - 250) < 2 and abs(item.y + 80) < 2
    assert spheres.scene.policy_items[item.id].region is Region.B


def test_print_goes_to_the_chosen_printer(spheres, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui import dialogs

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(dialogs, "ask_printer", lambda parent: printer)
    spheres.print_canvas()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
