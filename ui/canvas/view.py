"""The views every canvas shows its scene in.

ZoomableView is what they share: rendering, rubber-band selection, zoom limits, refitting on resize
until the user zooms, Escape reaching the gesture under way before any window shortcut does, the
keyboard cursor a screen reader follows (ui.canvas.accessible: Tab, arrows, Space; F2 or Enter
activate) and the inline editor a rename types in. CanvasView adds what the free-form canvases
(spheres, ecosystem, workshop board) do: wheel zoom, middle-button pan, palette drops and keyboard
nudging. Gestures are reported as signals; the section view turns them into commands.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QLineEdit

from ui import theme
from ui.canvas import accessible
from ui.canvas.interaction import InteractiveScene

PALETTE_MIME = "application/x-iip-workbench-item-kind"
WHEEL_STEP = 1.15  # zoom factor per wheel notch
ARROWS: dict[int, tuple[int, int]] = {  # event.key() is a plain int
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
RENAME_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)
KEYS_SAID = (  # the canvas's accessible description: how to walk it without a mouse
    "Tab and Shift+Tab select the items one by one; Ctrl+Tab leaves the canvas. Arrows (with Ctrl while items "
    "are selected) move the keyboard cursor to the nearest item; Space selects it, Ctrl+Space adds it to the "
    "selection; F2 or Enter renames it."
)

accessible.install()


def redraw(view: QGraphicsView) -> None:
    """Draw a view's scene again in its theme's colours: every item (item.update() also drops the item's
    cached drawing, which scene.update() would keep). The background behind the scene is the viewport's,
    from the theme's palette and style sheet (filling it here would hide the style sheet's focus ring)."""
    scene = view.scene()
    if scene is not None:
        for item in scene.items():
            restyle = getattr(item, "theme_changed", None)  # an item Qt paints with pens it was given
            restyle() if restyle is not None else item.update()
        scene.update()


class ZoomableView(QGraphicsView):
    MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
    viewport_changed = Signal()  # zoom, scroll or resize: the visible part of the scene changed
    item_activated = Signal(object)  # F2 or Enter on the item under the keyboard cursor (or the one selected)

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.reader = accessible.Reader(self)
        self.setAccessibleDescription(KEYS_SAID)
        self.editor: QLineEdit | None = None
        self._done: Callable[[str], None] | None = None  # what the editor's Enter does with the text
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

    def paintEvent(self, event) -> None:
        with theme.painting(self.viewport()):  # items drawn into their caches take this view's theme
            super().paintEvent(event)

    def theme_changed(self) -> None:
        """Called by ui.theme.apply: the items draw again in the new colours."""
        redraw(self)

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

    # ----- the keyboard cursor ------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab visit the items in reading order; past either end, focus moves on."""
        if self.hasFocus() and self.reader.step(next):
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows (plain ones when the subclass leaves them, or with Ctrl) move the cursor to the nearest
        item that way; Space selects it, Ctrl+Space adds or removes it; F2 or Enter activate it."""
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift_alt = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & ctrl:  # out at once, past a big map's items
            forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
            handled = super().focusNextPrevChild(forward)
        elif key in ARROWS and not mods & shift_alt:
            handled = self.reader.go(*ARROWS[key])
        elif key == Qt.Key.Key_Space and not mods & ~ctrl:
            handled = self.reader.pick(add=bool(mods & ctrl))
        elif key in RENAME_KEYS and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            item = self.reader.current()
            if handled := item is not None:
                self.item_activated.emit(item)
        else:
            handled = False
        if handled:
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()
        self.reader.announce_focus()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The keyboard cursor: a blue dashed frame around its item while the canvas has the focus."""
        super().drawForeground(painter, rect)
        item = self.reader.cursor
        if item is None or not self.hasFocus() or not shiboken6.isValid(item) or item.scene() is not self.scene():
            return
        pen = QPen(theme.ink(self.viewport()).cursor, 2.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(item.sceneBoundingRect().adjusted(-4, -4, 4, 4))
        painter.restore()

    # ----- inline rename --------------------------------------------------------------------------
    def edit_text(self, scene_rect: QRectF, text: str, done: Callable[[str], None], name: str = "Name") -> None:
        """An editor over `scene_rect`: Enter calls `done(new text)`, Escape or leaving it cancels."""
        self.close_editor()
        editor = QLineEdit(text, self.viewport())
        editor.setObjectName("canvasNameEditor")
        editor.setAccessibleName(name)
        shown = self.mapFromScene(scene_rect).boundingRect()
        editor.setGeometry(shown.adjusted(2, 0, -2, 0) if shown.height() < 40 else shown.adjusted(2, 8, -2, -8))
        editor.setMinimumWidth(120)
        editor.selectAll()
        self._done = done
        editor.editingFinished.connect(self.close_editor)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self.editor = editor

    def _finish(self) -> None:
        text = self.editor.text().strip() if self.editor is not None else ""
        self.close_editor()
        if text and self._done is not None:
            self._done(text)

    def close_editor(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    def eventFilter(self, watched, event) -> bool:
        """The editor's Enter and Escape end it here (a line edit passes Enter on, which would rename again)."""
        ends = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.editor and isinstance(event, QKeyEvent) and event.key() in ends:
            if event.type() == QEvent.Type.ShortcutOverride:  # the editor's, not a section's Esc
                event.accept()
            elif event.key() == Qt.Key.Key_Escape:
                self.close_editor()
            else:
                self._finish()
            return True
        return super().eventFilter(watched, event)


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
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier  # Ctrl+arrows move the keyboard cursor
        if event.key() in moves and not ctrl and self.scene().selectedItems():
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
