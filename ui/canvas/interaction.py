"""Gestures of several steps (press, moves, release) as small objects, one at a time per scene.

The scene starts a gesture when an item is pressed and hands it every move and the release. While it
runs, a gesture changes only the drawing. It ends once: on release it reports its result (the section
turns that into one command, one undo step; nothing if nothing changed), or on Escape it puts the items
back where they were and reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ui.canvas.accessible import reading_order
from ui.canvas.cards import CardItem


class Interaction:
    """One gesture. Subclasses preview in `move`, report in `finish` and undo their preview in `restore`."""

    def __init__(self, scene: InteractiveScene):
        self.scene = scene
        self.ended = False

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        """The mouse moved with the button held: show where the gesture would leave things."""

    def finish(self, event: QGraphicsSceneMouseEvent) -> None:
        """The button was let go: report the result, once (nothing when nothing changed)."""

    def restore(self) -> None:
        """Escape: put every item the gesture touched back where it was."""

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.ended:
            self._end()
            self.finish(event)

    def cancel(self) -> None:
        if not self.ended:
            self._end()
            self.restore()
            grabber = self.scene.mouseGrabberItem()
            if grabber is not None:  # the button is still down: later moves must not drag anything
                grabber.ungrabMouse()

    def _end(self) -> None:
        self.ended = True
        if self.scene.interaction is self:
            self.scene.interaction = None


class CardDrag(Interaction):
    """Cards dragged with the mouse (Qt moves the selected cards together); the scene follows live and
    gets the moves on release as [(card, position before, position after)]."""

    def __init__(self, scene: InteractiveScene, cards: Iterable[QGraphicsItem]):
        super().__init__(scene)
        self.home = {card: card.pos() for card in cards}

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene.cards_dragged(list(self.home))

    def finish(self, event: QGraphicsSceneMouseEvent) -> None:
        moved = [
            (card, old, QPointF(round(card.x(), 1), round(card.y(), 1)))
            for card, old in self.home.items()
            if card.pos() != old and card.scene() is self.scene
        ]
        if moved:
            self.scene.cards_moved(moved)

    def restore(self) -> None:
        for card, old in self.home.items():
            card.setPos(old)
        self.scene.cards_dragged(list(self.home))


class InteractiveScene(QGraphicsScene):
    """A scene that runs gestures: a left press on an item starts the one `interaction_for` names,
    moves and the release go to it, and Escape cancels it. Pressing a card drags the selected cards."""

    interaction: Interaction | None = None

    def begin(self, interaction: Interaction | None) -> None:
        """Run `interaction` from now on; one still under way (its release was lost) is cancelled."""
        if self.interaction is not None:
            self.interaction.cancel()
        self.interaction = interaction

    def interaction_for(self, item: QGraphicsItem, event: QGraphicsSceneMouseEvent) -> Interaction | None:
        """The gesture a left press on `item` starts: dragging the selected cards by default."""
        if isinstance(item, CardItem):
            cards = {i for i in self.selectedItems() if isinstance(i, CardItem)} | {item}
            return CardDrag(self, cards)
        return None

    # ----- what a screen reader and the keyboard cursor visit (ui.canvas.accessible) --------------
    def readable_items(self) -> list[QGraphicsItem]:
        """The items that say what they are (a `spoken` method), in reading order."""
        return reading_order(i for i in self.items() if hasattr(i, "spoken") and i.isVisible())

    def spoken(self, item: QGraphicsItem) -> tuple[str, str]:
        """What a screen reader says for `item`: its name, and a description of the rest."""
        return item.spoken()  # type: ignore[attr-defined]  # readable_items has only items that speak

    def cards_dragged(self, cards: list[QGraphicsItem]) -> None:
        """Hook: cards are being dragged (or were put back); update what follows them live."""

    def cards_moved(self, moved: list[tuple[QGraphicsItem, QPointF, QPointF]]) -> None:
        """Hook: a card drag ended with these cards somewhere new; ask for one command."""

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.begin(None)  # any press ends a gesture whose release was lost (a dialog took the mouse)
        super().mousePressEvent(event)
        grabber = self.mouseGrabberItem()
        if event.button() == Qt.MouseButton.LeftButton and grabber is not None:
            self.begin(self.interaction_for(grabber, event))

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.interaction is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.interaction.move(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        interaction = self.interaction
        super().mouseReleaseEvent(event)  # Qt lets go of the item (and settles a click's selection) first
        if interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            interaction.release(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.interaction is not None and event.key() == Qt.Key.Key_Escape:
            self.interaction.cancel()
            event.accept()
            return
        super().keyPressEvent(event)
