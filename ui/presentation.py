"""Presentation mode: the current canvas alone, full screen, high contrast, for a room on a projector.

The canvas is shown by a separate top-level view on the same scene, so nothing is copied: what the
facilitator changes on the laptop appears on the projector at once, and what they select is framed
large (the scene's selection is shared), so the room can read the cards under discussion. With two
screens the stage goes to the other one and the window keeps its controls (and its own theme: only the
stage turns high contrast); with one, the stage covers it and takes the section's keys (Tab selects,
V votes, D decides on the workshop board). No name, note or count on the stage is smaller than
TEXT_SHARE of its height: the board is zoomed so that its smallest card text (a section's
STAGE_TEXT_POINTS) is that size, and every name on it keeps to it however long (ui.theme.smallest_text);
a board too large for that is shown from its top-left corner and panned with the arrow keys; 0 shows
the whole board. Esc leaves, on either screen; the window itself is never rearranged, so there is
nothing else to restore.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QShortcut
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
from ui.canvas.cards import BOARD_LABEL
from ui.stage_menu import StageMenu

PRESENTATION_THEME = "high_contrast"
CAPTION_POINTS = 28  # the step and its time left, readable from the back of a room
FOCUS_SHARE = 1 / 3  # a selection is framed in at least this share of the whole board, so one card is not blown up
ZOOM_STEP = 1.25
TEXT_SHARE = 0.022  # the smallest text on the stage, of its height (24 px at 1080 lines): read at the back of a room
TEXT_POINTS = 8.0  # a section's smallest card text at 100% (a view says otherwise with STAGE_TEXT_POINTS)
PRESENTING = "Presenting: the room sees what you select, large. Esc leaves."
PAN_SHARE = 1 / 3  # an arrow key moves the stage this share of the screen
STAGE_KEYS = frozenset(  # keys the stage keeps for itself; a section's action on one of them stays on the laptop
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_F5,
        Qt.Key.Key_Plus,
        Qt.Key.Key_Equal,
        Qt.Key.Key_Minus,
        Qt.Key.Key_0,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
    }
)


def choose_screen[S](screens: Sequence[S], here: S, ask: Callable[[], bool]) -> S:
    """The screen for the stage: another screen (the projector) if there is one and the user wants it."""
    others = [s for s in screens if s is not here]
    return others[0] if others and ask() else here


class StageView(QGraphicsView):
    """The stage's view of the laptop's scene: its items paint in the stage's theme (ui.theme.painting)."""

    def paintEvent(self, event) -> None:
        with theme.painting(self.viewport()):
            super().paintEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, theme.ink(self.viewport()).background)
        super().drawBackground(painter, rect)


class Stage(QWidget):
    """The canvas alone, fitted to the screen (or to the selection), with an optional caption.

    Keys on the stage: + and - zoom, 0 shows the whole board, the arrows pan, Tab and Shift+Tab select
    the next or previous card in reading order, Esc (or F5) asks to leave; the section's own keys (V,
    D, T on the workshop board) work here too. The mouse selects and drags as on the laptop, and a
    right-click on a card offers the section's stage actions (ui.stage_menu)."""

    leave_requested = Signal()

    def __init__(self, scene: QGraphicsScene, text_points: float = TEXT_POINTS):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationStage")
        self.setAccessibleName("Presentation")
        self.setWindowTitle("IIP Workbench: presentation (Esc leaves)")
        theme.apply_to(self, PRESENTATION_THEME)
        self.text_points = text_points
        self.view = StageView(scene)
        self.view.setObjectName("presentationCanvas")
        self.view.setAccessibleName("Canvas shown to the room")
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the stage, which knows Tab and the arrows
        # Labels the same size at any zoom are written larger on the stage than their bounds (a sphere
        # region's count): the stage repaints whole, so no part of one is left behind.
        self.view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.menu = StageMenu(self.view)  # a right-click on a card: vote, decide... with the mouse
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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.focus: QRectF | None = None  # what is framed: the selection, or None for the whole board
        self.whole = False  # 0 pressed: the whole board, however small its text

    def show_scene(self, scene: QGraphicsScene, text_points: float = TEXT_POINTS) -> None:
        self.view.setScene(scene)
        self.text_points = text_points
        self.focus = None
        self.fit()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def min_text_px(self) -> float:
        """The smallest text on the stage, in pixels."""
        return TEXT_SHARE * max(self.height(), 1)  # the stage fills its screen

    def min_scale(self) -> float:
        """The zoom at which card text is the stage's smallest text."""
        return self.min_text_px() / (self.text_points * self.logicalDpiY() / 72)

    def fit(self) -> None:
        """Show the selection, else the board, as large as the screen allows but never with text smaller
        than the minimum (unless 0 asked for the whole board); a board larger than that starts at its
        top-left corner, so its left edge is never cut off."""
        scene = self.view.scene()
        if scene is None:
            return
        board = content_rect(scene)
        target = self.focus or board
        port = self.view.viewport().rect()
        if target.isEmpty() or port.isEmpty():
            return
        fitted = min(port.width() / target.width(), port.height() / target.height())
        scale = fitted if self.whole else max(fitted, self.min_scale())
        margin = QRectF(0, 0, port.width() / scale, port.height() / scale)
        self.view.setSceneRect(
            board.united(target).adjusted(-margin.width(), -margin.height(), margin.width(), margin.height())
        )  # room to pan to every edge
        self.view.resetTransform()
        self.view.scale(scale, scale)
        if scale > fitted * 1.001 and self.focus is None:
            margin.moveTopLeft(board.topLeft())
            self.view.centerOn(margin.center())
        else:
            self.view.centerOn(target.center())

    def frame_selection(self) -> None:
        """Frame what is selected on the board (the whole board when nothing is)."""
        scene = self.view.scene()
        self.focus = None if scene is None else focus_rect(scene)
        self.fit()

    def pan(self, dx: int, dy: int) -> None:
        port = self.view.viewport().rect()
        centre = self.view.mapToScene(port.center())
        scale = self.view.transform().m11() or 1.0
        self.view.centerOn(
            centre.x() + dx * port.width() * PAN_SHARE / scale, centre.y() + dy * port.height() * PAN_SHARE / scale
        )

    def select_next(self, step: int) -> None:
        """Tab and Shift+Tab: the next or previous card in reading order (top to bottom, left to right)."""
        scene = self.view.scene()
        if scene is None:
            return
        cards = sorted(
            (i for i in scene.items() if i.isVisible() and i.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable),
            key=lambda i: (round(i.sceneBoundingRect().top() / 20), i.sceneBoundingRect().left()),
        )
        if not cards:
            return
        selected = [n for n, i in enumerate(cards) if i.isSelected()]
        index = (selected[0] + step) % len(cards) if selected else (0 if step > 0 else len(cards) - 1)
        scene.clearSelection()
        cards[index].setSelected(True)
        scene.setFocusItem(cards[index])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc (or F5 again) leaves; keys the canvas does not use arrive here from the view."""
        key = Qt.Key(event.key())
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.leave_requested.emit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.scale(ZOOM_STEP, ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.view.scale(1 / ZOOM_STEP, 1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.focus, self.whole = None, True
            self.fit()
            self.whole = False
        elif key in arrows:
            self.pan(*arrows[key])
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.select_next(-1 if key == Qt.Key.Key_Backtab else 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab selects cards on the stage; focus stays here

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setProperty(theme.SMALLEST_TEXT_PX, self.min_text_px())  # names, notes and counts keep to it
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
        self._source: QWidget | None = None
        self._scene: QGraphicsScene | None = None
        self._lent: list[QAction] = []  # the section's actions the stage takes keys for
        self._escape: QShortcut | None = None  # Esc on the laptop's window, while the stage is elsewhere
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
                "Presentation mode shows a canvas: open the Spheres, Value chain, Ecosystem, Theory of change or "
                "Workshop section.",
                8000,
            )
            self.changed.emit(False)
            return False
        screen = choose_screen(
            QGuiApplication.screens(), self.window.screen(), lambda: dialogs.ask_second_screen(self.window)
        )
        self.stage = Stage(scene, _text_points(view))
        self.stage.leave_requested.connect(self.leave)
        self._watch_selection(scene)
        self._watch_caption(view)
        self._lend_actions(view)
        self.stage.setScreen(screen)
        self.stage.setGeometry(screen.geometry())
        self.stage.showFullScreen()
        self.stage.frame_selection()
        theme.present(PRESENTATION_THEME)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.window, self.leave)
        self.window.statusBar().showMessage(PRESENTING, 8000)
        self.changed.emit(True)
        return True

    def leave(self) -> None:
        stage, self.stage = self.stage, None
        if stage is None:
            return
        self._watch_caption(None)
        self._watch_selection(None)
        self._lend_actions(None, stage)
        if self._escape is not None:
            self._escape.setParent(None)
            self._escape.deleteLater()
            self._escape = None
        stage.leave_requested.disconnect(self.leave)
        stage.close()
        stage.deleteLater()
        theme.present(None)
        if self.window.statusBar().currentMessage() == PRESENTING:  # no longer true
            self.window.statusBar().clearMessage()
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
        self.stage.show_scene(scene, _text_points(view))
        self._watch_selection(scene)
        self._watch_caption(view)
        self._lend_actions(view)

    def _lend_actions(self, view: QWidget | None, stage: Stage | None = None) -> None:
        """The section's keys (V votes, D decides...) work on the stage too, but for the stage's own keys."""
        stage = stage or self.stage
        if stage is None:
            return
        for action in self._lent:
            stage.removeAction(action)
        self._lent = [
            action
            for action in (view.actions() if view is not None else [])
            if not action.shortcut().isEmpty() and action.shortcut()[0].key() not in STAGE_KEYS  # type: ignore[index]
        ]
        stage.addActions(self._lent)
        stage.menu.section = view

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
    """What the room needs to see: the things people placed (selectable items) and the labels that say
    what they are (BOARD_LABEL: the value chain's lane titles), without the frames and hints around them,
    so the type comes out as large as the screen allows."""
    rect = QRectF()
    for item in scene.items():
        if item.isVisible() and (
            item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable or item.data(BOARD_LABEL)
        ):
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


def _text_points(view: QWidget | None) -> float:
    return float(getattr(view, "STAGE_TEXT_POINTS", TEXT_POINTS))


def _scene_of(view: QWidget | None) -> QGraphicsScene | None:
    """The scene of a section's canvas (views with a canvas keep it as `canvas`), or None."""
    canvas = getattr(view, "canvas", None)
    return canvas.scene() if isinstance(canvas, QGraphicsView) else None
