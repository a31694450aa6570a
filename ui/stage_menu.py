"""The stage's menu: a right-click (or the menu key) on a card shown to the room selects it and offers
what its section lets the facilitator do from the stage (vote, take a vote back, mark a decision), so
a facilitator standing at the projector with a mouse needs no keyboard. A section names those actions
in STAGE_MENU (ids of resources/actions.json); they are the section's own actions, so the menu and
the keys do the same undoable thing."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu, QWidget

MENU_POINTS = 16  # read by the facilitator a step or two from the screen


class StageMenu(QObject):
    """The menu of `view` (the stage's canvas) for the section shown on it (`section`, set as it changes)."""

    def __init__(self, view: QGraphicsView):
        super().__init__(view)
        self.view = view
        self.section: QWidget | None = None
        self.menu: QMenu | None = None  # the one open now, if any
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.open)

    def choices(self) -> list[QAction]:
        """The section's actions offered on the stage, in the order it names them."""
        if self.section is None:
            return []
        mine = {action.objectName(): action for action in self.section.actions()}
        return [mine[id_] for id_ in getattr(self.section, "STAGE_MENU", ()) if id_ in mine]

    def open(self, at: QPoint) -> None:
        """Select the card under `at` (viewport pixels) unless it is already, then offer the choices
        beside it."""
        choices = self.choices()
        if not choices:
            return
        card = next(
            (i for i in self.view.items(at) if i.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable), None
        )
        scene = self.view.scene()
        if card is not None and not card.isSelected() and scene is not None:
            scene.clearSelection()
            card.setSelected(True)
            scene.setFocusItem(card)
        menu = QMenu(self.view)
        menu.setObjectName("stageMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        font = QFont(menu.font())
        font.setPointSize(MENU_POINTS)
        menu.setFont(font)
        for action in choices:
            menu.addAction(action)
        self.menu = menu
        menu.destroyed.connect(lambda: setattr(self, "menu", None))
        menu.popup(self.view.viewport().mapToGlobal(self._beside(card) if card is not None else at))

    def _beside(self, card: QGraphicsItem) -> QPoint:
        """Beside the card's top right corner: selecting it may have framed it elsewhere on the stage."""
        corner = self.view.mapFromScene(card.sceneBoundingRect().topRight())
        port = self.view.viewport().rect()
        return QPoint(min(max(corner.x(), 0), port.right()), min(max(corner.y(), 0), port.bottom()))
