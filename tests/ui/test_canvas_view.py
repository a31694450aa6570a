"""The shared canvas views: refit on resize until the user zooms, zoom limits, scroll reports."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from ui.canvas.view import CanvasView


def test_a_canvas_refits_when_resized_until_the_user_zooms(qapp_instance, qtbot):
    scene = QGraphicsScene()
    scene.addRect(QRectF(0, 0, 1000, 500))
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    fitted = view.transform().m11()
    view.resize(800, 600)
    qtbot.waitUntil(lambda: view.transform().m11() > fitted * 1.5)  # the whole scene still fills the view
    view.zoom_by(1.25)
    zoomed = view.transform().m11()
    view.resize(500, 400)
    qtbot.waitUntil(lambda: view.viewport().width() < 600)
    assert view.transform().m11() == zoomed  # the user's zoom is kept
    view.zoom_by(1000)
    assert view.transform().m11() == view.MAX_ZOOM


def test_scrolling_reports_the_visible_part(qapp_instance, qtbot):
    scene = QGraphicsScene()
    scene.addRect(QRectF(0, 0, 5000, 5000))
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    view.zoom_by(4)
    with qtbot.waitSignal(view.viewport_changed):
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 50)
