"""The stage read from the back of a room: notes never below 28 px at 1080 lines (in proportion on others), the
board's left edge never cut off, pan and zoom by keyboard, selection, votes and decisions from the
stage itself, and Esc leaving from the laptop's window too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QContextMenuEvent
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


def _right_click(stage, item) -> None:
    """A right-click on `item` as the window system reports it: a context-menu request from the mouse."""
    port = stage.view.viewport()
    point = stage.view.mapFromScene(item.sceneBoundingRect().center())
    QApplication.sendEvent(port, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, port.mapToGlobal(point)))


def _choose(stage, words: str) -> None:
    menu = stage.menu.menu
    assert menu is not None and menu.isVisible()
    action = next(a for a in menu.actions() if words in a.text())
    QTest.mouseClick(
        menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, menu.actionGeometry(action).center()
    )
    assert not menu.isVisible()


def test_a_right_click_on_a_note_on_the_stage_votes_takes_back_and_decides_by_mouse(window, stage):
    view = window.views["workshop"]
    _show(stage, 1920, 1080)
    QTest.keyClick(stage, Qt.Key.Key_0)
    first, second = list(view.scene.note_items.values())[:2]
    first.setSelected(True)
    QTest.keyClick(stage, Qt.Key.Key_0)  # the whole board again, the first note still selected

    def votes() -> int:
        return sum(v.count for v in window.doc.all("vote") if v.note_id == second.note_id)

    _right_click(stage, second)
    assert second.isSelected() and not first.isSelected()  # the menu is about the note clicked
    picture = stage.menu.menu.grab().toImage()
    edge = [picture.pixelColor(0, y).lightness() for y in range(picture.height())]
    assert max(edge) < 60  # a dark edge: the menu does not melt into the white stage
    note = stage.view.mapFromScene(second.sceneBoundingRect()).boundingRect()
    note.moveTopLeft(stage.view.viewport().mapToGlobal(note.topLeft()))
    assert note.adjusted(-4, -4, 4, 4).intersects(stage.menu.menu.geometry())  # beside the note it is about
    _choose(stage, "Vote for")
    _right_click(stage, second)
    _choose(stage, "Vote for")
    assert votes() == 2
    _right_click(stage, second)
    _choose(stage, "Take a vote back")
    assert votes() == 1
    _right_click(stage, second)
    _choose(stage, "decision")
    assert window.doc.get("note", second.note_id).decision
    assert not window.doc.get("note", first.note_id).decision


def test_a_decision_made_on_the_stage_shows_there_at_once(window, stage):
    """The laptop's canvas and the stage each keep a picture of a note: a change must redraw both, not
    only the one that repaints first."""
    view = window.views["workshop"]
    _show(stage, 1280, 720)
    item = next(iter(view.scene.note_items.values()))
    item.setSelected(True)
    QApplication.processEvents()
    before = stage.view.grab().toImage()
    stage.activateWindow()
    stage.setFocus()
    QTest.keyClick(stage, Qt.Key.Key_D)
    view.canvas.viewport().repaint()  # the laptop redraws first, as on a real screen
    QApplication.processEvents()
    assert window.doc.get("note", item.note_id).decision
    assert stage.view.grab().toImage() != before


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
