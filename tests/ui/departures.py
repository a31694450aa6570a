"""Counting what a hidden section lets go of in each turn of the event loop (work counted, not time, so a
busy machine cannot fail a test): a repeating zero timer counts the items of a kind still on the scene."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsScene


class Departures:
    """`left`: how many items of `kind` the scene still holds; `most`: the most that went in one turn."""

    def __init__(self, scene: QGraphicsScene, kind: type):
        self.scene = scene
        self.kind = kind
        self.left = self._count()
        self.most = 0
        self.timer = QTimer(scene)  # goes with the scene
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _count(self) -> int:
        return sum(isinstance(item, self.kind) for item in self.scene.items())

    def tick(self) -> None:
        left = self._count()
        self.most = max(self.most, self.left - left)
        self.left = left

    def stop(self) -> None:
        self.tick()
        self.timer.stop()


def leave_for_the_overview(window, scene: QGraphicsScene, kind: type, qtbot) -> Departures:
    """Show the overview in place of the section of `scene`: its items of `kind` go a slice per turn
    a while after the switch (none in the switch's own turn: the overview shows first), each turn letting
    go of no more than a slice."""
    from ui.canvas.leaving import LEAVING_PER_TURN

    departures = Departures(scene, kind)
    total = departures.left
    window.show_section("overview")
    departures.tick()
    assert departures.left == total  # let go of later
    qtbot.waitUntil(lambda: departures.left == 0, timeout=10_000)
    departures.stop()
    assert departures.most <= LEAVING_PER_TURN
    return departures
