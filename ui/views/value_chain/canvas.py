"""The view of the value-chain scene: fits the stages to its width and scrolls down the lanes.

Zooming, refitting and gestures are the shared ZoomableView's (ui.canvas.view); what is its own: the
fit, Ctrl+wheel zoom (a plain wheel scrolls the lanes), where the top is and the arrow keys.
Keys are reported as signals and the section view turns them into commands: ← / → shift the
selected bars by one stage, Shift+← / → move their last stage (F2 and the inline rename are the
shared view's).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent

from ui.canvas.view import ZoomableView

READABLE = 0.75  # shrink below the width fit only this far to show every lane; beyond it, scroll
LARGEST_FIT = 1.6
ALWAYS_ON, ALWAYS_OFF, AS_NEEDED = (
    Qt.ScrollBarPolicy.ScrollBarAlwaysOn,
    Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
    Qt.ScrollBarPolicy.ScrollBarAsNeeded,
)


class ChainCanvas(ZoomableView):
    MIN_ZOOM, MAX_ZOOM = 0.3, 3.0
    stepped = Signal(int, bool)  # stages to shift by, True when only the last stage moves (resize)
    top_changed = Signal(float)  # the scene y at the top of the view, after a scroll or zoom

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("valueChainCanvas")
        self.setAccessibleName("Value chain canvas")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.viewport_changed.connect(self._report_top)
        scene.sceneRectChanged.connect(self._follow_scene)

    def _follow_scene(self, _rect: QRectF) -> None:
        if self.auto_fit:
            self.fit()

    def fit(self) -> None:
        """Scale so the whole chain shows; when that would make it too small to read, fit the stages
        to the width and let the lanes scroll vertically.

        The fit decides the lanes' scroll bar itself, from the view's whole size: left to show as
        needed, the bar appeared, the narrower fit no longer needed it, it hid, the view widened and
        the window relaid itself out for ever."""
        rect = self.sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return
        frame = 2 * self.frameWidth()
        width, height = self.width() - frame - 4, self.height() - frame - 4
        factor = self._fitted(rect, width, height)
        scrolls = rect.height() * factor > height + 0.5
        if scrolls:  # the bar takes its width from the stages
            factor = self._fitted(rect, width - self.verticalScrollBar().sizeHint().width(), height)
        self.setVerticalScrollBarPolicy(ALWAYS_ON if scrolls else ALWAYS_OFF)
        top = self.top()
        self.resetTransform()
        self.scale(factor, factor)
        self.verticalScrollBar().setValue(round(top * factor))  # the same lanes stay in view
        self._set_auto_fit(True)
        self.viewport_changed.emit()

    def _fitted(self, rect: QRectF, width: float, height: float) -> float:
        across, down = width / rect.width(), height / rect.height()
        return max(self.MIN_ZOOM, min(LARGEST_FIT, across, max(down, READABLE * across)))

    def _set_auto_fit(self, on: bool) -> None:
        """Fitted, the stages span the width and only the lanes scroll; zoomed by the user, both
        scroll bars show as needed."""
        super()._set_auto_fit(on)
        self.setHorizontalScrollBarPolicy(ALWAYS_OFF if on else AS_NEEDED)
        if not on:
            self.setVerticalScrollBarPolicy(AS_NEEDED)

    def top(self) -> float:
        return self.mapToScene(0, 0).y()

    def _report_top(self) -> None:
        self.top_changed.emit(self.top())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.wheel_zoom(event)
            return
        super().wheelEvent(event)  # plain wheel scrolls the lanes

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain and self.scene().selectedItems():
            self.stepped.emit(-1 if key == Qt.Key.Key_Left else 1, bool(mods & Qt.KeyboardModifier.ShiftModifier))
            event.accept()
            return
        super().keyPressEvent(event)
