"""The views every canvas shows its scene in.

ZoomableView is what they share: rendering, rubber-band selection, zoom limits, refitting on resize
until the user zooms, and Escape reaching the gesture under way before any window shortcut does.
CanvasView adds what the free-form canvases (spheres, ecosystem, workshop board) do: wheel zoom,
middle-button pan, palette drops and keyboard nudging. Gestures are reported as signals; the section
view turns them into commands.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView

from ui.canvas.interaction import InteractiveScene

PALETTE_MIME = "application/x-iip-workbench-item-kind"
WHEEL_STEP = 1.15  # zoom factor per wheel notch


class ZoomableView(QGraphicsView):
    MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
    viewport_changed = Signal()  # zoom, scroll or resize: the visible part of the scene changed

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.auto_fit = True  # keep fitting on resize until the user zooms

    def fit(self) -> None:
        """Show the scene as a whole (each canvas says how)."""
        raise NotImplementedError

    def _set_auto_fit(self, on: bool) -> None:
        self.auto_fit = on

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(self.MIN_ZOOM / current, min(self.MAX_ZOOM / current, factor))
        self.scale(factor, factor)
        self._set_auto_fit(False)
        self.viewport_changed.emit()

    def wheel_zoom(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(WHEEL_STEP**steps)
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport_changed.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def event(self, event: QEvent) -> bool:
        """Escape during a gesture cancels the gesture, even where the section also binds Escape."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(scene := self.scene(), InteractiveScene)
            and scene.interaction is not None
        ):
            event.accept()
            return True
        return super().event(event)


class CanvasView(ZoomableView):
    dropped = Signal(str, QPointF)  # kind, scene position
    nudged = Signal(float, float)  # scene units
    insert_requested = Signal()

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self._pan_from: QPointF | None = None
        self._set_auto_fit(True)

    def _set_auto_fit(self, on: bool) -> None:
        """Fitted, the whole scene is in view, so scroll bars are switched off: left as needed, a bar
        that appears shrinks the viewport, the refit no longer needs it, it hides, the viewport grows,
        and at some window sizes that loop never settles (the window froze)."""
        super()._set_auto_fit(on)
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    # ----- zoom and pan ---------------------------------------------------------------------
    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self._set_auto_fit(True)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.viewport_changed.emit()

    def visible_rect(self):
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.wheel_zoom(event)

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
