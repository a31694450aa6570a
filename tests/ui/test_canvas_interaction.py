"""The gesture machinery itself, on a bare scene: a gesture ends once, and a new press cancels one whose
release was lost."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from ui.canvas.cards import CardItem
from ui.canvas.interaction import CardDrag, InteractiveScene


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
