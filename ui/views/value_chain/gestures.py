"""The bar gesture: drag an instrument bar's middle to move its span (and, dropped in another lane,
change its value role), an end to resize it (both snap to whole stages), or carry an unplaced chip
onto a column to place it.

Only the bar's drawing changes while it runs; on release the new span is one edit, and Escape puts
the bar back where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from ui.canvas.interaction import Interaction
from ui.views.value_chain.items import BAR_Z, InstrumentBar
from ui.views.value_chain.layout import COL_W

if TYPE_CHECKING:
    from ui.views.value_chain.scene import ValueChainScene

DRAGGED_Z = 20  # above the other bars while it moves
ROLE_LANES = frozenset({"creation", "both", "capture"})  # a lane named after the value role of its bars
CLICK = 4.0  # a chip moved less than this was clicked, not carried


class BarGesture(Interaction):
    scene: ValueChainScene

    def __init__(self, scene: ValueChainScene, bar: InstrumentBar, press: QPointF):
        super().__init__(scene)
        self.bar = bar
        self.zone = bar.zone(bar.mapFromScene(press).x())
        self.press = press
        self.home, self.home_width = bar.pos(), bar.width
        self.preview = bar.span
        bar.setZValue(DRAGGED_Z)

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        bar, grid = self.bar, self.scene.grid
        if bar.span is None:
            bar.setPos(self.home + event.scenePos() - self.press)
            return
        steps = round((event.scenePos().x() - self.press.x()) / COL_W)
        first, last = bar.span
        last_column = grid.stages - 1
        if self.zone == "move":
            steps = max(-first, min(last_column - last, steps))
            preview = (first + steps, last + steps)
        elif self.zone == "first":
            preview = (max(0, min(last, first + steps)), last)
        else:
            preview = (first, max(first, min(last_column, last + steps)))
        y = self.home.y() + (event.scenePos().y() - self.press.y() if self.zone == "move" else 0)
        if preview != self.preview or y != bar.y():
            self.preview = preview
            x, width = grid.span_x(*preview)
            bar.set_rect(x, y, width)

    def finish(self, event: QGraphicsSceneMouseEvent) -> None:
        bar = self.bar
        bar.setZValue(BAR_Z)
        if bar.span is None and (event.scenePos() - self.press).manhattanLength() > CLICK:
            self.scene.place_dropped(bar.instrument_id, event.scenePos())
        elif bar.span is not None and self.preview is not None and (
            self.preview != bar.span or self._role_at(event.scenePos()) != bar.role
        ):
            self.scene.span_dropped(bar.instrument_id, *self.preview, self._role_at(event.scenePos()))
        else:
            self.restore()

    def _role_at(self, at: QPointF) -> str:
        """The value role of the lane a moved bar is dropped in; its own role anywhere else."""
        lane = self.scene.grid.band_at(at.y()) if self.zone == "move" else None
        return lane if lane in ROLE_LANES else self.bar.role

    def restore(self) -> None:
        self.bar.setZValue(BAR_Z)
        self.bar.set_rect(self.home.x(), self.home.y(), self.home_width)
