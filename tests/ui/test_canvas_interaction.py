"""The gesture machinery itself, on a bare scene: a gesture ends once, and a new press cancels one whose
release was lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from ui.canvas.cards import CardItem
from ui.canvas.interaction import CardDrag, Interaction, InteractiveScene


class Board(InteractiveScene):
    def __init__(self):
        super().__init__()
        self.reports: list[list[tuple[QGraphicsItem, QPointF, QPointF]]] = []

    def cards_moved(self, moved):
        self.reports.append(moved)


def card_at(board: Board, x: float, y: float) -> CardItem:
    card = CardItem(QRectF(-10, -10, 20, 20), z=1)
    card.setPos(x, y)
    board.addItem(card)
    return card


def test_a_card_drag_reports_once_and_rounds_to_a_tenth(qapp_instance):
    board = Board()
    card = card_at(board, 0, 0)
    drag = CardDrag(board, [card])
    board.begin(drag)
    card.setPos(10.04, -3.96)
    drag.release(None)  # a card drag reads nothing from the release event
    drag.release(None)
    assert board.reports == [[(card, QPointF(0, 0), QPointF(10.0, -4.0))]]
    assert board.interaction is None


def test_a_new_gesture_cancels_one_whose_release_was_lost(qapp_instance):
    board = Board()
    card = card_at(board, 5, 5)
    lost = CardDrag(board, [card])
    board.begin(lost)
    card.setPos(50, 50)
    board.begin(CardDrag(board, [card]))
    assert lost.ended and card.pos() == QPointF(5, 5)
    assert board.reports == []



class Recorder(Interaction):
    def __init__(self, scene):
        super().__init__(scene)
        self.moves = 0

    def move(self, event):
        self.moves += 1


def mouse(kind: QEvent.Type, buttons: Qt.MouseButton) -> QGraphicsSceneMouseEvent:
    """A mouse event far from any card."""
    event = QGraphicsSceneMouseEvent(kind)
    event.setButton(buttons)
    event.setButtons(buttons)
    event.setScenePos(QPointF(500, 500))
    return event


def test_only_moves_with_the_button_down_reach_a_gesture(qapp_instance):
    board = Board()
    gesture = Recorder(board)
    board.begin(gesture)
    board.mouseMoveEvent(mouse(QEvent.Type.GraphicsSceneMouseMove, Qt.MouseButton.NoButton))  # a hover
    assert gesture.moves == 0
    board.mouseMoveEvent(mouse(QEvent.Type.GraphicsSceneMouseMove, Qt.MouseButton.LeftButton))
    assert gesture.moves == 1


def test_any_press_ends_a_gesture_whose_release_was_lost(qapp_instance):
    board = Board()
    gesture = Recorder(board)
    board.begin(gesture)
    board.mousePressEvent(mouse(QEvent.Type.GraphicsSceneMousePress, Qt.MouseButton.LeftButton))  # on nothing
    assert gesture.ended
    assert board.interaction is None
