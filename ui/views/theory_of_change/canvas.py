"""The view of the chain: fits the columns to its width, scrolls down them, and answers the keys.

Arrows move the selection between cards (↑ / ↓ within a column, ← / → to the nearest card of the next
column), Tab and Shift+Tab go through the cards in reading order and leave the canvas after the last,
F2 renames (through the section's action), Insert adds a result. Keys become signals; the section
turns edits into commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from ui.canvas.view import ZoomableView
from ui.views.theory_of_change.items import ChainCard
from ui.views.theory_of_change.layout import COLUMNS

LARGEST_FIT = 1.4
READABLE = 0.6  # shrink to show every card only this far; beyond it, scroll down the columns

ARROWS = {Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1), Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0)}


class ChainCanvas(ZoomableView):
    MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
    insert_requested = Signal()

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("theoryOfChangeCanvas")
        self.setAccessibleName("Theory of change canvas")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # Every item sets the pen, brush and font it draws with: the view need not save the painter for each.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)

    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return
        across = (self.viewport().width() - 4) / rect.width()
        down = (self.viewport().height() - 4) / rect.height()
        factor = max(self.MIN_ZOOM, min(LARGEST_FIT, across, max(down, READABLE * across)))
        self.resetTransform()
        self.scale(factor, factor)
        self._set_auto_fit(True)
        self.viewport_changed.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.wheel_zoom(event)
            return
        super().wheelEvent(event)

    # ----- keys -------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in ARROWS and plain:
            self.step(*ARROWS[key])
            event.accept()
            return
        if key == Qt.Key.Key_Insert:
            self.insert_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab: the next card in reading order; past the last (or before the first), leave the canvas."""
        cards = self.reading_order()
        current = self.current_card()
        at = cards.index(current) if current in cards else (-1 if next else len(cards))
        nxt = at + (1 if next else -1)
        if 0 <= nxt < len(cards):
            self.choose(cards[nxt])
            return True
        return QWidget.focusNextPrevChild(self, next)  # on to the window's next widget, not another item

    def reading_order(self) -> list[ChainCard]:
        columns = getattr(self.scene(), "columns", {})
        return [card for c in COLUMNS for card in columns.get(c.key, [])]

    def current_card(self) -> ChainCard | None:
        selected = [i for i in self.scene().selectedItems() if isinstance(i, ChainCard)]
        focus = self.scene().focusItem()
        if isinstance(focus, ChainCard) and focus in selected:
            return focus
        return selected[-1] if selected else None

    def step(self, dx: int, dy: int) -> None:
        columns = getattr(self.scene(), "columns", {})
        current = self.current_card()
        if current is None:
            first = self.reading_order()
            if first:
                self.choose(first[0])
            return
        keys = [c.key for c in COLUMNS]
        col = keys.index(current.column)
        if dy:
            cards = columns[current.column]
            row = cards.index(current) + dy
            if 0 <= row < len(cards):
                self.choose(cards[row])
            return
        n = col + dx
        while 0 <= n < len(keys) and not columns[keys[n]]:
            n += dx
        if 0 <= n < len(keys):
            y = current.y()
            self.choose(min(columns[keys[n]], key=lambda c: abs(c.y() - y)))

    def choose(self, card: ChainCard) -> None:
        """Select `card` alone, give it the focus and bring it into view."""
        scene = self.scene()
        scene.clearSelection()
        card.setSelected(True)
        scene.setFocusItem(card)
        self.ensureVisible(card, 20, 20)
