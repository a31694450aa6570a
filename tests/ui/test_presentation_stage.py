"""The stage read from the back of a room: notes never below 28 px at 1080 lines (in proportion on others), the
board's left edge never cut off, pan and zoom by keyboard, selection, votes and decisions from the
stage itself, and Esc leaving from the laptop's window too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_workshop_view import add_group, type_note
from ui.presentation import content_rect
from ui.views.workshop.notes import TEXT_PT
from ui.views.workshop.view import WorkshopView

NOTE_PX = 28  # notes on a 1080-line stage, read from the back of a room
IDEAS = ("Skills pipeline", "Grid connection delays", "Shared pilot lines", "Export credit", "Recycling rules")


@pytest.fixture
def stage(window):
    window.new_from_sample()
    window.show_section("workshop")
    view = window.current_view()
    assert isinstance(view, WorkshopView)
    add_group(view, "Table one", votes=3)
    for text in IDEAS:
        type_note(view, text)
    view.scene.clearSelection()
    window.actions_by_name["actionPresentation"].trigger()
    stage = window.presentation.stage
    stage.showNormal()
    yield stage
    if window.presentation.stage is not None:
        window.presentation.leave()


def _show(stage, width: int, height: int) -> None:
    stage.resize(width, height)
    QApplication.processEvents()
    stage.fit()


def _note_text_px(stage) -> float:
    return TEXT_PT * stage.logicalDpiY() / 72 * stage.view.transform().m11()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_note_text_is_never_below_the_minimum_and_the_left_edge_shows(stage, width, height):
    _show(stage, width, height)
    assert _note_text_px(stage) >= NOTE_PX * height / 1080 - 0.01
    board = content_rect(stage.view.scene())
    left_top = stage.view.mapFromScene(board.topLeft())
    assert left_top.x() >= 0 and left_top.y() >= 0  # the board starts on screen, not cut off at the left


def test_the_arrows_pan_plus_and_minus_zoom_and_0_shows_the_whole_board(stage):
    _show(stage, 1280, 720)
    port = stage.view.viewport().rect()
    centre = stage.view.mapToScene(port.center())
    QTest.keyClick(stage, Qt.Key.Key_Right)
    assert stage.view.mapToScene(port.center()).x() > centre.x()
    QTest.keyClick(stage, Qt.Key.Key_Down)
    assert stage.view.mapToScene(port.center()).y() > centre.y()
    scale = stage.view.transform().m11()
    QTest.keyClick(stage, Qt.Key.Key_Plus)
    assert stage.view.transform().m11() == pytest.approx(scale * 1.25)
    QTest.keyClick(stage, Qt.Key.Key_0)
    board = stage.view.mapFromScene(content_rect(stage.view.scene())).boundingRect()
    assert port.adjusted(-1, -1, 1, 1).contains(board)


def test_tab_selects_and_v_and_d_vote_and_decide_on_the_stage(window, stage):
    view = window.views["workshop"]
    stage.activateWindow()
    stage.setFocus()
    QTest.keyClick(stage, Qt.Key.Key_Tab)
    chosen = list(view.scene.selectedItems())
    assert len(chosen) == 1
    QTest.keyClick(stage, Qt.Key.Key_Tab)
    assert view.scene.selectedItems() != chosen and len(view.scene.selectedItems()) == 1
    while not view.scene.selected_notes():
        QTest.keyClick(stage, Qt.Key.Key_Tab)
    note = view.scene.selected_notes()[0].note
    QTest.keyClick(stage, Qt.Key.Key_V)
    assert sum(v.count for v in window.doc.all("vote") if v.note_id == note.id) == 1
    QTest.keyClick(stage, Qt.Key.Key_D)
    assert window.doc.get("note", note.id).decision


def test_a_click_on_the_stage_selects_a_note(window, stage):
    view = window.views["workshop"]
    _show(stage, 1920, 1080)
    QTest.keyClick(stage, Qt.Key.Key_0)
    item = next(iter(view.scene.note_items.values()))
    point = stage.view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(stage.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert item.isSelected()


def test_esc_on_the_laptops_window_leaves_too(window, stage, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigator.setFocus()
    QTest.keyClick(window.navigator, Qt.Key.Key_Escape)
    assert window.presentation.stage is None
    assert window.statusBar().currentMessage() == ""  # "Presenting..." would no longer be true


def test_outside_a_canvas_presentation_names_every_section_that_has_one(window):
    from ui.presentation import _scene_of
    from ui.views.sections import BY_KEY

    window.new_document()
    assert not window.presentation.enter()  # the overview has no canvas
    message = window.statusBar().currentMessage()
    for key in ("spheres", "value-chain", "ecosystem", "theory-of-change", "workshop"):
        window.show_section(key)
        assert _scene_of(window.current_view()) is not None, key
        assert BY_KEY[key].title.split(" (")[0] in message, key


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_value_chain_shows_its_lane_titles_on_the_stage(window, width, height):
    from ui.views.value_chain.items import BandTitle
    from ui.views.value_chain.layout import LEFT, MIN_BAND_H

    window.new_from_sample()
    window.show_section("value-chain")
    window.actions_by_name["actionPresentation"].trigger()
    stage = window.presentation.stage
    try:
        stage.showNormal()
        _show(stage, width, height)
        titles = [i for i in stage.view.scene().items() if isinstance(i, BandTitle) and i.isVisible()]
        assert len(titles) >= 3
        port = stage.view.viewport().rect()
        for title in titles:  # the name of each lane, at the left of its band, is on the stage (lower ones a pan down)
            name = stage.view.mapFromScene(title.mapRectToScene(QRectF(0, 0, LEFT, MIN_BAND_H))).boundingRect()
            assert name.left() >= 0 and name.right() <= port.right(), (title.title, name)
        first = min(titles, key=lambda t: t.y())
        assert port.contains(
            stage.view.mapFromScene(first.mapRectToScene(QRectF(0, 0, LEFT, MIN_BAND_H))).boundingRect()
        )
    finally:
        window.presentation.leave()
