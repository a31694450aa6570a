"""Presentation mode: the current canvas alone, full screen, high contrast, for a room on a projector.

The canvas is shown by a separate top-level view on the same scene, so nothing is copied: what the
facilitator changes on the laptop appears on the projector at once, and what they select is framed
large (the scene's selection is shared), so the room can read the cards under discussion. With two
screens the stage goes to the other one and the window keeps its controls; with one, the stage covers
it. Esc leaves and puts the theme back; the window itself is never rearranged, so there is nothing
else to restore.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, theme

PRESENTATION_THEME = "high_contrast"
CAPTION_POINTS = 28  # the step and its time left, readable from the back of a room
FOCUS_SHARE = 1 / 3  # a selection is framed in at least this share of the whole board, so one card is not blown up
ZOOM_STEP = 1.25


def choose_screen[S](screens: Sequence[S], here: S, ask: Callable[[], bool]) -> S:
    """The screen for the stage: another screen (the projector) if there is one and the user wants it."""
    others = [s for s in screens if s is not here]
    return others[0] if others and ask() else here


class Stage(QWidget):
    """The canvas alone, fitted to the screen (or to the selection), with an optional caption.

    Keys on the stage: + and - zoom, 0 shows the whole board again, Esc (or F5) asks to leave."""

    leave_requested = Signal()

    def __init__(self, scene: QGraphicsScene):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationStage")
        self.setAccessibleName("Presentation")
        self.setWindowTitle("IIP Workbench: presentation (Esc leaves)")
        self.view = QGraphicsView(scene)
        self.view.setObjectName("presentationCanvas")
        self.view.setAccessibleName("Canvas shown to the room")
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setBackgroundBrush(Qt.GlobalColor.white)
        self.caption = QLabel()
        self.caption.setObjectName("presentationCaption")
        font = QFont(self.caption.font())
        font.setPointSize(CAPTION_POINTS)
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.focus: QRectF | None = None  # what is framed: the selection, or None for the whole board

    def show_scene(self, scene: QGraphicsScene) -> None:
        self.view.setScene(scene)
        self.focus = None
        self.fit()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def fit(self) -> None:
        scene = self.view.scene()
        if scene is not None:
            self.view.fitInView(self.focus or content_rect(scene), Qt.AspectRatioMode.KeepAspectRatio)

    def frame_selection(self) -> None:
        """Frame what is selected on the board (the whole board when nothing is)."""
        scene = self.view.scene()
        self.focus = None if scene is None else focus_rect(scene)
        self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc (or F5 again) leaves; keys the canvas does not use arrive here from the view."""
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.leave_requested.emit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.scale(ZOOM_STEP, ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.view.scale(1 / ZOOM_STEP, 1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.focus = None
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave_requested.emit()
        super().closeEvent(event)


class Presentation(QObject):
    """Enter and leave presentation mode for a main window (View > Presentation mode, F5)."""

    changed = Signal(bool)  # presenting or not

    def __init__(self, window: QMainWindow, stack: QStackedWidget):
        super().__init__(window)
        self.window = window
        self.stack = stack
        self.stage: Stage | None = None
        self._theme = theme.current()
        self._source: QWidget | None = None
        self._scene: QGraphicsScene | None = None
        stack.currentChanged.connect(lambda _index: self._follow(stack.currentWidget()))

    @property
    def active(self) -> bool:
        return self.stage is not None

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> bool:
        view = self.stack.currentWidget()
        scene = _scene_of(view)
        if scene is None:
            self.window.statusBar().showMessage(
                "Presentation mode shows a canvas: open the Spheres, Value chain, Ecosystem or Workshop section.", 8000
            )
            self.changed.emit(False)
            return False
        screen = choose_screen(
            QGuiApplication.screens(), self.window.screen(), lambda: dialogs.ask_second_screen(self.window)
        )
        self._theme = theme.current()
        theme.apply(PRESENTATION_THEME, remember=False)
        self.stage = Stage(scene)
        self.stage.leave_requested.connect(self.leave)
        self._watch_selection(scene)
        self._watch_caption(view)
        self.stage.setScreen(screen)
        self.stage.setGeometry(screen.geometry())
        self.stage.showFullScreen()
        self.stage.frame_selection()
        self.window.statusBar().showMessage("Presenting: the room sees what you select, large. Esc leaves.", 8000)
        self.changed.emit(True)
        return True

    def leave(self) -> None:
        stage, self.stage = self.stage, None
        if stage is None:
            return
        self._watch_caption(None)
        self._watch_selection(None)
        stage.leave_requested.disconnect(self.leave)
        stage.close()
        stage.deleteLater()
        theme.apply(self._theme)
        self.window.activateWindow()
        self.changed.emit(False)

    def _follow(self, view: QWidget | None) -> None:
        """The facilitator moved to another section: the stage shows its canvas, or presentation ends."""
        if self.stage is None:
            return
        scene = _scene_of(view)
        if scene is None:
            self.leave()
            return
        self.stage.show_scene(scene)
        self._watch_selection(scene)
        self._watch_caption(view)

    def _watch_selection(self, scene: QGraphicsScene | None) -> None:
        if self._scene is not None:
            self._scene.selectionChanged.disconnect(self._selection_changed)
        self._scene = scene
        if scene is not None:
            scene.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self) -> None:
        if self.stage is not None:
            self.stage.frame_selection()

    def _watch_caption(self, view: QWidget | None) -> None:
        if self._source is not None and hasattr(self._source, "caption_changed"):
            self._source.caption_changed.disconnect(self._caption)
        self._source = view
        if view is not None and hasattr(view, "caption_changed") and hasattr(view, "caption"):
            view.caption_changed.connect(self._caption)
            self._caption(view.caption())
        else:
            self._caption("")

    def _caption(self, text: str) -> None:
        if self.stage is not None:
            self.stage.set_caption(text)


def content_rect(scene: QGraphicsScene) -> QRectF:
    """What the room needs to see: the things people placed (selectable items), without the frames and
    hints around them, so the type comes out as large as the screen allows."""
    rect = QRectF()
    for item in scene.items():
        if item.isVisible() and item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable:
            rect = rect.united(item.sceneBoundingRect())
    return (rect if rect.isValid() else scene.itemsBoundingRect()).adjusted(-12, -12, 12, 12)


def focus_rect(scene: QGraphicsScene) -> QRectF | None:
    """The selected things with a margin, grown to FOCUS_SHARE of the board around their middle; None
    when nothing is selected."""
    selected = [item for item in scene.selectedItems() if item.isVisible()]
    if not selected:
        return None
    rect = QRectF()
    for item in selected:
        rect = rect.united(item.sceneBoundingRect())
    board = content_rect(scene)
    width = max(rect.width() + 24, board.width() * FOCUS_SHARE)
    height = max(rect.height() + 24, board.height() * FOCUS_SHARE)
    framed = QRectF(0, 0, width, height)
    framed.moveCenter(rect.center())
    return framed


def _scene_of(view: QWidget | None) -> QGraphicsScene | None:
    """The scene of a section's canvas (views with a canvas keep it as `canvas`), or None."""
    canvas = getattr(view, "canvas", None)
    return canvas.scene() if isinstance(canvas, QGraphicsView) else None
