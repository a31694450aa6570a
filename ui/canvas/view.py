"""The zoomable, pannable view of the spheres scene: wheel zoom, middle-button pan, palette drops,
keyboard nudging. Gestures are reported as signals; the section view turns them into commands."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView

PALETTE_MIME = "application/x-iip-workbench-item-kind"
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class CanvasView(QGraphicsView):
    dropped = Signal(str, QPointF)  # kind, scene position
    nudged = Signal(float, float)  # scene units
    insert_requested = Signal()
    viewport_changed = Signal()  # zoom, scroll or resize: the visible part of the scene changed

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("spheresCanvas")
        self.setAccessibleName("Spheres canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPointF | None = None
        self._set_auto_fit(True)

    def _set_auto_fit(self, on: bool) -> None:
        """Fitted, the whole scene is in view, so scroll bars are switched off: left as needed, a bar
        that appears shrinks the viewport, the refit no longer needs it, it hides, the viewport grows,
        and at some window sizes that loop never settles (the window froze)."""
        self.auto_fit = on  # keep fitting on resize until the user zooms
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    # ----- zoom and pan ---------------------------------------------------------------------
    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(MIN_ZOOM / current, min(MAX_ZOOM / current, factor))
        self.scale(factor, factor)
        self._set_auto_fit(False)
        self.viewport_changed.emit()

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self._set_auto_fit(True)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.viewport_changed.emit()

    def visible_rect(self):
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport_changed.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.15**steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)

    # ----- keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10.0
        moves: dict[int, tuple[float, float]] = {  # event.key() is a plain int
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if event.key() in moves and self.scene().selectedItems():
            self.nudged.emit(*moves[event.key()])
            event.accept()
            return
        if event.key() == Qt.Key.Key_Insert:
            self.insert_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # ----- palette drops ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME):
            kind = bytes(event.mimeData().data(PALETTE_MIME)).decode("ascii", "replace")
            self.dropped.emit(kind, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)
