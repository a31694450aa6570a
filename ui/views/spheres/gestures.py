"""The sphere gesture: drag a sphere's name to move it, its square handle to resize it.

Regions follow live while it runs; on release the new centre or radius is one edit, and Escape puts
the sphere back as the document has it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from ui.canvas.interaction import Interaction
from ui.views.spheres.items import SphereItem

if TYPE_CHECKING:
    from ui.views.spheres.scene import SpheresScene

MIN_RADIUS = 20.0


class SphereGesture(Interaction):
    scene: SpheresScene

    def __init__(self, scene: SpheresScene, item: SphereItem, press: QPointF):
        super().__init__(scene)
        self.item = item
        self.press = press
        self.home = item.pos()
        self.resizing = item.handle_rect().contains(item.mapFromScene(press))

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.item
        if self.resizing:
            offset = event.scenePos() - item.pos()
            item.set_radius(max(MIN_RADIUS, math.hypot(offset.x(), offset.y())))
        else:
            item.setPos(self.home + event.scenePos() - self.press)
        self.scene.sphere_dragging(item.sphere_id, item.x(), item.y(), item.radius)

    def finish(self, event: QGraphicsSceneMouseEvent) -> None:
        item, sphere = self.item, self.item.sphere
        if self.resizing and abs(item.radius - sphere.r) > 0.05:
            self.scene.sphere_edited.emit(item.sphere_id, {"r": round(item.radius, 1)})
        elif not self.resizing and item.pos() != QPointF(sphere.cx, sphere.cy):
            self.scene.sphere_edited.emit(item.sphere_id, {"cx": round(item.x(), 1), "cy": round(item.y(), 1)})

    def restore(self) -> None:
        self.item.update_from(self.item.sphere)
        self.scene.recompute_regions()
